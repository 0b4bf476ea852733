import type { Catalog } from '../catalog/catalog.js'
import { forEachUtf8Bytes } from '../catalog/arrow.js'
import type { Candidate } from './candidates.js'

/**
 * Residues of the given records, as byte views into LanceDB's Arrow buffers (Utf8 data is
 * already the ASCII we align, so nothing is decoded or copied).
 */
export async function fetchSequences(
  catalog: Catalog,
  rids: readonly bigint[],
): Promise<Map<bigint, Uint8Array>> {
  const out = new Map<bigint, Uint8Array>()
  if (rids.length === 0) return out
  const query = catalog.tables.sequences
    .query()
    .where(`rid IN (${rids.join(', ')})`)
    .select(['rid', 'sequence'])
  for await (const batch of query) {
    const ridColumn = batch.getChild('rid')!
    forEachUtf8Bytes(batch.getChild('sequence')!, (row, bytes) =>
      out.set(ridColumn.get(row) as bigint, bytes),
    )
  }
  return out
}

/** Where to align in one record: all of it, or around the windows that matched. */
export interface Regions {
  whole: boolean
  windows: number[]
}

/** Groups candidates by record, keeping the order in which records first appear. */
export function groupCandidates(candidates: readonly Candidate[]): Map<bigint, Regions> {
  const byRid = new Map<bigint, Regions>()
  for (const c of candidates) {
    let regions = byRid.get(c.rid)
    if (!regions) byRid.set(c.rid, (regions = { whole: false, windows: [] }))
    if (c.windowOffset === undefined) regions.whole = true
    else regions.windows.push(c.windowOffset)
  }
  return byRid
}

/**
 * The ranges of a record to align against: all of it, or each matched window widened by the
 * query length on both sides (a read may hang over a window's edge), overlaps merged so a
 * read is aligned once per place.
 */
export function alignmentRanges(
  regions: Regions,
  subjectLength: number,
  windowLength: number,
  queryLength: number,
): [number, number][] {
  if (regions.whole) return [[0, subjectLength]]
  const sorted = regions.windows
    .map((w): [number, number] => [
      Math.max(0, w - queryLength),
      Math.min(subjectLength, w + windowLength + queryLength),
    ])
    .sort((a, b) => a[0] - b[0])
  const merged: [number, number][] = [sorted[0]!]
  for (const [s, e] of sorted.slice(1)) {
    const last = merged[merged.length - 1]!
    if (s <= last[1]) last[1] = Math.max(last[1], e)
    else merged.push([s, e])
  }
  return merged
}
