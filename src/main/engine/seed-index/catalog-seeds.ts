import { join } from 'node:path'
import type { Catalog } from '../catalog/catalog.js'
import { CatalogSeedSearch } from './catalog-search.js'
import { buildSeedIndex, ordinalOf, recordCount, type SeedIndex } from './seed-index.js'
import { listedSegments, readSeedRecords, seedsDir } from './segments.js'
import { sharedArray } from './shared-arrays.js'
import { readSeedIndex } from './store.js'

/**
 * Catalogs up to this many residues get a seed index in memory (about 3.5 bytes per residue:
 * the residues themselves, 12 bytes per minimizer and the bucket table). Larger ones are searched through
 * their LanceDB vectors alone.
 */
export const SEED_INDEX_MAX_RESIDUES = 600_000_000

/** One segment of a catalog's seed index, as loaded for searching. */
export interface LoadedSegment {
  readonly index: SeedIndex
  /** Records still in the catalog, by ordinal (1 = live); absent when all are. */
  readonly live?: Uint8Array
}

/** One loaded index per open catalog: a catalog object is pinned to one committed version. */
const cache = new WeakMap<Catalog, Promise<LoadedSegment[] | null>>()

/**
 * The catalog's seed index: the segments index maintenance wrote, plus one built in memory for
 * records added since (`ingest --no-index`), with records deleted since masked out. Null when
 * the catalog holds more residues than `maxResidues`.
 */
export function catalogSeedIndex(
  catalog: Catalog,
  maxResidues = SEED_INDEX_MAX_RESIDUES,
): Promise<LoadedSegment[] | null> {
  let loaded = cache.get(catalog)
  if (!loaded) {
    loaded = loadSegments(catalog, maxResidues)
    // A failure is not kept: the next search tries again.
    loaded.catch(() => cache.delete(catalog))
    cache.set(catalog, loaded)
  }
  return loaded
}

async function loadSegments(
  catalog: Catalog,
  maxResidues: number,
): Promise<LoadedSegment[] | null> {
  let indexes: SeedIndex[] = []
  let listed = listedSegments(catalog.db)
  try {
    indexes = listed.map((s) => readSeedIndex(join(seedsDir(catalog), s.file)))
  } catch {
    // A missing or damaged file (a concurrent merge removed it, or the disk did): index the
    // records in memory instead; `genocat index` writes fresh segments.
    indexes = []
    listed = []
  }
  const covered = Math.max(0, ...listed.map((s) => s.lastRid))
  const listedResidues = listed.reduce((sum, s) => sum + s.residues, 0)
  if (listedResidues > maxResidues) return null
  const newer = await readSeedRecords(catalog, covered, maxResidues - listedResidues)
  if (newer === null) return null
  if (newer.length > 0) indexes.push(buildSeedIndex(newer))

  const held = indexes.reduce((sum, index) => sum + recordCount(index), 0)
  if (held === (await catalog.tables.records.countRows()))
    return indexes.map((index) => ({ index }))
  // Some records were replaced or deleted since their segment was written: mask them out.
  const live = await recordMasks(catalog, indexes, undefined)
  return indexes.map((index, s) => ({ index, live: live[s]! }))
}

/**
 * Per segment, a mask of the records the catalog holds (matching `where`, when given), by
 * ordinal: each rid the records table returns is marked in the segment that has it.
 */
export async function recordMasks(
  catalog: Catalog,
  indexes: readonly SeedIndex[],
  where: string | undefined,
): Promise<Uint8Array[]> {
  const masks = indexes.map((index) => sharedArray(Uint8Array, recordCount(index)))
  let query = catalog.tables.records.query().select(['rid'])
  if (where !== undefined) query = query.where(where)
  for await (const batch of query) {
    const column = batch.getChild('rid')!
    for (let i = 0; i < batch.numRows; i++) {
      const rid = Number(column.get(i) as bigint)
      for (let s = 0; s < indexes.length; s++) {
        const ordinal = ordinalOf(indexes[s]!, rid)
        if (ordinal >= 0) {
          masks[s]![ordinal] = 1
          break
        }
      }
    }
  }
  return masks
}

/**
 * Seed search over every segment of a catalog's seed index under one filter: each segment
 * masks the records the filter excludes or the catalog no longer holds.
 */
export async function openCatalogSeedSearch(
  catalog: Catalog,
  segments: readonly LoadedSegment[],
  where: string | undefined,
): Promise<CatalogSeedSearch> {
  // Eligible = matching the filter, which only live records can.
  const masks =
    where === undefined
      ? segments.map((s) => s.live)
      : await recordMasks(
          catalog,
          segments.map((s) => s.index),
          where,
        )
  return new CatalogSeedSearch(
    segments.map((s, i) => ({ index: s.index, ...(masks[i] ? { eligible: masks[i] } : {}) })),
  )
}
