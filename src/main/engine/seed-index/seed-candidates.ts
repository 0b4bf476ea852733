import { collectMinimizers, MinimizerList } from './minimizers.js'
import { findKeys, recordCount, type SeedIndex } from './seed-index.js'
import { slabInt32 } from '../align/typed-slab.js'

/** A record sharing seeds with a query, and where on it they lie. */
export interface SeedCandidate {
  readonly ordinal: number
  /**
   * Seeds in the best cluster: seeds on nearby diagonals of one strand (and, for a long query,
   * nearby on the subject).
   */
  readonly seeds: number
  /**
   * Subject ranges to align against: each seed cluster's diagonals, widened by the query (for a
   * long query (LONG_QUERY), by at most REACH past its seeds).
   */
  readonly ranges: [number, number][]
}

export interface SeedSearchOptions {
  /** Candidates returned, best first. */
  readonly limit: number
  /** Records that may be returned, by ordinal (1 = eligible); all when absent. */
  readonly eligible?: Uint8Array
  /** Subject bases added on each side of a cluster's span (room for indels the seeds missed). */
  readonly padding?: number
}

/**
 * A seed found in more records than this is skipped, as BLAST masks low-complexity words:
 * repeats would cost a hit per copy and say nothing about which record is the best.
 */
const MAX_SEED_PLACES = 2_000
/** Seeds of one record more than this many diagonals apart start separate clusters. */
const MIN_CLUSTER_GAP = 64
/**
 * How far past a cluster's outermost seeds a long query's range reaches, and the subject gap
 * between seeds that splits its cluster. It is the aligner's longest link between seeds
 * (MAX_LINK_GAP in align/seeds.ts): the aligner would not chain across a wider gap either.
 */
const REACH = 5_000
/**
 * A query longer than this is a long one: its diagonal tolerance (an eighth of it) passes REACH,
 * so repeat copies far apart on a subject can share a cluster. A 200 kb region of a bacterial
 * chromosome has transposons, and their copies' diagonals lie within 25 kb of one another all
 * along another chromosome: one cluster of them spanned the whole 5 Mb, and every band aligned
 * in it spanned the query's 200,000 rows. A shorter query's clusters already part copies more
 * than REACH apart on a subject (their diagonals are as far apart), and are widened by the whole
 * query: the subject order would cost a sort, 2% of a 10 kb genome's search.
 */
const LONG_QUERY = 8 * REACH

/**
 * Finds the records sharing the most seeds with queries, reusing its scratch buffers across
 * queries (one per index; calls are synchronous). Both strands are searched at once: a hit's
 * strand is the query minimizer's canonical orientation against the record's.
 */
export class SeedSearch {
  private readonly list = new MinimizerList()
  /** Seeds per (ordinal * 2 + strand), zero between queries. */
  private readonly counts: Int32Array
  private touched: Int32Array = new Int32Array(1024)
  private hitSlots: Int32Array = new Int32Array(4096)
  private hitDiagonals: Int32Array = new Int32Array(4096)
  /** Each hit's subject position, kept for a long query (LONG_QUERY) alone. */
  private hitSubjects: Int32Array = new Int32Array(4096)
  /** Each query minimizer's index entries, `[keyFrom[m], keyTo[m])`. */
  private keyFrom: Int32Array = new Int32Array(64)
  private keyTo: Int32Array = new Int32Array(64)
  /** What findKeys read ahead, kept so that its reads are not optimized away. */
  private readAhead = 0

  constructor(private readonly index: SeedIndex) {
    this.counts = new Int32Array(2 * recordCount(index))
  }

  /** Best candidates for `query` (either strand), most seeds first. */
  candidates(query: Uint8Array, options: SeedSearchOptions): SeedCandidate[] {
    const { index, list, counts } = this
    const { entryRecords, entryPlaces, starts, k } = index
    const eligible = options.eligible
    const n = query.length
    list.clear()
    collectMinimizers(query, 0, n, list)

    if (this.keyFrom.length < list.count) {
      this.keyFrom = new Int32Array(2 * list.count)
      this.keyTo = new Int32Array(2 * list.count)
    }
    const { keyFrom, keyTo } = this
    this.readAhead = findKeys(index, list.keys, list.count, keyFrom, keyTo)

    let touchedCount = 0
    let hits = 0
    const long = n > LONG_QUERY
    for (let m = 0; m < list.count; m++) {
      const from = keyFrom[m]!
      const to = keyTo[m]!
      if (to - from > MAX_SEED_PLACES) continue
      const queryPlace = list.places[m]!
      const queryPos = queryPlace >> 1
      for (let e = from; e < to; e++) {
        const ordinal = entryRecords[e]!
        if (eligible !== undefined && eligible[ordinal] === 0) continue
        const place = entryPlaces[e]!
        const strand = (place ^ queryPlace) & 1
        // Diagonal on the strand's own query coordinates, as the aligner counts them.
        const diagonal = (place >> 1) - (strand === 0 ? queryPos : n - k - queryPos)
        const slot = ordinal * 2 + strand
        if (counts[slot] === 0) {
          if (touchedCount === this.touched.length) this.touched = grow(this.touched)
          this.touched[touchedCount++] = slot
        }
        counts[slot]!++
        if (hits === this.hitSlots.length) {
          this.hitSlots = grow(this.hitSlots)
          this.hitDiagonals = grow(this.hitDiagonals)
          this.hitSubjects = grow(this.hitSubjects)
        }
        if (long) this.hitSubjects[hits] = place >> 1
        this.hitSlots[hits] = slot
        this.hitDiagonals[hits++] = diagonal
      }
    }
    const selected = this.select(touchedCount, options.limit)
    const result = this.cluster(selected, hits, n, k, options.padding ?? 32, starts)
    for (let t = 0; t < touchedCount; t++) counts[this.touched[t]!] = 0
    return result
  }

