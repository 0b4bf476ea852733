import { DEFAULT_SCORING, type PreparedQuery } from '../align/align.js'
import { onlyPlace } from '../align/kmer-index.js'
import type { RecordEnds } from './record-ends.js'
import { endCost, eventCost, leastSpoiling } from './score-bound.js'

/**
 * coveredScoreBound (score-bound.ts), tightened on one query strand by the record's end
 * anchors: k-mers of its first and last END_BASES bases found once in it and once in the query
 * (RecordEnds).
 *
 * The covered bound sees only which places a record lacks, so two kinds of difference between
 * relatives cost it less than they cost an alignment, and near-identical genomes stay in reach
 * of a genome query's top hits by these alone:
 * - a record whose end is shorter than the query's: the query bases past it have nothing to
 *   align to (a loss of `match` each), but their few missing places are charged as mismatches;
 * - an insertion in the query: its bases are lost and pay the gap (9 for one base), but the
 *   places it spoils are charged as a mismatch's (5).
 *
 * An alignment that matches a left anchor (query place p, record place r) base for base has
 * only the record's r bases to align the query's bases before p to, and the events after the
 * anchor spoil only places after p. So it either matches no left anchor, and then every left
 * anchor's place is spoiled as if the record lacked it, or it matches one, and then it loses
 * `match` for each matchable query base before p beyond r, and the places after every left
 * anchor are spoiled by events after it. Likewise at the right end. With both ends matched, the
 * path moves from the left anchor's diagonal (r - p) to the right one's, so the events between
 * them hold that many more query bases than record bases against gaps (or fewer), and gaps cost
 * more than the places they spoil are charged ({@link netGapCost}). The bound is the best of the
 * four cases (each end matched or not), Infinity when no anchor is on this strand. It may be above
 * the covered bound (a matched anchor lets it leave out the places before it): take the lower.
 */
export function anchoredScoreBound(
  prepared: PreparedQuery,
  strand: 0 | 1,
  at: ArrayLike<number>,
  ends: RecordEnds,
): number {
  const k = prepared.seedK
  if (ends.k !== k) return Infinity
  const { match } = DEFAULT_SCORING
  const n = prepared.length
  const places = Math.max(0, n - k + 1)
  const left: [number, number][] = []
  const right: [number, number][] = []
  for (let i = 0; i < ends.kmers.length; i++) {
    const place = onlyPlace(prepared, ends.kmers[i]!)
    if (place < 0 || (place >= places ? 1 : 0) !== strand) continue
    const anchor: [number, number] = [place - strand * places, ends.at[i]!]
    if (i < ends.left) left.push(anchor)
    else right.push(anchor)
  }
  if (left.length === 0 && right.length === 0) return Infinity

  const matchable = matchableBefore(prepared, strand)
  const end = endCost(prepared)
  const leftEnd = (x: number): number => end(x + 1)
  const rightEnd = (x: number): number => end(places - x)
  const m = ends.length
  // The least loss before a matched left anchor, per diagonal (r - p); after a right one.
  const leftLoss = leastLossByDiagonal(left, (p, r) => match * (matchable[p]! - r))
  const rightLoss = leastLossByDiagonal(
    right,
    (q, s) => match * (matchable[n]! - matchable[q + k]! - (m - s - k)),
  )
  const leftPlaces = left.map(([p]) => p).sort((a, b) => a - b)
  const rightPlaces = right.map(([q]) => q).sort((a, b) => a - b)
  const lastLeft = leftPlaces.length ? leftPlaces[leftPlaces.length - 1]! : -1
  const firstRight = rightPlaces.length ? rightPlaces[0]! : places

  // Neither end matched: every anchor's place is spoiled.
  const all = mergedPlaces(mergedPlaces(at, leftPlaces), rightPlaces)
  let least = leastSpoiling(all, 0, all.length, k, leftEnd, rightEnd)
  if (left.length > 0) {
    // The left end matched, the right not: past the last left anchor, intervals or an end.
    const after = mergedPlaces(at, rightPlaces)
    const from = firstAbove(after, lastLeft)
    const loss = minOf(leftLoss) + leastSpoiling(after, from, after.length, k, null, rightEnd)
    least = Math.min(least, loss)
  }
  if (right.length > 0) {
    // The right end matched, the left not: before the first right anchor, an end or intervals.
    const before = mergedPlaces(at, leftPlaces)
    const to = firstAbove(before, firstRight - 1)
    least = Math.min(least, minOf(rightLoss) + leastSpoiling(before, 0, to, k, leftEnd, null))
  }
  if (left.length > 0 && right.length > 0) {
    // Both matched: the places between the anchors are spoiled by events between them.
    const from = firstAbove(at, lastLeft)
    const core = leastSpoiling(
      at,
      from,
      Math.max(from, firstAbove(at, firstRight - 1)),
      k,
      null,
      null,
    )
    let outside = Infinity
    for (const [leftDiagonal, lossBefore] of leftLoss) {
      for (const [rightDiagonal, lossAfter] of rightLoss) {
        const gaps = netGapCost(k, leftDiagonal - rightDiagonal)
        outside = Math.min(outside, lossBefore + lossAfter + gaps)
      }
    }
    least = Math.min(least, outside + core)
  }
  return match * prepared.matchable - least + 1e-6
}

