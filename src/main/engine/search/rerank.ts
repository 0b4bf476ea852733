import {
  alignPrepared,
  DEFAULT_MAX_FULL_CELLS,
  type Alignment,
  type PreparedQuery,
} from '../align/align.js'
import type { Catalog } from '../catalog/catalog.js'
import type { Data } from '../catalog/arrow.js'
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
    let row = 0
    for (const data of batch.getChild('sequence')!.data as Data[]) {
      const offsets = data.valueOffsets as Int32Array
      const values = data.values as Uint8Array
      for (let i = 0; i < data.length; i++, row++) {
        out.set(
          ridColumn.get(row) as bigint,
          values.subarray(offsets[data.offset + i], offsets[data.offset + i + 1]),
        )
      }
    }
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
 * The best alignment of the query within the record. Around a matched window the query may
 * hang over either edge, so each window is widened by the query length; overlapping ranges
 * are merged so a read is aligned once per place.
 */
export function alignRegions(
  prepared: PreparedQuery,
  subject: Uint8Array,
  regions: Regions,
  windowLength: number,
): Alignment | null {
  // A candidate sharing no seed k-mer with a query longer than the seed cannot reach a
  // reportable score (that needs ~20 matching bases), and aligning it in full would cost
  // milliseconds each; only queries shorter than a seed are aligned without one.
  const maxFullCells = prepared.length < prepared.seedK ? DEFAULT_MAX_FULL_CELLS : 0
  if (regions.whole) return alignPrepared(prepared, subject, { maxFullCells })
  const pad = prepared.length
  const ranges = regions.windows
    .map((w) => [Math.max(0, w - pad), Math.min(subject.length, w + windowLength + pad)] as const)
    .sort((a, b) => a[0] - b[0])
  let best: Alignment | null = null
  let [start, end] = ranges[0]!
  const alignRange = (): void => {
    const a = alignPrepared(prepared, subject, {
      subjectStart: start,
      subjectEnd: end,
      maxFullCells,
    })
    if (a && (!best || a.score > best.score)) best = a
  }
  for (const [s, e] of ranges.slice(1)) {
    if (s <= end) end = Math.max(end, e)
    else {
      alignRange()
      ;[start, end] = [s, e]
    }
  }
  alignRange()
  return best
}
