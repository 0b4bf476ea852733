// The query k-mer scans over a subject range, as src/main/engine/align/kmer-index.ts writes
// them in JavaScript:
// - count: the pre-score, how many distinct query k-mers the range holds, in all and per query
//   strand, with its bases that are not ACGT (countSharedKmersByStrand). Every candidate of a
//   search pays it over its whole range (whole genomes for a genome query); V8 runs it at
//   ~4 ns a base.
// - scan: the seed hits, as stretches along one diagonal (scanSubject), which seeding a
//   candidate to align it pays over its range.
// Built into src/main/engine/align/kmer-count-wasm.ts by `npm run build:wasm`; driven by
// align/kmer-count.ts.
//
// There is no allocator: the caller lays out the query's tables and the subject from
// heapBase() on and passes one block of i32 parameters (the word offsets below, mirrored in
// align/kmer-count.ts).

const P_SUBJECT = 0 // subject bytes (u8), the range only
const P_LENGTH = 1 // bytes in the range
const P_K = 2 // k-mer length, 1..15
const P_CODES = 3 // 256 u8: SUBJECT_CODE, byte to 0..3 (ACGT/U) or above 3
const P_PLACES = 4 // query places over both strands
const P_PLACE_KMERS = 5 // i32 per place: its packed k-mer, -1 where it holds a non-ACGT code
const P_PLACE_IDS = 6 // i32 per place: its k-mer's id
const P_ID_FIRST_PLACE = 7 // i32 per id
const P_ID_STRANDS = 8 // u8 per id: bit 0 the query as given, bit 1 its reverse complement
const P_STAMPS = 9 // u32 per id: the generation of the call that last counted it
const P_GENERATION = 10 // this call's generation, never 0
const P_KEYS = 11 // i32 per table slot: packed k-mer, -1 when empty
const P_SLOT_IDS = 12 // i32 per slot
const P_TABLE_SHIFT = 13 // 32 - log2(slots): a hash's top bits are its slot
const P_FILTER = 14 // u32 words: a bit per hash (top 32 - filterShift bits)
const P_FILTER_SHIFT = 15
const P_OUT = 16 // 4 words written back: total, forward, reverse, ambiguous (count); stretches (scan)
const P_ID_PLACES = 20 // i32 per id: the places holding it (scan)
const P_STRETCHES = 21 // i32 triples written (scan): place, range offset, hits
const P_STEPS = 22 // u8 per place, written by steps(): see there

/** 2^32 / golden ratio: the Fibonacci hash of kmer-index.ts. */
const FIBONACCI_MULTIPLIER: u32 = 0x9e3779b1

function param(block: usize, word: i32): i32 {
  return load<i32>(block + ((<usize>word) << 2))
}

function i32At(base: usize, index: i32): i32 {
  return load<i32>(base + ((<usize>index) << 2))
}

/** Where the caller's memory layout may start. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~(<usize>15)
}

/**
 * The table slot of `kmer`, or -1 when the query lacks it (the filter's bit first). The table's
 * words come from the caller's locals, read once per call of count or scan: read here from the
 * block, they were four loads per k-mer, which the stores to the stamps kept from being hoisted.
 */
function findSlot(kmer: i32, filter: usize, filterShift: u32, keys: usize, tableShift: u32): i32 {
  const hash = <u32>kmer * FIBONACCI_MULTIPLIER
  const bit = hash >> filterShift
  if ((load<u32>(filter + ((<usize>(bit >> 5)) << 2)) & ((<u32>1) << (bit & 31))) == 0) return -1
  const last = ((<i32>1) << (32 - tableShift)) - 1
  let slot = <i32>(hash >> tableShift)
  let key = i32At(keys, slot)
  while (key != kmer && key != -1) {
    slot = (slot + 1) & last
    key = i32At(keys, slot)
  }
  return key == kmer ? slot : -1
}