  /** The touched slots with the most seeds, at most about `limit` (ties at the cut are kept). */
  private select(touchedCount: number, limit: number): Int32Array {
    const { counts, touched } = this
    let most = 0
    for (let t = 0; t < touchedCount; t++) most = Math.max(most, counts[touched[t]!]!)
    const histogram = slabInt32(most + 1)
    for (let t = 0; t < touchedCount; t++) histogram[counts[touched[t]!]!]!++
    let threshold = most
    let taken = histogram[most]!
    while (threshold > 1 && taken + histogram[threshold - 1]! <= limit)
      taken += histogram[--threshold]!
    const out = slabInt32(taken)
    let i = 0
    for (let t = 0; t < touchedCount && i < taken; t++) {
      const slot = touched[t]!
      if (counts[slot]! >= threshold) out[i++] = slot
    }
    return out.subarray(0, i)
  }

  /** Groups each selected slot's seeds by diagonal and turns the clusters into ranges. */
  private cluster(
    selected: Int32Array,
    hits: number,
    queryLength: number,
    k: number,
    padding: number,
    starts: Float64Array,
  ): SeedCandidate[] {
    const { counts, hitSlots, hitDiagonals, hitSubjects } = this
    const long = queryLength > LONG_QUERY
    // Mark each selected slot with its rank + 1 (counts are restored by the caller), and gather
    // its diagonals (and a long query's subject positions) into one contiguous run per slot.
    const offsets = slabInt32(selected.length + 1)
    for (let s = 0; s < selected.length; s++) offsets[s + 1] = offsets[s]! + counts[selected[s]!]!
    for (let s = 0; s < selected.length; s++) counts[selected[s]!] = -(s + 1)
    const diagonals = slabInt32(offsets[selected.length]!)
    const subjects = long ? slabInt32(offsets[selected.length]!) : diagonals
    const fill = slabInt32(selected.length)
    fill.set(offsets.subarray(0, -1))
    for (let h = 0; h < hits; h++) {
      const mark = counts[hitSlots[h]!]!
      if (mark < 0) {
        const at = fill[-mark - 1]!++
        diagonals[at] = hitDiagonals[h]!
        if (long) subjects[at] = hitSubjects[h]!
      }
    }
    const gap = Math.max(MIN_CLUSTER_GAP, queryLength >> 3)
    const out: SeedCandidate[] = []
    for (let s = 0; s < selected.length; s++) {
      const ordinal = selected[s]! >> 1
      const length = starts[ordinal + 1]! - starts[ordinal]!
      const clusters = long
        ? longQueryClusters(diagonals, subjects, offsets[s]!, offsets[s + 1]!, gap, queryLength, k)
        : clustersOf(diagonals, offsets[s]!, offsets[s + 1]!, gap, queryLength)
      if (clusters.length > 1) clusters.sort((a, b) => b.seeds - a.seeds)
      const best = clusters[0]!.seeds
      const ranges: [number, number][] = []
      // Keep every cluster as strong as half the best: a repeat or duplication may hold the
      // better alignment, and aligning a second short range is cheap.
      for (const c of clusters) {
        if (c.seeds * 2 < best || ranges.length === 3) break
        ranges.push([Math.max(0, c.start - padding), Math.min(length, c.end + padding)])
      }
      out.push({ ordinal, seeds: best, ranges })
    }
    return out.sort((a, b) => b.seeds - a.seeds || a.ordinal - b.ordinal)
  }
}

/** Seeds of one record close together, and the subject range they call for (before padding). */
interface Cluster {
  readonly seeds: number
  readonly start: number
  readonly end: number
}

