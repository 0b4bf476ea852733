import type { Candidate } from './rank.js'

/**
 * Every record an exhaustive search aligns, packed into one SharedArrayBuffer: the search
 * threads read the residues in place instead of each receiving a copy of up to 20 MB.
 */
export interface EveryRecord {
  /** Names the packing, so a search thread builds its candidate list once per search. */
  readonly key: string
  readonly rids: readonly bigint[]
  /** Record r is `residues[starts[r], starts[r + 1])`. */
  readonly starts: Int32Array
  readonly residues: Uint8Array
}

let packed = 0

/** Packs the records' residues, in the map's order. */
export function packEveryRecord(records: ReadonlyMap<bigint, Uint8Array>): EveryRecord {
  const starts = new Int32Array(records.size + 1)
  let total = 0
  let r = 0
  for (const residues of records.values()) {
    starts[r++] = total
    total += residues.length
  }
  starts[r] = total
  const residues = new Uint8Array(new SharedArrayBuffer(total))
  r = 0
  for (const bytes of records.values()) residues.set(bytes, starts[r++])
  return { key: `every-record ${++packed}`, rids: [...records.keys()], starts, residues }
}

/** Each record, whole, as a candidate; subjects are views into the shared residues. */
export function everyRecordCandidates(every: EveryRecord): Candidate[] {
  return every.rids.map((rid, r) => {
    const subject = every.residues.subarray(every.starts[r], every.starts[r + 1])
    return { rid, subject, ranges: [[0, subject.length]] }
  })
}