/** What steps() writes for a place whose stretch cannot go on to the next place. */
const NO_STEP: i32 = 0xff

/**
 * Fills the step table scan follows stretches by, once per query: for each place, the code
 * (0..3) of the base the next place's k-mer ends in, when a stretch can go on to that place
 * (the next place is on the same strand, its k-mer has no N and the query holds it once), else
 * NO_STEP. A subject inside a stretch then costs one compare a base instead of a k-mer and
 * three table lookups: a genome against a relative is a few stretches of thousands of bases,
 * and scans 1.8 times as fast.
 */
export function steps(block: usize): void {
  const places = param(block, P_PLACES)
  const perStrand = places >> 1
  const placeKmers = <usize>param(block, P_PLACE_KMERS)
  const placeIds = <usize>param(block, P_PLACE_IDS)
  const idPlaces = <usize>param(block, P_ID_PLACES)
  const table = <usize>param(block, P_STEPS)
  for (let place = 0; place < places; place++) {
    const next = place + 1
    let step = NO_STEP
    if (next < places && next != perStrand) {
      const nextKmer = i32At(placeKmers, next)
      if (nextKmer >= 0 && i32At(idPlaces, i32At(placeIds, next)) == 1) step = nextKmer & 3
    }
    store<u8>(table + <usize>place, <u8>step)
  }
}

/**
 * Counts as countSharedKmersByStrand does: after a shared k-mer, the query's next place is
 * tried before the table, which is the subject's next k-mer wherever the two run colinear.
 */
export function count(block: usize): void {
  const subject = <usize>param(block, P_SUBJECT)
  const length = param(block, P_LENGTH)
  const k = param(block, P_K)
  const codes = <usize>param(block, P_CODES)
  const places = param(block, P_PLACES)
  const placeKmers = <usize>param(block, P_PLACE_KMERS)
  const placeIds = <usize>param(block, P_PLACE_IDS)
  const idFirstPlace = <usize>param(block, P_ID_FIRST_PLACE)
  const idStrands = <usize>param(block, P_ID_STRANDS)
  const stamps = <usize>param(block, P_STAMPS)
  const generation = <u32>param(block, P_GENERATION)
  const slotIds = <usize>param(block, P_SLOT_IDS)
  const filter = <usize>param(block, P_FILTER)
  const filterShift = <u32>param(block, P_FILTER_SHIFT)
  const keys = <usize>param(block, P_KEYS)
  const tableShift = <u32>param(block, P_TABLE_SHIFT)
  const mask = ((<i32>1) << (2 * k)) - 1
  let kmer = 0
  let valid = 0
  let ambiguous = 0
  let total = 0
  let forward = 0
  let reverse = 0
  // The place after the last shared k-mer's: where a colinear subject goes on (places: none).
  let next = places
  for (let p = 0; p < length; p++) {
    const c = <i32>load<u8>(codes + <usize>load<u8>(subject + <usize>p))
    if (c > 3) {
      valid = 0
      ambiguous++
      continue
    }
    kmer = ((kmer << 2) | c) & mask
    if (++valid < k) continue
    let id: i32
    // Any place holding this very k-mer gives its id, so a wrong guess only costs the probe.
    if (next < places && i32At(placeKmers, next) == kmer) {
      id = i32At(placeIds, next)
    } else {
      const slot = findSlot(kmer, filter, filterShift, keys, tableShift)
      if (slot < 0) {
        next = places
        continue
      }
      id = i32At(slotIds, slot)
      next = i32At(idFirstPlace, id)
    }
    next++
    const stamp = stamps + ((<usize>id) << 2)
    if (load<u32>(stamp) != generation) {
      store<u32>(stamp, generation)
      total++
      const strands = <i32>load<u8>(idStrands + <usize>id)
      forward += strands & 1
      reverse += strands >> 1
    }
  }
  const out = block + ((<usize>P_OUT) << 2)
  store<i32>(out, total)
  store<i32>(out, forward, 4)
  store<i32>(out, reverse, 8)
  store<i32>(out, ambiguous, 12)
}

