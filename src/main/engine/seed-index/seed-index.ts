import { collectMinimizers, MinimizerList, SEED_K, SEED_W } from './minimizers.js'
import { sharedArray } from './shared-arrays.js'

/**
 * An in-memory seed index over a set of records: every (k, w) minimizer of every record, sorted
 * by key, with each record's residues beside it. This is what BLAST's word lookup and minimap2's
 * index are to them: candidates are the records sharing seeds with a query, found in
 * microseconds, where a vector search costs milliseconds per call.
 *
 * Everything is typed arrays, so an index can be written to and read from a file as is.
 */
export interface SeedIndex {
  readonly k: number
  readonly w: number
  /** Record rids by ordinal, ascending. */
  readonly rids: Float64Array
  /** Residues of record `o` are `residues[starts[o], starts[o + 1])`, as stored (not re-cased). */
  readonly starts: Float64Array
  readonly residues: Uint8Array
  /** Minimizer entries sorted by key (ties by ordinal, then position). */
  readonly entryKeys: Int32Array
  readonly entryRecords: Int32Array
  /** `position * 2 + strand` of each entry within its record. */
  readonly entryPlaces: Int32Array
  /** Entries with key k lie in `[bucketStarts[k >>> bucketShift], …[+1])`. */
  readonly bucketStarts: Int32Array
  readonly bucketShift: number
}

export interface SeedRecord {
  readonly rid: number
  readonly residues: Uint8Array
}

/** Number of records in an index. */
export function recordCount(index: SeedIndex): number {
  return index.rids.length
}

/** The residues of one record: a view, not a copy. */
export function residuesOf(index: SeedIndex, ordinal: number): Uint8Array {
  return index.residues.subarray(index.starts[ordinal], index.starts[ordinal + 1])
}

