import { countInKernel, scanInKernel } from './kmer-count.js'
import { encodeQuery, reverseComplement, SUBJECT_CODE } from './nucleotides.js'
import { slabInt32, slabUint32, slabUint8 } from './typed-slab.js'

/** The classic blastn word size (megablast uses 28). */
export const DEFAULT_SEED_K = 11
/** 2-bit packing keeps a k-mer in a positive int32, so k is capped at 15. */
export const MAX_SEED_K = 15
/**
 * A k-mer found more often than this in the query (both strands together) is not used as a seed.
 * Low-complexity stretches (poly-A, microsatellites) would otherwise multiply into
 * query-occurrences × subject-occurrences hits; BLAST masks them for the same reason.
 */
export const MAX_SEED_OCCURRENCES = 64

/**
 * A query prepared for aligning against many subjects: both strands encoded, and every k-mer of
 * both strands in one open-addressing hash table, so one pass over a subject finds seeds for both
 * strands. Build it once with {@link prepareQuery}; treat it as read-only.
 */
export interface PreparedQuery {
  /** The query as given (not copied: do not mutate it while the prepared query is in use). */
  readonly bytes: Uint8Array
  /** Reverse complement of `bytes`, case preserved. */
  readonly reverseBytes: Uint8Array
  /** Codes (0..3 for ACGT/U, 4 otherwise) of `bytes` and of `reverseBytes`. */
  readonly forwardCodes: Uint8Array
  readonly reverseCodes: Uint8Array
  readonly length: number
  readonly seedK: number
  /** Distinct k-mers over both strands: the denominator for {@link countSharedKmers}. */
  readonly distinctKmers: number
  /** Query bases that can match (A, C, G, T or U); N and IUPAC codes match nothing. */
  readonly matchable: number
  /** Distinct k-mers of each strand alone: `[as given, reverse complement]`. */
  readonly strandKmers: readonly [number, number]
  /**
   * @internal The k-mer at each place: the query's places, then its reverse complement's (-1
   * where the window holds an N), and the k-mer's id: distinct k-mers are numbered in order of
   * their first place, so a subject read along the query meets ids in increasing order.
   */
  readonly placeKmers: Int32Array
  readonly placeIds: Int32Array
  /**
   * @internal Per k-mer id: its first place, which strands hold it (bit 0 '+', bit 1 '-'), and
   * how many places hold it (so a k-mer held once needs no trip to its occurrences).
   */
  readonly idFirstPlace: Int32Array
  readonly idStrands: Uint8Array
  readonly idPlaces: Int32Array
  /**
   * @internal Each k-mer's occurrences are `entries[idEntries[id] .. + idPlaces[id])`, as
   * `queryPos * 2 + strand` (0 '+', 1 '-'), ascending. Indexed by id rather than by table slot:
   * the table is over twice as large, and its per-slot arrays were a read's largest. Both are
   * empty when the query holds no k-mer twice (most reads): then nothing is looked up there.
   */
  readonly idEntries: Int32Array
  readonly entries: Int32Array
  /** @internal Packed k-mer per slot, -1 when empty. */
  readonly keys: Int32Array
  /** @internal The k-mer id per slot. */
  readonly slotIds: Int32Array
  /** @internal Bitset of k-mer hashes (top `32 - filterShift` bits) for a quick miss. */
  readonly filter: Uint32Array
  readonly filterShift: number
  /** @internal Generation stamps per k-mer id, so counting distinct shared k-mers needs no clearing. */
  readonly stamps: Uint32Array
  readonly marks: { generation: number }
}

/** 2^32 / golden ratio. */
const FIBONACCI_MULTIPLIER = 0x9e3779b1

/** Top bits of a Fibonacci hash: spreads the low-entropy 2-bit packing over the table. */
export function hashSlot(kmer: number, shift: number): number {
  return Math.imul(kmer, FIBONACCI_MULTIPLIER) >>> shift
}

/** Packed k-mers of `codes` in order of position, or -1 where the window holds a non-ACGT code. */
function packedKmers(codes: Uint8Array, k: number, out: Int32Array, offset: number): void {
  const mask = (1 << (2 * k)) - 1
  let kmer = 0
  let valid = 0
  for (let p = 0; p < codes.length; p++) {
    const c = codes[p]!
    if (c > 3) valid = 0
    else {
      kmer = ((kmer << 2) | c) & mask
      valid++
    }
    if (p >= k - 1) out[offset + p - k + 1] = valid >= k ? kmer : -1
  }
}