/** Writes one stretch's triple at `out`; returns where the next goes. */
function putStretch(out: usize, place: i32, at: i32, hits: i32): usize {
  store<i32>(out, place)
  store<i32>(out, at, 4)
  store<i32>(out, hits, 8)
  return out + 12
}

/**
 * Reports the range's seed hits as scanSubject in kmer-index.ts does: one triple (place, range
 * offset, hits) per stretch of hits at (place + i, offset + i), all of k-mers the query holds
 * once and on one strand, and a triple of one hit for each hit of a k-mer it holds more than
 * once, in order of offset.
 */
export function scan(block: usize): void {
  const subject = <usize>param(block, P_SUBJECT)
  const length = param(block, P_LENGTH)
  const k = param(block, P_K)
  const codes = <usize>param(block, P_CODES)
  const places = param(block, P_PLACES)
  const perStrand = places >> 1
  const placeKmers = <usize>param(block, P_PLACE_KMERS)
  const placeIds = <usize>param(block, P_PLACE_IDS)
  const idFirstPlace = <usize>param(block, P_ID_FIRST_PLACE)
  const idPlaces = <usize>param(block, P_ID_PLACES)
  const steps = <usize>param(block, P_STEPS)
  const slotIds = <usize>param(block, P_SLOT_IDS)
  const filter = <usize>param(block, P_FILTER)
  const filterShift = <u32>param(block, P_FILTER_SHIFT)
  const keys = <usize>param(block, P_KEYS)
  const tableShift = <u32>param(block, P_TABLE_SHIFT)
  let out = <usize>param(block, P_STRETCHES)
  const first = out
  const mask = ((<i32>1) << (2 * k)) - 1
  let kmer = 0
  let valid = 0
  let next = places
  // The open stretch (none while runHits is 0).
  let runPlace = 0
  let runAt = 0
  let runHits = 0
  for (let p = 0; p < length; p++) {
    const c = <i32>load<u8>(codes + <usize>load<u8>(subject + <usize>p))
    if (c > 3) {
      valid = 0
      continue
    }
    kmer = ((kmer << 2) | c) & mask
    if (++valid < k) continue
    let place: i32
    if (next < places && i32At(placeKmers, next) == kmer) {
      place = next
    } else {
      const slot = findSlot(kmer, filter, filterShift, keys, tableShift)
      if (slot < 0) {
        next = places
        continue
      }
      place = i32At(idFirstPlace, i32At(slotIds, slot))
    }
    next = place + 1
    const at = p - k + 1
    const once = i32At(idPlaces, i32At(placeIds, place)) == 1
    if (
      once &&
      runHits > 0 &&
      place == runPlace + runHits &&
      at == runAt + runHits &&
      place != perStrand
    ) {
      runHits++
    } else {
      if (runHits > 0) out = putStretch(out, runPlace, runAt, runHits)
      runHits = 0
      if (!once) {
        out = putStretch(out, place, at, 1)
        continue
      }
      runPlace = place
      runAt = at
      runHits = 1
    }
    // The stretch goes on while each subject base is the one its next place ends in; where it
    // stops, the loop above takes the base as any other (the k-mer is the last place's).
    let last = place
    while (p + 1 < length) {
      const step = <i32>load<u8>(steps + <usize>last)
      if (
        step == NO_STEP ||
        <i32>load<u8>(codes + <usize>load<u8>(subject + <usize>(p + 1))) != step
      )
        break
      p++
      last++
    }
    if (last != place) {
      runHits += last - place
      kmer = i32At(placeKmers, last)
      next = last + 1
    }
  }
  if (runHits > 0) out = putStretch(out, runPlace, runAt, runHits)
  store<i32>(block + ((<usize>P_OUT) << 2), <i32>((out - first) / 12))
}