/**
 * The clusters of `diagonals[from, to)` (sorted here), cut where neighbours are more than `gap`
 * apart; each range spans its diagonals widened by the whole query.
 */
function clustersOf(
  diagonals: Int32Array,
  from: number,
  to: number,
  gap: number,
  queryLength: number,
): Cluster[] {
  sortRun(diagonals, from, to)
  const clusters: Cluster[] = []
  let lo = diagonals[from]!
  let count = 1
  for (let i = from + 1; i <= to; i++) {
    if (i === to || diagonals[i]! - diagonals[i - 1]! > gap) {
      clusters.push({ seeds: count, start: lo, end: diagonals[i - 1]! + queryLength })
      if (i < to) lo = diagonals[i]!
      count = 1
    } else count++
  }
  return clusters
}

/**
 * {@link clustersOf} for a long query (LONG_QUERY): each cluster of diagonals is cut again where
 * its seeds lie more than REACH apart on the subject, and each piece's range reaches past its
 * outermost seeds by the query left beyond them, at most REACH.
 */
function longQueryClusters(
  diagonals: Int32Array,
  subjects: Int32Array,
  from: number,
  to: number,
  gap: number,
  queryLength: number,
  k: number,
): Cluster[] {
  const hits = new Int32Array(to - from)
  for (let i = 0; i < hits.length; i++) hits[i] = from + i
  const byDiagonal = sortByKey(hits, diagonals)
  const clusters: Cluster[] = []
  let first = 0
  for (let i = 1; i <= byDiagonal.length; i++) {
    if (i < byDiagonal.length && diagonals[byDiagonal[i]!]! - diagonals[byDiagonal[i - 1]!]! <= gap)
      continue
    const bySubject = sortByKey(byDiagonal.slice(first, i), subjects)
    let seeds = 0
    let start = Infinity
    let end = -Infinity
    for (let j = 0; j < bySubject.length; j++) {
      const hit = bySubject[j]!
      const place = subjects[hit]!
      const queryPos = place - diagonals[hit]!
      seeds++
      start = Math.min(start, place - Math.min(queryPos, REACH))
      end = Math.max(end, place + k + Math.min(queryLength - k - queryPos, REACH))
      if (j + 1 === bySubject.length || subjects[bySubject[j + 1]!]! - place > REACH) {
        clusters.push({ seeds, start, end })
        seeds = 0
        start = Infinity
        end = -Infinity
      }
    }
    first = i
  }
  return clusters
}

/** Bits of the key sorted on per pass of {@link sortByKey}. */
const RADIX_BITS = 11
const RADIX = 1 << RADIX_BITS

/**
 * `members` ordered by `keys[member]`, ascending and stable: a radix sort, three passes of 11
 * bits, as a comparator sort of a long query's half a million seeds took a third of its search.
 * May reorder `members` itself.
 */
export function sortByKey(members: Int32Array, keys: Int32Array): Int32Array {
  const n = members.length
  if (n <= INSERTION_SORT_MAX) {
    for (let i = 1; i < n; i++) {
      const m = members[i]!
      const key = keys[m]!
      let j = i - 1
      while (j >= 0 && keys[members[j]!]! > key) {
        members[j + 1] = members[j]!
        j--
      }
      members[j + 1] = m
    }
    return members
  }
  let source: Int32Array = members
  let target: Int32Array = new Int32Array(n)
  const counts = new Int32Array(RADIX)
  for (let shift = 0; shift < 32; shift += RADIX_BITS) {
    counts.fill(0)
    // The sign bit flipped, so that negative keys come first.
    for (let i = 0; i < n; i++)
      counts[((keys[source[i]!]! ^ 0x80000000) >>> shift) & (RADIX - 1)]!++
    // One digit for all (the high bits of nearby keys): the pass would keep the order.
    if (counts.includes(n)) continue
    let sum = 0
    for (let b = 0; b < RADIX; b++) {
      const count = counts[b]!
      counts[b] = sum
      sum += count
    }
    for (let i = 0; i < n; i++) {
      const m = source[i]!
      target[counts[((keys[m]! ^ 0x80000000) >>> shift) & (RADIX - 1)]!++] = m
    }
    const done = target
    target = source
    source = done
  }
  return source
}

/** A run short enough to sort without the allocations of TypedArray sort (a read's are). */
const INSERTION_SORT_MAX = 64

/** Sorts `values[from, to)` ascending in place. */
function sortRun(values: Int32Array, from: number, to: number): void {
  if (to - from > INSERTION_SORT_MAX) {
    values.subarray(from, to).sort()
    return
  }
  for (let i = from + 1; i < to; i++) {
    const v = values[i]!
    let j = i - 1
    while (j >= from && values[j]! > v) {
      values[j + 1] = values[j]!
      j--
    }
    values[j + 1] = v
  }
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2)
  b.set(a)
  return b
}
