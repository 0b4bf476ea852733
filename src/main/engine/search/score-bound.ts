import { DEFAULT_SCORING, type PreparedQuery } from '../align/align.js'
import type { SharedKmers } from '../align/kmer-index.js'

/**
 * An upper bound on the score of any local alignment of the query (either strand) within a
 * subject range of `rangeLength` bases, from the distinct query k-mers found in that range (the
 * q-gram lemma of Jokinen and Ukkonen, in scores instead of edits).
 *
 * A query k-mer that occurs nowhere in the range is matched exactly nowhere in the alignment,
 * so each of its places on the query overlaps a mismatch, a gap, or an end the local alignment
 * leaves out. An end left out costs `match` per base and spoils one place per base. Every other
 * event costs the score a known amount and spoils at most so many places: a mismatch costs
 * match - mismatch and spoils the k places over it, subject bases against a gap cost the gap
 * and spoil the k - 1 places across it, query bases against a gap cost the gap and their lost
 * matches and spoil k - 1 places more than their number. So the events inside an alignment
 * that covers `a` query bases cost at least `perPlace` times (missing - (n - a)).
 *
 * Covering `a` query bases gains at most match × a, less match for each N or IUPAC code among
 * them (those match nothing, and k-mers holding them are not counted as missing). So the bound
 * is highest at the most an alignment can cover: all n bases, or m when the range is shorter.
 * Covering more than m puts the extra query bases against gaps, where each matches nothing and
 * costs gapExtend: that outweighs the perPlace it saves by leaving one place less to an end.
 *
 * It is exact for a few scattered substitutions (each costs match - mismatch and spoils k
 * k-mers), which makes it sharp where it matters: ruling out near-identical genomes that
 * cannot enter the top hits of a genome query without aligning them.
 *
 * A run of Ns in the subject (an amplicon that failed to sequence) spoils only k - 1 places
 * more than its length, so the k-mer count charges it less than half a point a base. But an N
 * matches nothing either: no alignment has more matches than the range has ACGT bases, which
 * caps the bound at match × those, and rules out a genome with a few hundred Ns.
 */
export function alignmentScoreBound(
  prepared: PreparedQuery,
  rangeLength: number,
  shared: SharedKmers,
  strand?: 0 | 1,
): number {
  const { match, mismatch, gapOpen, gapExtend } = DEFAULT_SCORING
  const k = prepared.seedK
  const n = prepared.length
  const m = rangeLength
  const open = gapOpen + gapExtend
  const perPlace = Math.min(
    (match - mismatch) / k, // a mismatch
    open / Math.max(1, k - 1), // subject bases against a gap in the query
    (open + match) / k, // one query base against a gap (longer gaps cost more per place)
    gapExtend + match, // ... and each further base of it
  )
  // The better strand's, or the one asked for.
  const forward = prepared.strandKmers[0] - shared.forward
  const reverse = prepared.strandKmers[1] - shared.reverse
  const missing = strand === undefined ? Math.min(forward, reverse) : strand ? reverse : forward
  const covered = Math.min(n, m)
  const spoiled = Math.max(0, missing - (n - covered))
  const byKmers = match * Math.min(covered, prepared.matchable) - perPlace * spoiled
  const byBases = match * (m - shared.ambiguous)
  // A hair over, so that rounding never puts the bound below a score it equals.
  return Math.min(byKmers, byBases) + 1e-6
}

/**
 * A tighter bound than {@link alignmentScoreBound}'s on one query strand, from where on it the
 * k-mers the range lacks lie: `at` holds the places (0 to n - k on that strand) whose k-mers
 * the range does not hold, in increasing order.
 *
 * The per-place charge is exact for a lone substitution, which spoils k places, but two
 * changes closer than k spoil fewer than 2k places between them and an indel spoils k - 1,
 * and near-identical genomes differ by both. Here every alignment event is charged at least
 * `perEvent` for each k places it spoils or fewer (a mismatch spoils k places for match -
 * mismatch, a gap in the query k - 1 for gapOpen + gapExtend, g query bases against a gap
 * k + g - 1 for gapOpen + g × (gapExtend + match)), and an end left out `match` for each
 * matchable base it leaves out, which spoils the places over those bases. The cheapest way to
 * spoil every missing place so is found by one pass (intervals of k places from the left, or
 * an end over the first ones) and by trying each split of the last ones to the other end.
 */
export function coveredScoreBound(prepared: PreparedQuery, at: ArrayLike<number>): number {
  const { match } = DEFAULT_SCORING
  const places = Math.max(0, prepared.length - prepared.seedK + 1)
  const end = endCost(prepared)
  const least = leastSpoiling(
    at,
    0,
    at.length,
    prepared.seedK,
    (x) => end(x + 1),
    (x) => end(places - x),
  )
  return match * prepared.matchable - least + 1e-6
}

/**
 * The cost of an end left out, by its bases: `match` for each, less the query's N and IUPAC
 * codes, which may be among them and lose nothing.
 */
export function endCost(prepared: PreparedQuery): (bases: number) => number {
  const unmatchable = prepared.length - prepared.matchable
  return (bases) => DEFAULT_SCORING.match * Math.max(0, bases - unmatchable)
}

/** Per k-mer size: the least an alignment event costs for each k places it spoils, or fewer. */
const eventCosts = new Map<number, number>()

export function eventCost(k: number): number {
  let perEvent = eventCosts.get(k)
  if (perEvent !== undefined) return perEvent
  const { match, mismatch, gapOpen, gapExtend } = DEFAULT_SCORING
  perEvent = Math.min(match - mismatch, gapOpen + gapExtend)
  for (let g = 1; g <= 4 * k; g++) {
    perEvent = Math.min(perEvent, (gapOpen + g * (gapExtend + match)) / Math.ceil((k + g - 1) / k))
  }
  eventCosts.set(k, perEvent)
  return perEvent
}

/**
 * The least that spoils the places `at[from, to)` (in increasing order): eventCost for each k
 * places or fewer, or an end where one is allowed (`leftEnd(x)` leaves out the bases up to
 * place x, `rightEnd(x)` those from place x's last on). One pass from the left, then each split
 * of the last places to the right end.
 */
export function leastSpoiling(
  at: ArrayLike<number>,
  from: number,
  to: number,
  k: number,
  leftEnd: ((place: number) => number) | null,
  rightEnd: ((place: number) => number) | null,
): number {
  const count = Math.max(0, to - from)
  const perEvent = eventCost(k)
  // cost[j]: the least that spoils the first j places.
  const cost = new Float64Array(count + 1)
  let back = 0
  for (let j = 1; j <= count; j++) {
    const x = at[from + j - 1]!
    while (at[from + back]! < x - k + 1) back++
    cost[j] = Math.min(leftEnd ? leftEnd(x) : Infinity, cost[back]! + perEvent)
  }
  let least = cost[count]!
  if (rightEnd)
    for (let j = 0; j < count; j++) least = Math.min(least, cost[j]! + rightEnd(at[from + j]!))
  return least
}
