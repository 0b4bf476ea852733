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
  const { match, mismatch, gapOpen, gapExtend } = DEFAULT_SCORING
  const k = prepared.seedK
  const places = Math.max(0, prepared.length - k + 1)
  let perEvent = Math.min(match - mismatch, gapOpen + gapExtend)
  for (let g = 1; g <= 4 * k; g++) {
    perEvent = Math.min(perEvent, (gapOpen + g * (gapExtend + match)) / Math.ceil((k + g - 1) / k))
  }
  // Ends left out: bases that are N or IUPAC codes may be among them, and those lose nothing.
  const unmatchable = prepared.length - prepared.matchable
  const end = (bases: number): number => match * Math.max(0, bases - unmatchable)
  const count = at.length
  // cost[j]: the least that spoils the first j missing places (an end, or intervals).
  const cost = new Float64Array(count + 1)
  let from = 0
  for (let j = 1; j <= count; j++) {
    const x = at[j - 1]!
    while (at[from]! < x - k + 1) from++
    cost[j] = Math.min(end(x + 1), cost[from]! + perEvent)
  }
  let least = cost[count]!
  for (let j = 0; j < count; j++) least = Math.min(least, cost[j]! + end(places - at[j]!))
  return match * prepared.matchable - least + 1e-6
}
