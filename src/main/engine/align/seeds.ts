import { MAX_SEED_OCCURRENCES, scanSubject, type PreparedQuery } from './kmer-index.js'

/** Which query strands to seed: 0 is the query as given, 1 its reverse complement. */
export type StrandIndex = 0 | 1

/** The best chain of seed hits on one strand: the region the banded aligner should look at. */
export interface SeedCluster {
  readonly strand: StrandIndex
  /** Chain score: roughly the query bases the chained seeds cover, less drift penalties. */
  readonly score: number
  /** Extreme diagonals (subjectPos - queryPos, query coordinates on `strand`) of the chain. */
  readonly minDiag: number
  readonly maxDiag: number
  /** Seeds in the chain. */
  readonly anchors: number
  /** The chain's seeds in query order: query position (on `strand`) and diagonal of each. */
  readonly anchorQuery: Int32Array
  readonly anchorDiag: Int32Array
}

/** Hits kept per strand; later ones are dropped (only huge repetitive subjects get here). */
const MAX_HITS_PER_STRAND = 1 << 21
/** Chaining looks back this many hits (sorted by subject position) for a predecessor. */
const CHAIN_LOOKBACK = 64
/** Two seeds further apart than this on the subject are never chained. */
const MAX_LINK_GAP = 5000
/** Nor are two seeds whose diagonals differ by more than this (an indel longer than this). */
const MAX_LINK_DRIFT = 256

/** Buffers grown past this many hits (a huge repetitive subject) are dropped after use. */
const KEEP_HITS = 1 << 18

/** Growable seed-hit lists, reused across calls (alignment is synchronous, so this is safe). */
class HitList {
  queryPos: Int32Array = new Int32Array(256)
  subjectPos: Int32Array = new Int32Array(256)
  count = 0

  reset(): void {
    this.count = 0
    if (this.queryPos.length > KEEP_HITS) {
      this.queryPos = new Int32Array(256)
      this.subjectPos = new Int32Array(256)
    }
  }

  push(queryPos: number, subjectPos: number): void {
    if (this.count === this.queryPos.length) {
      if (this.count >= MAX_HITS_PER_STRAND) return
      this.queryPos = grow(this.queryPos)
      this.subjectPos = grow(this.subjectPos)
    }
    this.queryPos[this.count] = queryPos
    this.subjectPos[this.count++] = subjectPos
  }
}

function releaseLargeBuffers(): void {
  for (const list of hitLists) list.reset()
  if (chainScores.length > KEEP_HITS) {
    chainScores = new Int32Array(256)
    chainPreds = new Int32Array(256)
  }
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2)
  b.set(a)
  return b
}

const hitLists = [new HitList(), new HitList()] as const
let chainScores = new Int32Array(256)
let chainPreds = new Int32Array(256)

/**
 * Seeds `subject[start, end)` with the query's k-mers and returns the best chain on each seeded
 * strand that has any hit, best first. Strands not in `strands` are not seeded.
 */
export function findSeedClusters(
  prepared: PreparedQuery,
  subject: Uint8Array,
  start: number,
  end: number,
  strands: readonly StrandIndex[],
): SeedCluster[] {
  const { starts, counts, entries } = prepared
  const wanted = [strands.includes(0), strands.includes(1)]
  for (const list of hitLists) list.reset()
  scanSubject(prepared, subject, start, end, (slot, subjectPos) => {
    const count = counts[slot]!
    if (count > MAX_SEED_OCCURRENCES) return
    const from = starts[slot]!
    for (let e = from; e < from + count; e++) {
      const entry = entries[e]!
      const strand = entry & 1
      if (wanted[strand]) hitLists[strand]!.push(entry >> 1, subjectPos)
    }
  })

  const clusters: SeedCluster[] = []
  for (const strand of strands) {
    const cluster = bestChain(hitLists[strand], strand, prepared.seedK)
    if (cluster) clusters.push(cluster)
  }
  releaseLargeBuffers()
  return clusters.sort((a, b) => b.score - a.score)
}

/**
 * Sparse chaining DP (in the spirit of minimap2's, much simplified) over hits sorted by subject
 * position. A link gains the new query bases the later seed covers (at most k) and pays about
 * what the indel between the seeds would cost, so a chain bridges an indel when the seeds on
 * both sides outweigh it, and a stray seed on another diagonal only joins a chain it improves.
 */
function bestChain(hits: HitList, strand: StrandIndex, k: number): SeedCluster | null {
  const n = hits.count
  if (n === 0) return null
  if (chainScores.length < n) {
    chainScores = new Int32Array(hits.queryPos.length)
    chainPreds = new Int32Array(hits.queryPos.length)
  }
  const { queryPos: q, subjectPos: s } = hits
  let bestEnd = 0
  for (let i = 0; i < n; i++) {
    const qi = q[i]!
    const si = s[i]!
    let score = k
    let pred = -1
    for (let j = i - 1; j >= 0 && j >= i - CHAIN_LOOKBACK; j--) {
      const ds = si - s[j]!
      if (ds > MAX_LINK_GAP) break
      const dq = qi - q[j]!
      if (ds <= 0 || dq <= 0) continue
      const drift = ds > dq ? ds - dq : dq - ds
      if (drift > MAX_LINK_DRIFT) continue
      const gain = dq < ds ? (dq < k ? dq : k) : ds < k ? ds : k
      // About what the indel costs the alignment, in the chain's units of matching bases.
      const penalty = drift === 0 ? 0 : 2 + drift
      const candidate = chainScores[j]! + gain - penalty
      if (candidate > score) {
        score = candidate
        pred = j
      }
      // The nearest overlapping seed on the same diagonal continues an exact match; anything
      // further back could only have been chained through it, so stop looking (minimap2 cuts
      // its search short in the same spirit). This keeps long exact runs O(1) per seed.
      if (drift === 0 && dq <= k) break
    }
    chainScores[i] = score
    chainPreds[i] = pred
    if (score > chainScores[bestEnd]!) bestEnd = i
  }

  let minDiag = Infinity
  let maxDiag = -Infinity
  let anchors = 0
  for (let i = bestEnd; i >= 0; i = chainPreds[i]!) anchors++
  const anchorQuery = new Int32Array(anchors)
  const anchorDiag = new Int32Array(anchors)
  // Predecessors run backwards along the query, so the arrays are filled from the end.
  for (let i = bestEnd, a = anchors - 1; i >= 0; i = chainPreds[i]!, a--) {
    const diag = s[i]! - q[i]!
    if (diag < minDiag) minDiag = diag
    if (diag > maxDiag) maxDiag = diag
    anchorQuery[a] = q[i]!
    anchorDiag[a] = diag
  }
  return {
    strand,
    score: chainScores[bestEnd]!,
    minDiag,
    maxDiag,
    anchors,
    anchorQuery,
    anchorDiag,
  }
}
