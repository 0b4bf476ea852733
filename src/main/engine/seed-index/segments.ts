import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Catalog } from '../catalog/catalog.js'
import { forEachUtf8Bytes } from '../catalog/arrow.js'
import { getInfo, setInfo, type MetaDb } from '../catalog/meta-db.js'
import type { SeedRecord } from './seed-index.js'

/**
 * A catalog's seed index lives in segments, like a search engine's: each covers the records
 * added by some ingests (a contiguous rid range), so new records get a new small segment
 * instead of a rebuild, and segments are merged into one when there are too many. The list
 * is kept in the catalog's SQLite file and changes inside the maintenance job's transaction;
 * a segment file is written before it is listed and removed only after it is unlisted.
 */
export interface SegmentEntry {
  /** File name inside the catalog's `seeds/` folder. */
  readonly file: string
  readonly firstRid: number
  readonly lastRid: number
  readonly records: number
  readonly residues: number
}

export const SEEDS_DIR = 'seeds'
const INFO_KEY = 'seed_segments'

export function seedsDir(catalog: Catalog): string {
  return join(catalog.path, SEEDS_DIR)
}

export function listedSegments(db: MetaDb): SegmentEntry[] {
  const text = getInfo(db, INFO_KEY)
  return text === undefined ? [] : (JSON.parse(text) as SegmentEntry[])
}

export function setListedSegments(db: MetaDb, segments: readonly SegmentEntry[]): void {
  setInfo(db, INFO_KEY, JSON.stringify(segments))
}

/** A new segment's file name: its rid range, and a nonce so a rebuilt range never collides. */
export function segmentFileName(firstRid: number, lastRid: number): string {
  const nonce = Math.floor(Math.random() * 2 ** 32).toString(16)
  return `seeds-${firstRid}-${lastRid}-${nonce}.bin`
}

export function ensureSeedsDir(catalog: Catalog): string {
  const dir = seedsDir(catalog)
  mkdirSync(dir, { recursive: true })
  return dir
}

/** Deletes segment files the list no longer names (merged away, or left by a failed job). */
export function removeUnlistedSegments(catalog: Catalog): void {
  const dir = seedsDir(catalog)
  if (!existsSync(dir)) return
  const listed = new Set(listedSegments(catalog.db).map((s) => s.file))
  for (const name of readdirSync(dir))
    if (!listed.has(name)) rmSync(join(dir, name), { force: true })
}

/**
 * Records with residues from the `sequences` table, ascending by rid, optionally only those
 * past `afterRid`; null as soon as they would exceed `maxResidues`.
 */
export async function readSeedRecords(
  catalog: Catalog,
  afterRid: number,
  maxResidues: number,
): Promise<SeedRecord[] | null> {
  const records: SeedRecord[] = []
  let residues = 0
  let query = catalog.tables.sequences.query().select(['rid', 'sequence'])
  if (afterRid > 0) query = query.where(`rid > ${afterRid}`)
  for await (const batch of query) {
    const ridColumn = batch.getChild('rid')!
    let full = false
    forEachUtf8Bytes(batch.getChild('sequence')!, (row, bytes) => {
      residues += bytes.length
      if (residues > maxResidues) full = true
      else records.push({ rid: Number(ridColumn.get(row) as bigint), residues: bytes })
    })
    if (full) return null
  }
  // Scans return rows in insertion order, which is rid order, unless a compaction moved them.
  if (records.some((r, i) => i > 0 && r.rid < records[i - 1]!.rid))
    records.sort((a, b) => a.rid - b.rid)
  return records
}
