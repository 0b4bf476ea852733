import type { AlignmentSummary } from '../align/types.js'
import type { RankedHit, Ranking } from './rank.js'
import type { ClaimedRankings } from './search-worker.js'

/**
 * A search thread's rankings as numbers, for the trip back to the calling thread. Cloned as
 * objects, the ten hits of each of 500 reads took 7-11 ms to serialize and read back, a fifth
 * to a third of what ranking them takes on two warm threads; packed, copied and read back as
 * one Float64Array they take about 2 ms. Rankings with aligned strings travel as objects.
 */
export interface PackedClaims {
  readonly claimed: Int32Array
  /**
   * Per ranking its hit count, `scored`, `aligned` and `overBudget` (0 or 1), then
   * {@link HIT_FIELDS} numbers per hit.
   */
  readonly numbers: Float64Array
}

const RANKING_FIELDS = 4
const HIT_FIELDS = 14
const MAX_EXACT_RID = BigInt(Number.MAX_SAFE_INTEGER)

/** The claims as numbers, or null when a hit carries aligned strings or an rid past 2^53. */
export function packClaims({ claimed, rankings }: ClaimedRankings): PackedClaims | null {
  let size = 0
  for (const { top } of rankings) {
    size += RANKING_FIELDS + top.length * HIT_FIELDS
    for (const { rid, alignment } of top) {
      if ('alignedQuery' in alignment || rid > MAX_EXACT_RID) return null
    }
  }
  const numbers = new Float64Array(size)
  let at = 0
  for (const { top, scored, aligned, overBudget } of rankings) {
    numbers[at++] = top.length
    numbers[at++] = scored
    numbers[at++] = aligned
    numbers[at++] = overBudget ? 1 : 0
    for (const { rid, alignment: a, length } of top) {
      numbers[at++] = Number(rid)
      numbers[at++] = a.score
      numbers[at++] = a.strand === '+' ? 0 : 1
      numbers[at++] = a.queryStart
      numbers[at++] = a.queryEnd
      numbers[at++] = a.subjectStart
      numbers[at++] = a.subjectEnd
      numbers[at++] = a.matches
      numbers[at++] = a.mismatches
      numbers[at++] = a.gapOpenings
      numbers[at++] = a.columns
      numbers[at++] = a.identity
      numbers[at++] = a.coverage
      numbers[at++] = length
    }
  }
  return { claimed: Int32Array.from(claimed), numbers }
}

/** The rankings {@link packClaims} packed, as the thread had them. */
export function unpackClaims({ claimed, numbers }: PackedClaims): ClaimedRankings {
  const rankings: Ranking[] = []
  let at = 0
  for (let r = 0; r < claimed.length; r++) {
    const hits = numbers[at]!
    const scored = numbers[at + 1]!
    const aligned = numbers[at + 2]!
    const overBudget = numbers[at + 3] === 1
    at += RANKING_FIELDS
    const top: RankedHit[] = []
    for (let h = 0; h < hits; h++, at += HIT_FIELDS) {
      const alignment: AlignmentSummary = {
        score: numbers[at + 1]!,
        strand: numbers[at + 2] === 0 ? '+' : '-',
        queryStart: numbers[at + 3]!,
        queryEnd: numbers[at + 4]!,
        subjectStart: numbers[at + 5]!,
        subjectEnd: numbers[at + 6]!,
        matches: numbers[at + 7]!,
        mismatches: numbers[at + 8]!,
        gapOpenings: numbers[at + 9]!,
        columns: numbers[at + 10]!,
        identity: numbers[at + 11]!,
        coverage: numbers[at + 12]!,
      }
      top.push({ rid: BigInt(numbers[at]!), alignment, length: numbers[at + 13]! })
    }
    rankings.push({ top, scored, aligned, overBudget })
  }
  return { claimed: Array.from(claimed), rankings }
}