/**
 * Encodes the query and indexes the k-mers of both strands, for reuse across many subjects.
 * @param seedK seed length, 1..15 (default 11); k-mers with N or IUPAC codes are not indexed.
 */
export function prepareQuery(query: Uint8Array, seedK = DEFAULT_SEED_K): PreparedQuery {
  if (!Number.isInteger(seedK) || seedK < 1 || seedK > MAX_SEED_K) {
    throw new RangeError(`seedK must be an integer from 1 to ${MAX_SEED_K}, got ${seedK}`)
  }
  const n = query.length
  // Every table comes from the slab: a read's twenty arrays would otherwise cost ~20 µs.
  const forwardCodes = encodeQuery(query, slabUint8(n))
  const reverseBytes = reverseComplement(query, slabUint8(n))
  const reverseCodes = encodeQuery(reverseBytes, slabUint8(n))
  const perStrand = Math.max(0, n - seedK + 1)
  const kmers = slabInt32(2 * perStrand)
  if (perStrand > 0) {
    packedKmers(forwardCodes, seedK, kmers, 0)
    packedKmers(reverseCodes, seedK, kmers, perStrand)
  }

  // Load factor at most 1/2: the table is only probed for the few k-mers that pass the filter.
  let bits = 4
  while (1 << bits < 2 * kmers.length) bits++
  const size = 1 << bits
  const shift = 32 - bits
  // Most subject k-mers are not in the query. A bitset of at least 32 bits per k-mer, indexed by
  // the same hash, rejects ~97% of them with one well-predicted test before the table is probed.
  let filterBits = 10
  while (filterBits < 30 && 1 << filterBits < 32 * kmers.length) filterBits++
  const filter = slabUint32(1 << (filterBits - 5))
  const filterShift = 32 - filterBits
  const keys = slabInt32(size).fill(-1)
  const slotIds = slabInt32(size)
  const placeIds = slabInt32(kmers.length).fill(-1)
  // Ids are handed out in order of first place, at most one per place.
  const firstPlaces = slabInt32(kmers.length)
  const idStrands = slabUint8(kmers.length)
  const idPlaces = slabInt32(kmers.length)
  let distinctKmers = 0
  // Places whose k-mer has no N.
  let valid = 0
  for (let i = 0; i < kmers.length; i++) {
    const kmer = kmers[i]!
    if (kmer < 0) continue
    const bit = hashSlot(kmer, filterShift)
    filter[bit >>> 5]! |= 1 << (bit & 31)
    let slot = hashSlot(kmer, shift)
    while (keys[slot] !== kmer && keys[slot] !== -1) slot = (slot + 1) & (size - 1)
    if (keys[slot] === -1) {
      keys[slot] = kmer
      slotIds[slot] = distinctKmers
      firstPlaces[distinctKmers++] = i
    }
    const id = slotIds[slot]!
    placeIds[i] = id
    idStrands[id]! |= i < perStrand ? 1 : 2
    idPlaces[id]!++
    valid++
  }

  // Each k-mer's occurrences start where the ones before it (by id) end. Only k-mers held more
  // than once are ever looked up there, and most reads hold none: then there is nothing to list.
  const repeated = valid > distinctKmers
  const idEntries = slabInt32(repeated ? distinctKmers : 0)
  const entries = slabInt32(repeated ? valid : 0)
  if (repeated) {
    const cursor = slabInt32(distinctKmers)
    for (let id = 0, total = 0; id < distinctKmers; id++) {
      idEntries[id] = total
      cursor[id] = total
      total += idPlaces[id]!
    }
    for (let i = 0; i < kmers.length; i++) {
      const id = placeIds[i]!
      if (id < 0) continue
      const strand = i < perStrand ? 0 : 1
      entries[cursor[id]!++] = (i - strand * perStrand) * 2 + strand
    }
  }
  let forwardKmers = 0
  let reverseKmers = 0
  for (let id = 0; id < distinctKmers; id++) {
    forwardKmers += idStrands[id]! & 1
    reverseKmers += idStrands[id]! >> 1
  }
  let matchable = 0
  for (let i = 0; i < n; i++) if (forwardCodes[i]! < 4) matchable++

  return {
    bytes: query,
    reverseBytes,
    forwardCodes,
    reverseCodes,
    length: n,
    seedK,
    distinctKmers,
    matchable,
    strandKmers: [forwardKmers, reverseKmers],
    placeKmers: kmers,
    placeIds,
    idFirstPlace: firstPlaces.subarray(0, distinctKmers),
    idStrands: idStrands.subarray(0, distinctKmers),
    idPlaces: idPlaces.subarray(0, distinctKmers),
    idEntries,
    entries,
    keys,
    slotIds,
    filter,
    filterShift,
    stamps: slabUint32(distinctKmers),
    marks: { generation: 0 },
  }
}