/** Per diagonal of the anchors, the least of `loss` over them (at least 0). */
function leastLossByDiagonal(
  anchors: readonly [number, number][],
  loss: (place: number, at: number) => number,
): Map<number, number> {
  const out = new Map<number, number>()
  for (const [place, at] of anchors) {
    const value = Math.max(0, loss(place, at))
    const diagonal = at - place
    out.set(diagonal, Math.min(out.get(diagonal) ?? Infinity, value))
  }
  return out
}

function minOf(values: Map<number, number>): number {
  let least = Infinity
  for (const value of values.values()) least = Math.min(least, value)
  return least
}

/** Per query, each strand's matchable bases (codes 0..3) before each place: made once. */
const matchableCounts = new WeakMap<PreparedQuery, [Int32Array | null, Int32Array | null]>()

function matchableBefore(prepared: PreparedQuery, strand: 0 | 1): Int32Array {
  let kept = matchableCounts.get(prepared)
  if (!kept) {
    kept = [null, null]
    matchableCounts.set(prepared, kept)
  }
  const codes = strand ? prepared.reverseCodes : prepared.forwardCodes
  const counts = (kept[strand] ??= new Int32Array(prepared.length + 1))
  if (counts[prepared.length] === 0 && prepared.matchable > 0) {
    for (let i = 0; i < prepared.length; i++) counts[i + 1] = counts[i]! + (codes[i]! < 4 ? 1 : 0)
  }
  return counts
}

/** The union of two increasing lists, increasing, without repeats. */
function mergedPlaces(a: ArrayLike<number>, b: readonly number[]): Int32Array {
  const out = new Int32Array(a.length + b.length)
  let i = 0
  let j = 0
  let o = 0
  while (i < a.length || j < b.length) {
    const next = j === b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!
    if (o === 0 || out[o - 1] !== next) out[o++] = next
  }
  return out.subarray(0, o)
}

/** The index of the first entry of the increasing list above `value`. */
function firstAbove(list: ArrayLike<number>, value: number): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (list[mid]! <= value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Nets of gaps charged; anchors' diagonals further apart are rare and charged nothing. */
const MAX_NET_GAP = 64
/** Per k: the least extra cost of each net gap, indexed by net + MAX_NET_GAP. */
const netGapCosts = new Map<number, Float64Array>()

/**
 * The least that gaps holding `net` more query bases than record bases (fewer, when negative)
 * cost beyond eventCost for each k places they spoil, which is what the covered bound already
 * charges them. A gap of g query bases costs gapOpen + g × (gapExtend + match) and spoils
 * k + g - 1 places; one of g record bases costs gapOpen + g × gapExtend and spoils k - 1. Any
 * mix of gaps with that net counts: with the default scores a net of one query base costs at
 * least 4 more (one gap, 9 where a mismatch's 5 was charged), a net of two 3 (one gap of two).
 *
 * Found once per k by relaxing over nets, the gaps up to 2 × MAX_NET_GAP long: gaps of a mix
 * can be ordered so that their running net stays within the longest gap of 0 and `net`, so
 * nets in [-3 × MAX_NET_GAP, 3 × MAX_NET_GAP] suffice. A longer gap must cost more than every
 * charge in the table, which holds when the next k lengths do and k bases more of a gap never
 * cost less (checked; otherwise nothing is charged).
 */
export function netGapCost(k: number, net: number): number {
  if (Math.abs(net) > MAX_NET_GAP) return 0
  let table = netGapCosts.get(k)
  if (!table) {
    table = netGapTable(k)
    netGapCosts.set(k, table)
  }
  return table[net + MAX_NET_GAP]!
}

function netGapTable(k: number): Float64Array {
  const { match, gapOpen, gapExtend } = DEFAULT_SCORING
  const perEvent = eventCost(k)
  const longest = 2 * MAX_NET_GAP
  const inserted = (g: number): number =>
    gapOpen + g * (gapExtend + match) - perEvent * Math.ceil((k + g - 1) / k)
  const deleted = (g: number): number => gapOpen + g * gapExtend - perEvent * Math.ceil((k - 1) / k)
  const reach = MAX_NET_GAP + longest
  const cost = new Float64Array(2 * reach + 1).fill(Infinity)
  cost[reach] = 0
  for (let changed = true; changed;) {
    changed = false
    for (let v = 0; v < cost.length; v++) {
      if (cost[v] === Infinity) continue
      for (let g = 1; g <= longest; g++) {
        for (const [to, extra] of [
          [v + g, inserted(g)],
          [v - g, deleted(g)],
        ] as const) {
          if (to < 0 || to >= cost.length) continue
          const through = cost[v]! + Math.max(0, extra)
          if (through < cost[to]!) {
            cost[to] = through
            changed = true
          }
        }
      }
    }
  }
  const table = cost.slice(reach - MAX_NET_GAP, reach + MAX_NET_GAP + 1)
  const mostCharged = Math.max(...table)
  let longer = Infinity
  for (let g = longest + 1; g <= longest + k; g++) {
    longer = Math.min(longer, inserted(g), deleted(g))
  }
  const growing = k * gapExtend >= perEvent && k * (gapExtend + match) >= perEvent
  return growing && longer >= mostCharged ? table : new Float64Array(table.length)
}