/** Ordinal of a rid, or -1 when the index does not hold it. */
export function ordinalOf(index: SeedIndex, rid: number): number {
  const { rids } = index
  let lo = 0
  let hi = rids.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const value = rids[mid]!
    if (value === rid) return mid
    if (value < rid) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

const KEY_BITS = 2 * SEED_K

/**
 * Builds the index in two passes over the residues (count by bucket, then place), so memory is
 * the residues plus 12 bytes per minimizer, with no second copy of the entries for sorting.
 * Records must come with ascending, distinct rids.
 */
export function buildSeedIndex(records: readonly SeedRecord[]): SeedIndex {
  const n = records.length
  const rids = sharedArray(Float64Array, n)
  const starts = sharedArray(Float64Array, n + 1)
  let total = 0
  for (let o = 0; o < n; o++) {
    const { rid, residues } = records[o]!
    if (o > 0 && rid <= rids[o - 1]!)
      throw new RangeError('seed index records must have ascending rids')
    rids[o] = rid
    starts[o] = total
    total += residues.length
  }
  starts[n] = total
  const residues = sharedArray(Uint8Array, total)
  for (let o = 0; o < n; o++) residues.set(records[o]!.residues, starts[o])

  // Pass 1: how many minimizers fall in each bucket (the top bits of their key). About one
  // bucket per entry keeps buckets short; random sequence has 2 / (w + 1) minimizers per base.
  let bucketBits = 10
  while (bucketBits < 24 && 2 ** bucketBits < (2 * total) / (SEED_W + 1)) bucketBits++
  const bucketShift = KEY_BITS - bucketBits
  const bucketStarts = sharedArray(Int32Array, 2 ** bucketBits + 1)
  const list = new MinimizerList()
  let entries = 0
  for (let o = 0; o < n; o++) {
    list.clear()
    collectMinimizers(residues, starts[o]!, starts[o + 1]!, list)
    entries += list.count
    for (let i = 0; i < list.count; i++) bucketStarts[(list.keys[i]! >>> bucketShift) + 1]!++
  }
  for (let b = 1; b < bucketStarts.length; b++) bucketStarts[b]! += bucketStarts[b - 1]!

  // Pass 2: place each entry in its bucket, in ordinal and position order.
  const entryKeys = sharedArray(Int32Array, entries)
  const entryRecords = sharedArray(Int32Array, entries)
  const entryPlaces = sharedArray(Int32Array, entries)
  const cursor = bucketStarts.slice(0, -1)
  for (let o = 0; o < n; o++) {
    list.clear()
    collectMinimizers(residues, starts[o]!, starts[o + 1]!, list)
    for (let i = 0; i < list.count; i++) {
      const key = list.keys[i]!
      const at = cursor[key >>> bucketShift]!++
      entryKeys[at] = key
      entryRecords[at] = o
      entryPlaces[at] = list.places[i]!
    }
  }
  // Sort each bucket by key; insertion sort is stable and buckets hold about one key each.
  for (let b = 0; b + 1 < bucketStarts.length; b++) {
    const from = bucketStarts[b]!
    const to = bucketStarts[b + 1]!
    for (let i = from + 1; i < to; i++) {
      const key = entryKeys[i]!
      if (key >= entryKeys[i - 1]!) continue
      const record = entryRecords[i]!
      const place = entryPlaces[i]!
      let j = i - 1
      while (j >= from && entryKeys[j]! > key) {
        entryKeys[j + 1] = entryKeys[j]!
        entryRecords[j + 1] = entryRecords[j]!
        entryPlaces[j + 1] = entryPlaces[j]!
        j--
      }
      entryKeys[j + 1] = key
      entryRecords[j + 1] = record
      entryPlaces[j + 1] = place
    }
  }
  return {
    k: SEED_K,
    w: SEED_W,
    rids,
    starts,
    residues,
    entryKeys,
    entryRecords,
    entryPlaces,
    bucketStarts,
    bucketShift,
  }
}

/**
 * {@link findKey} for `keys[0, count)` at once: key m's entries are `[from[m], to[m])`, and the
 * first entry's record and place have been read. A query's keys land in random places of an
 * index of tens of megabytes, so each lookup waits on a few cache misses; the scalar loop that
 * finds one key's entries and then reads them waits on them one after another, because its
 * branches depend on what it loads. Done a step at a time over all keys, with no branch on the
 * loaded values in the steps that touch new memory, the misses of every key overlap: a read's
 * seed lookup took 11 µs instead of 15 (scratch timing of `candidates` on the bench's reads).
 * @returns a sum of the values read ahead, for the caller to keep so that the reads stay
 */
export function findKeys(
  index: SeedIndex,
  keys: Int32Array,
  count: number,
  from: Int32Array,
  to: Int32Array,
): number {
  const { entryKeys, entryRecords, entryPlaces, bucketStarts, bucketShift } = index
  for (let m = 0; m < count; m++) {
    const bucket = keys[m]! >>> bucketShift
    from[m] = bucketStarts[bucket]!
    to[m] = bucketStarts[bucket + 1]!
  }
  // A key of an empty bucket may start at the end of the entries, where there is nothing to read.
  let touched = 0
  for (let m = 0; m < count; m++) touched += entryKeys[from[m]!] ?? 0
  for (let m = 0; m < count; m++) {
    const key = keys[m]!
    const end = to[m]!
    let first = from[m]!
    while (first < end && entryKeys[first]! < key) first++
    let last = first
    while (last < end && entryKeys[last] === key) last++
    from[m] = first
    to[m] = last
  }
  for (let m = 0; m < count; m++)
    touched += (entryRecords[from[m]!] ?? 0) + (entryPlaces[from[m]!] ?? 0)
  return touched
}

/**
 * The entries holding `key`: `[from, to)`, empty when none. Searches use {@link findKeys}; this
 * plain one-key lookup is what the tests check it and the index against.
 */
export function findKey(index: SeedIndex, key: number): [number, number] {
  const { entryKeys, bucketStarts } = index
  const bucket = key >>> index.bucketShift
  let from = bucketStarts[bucket]!
  const end = bucketStarts[bucket + 1]!
  while (from < end && entryKeys[from]! < key) from++
  let to = from
  while (to < end && entryKeys[to] === key) to++
  return [from, to]
}