/**
 * Passes every k-mer of `subject[start, end)` that occurs in the query (either strand) to
 * `onStretch(place, subjectPos, hits)`, in increasing subject position: `place` is a place
 * holding that k-mer (on a colinear stretch, the one after the previous hit's), so
 * `placeIds[place]` is its id. Hits at (place + i, subjectPos + i) for i < hits, all of k-mers
 * the query holds once and on one strand, come as one stretch: a genome against a relative is
 * a few hundred calls rather than 30,000. A hit of a k-mer the query holds more than once comes
 * alone. Windows holding a non-ACGT byte are skipped. This is the only O(subject) pass of an
 * alignment, so it runs in WebAssembly where it can (align/kmer-count.ts), and `onStretch` must
 * not count or scan meanwhile.
 */
export function scanSubject(
  prepared: PreparedQuery,
  subject: Uint8Array,
  start: number,
  end: number,
  onStretch: (place: number, subjectPos: number, hits: number) => void,
): void {
  const from = Math.max(0, start)
  const to = Math.max(from, Math.min(subject.length, end))
  if (scanInKernel(prepared, subject, from, to, onStretch)) return
  // The same scan in JavaScript, where WebAssembly is missing or the query is huge.
  const { seedK: k, placeKmers, placeIds, slotIds, idFirstPlace, idPlaces } = prepared
  const places = placeKmers.length
  const perStrand = places >> 1
  // As in countSharedKmersByStrand: after a hit, the query's next k-mer is tried first.
  let next = -1
  // A local, not a module binding: those are context loads (or, transpiled, property loads) per use.
  const codeOf = SUBJECT_CODE
  const mask = (1 << (2 * k)) - 1
  let kmer = 0
  let valid = 0
  // The open stretch (none while runHits is 0).
  let runPlace = 0
  let runAt = 0
  let runHits = 0
  for (let p = from; p < to; p++) {
    const c = codeOf[subject[p]!]!
    if (c > 3) {
      valid = 0
      continue
    }
    kmer = ((kmer << 2) | c) & mask
    if (++valid < k) continue
    let place: number
    if (next >= 0 && next < places && placeKmers[next] === kmer) {
      place = next
    } else {
      const slot = findSlot(prepared, kmer)
      if (slot < 0) {
        next = -1
        continue
      }
      place = idFirstPlace[slotIds[slot]!]!
    }
    next = place + 1
    const at = p - k + 1
    const once = idPlaces[placeIds[place]!] === 1
    // A stretch goes on along its diagonal, within one strand's places.
    if (
      once &&
      runHits > 0 &&
      place === runPlace + runHits &&
      at === runAt + runHits &&
      place !== perStrand
    ) {
      runHits++
      continue
    }
    if (runHits > 0) onStretch(runPlace, runAt, runHits)
    runHits = 0
    if (once) {
      runPlace = place
      runAt = at
      runHits = 1
    } else onStretch(place, at, 1)
  }
  if (runHits > 0) onStretch(runPlace, runAt, runHits)
}

/**
 * The table slot of `kmer`, or -1 when the query lacks it: the filter's bit first, which rejects
 * most absent k-mers without touching the table. Small enough for the scans to inline.
 */
