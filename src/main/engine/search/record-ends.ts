import { hashSlot } from '../align/kmer-index.js'
import { SUBJECT_CODE } from '../align/nucleotides.js'

/** Bases at each end of a record whose k-mers may pin an alignment of it (see RecordEnds). */
export const END_BASES = 100

/**
 * The k-mers of a record's first and last END_BASES bases that occur nowhere else in it, with
 * their places: the anchors of anchoredScoreBound. An alignment that matches one of them base
 * for base matches it there, so what lies before (or after) it in the query has only the bases
 * before (or after) that place in the record to align to.
 */
export interface RecordEnds {
  readonly k: number
  /** The record's length. */
  readonly length: number
  /** Anchor i is k-mer `kmers[i]` (packed 2 bits a base) at record place `at[i]`, in order. */
  readonly kmers: Int32Array
  readonly at: Int32Array
  /** Anchors before this index are in the first END_BASES bases, the rest in the last. */
  readonly left: number
}

/** Per subject array: the search threads keep their candidates' subjects for a whole search. */
const cache = new WeakMap<Uint8Array, RecordEnds | null>()

/**
 * The anchors of a whole record, or null when it is too short for two ends that cannot overlap
 * an anchor of the other (2 × END_BASES + k bases). Counting them scans the record once, about
 * 2 ns a base; the result is kept for the record's subject array.
 */
export function recordEnds(subject: Uint8Array, k: number): RecordEnds | null {
  const kept = cache.get(subject)
  if (kept !== undefined && (kept === null || kept.k === k)) return kept
  const ends = findEnds(subject, k)
  cache.set(subject, ends)
  return ends
}

function findEnds(subject: Uint8Array, k: number): RecordEnds | null {
  const m = subject.length
  if (m < 2 * END_BASES + k) return null
  const places: number[] = []
  for (let p = 0; p + k <= END_BASES; p++) places.push(p)
  const left = places.length
  for (let p = m - END_BASES; p + k <= m; p++) places.push(p)
  const kmers = places.map((p) => packedAt(subject, p, k))

  // The end k-mers in a small table, each with how often the record holds it (capped at 2).
  const bits = 10
  const shift = 32 - bits
  const last = (1 << bits) - 1
  const keys = new Int32Array(1 << bits).fill(-1)
  const counts = new Uint8Array(1 << bits)
  // The k-mer's slot, or the empty slot where it would go.
  const slotOf = (kmer: number): number => {
    let slot = hashSlot(kmer, shift)
    while (keys[slot] !== -1 && keys[slot] !== kmer) slot = (slot + 1) & last
    return slot
  }
  for (const kmer of kmers) if (kmer >= 0) keys[slotOf(kmer)] = kmer
  const mask = (1 << (2 * k)) - 1
  let kmer = 0
  let valid = 0
  for (let p = 0; p < m; p++) {
    const c = SUBJECT_CODE[subject[p]!]!
    if (c > 3) {
      valid = 0
      continue
    }
    kmer = ((kmer << 2) | c) & mask
    if (++valid < k) continue
    const slot = slotOf(kmer)
    if (keys[slot] === kmer && counts[slot]! < 2) counts[slot]!++
  }
  const once = (kmer: number): boolean => counts[slotOf(kmer)] === 1
  const outKmers: number[] = []
  const outAt: number[] = []
  let outLeft = 0
  places.forEach((p, i) => {
    const kmer = kmers[i]!
    if (kmer < 0 || !once(kmer)) return
    outKmers.push(kmer)
    outAt.push(p)
    if (i < left) outLeft++
  })
  return {
    k,
    length: m,
    kmers: Int32Array.from(outKmers),
    at: Int32Array.from(outAt),
    left: outLeft,
  }
}

/** The k-mer at `p`, packed as the query's tables pack it, or -1 when it holds a non-ACGT base. */
function packedAt(subject: Uint8Array, p: number, k: number): number {
  let kmer = 0
  for (let i = p; i < p + k; i++) {
    const c = SUBJECT_CODE[subject[i]!]!
    if (c > 3) return -1
    kmer = (kmer << 2) | c
  }
  return kmer
}
