import { DEFAULT_SCORING, type PreparedQuery } from '../align/align.js'
import { blockHits, type SubjectBlocks } from '../align/subject-blocks.js'
import { alignmentScoreBound } from './score-bound.js'

/**
 * Where in a record an alignment scoring above `floor` could lie, named by the blocks there: the
 * runs of the record's blocks (by content id, '|' before each run) that some window holding
 * such an alignment touches. '' when no window can hold one.
 *
 * An exhaustive ranking of a genome fragment aligns hundreds of relatives whose bounds reach
 * the top while their scores tie the k-th or fall short of it, and most of them hold the same
 * bases where the fragment lands: two records with one key hold the same bases wherever either
 * could score above the floor, so an alignment above it in one is one in the other. Once a
 * record of a key has scored at most the floor, every other of that key scores at most the floor
 * too, and need not be aligned (search/rank.ts).
 *
 * Why windows: a local alignment scoring s covers at most n query bases, and each subject base
 * it skips costs at least gapExtend (2) against the most it could score (match 2 × n), so it
 * spans at most n + (2n - s) / 2 subject bases. It scores no more than the q-gram bound
 * (alignmentScoreBound) of the distinct query k-mers in its span, and so in any window holding
 * the span. The record's k-mer hits per block (blockHits, scanned once per kind of block and
 * query, as seeding scans them) count a window's from above, so a window whose blocks' bound
 * does not pass the floor holds no alignment above it.
 */
export function regionKey(
  prepared: PreparedQuery,
  subject: Uint8Array,
  blocks: SubjectBlocks,
  floor: number,
): string {
  const { match, gapExtend } = DEFAULT_SCORING
  const n = prepared.length
  const span = n + Math.max(0, Math.floor((match * n - floor) / gapExtend))
  const hits = blockHits(prepared, subject, blocks)
  const { table, record, base } = blocks
  const first = table.firstBlock[record]!
  const count = hits.length
  const startOf = (b: number): number => table.starts[first + b]! - base
  const endOf = (b: number): number => (b + 1 < count ? startOf(b + 1) : subject.length)
  const inRegion = new Uint8Array(count)
  for (let u = 0; u < count; u++) {
    // The blocks a window starting in block u can reach, and the hits they hold.
    const reach = endOf(u) - 1 + span
    let sum = 0
    let v = u
    for (; v < count && startOf(v) < reach; v++) sum += hits[v]!
    const shared = {
      total: sum,
      forward: Math.min(sum, prepared.strandKmers[0]),
      reverse: Math.min(sum, prepared.strandKmers[1]),
      ambiguous: 0,
    }
    if (alignmentScoreBound(prepared, span, shared) > floor) inRegion.fill(1, u, v)
  }
  let key = ''
  for (let b = 0; b < count; b++) {
    if (!inRegion[b]) continue
    key += (b > 0 && inRegion[b - 1] ? ',' : '|') + table.ids[first + b]!
  }
  return key
}

/** A record aligned in full: its whole record was the range, and its blocks are known. */
export interface RegionRecord {
  readonly subject: Uint8Array
  readonly blocks: SubjectBlocks
}

/**
 * The region keys of one query's aligned records, each with the lowest score aligned under it,
 * to pass over records that cannot beat the floor (see regionKey). Keys are taken at the first
 * floor of a full top, the lowest it will be: a later floor's regions lie inside that one's, so
 * records with one key at the first floor hold the same bases wherever either could beat a later
 * floor too.
 */
export class AlignedRegions {
  private keyFloor: number | null = null
  private readonly lowest = new Map<string, number>()
  /** Records aligned before the first floor, keyed once it is known. */
  private waiting: { record: RegionRecord; score: number }[] = []

  constructor(private readonly prepared: PreparedQuery) {}

  /**
   * Records just aligned, each with its score, or -Infinity when it scored below the floor it
   * was aligned under (its path was not traced), and the floor now.
   */
  aligned(records: readonly { record: RegionRecord; score: number }[], floor: number | null): void {
    this.waiting.push(...records)
    if (floor === null) return
    this.keyFloor ??= floor
    for (const { record, score } of this.waiting) {
      const key = this.keyOf(record)
      this.lowest.set(key, Math.min(this.lowest.get(key) ?? Infinity, score))
    }
    this.waiting = []
  }

  /** Whether a record aligned with the same key scored at most `floor`, so this one will too. */
  bounded(record: RegionRecord, floor: number): boolean {
    if (this.keyFloor === null) return false
    const key = this.keyOf(record)
    return key === '' || (this.lowest.get(key) ?? Infinity) <= floor
  }

  /** Each record's key, by subject: one checked and then aligned is keyed once. */
  private readonly keys = new Map<Uint8Array, string>()

  private keyOf({ subject, blocks }: RegionRecord): string {
    let key = this.keys.get(subject)
    if (key === undefined) {
      key = regionKey(this.prepared, subject, blocks, this.keyFloor!)
      this.keys.set(subject, key)
    }
    return key
  }
}