function findSlot(prepared: PreparedQuery, kmer: number): number {
  const { keys, filter } = prepared
  const hash = Math.imul(kmer, FIBONACCI_MULTIPLIER)
  const bit = hash >>> prepared.filterShift
  if ((filter[bit >>> 5]! & (1 << (bit & 31))) === 0) return -1
  const last = keys.length - 1
  // keys.length is 2^bits, so the top bits of the hash are hash >>> (32 - bits).
  let slot = hash >>> (Math.clz32(keys.length) + 1)
  for (;;) {
    const key = keys[slot]!
    if (key === kmer) return slot
    if (key === -1) return -1
    slot = (slot + 1) & last
  }
}

/**
 * The one place holding `kmer` on either query strand (as `placeKmers` numbers them: the
 * reverse strand's after the forward's), or -1 when no place or several hold it.
 */
export function onlyPlace(prepared: PreparedQuery, kmer: number): number {
  const slot = findSlot(prepared, kmer)
  if (slot < 0) return -1
  const id = prepared.slotIds[slot]!
  return prepared.idPlaces[id] === 1 ? prepared.idFirstPlace[id]! : -1
}

/** Distinct query k-mers found in a subject range: in all, and of each query strand. */
export interface SharedKmers {
  readonly total: number
  /** Of the query as given, and of its reverse complement. */
  readonly forward: number
  readonly reverse: number
  /** Bases of the range that are not ACGT, so match nothing. */
  readonly ambiguous: number
}

/**
 * A cheap prefilter: how many distinct k-mers of the query (either strand) occur in
 * `subject[start, end)`. Compare with `prepared.distinctKmers` to skip hopeless candidates
 * before aligning them.
 */
export function countSharedKmers(
  prepared: PreparedQuery,
  subject: Uint8Array,
  start = 0,
  end = subject.length,
): number {
  return countSharedKmersByStrand(prepared, subject, start, end).total
}

/**
 * {@link countSharedKmers}, also counted per query strand (a k-mer of both strands counts
 * twice), with the range's bases that are not ACGT. This is the pre-score every candidate of a
 * search pays, over whole genomes when the query is one: so after a shared k-mer it first
 * tries the query's next k-mer, which is the subject's next wherever the two run colinear. One
 * compare in order then stands for a hash probe at random, which for a genome-sized query's
 * table misses the cache.
 */
export function countSharedKmersByStrand(
  prepared: PreparedQuery,
  subject: Uint8Array,
  start = 0,
  end = subject.length,
): SharedKmers {
  const {
    stamps,
    marks,
    slotIds,
    seedK: k,
    placeKmers,
    placeIds,
    idFirstPlace,
    idStrands,
  } = prepared
  // Wrapping to 0 would make stale stamps look fresh, so clear once every 2^32 calls.
  marks.generation = (marks.generation + 1) >>> 0
  if (marks.generation === 0) {
    stamps.fill(0)
    marks.generation = 1
  }
  const generation = marks.generation
  const from = Math.max(0, start)
  const to = Math.max(from, Math.min(subject.length, end))
  const counted = countInKernel(prepared, subject, from, to, generation)
  if (counted) return counted
  // The same scan in JavaScript, where WebAssembly is missing or the range is huge.
  const codeOf = SUBJECT_CODE
  const mask = (1 << (2 * k)) - 1
  const places = placeKmers.length
  let kmer = 0
  let valid = 0
  let ambiguous = 0
  let total = 0
  let forward = 0
  let reverse = 0
  // The place after the last shared k-mer's: where a colinear subject goes on (-1: none).
  let next = -1
  for (let p = from; p < to; p++) {
    const c = codeOf[subject[p]!]!
    if (c > 3) {
      valid = 0
      ambiguous++
      continue
    }
    kmer = ((kmer << 2) | c) & mask
    if (++valid < k) continue
    let id: number
    // Any place holding this very k-mer gives its id, so a wrong guess only costs the probe.
    if (next >= 0 && next < places && placeKmers[next] === kmer) {
      id = placeIds[next]!
    } else {
      const slot = findSlot(prepared, kmer)
      if (slot < 0) {
        next = -1
        continue
      }
      id = slotIds[slot]!
      next = idFirstPlace[id]!
    }
    next++
    if (stamps[id] !== generation) {
      stamps[id] = generation
      total++
      const strands = idStrands[id]!
      forward += strands & 1
      reverse += strands >> 1
    }
  }
  return { total, forward, reverse, ambiguous }
}
