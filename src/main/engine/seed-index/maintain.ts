import { join } from 'node:path'
import type { IndexAction, IndexReport } from '../../../shared/catalog-types.js'
import type { Catalog } from '../catalog/catalog.js'
import { SEED_INDEX_MAX_RESIDUES } from './catalog-seeds.js'
import { buildSeedIndex, type SeedRecord } from './seed-index.js'
import {
  ensureSeedsDir,
  listedSegments,
  readSeedRecords,
  segmentFileName,
  setListedSegments,
  type SegmentEntry,
} from './segments.js'
import { writeSeedIndex } from './store.js'

/** More segments than this are merged into one: each costs a lookup per query seed. */
export const MAX_SEGMENTS = 4
/** Segments are also merged when this fraction of their records was deleted or replaced. */
const MAX_DEAD_FRACTION = 0.25

/**
 * Brings the seed index up to date inside a maintenance job (the caller's transaction makes
 * the new list visible at commit): records added since the last segment get a segment of
 * their own; too many segments, or too many dead records, are merged into one. Files the list
 * stops naming are removed by the caller after commit (`removeUnlistedSegments`).
 */
export async function refreshSeedSegments(
  catalog: Catalog,
  options: { rebuild?: boolean; say?: (message: string) => void } = {},
): Promise<IndexReport> {
  const started = performance.now()
  const listed = listedSegments(catalog.db)
  const live = await catalog.tables.records.countRows()
  const covered = Math.max(0, ...listed.map((s) => s.lastRid))
  const held = listed.reduce((sum, s) => sum + s.records, 0)
  const heldResidues = listed.reduce((sum, s) => sum + s.residues, 0)
  const report = (action: IndexAction, unindexedBefore: number): IndexReport => ({
    table: 'sequences',
    column: 'residues',
    kind: 'seeds',
    rows: live,
    unindexedBefore,
    action,
    seconds: (performance.now() - started) / 1000,
  })
  const tooLarge = (): IndexReport => {
    setListedSegments(catalog.db, [])
    return report('skipped', live)
  }

  // Counted first, so residues are read once: all of them for a merge, else the new ones.
  const newer = await catalog.tables.sequences.countRows(
    covered > 0 ? `rid > ${covered}` : undefined,
  )
  const dead = held + newer - live
  const merge =
    options.rebuild === true ||
    listed.length + (newer > 0 ? 1 : 0) > MAX_SEGMENTS ||
    dead > MAX_DEAD_FRACTION * (held + newer)
  if (!merge && newer === 0) return report('none', 0)

  const dir = ensureSeedsDir(catalog)
  const write = (records: readonly SeedRecord[]): SegmentEntry => {
    const index = buildSeedIndex(records)
    const first = records[0]!.rid
    const last = records[records.length - 1]!.rid
    const file = segmentFileName(first, last)
    writeSeedIndex(join(dir, file), index)
    return {
      file,
      firstRid: first,
      lastRid: last,
      records: records.length,
      residues: index.residues.length,
    }
  }

  if (merge) {
    options.say?.(`Building the seed index (${live.toLocaleString('en-US')} sequences)…`)
    const all = await readSeedRecords(catalog, 0, SEED_INDEX_MAX_RESIDUES)
    if (all === null) return tooLarge()
    setListedSegments(catalog.db, all.length > 0 ? [write(all)] : [])
    return report(listed.length > 0 ? 'rebuilt' : 'built', newer + dead)
  }
  const records = await readSeedRecords(catalog, covered, SEED_INDEX_MAX_RESIDUES - heldResidues)
  if (records === null) return tooLarge()
  setListedSegments(catalog.db, [...listed, write(records)])
  return report(listed.length > 0 ? 'refreshed' : 'built', newer)
}
