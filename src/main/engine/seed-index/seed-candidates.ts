import { collectMinimizers, MinimizerList } from './minimizers.js'
import { findKeys, recordCount, type SeedIndex } from './seed-index.js'
import { slabInt32 } from '../align/typed-slab.js'

/** A record sharing seeds with a query, and where on it they lie. */
export interface SeedCandidate {
  readonly ordinal: number
  /** Seeds in the best cluster: seeds on nearby diagonals of one strand. */
  readonly seeds: number
  /** Subject ranges to align against: each seed cluster's diagonals, widened by the query. */
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
        }
        this.hitSlots[hits] = slot
        this.hitDiagonals[hits++] = diagonal
      }
    }
    const selected = this.select(touchedCount, options.limit)
    const result = this.cluster(selected, hits, n, options.padding ?? 32, starts)
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
    padding: number,
    starts: Float64Array,
  ): SeedCandidate[] {
    const { counts, hitSlots, hitDiagonals } = this
    // Mark each selected slot with its rank + 1 (counts are restored by the caller), and gather
    // its diagonals into one contiguous run per slot.
    const offsets = slabInt32(selected.length + 1)
    for (let s = 0; s < selected.length; s++) offsets[s + 1] = offsets[s]! + counts[selected[s]!]!
    for (let s = 0; s < selected.length; s++) counts[selected[s]!] = -(s + 1)
    const diagonals = slabInt32(offsets[selected.length]!)
    const fill = slabInt32(selected.length)
    fill.set(offsets.subarray(0, -1))
    for (let h = 0; h < hits; h++) {
      const mark = counts[hitSlots[h]!]!
      if (mark < 0) diagonals[fill[-mark - 1]!++] = hitDiagonals[h]!
    }
    const gap = Math.max(MIN_CLUSTER_GAP, queryLength >> 3)
    const out: SeedCandidate[] = []
    for (let s = 0; s < selected.length; s++) {
      const ordinal = selected[s]! >> 1
      const length = starts[ordinal + 1]! - starts[ordinal]!
      const from = offsets[s]!
      const to = offsets[s + 1]!
      sortRun(diagonals, from, to)
      const clusters: { seeds: number; lo: number; hi: number }[] = []
      let lo = diagonals[from]!
      let count = 1
      for (let i = from + 1; i <= to; i++) {
        if (i === to || diagonals[i]! - diagonals[i - 1]! > gap) {
          clusters.push({ seeds: count, lo, hi: diagonals[i - 1]! })
          if (i < to) lo = diagonals[i]!
          count = 1
        } else count++
      }
      if (clusters.length > 1) clusters.sort((a, b) => b.seeds - a.seeds)
      const best = clusters[0]!.seeds
      const ranges: [number, number][] = []
      // Keep every cluster as strong as half the best: a repeat or duplication may hold the
      // better alignment, and aligning a second short range is cheap.
      for (const c of clusters) {
        if (c.seeds * 2 < best || ranges.length === 3) break
        ranges.push([Math.max(0, c.lo - padding), Math.min(length, c.hi + queryLength + padding)])
      }
      out.push({ ordinal, seeds: best, ranges })
    }
    return out.sort((a, b) => b.seeds - a.seeds || a.ordinal - b.ordinal)
  }
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
