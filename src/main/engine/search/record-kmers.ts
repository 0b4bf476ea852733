import type { PreparedQuery } from '../align/align.js'
import { hashSlot, type SharedKmers } from '../align/kmer-index.js'
import { SUBJECT_CODE } from '../align/nucleotides.js'
import { sharedArray } from '../seed-index/shared-arrays.js'

/**
 * Which records hold each k-mer, for the exhaustive plan's records: its pre-score without
 * scanning them. Counting a query's k-mers in every record scans all of their residues, 12.5
 * million bases (~30 ms) for the demo's 418 SARS-CoV-2 genomes, whatever the query's length.
 * But relatives share nearly all their k-mers, so the sets of records holding one are few: the
 * demo's 35,562 distinct 11-mers fall into 2,583 sets (a colored de Bruijn graph's colors, as
 * Bifrost and Themisto keep them). Most sets hold nearly every record (all but those with Ns
 * there) or a clade's few, so each is kept as its members or as the records it lacks,
 * whichever list is shorter: the demo's lists sum to about 12 records a set.
 *
 * A query looks up each of its distinct k-mers' set (tens of thousands for a genome), adds up
 * its k-mers per set, and then adds each set's count to its members (or takes it from the
 * records it lacks): ~19,000 additions for a genome query against the demo, some 50 µs, not
 * 30 ms. The counts are exactly those of countSharedKmersByStrand over each whole record.
 */
export interface RecordKmers {
  readonly k: number
  /**
   * Each k-mer's set, 0 for none (k-mers packed 2 bits a base, as the query's tables pack them),
   * read by {@link setOfKmer}: an open-addressing table of the k-mers some record holds, their
   * sets at the same slots, or, when that would not be smaller, `sets` indexed by the k-mer
   * itself and no `keys`.
   */
  readonly keys: Int32Array
  readonly sets: Int32Array
  /** 32 - log2(slots): a k-mer's hash's top bits are its first slot. */
  readonly shift: number
  /** Set s lists `listed[starts[s], starts[s + 1])`: its records, or those it lacks. */
  readonly starts: Int32Array
  readonly listed: Int32Array
  /** 1 where set s lists the records it lacks. */
  readonly lacking: Uint8Array
  /** Per record, its bases that are not ACGT (they match nothing). */
  readonly ambiguous: Int32Array
}

/**
 * Past this many sets in the making, or records listed, the lists would take hundreds of
 * megabytes and a query would cost about as much as scanning.
 */
const MAX_SETS = 1 << 22
const MAX_LISTED = 1 << 24
/**
 * Records that hardly share k-mers hold a distinct k-mer for nearly every base (1,000 unrelated
 * records of 20 kb pass MAX_SETS, after a second's work), relatives few (the demo's genomes one
 * per 350 bases). So the build gives up once this many bases hold more than a distinct k-mer
 * per BASES_PER_KMER: it is a search's work on its calling thread, and scanning serves those
 * records as well.
 */
export const SHARING_SAMPLE = 1 << 20
const BASES_PER_KMER = 8

/**
 * Whether records share k-mers as relatives do: at most one distinct k-mer per BASES_PER_KMER
 * bases over their first SHARING_SAMPLE bases (all of them, when fewer), the test the build of
 * the k-mer sets makes as it goes. A bit per k-mer, so about 3 ns a base.
 */
export function recordsShareKmers(records: Iterable<Uint8Array>, k: number): boolean {
  const seen = new Uint32Array(Math.ceil(4 ** k / 32))
  const codeOf = SUBJECT_CODE
  const mask = (1 << (2 * k)) - 1
  let distinct = 0
  let bases = 0
  for (const residues of records) {
    let kmer = 0
    let valid = 0
    const stop = Math.min(residues.length, SHARING_SAMPLE - bases)
    for (let p = 0; p < stop; p++) {
      const c = codeOf[residues[p]!]!
      if (c > 3) {
        valid = 0
        continue
      }
      kmer = ((kmer << 2) | c) & mask
      if (++valid < k) continue
      const bit = 1 << (kmer & 31)
      const word = seen[kmer >>> 5]!
      if ((word & bit) === 0) {
        seen[kmer >>> 5] = word | bit
        distinct++
      }
    }
    bases += stop
    if (bases >= SHARING_SAMPLE) break
  }
  return distinct <= bases / BASES_PER_KMER
}

/**
 * The k-mer sets of records `residues[starts[r], starts[r + 1])`, on SharedArrayBuffers so the
 * search threads read them in place, or null when the records share too few k-mers for them
 * to pay (see BASES_PER_KMER). About 12 ns a base to build.
 *
 * Sets are made as records are added: a record's k-mers move from their set to a child with
 * the record added, one child per set and record, so set c holds `record[c]` and its parent's
 * records. Only the sets k-mers end in are kept, each with its list.
 */
export function buildRecordKmers(
  starts: Int32Array,
  residues: Uint8Array,
  k: number,
): RecordKmers | null {
  const records = starts.length - 1
  const setOf = sharedArray(Int32Array, 4 ** k)
  const ambiguous = sharedArray(Int32Array, records)
  const tree = setTree(starts, residues, k, setOf, ambiguous)
  if (!tree) return null
  const { parent, record } = tree
  // Renumber the sets k-mers end in from 1, keeping a tree set for each.
  const renumbered = new Int32Array(tree.sets)
  const treeSet: number[] = [0]
  for (let kmer = 0; kmer < setOf.length; kmer++) {
    const c = setOf[kmer]!
    if (c === 0) continue
    if (renumbered[c] === 0) {
      renumbered[c] = treeSet.length
      treeSet.push(c)
    }
    setOf[kmer] = renumbered[c]!
  }
  const sets = treeSet.length
  const listStarts = sharedArray(Int32Array, sets + 1)
  const lacking = sharedArray(Uint8Array, sets)
  const lists: number[] = []
  const member = new Uint8Array(records)
  for (let s = 1; s < sets; s++) {
    listStarts[s] = lists.length
    const held: number[] = []
    for (let c = treeSet[s]!; c !== 0; c = parent[c]!) held.push(record[c]!)
    // From the set up to the root: records in decreasing order.
    if (2 * held.length <= records) lists.push(...held.reverse())
    else {
      lacking[s] = 1
      for (const r of held) member[r] = 1
      for (let r = 0; r < records; r++) if (!member[r]) lists.push(r)
      for (const r of held) member[r] = 0
    }
    if (lists.length > MAX_LISTED) return null
  }
  listStarts[sets] = lists.length
  const listed = sharedArray(Int32Array, lists.length)
  listed.set(lists)
  return { k, ...kmerTable(setOf), starts: listStarts, listed, lacking, ambiguous }
}

/**
 * The k-mers `setOf` gives a set, in a table of their own at load at most 1/2, unless that
 * would take more memory than `setOf`. The demo's 35,562 k-mers take 1 MB rather than 16 (4^11
 * entries), which matters beyond memory: a query's k-mers land anywhere in the 16 MB, so each
 * lookup missed the caches (and the TLB), and the lookups were 87% of countInRecords, 8% of a
 * genome fragment's ranking.
 */
function kmerTable(setOf: Int32Array): Pick<RecordKmers, 'keys' | 'sets' | 'shift'> {
  let held = 0
  for (let kmer = 0; kmer < setOf.length; kmer++) if (setOf[kmer] !== 0) held++
  let bits = 4
  while (1 << bits < 2 * held) bits++
  if (2 << bits > setOf.length) return { keys: new Int32Array(0), sets: setOf, shift: 0 }
  const keys = sharedArray(Int32Array, 1 << bits).fill(-1)
  const sets = sharedArray(Int32Array, 1 << bits)
  const shift = 32 - bits
  const last = (1 << bits) - 1
  for (let kmer = 0; kmer < setOf.length; kmer++) {
    if (setOf[kmer] === 0) continue
    let slot = hashSlot(kmer, shift)
    while (keys[slot] !== -1) slot = (slot + 1) & last
    keys[slot] = kmer
    sets[slot] = setOf[kmer]!
  }
  return { keys, sets, shift }
}

/** The set of records holding `kmer`, 0 for none (see {@link RecordKmers}). */
export function setOfKmer(kmers: RecordKmers, kmer: number): number {
  const { keys, sets } = kmers
  if (keys.length === 0) return sets[kmer]!
  const last = keys.length - 1
  let slot = hashSlot(kmer, kmers.shift)
  for (;;) {
    const key = keys[slot]!
    if (key === kmer) return sets[slot]!
    if (key === -1) return 0
    slot = (slot + 1) & last
  }
}

/** The sets in the making (see buildRecordKmers); fills `setOf` and `ambiguous`. */
function setTree(
  starts: Int32Array,
  residues: Uint8Array,
  k: number,
  setOf: Int32Array,
  ambiguous: Int32Array,
): { sets: number; parent: Int32Array; record: Int32Array } | null {
  let parent: Int32Array = new Int32Array(1024)
  let record: Int32Array = new Int32Array(1024)
  // Per set, the child it last got and the record (+ 1) it was for.
  let childFor: Int32Array = new Int32Array(1024)
  let child: Int32Array = new Int32Array(1024)
  let sets = 1
  // K-mers in some record so far: set 0 holds those in none.
  let distinct = 0
  const codeOf = SUBJECT_CODE
  const mask = (1 << (2 * k)) - 1
  for (let r = 0; r < starts.length - 1; r++) {
    // Sets from here on hold record r: a k-mer already in one was seen earlier in it.
    const fresh = sets
    let kmer = 0
    let valid = 0
    let unknown = 0
    for (let p = starts[r]!; p < starts[r + 1]!; p++) {
      const c = codeOf[residues[p]!]!
      if (c > 3) {
        valid = 0
        unknown++
        continue
      }
      kmer = ((kmer << 2) | c) & mask
      if (++valid < k) continue
      const from = setOf[kmer]!
      if (from >= fresh) continue
      if (from === 0) distinct++
      if (childFor[from] === r + 1) {
        setOf[kmer] = child[from]!
        continue
      }
      if (sets === MAX_SETS) return null
      if (sets === parent.length) {
        parent = grown(parent)
        record = grown(record)
        childFor = grown(childFor)
        child = grown(child)
      }
      parent[sets] = from
      record[sets] = r
      childFor[from] = r + 1
      child[from] = sets
      setOf[kmer] = sets++
    }
    ambiguous[r] = unknown
    const bases = starts[r + 1]!
    if (bases >= SHARING_SAMPLE && distinct > bases / BASES_PER_KMER) return null
  }
  return { sets, parent, record }
}

/** Reused across queries: three counts per set, zero between queries. */
let scratch = new Int32Array(0)

/** A query counted in every record (see {@link countInRecords}). */
export interface RecordCounts {
  /** Per record, what countSharedKmersByStrand counts over the whole record. */
  readonly counts: readonly SharedKmers[]
  /**
   * The places of one query strand (0 to n - k on it, in increasing order) whose k-mers record
   * `r` lacks: what a tighter score bound needs (score-bound.ts).
   */
  missing(r: number, strand: 0 | 1): Int32Array
}

/**
 * Per record, what countSharedKmersByStrand counts over the whole record: the query's
 * distinct k-mers it holds, in all and per query strand, and its bases that are not ACGT.
 */
export function countInRecords(kmers: RecordKmers, prepared: PreparedQuery): RecordCounts {
  if (prepared.seedK !== kmers.k) throw new RangeError(`the sets are of ${kmers.k}-mers`)
  const { starts, listed, lacking } = kmers
  const sets = lacking.length
  if (scratch.length < 3 * sets) scratch = new Int32Array(3 * sets)
  const counts = scratch
  // The sets the query's k-mers are in, and each k-mer's (0: in no record).
  const touched: number[] = []
  const { placeKmers, idFirstPlace, idStrands } = prepared
  const setOfId = new Int32Array(prepared.distinctKmers)
  for (let id = 0; id < prepared.distinctKmers; id++) {
    const s = setOfKmer(kmers, placeKmers[idFirstPlace[id]!]!)
    setOfId[id] = s
    if (s === 0) continue
    const strands = idStrands[id]!
    if (counts[3 * s] === 0) touched.push(s)
    counts[3 * s]!++
    counts[3 * s + 1]! += strands & 1
    counts[3 * s + 2]! += strands >> 1
  }
  const records = kmers.ambiguous.length
  const byRecord = new Int32Array(3 * records)
  // What the sets listed by what they lack give every record, less what they lack.
  let total = 0
  let forward = 0
  let reverse = 0
  for (const s of touched) {
    const t = counts[3 * s]!
    const f = counts[3 * s + 1]!
    const v = counts[3 * s + 2]!
    counts[3 * s] = counts[3 * s + 1] = counts[3 * s + 2] = 0
    const sign = lacking[s] ? -1 : 1
    if (sign < 0) {
      total += t
      forward += f
      reverse += v
    }
    for (let i = starts[s]!; i < starts[s + 1]!; i++) {
      const r = 3 * listed[i]!
      byRecord[r]! += sign * t
      byRecord[r + 1]! += sign * f
      byRecord[r + 2]! += sign * v
    }
  }
  const out: SharedKmers[] = []
  for (let r = 0; r < records; r++) {
    out.push({
      total: total + byRecord[3 * r]!,
      forward: forward + byRecord[3 * r + 1]!,
      reverse: reverse + byRecord[3 * r + 2]!,
      ambiguous: kmers.ambiguous[r]!,
    })
  }
  let bySet: PlacesBySet | null = null
  return {
    counts: out,
    missing: (r, strand) => {
      bySet ??= placesBySet(kmers, prepared, setOfId, touched)
      return missingPlaces(kmers, prepared, bySet, r, strand)
    },
  }
}

/** The query's places grouped by their k-mer's set, each group in increasing order. */
interface PlacesBySet {
  /** The sets, 0 (in no record) first, then those the query's k-mers are in. */
  readonly sets: readonly number[]
  /**
   * Group g's places on query strand t are `places[from[2g + t], from[2g + t + 1])`: apart, as
   * a genome query's other strand puts some 30,000 places in set 0 that a record's forward
   * strand would otherwise pass over one by one.
   */
  readonly from: Int32Array
  readonly places: Int32Array
  /**
   * The groups kept by what they lack that list record r, as
   * `lackingGroups[lackingFrom[r], lackingFrom[r + 1])`: with group 0 (in no record) and the
   * member groups not holding r, the groups whose set lacks it.
   */
  readonly lackingFrom: Int32Array
  readonly lackingGroups: Int32Array
  /** The groups kept by their members: each is looked up in its list (a binary search). */
  readonly memberGroups: Int32Array
}

/**
 * The query's places by group, and for each record the groups lacking it. Most sets hold
 * nearly every record and are kept by what they lack (1,450 of a genome query's ~1,520 against
 * the demo), so a record is listed by a few dozen of them, which are found here once per query
 * (record by record, as lists). Looking up each group for each record instead, in a table of
 * groups by records, read it a byte per group with the records' stride: 5% of a fragment's
 * ranking, which tightens the bound of some 90 records.
 */
function placesBySet(
  kmers: RecordKmers,
  prepared: PreparedQuery,
  setOfId: Int32Array,
  touched: readonly number[],
): PlacesBySet {
  const groupSets = [0, ...touched]
  // Set to group + 1, so that 0 is a set no k-mer of the query is in.
  const groupOfSet = new Int32Array(kmers.lacking.length)
  groupSets.forEach((s, g) => (groupOfSet[s] = g + 1))
  const { placeIds } = prepared
  const perStrand = placeIds.length >> 1
  // The slot of group g (set to group + 1 above, hence the - 2) and strand t is 2g + t.
  const slotOf = (p: number): number =>
    2 * groupOfSet[setOfId[placeIds[p]!]!]! - 2 + (p < perStrand ? 0 : 1)
  const slots = 2 * groupSets.length
  const from = new Int32Array(slots + 1)
  for (let p = 0; p < placeIds.length; p++) if (placeIds[p]! >= 0) from[slotOf(p) + 1]!++
  for (let t = 0; t < slots; t++) from[t + 1]! += from[t]!
  const cursor = from.slice(0, slots)
  const places = new Int32Array(from[slots]!)
  for (let p = 0; p < placeIds.length; p++) if (placeIds[p]! >= 0) places[cursor[slotOf(p)]!++] = p
  return { sets: groupSets, from, places, ...groupsLacking(kmers, groupSets) }
}

/** Each record's lacking groups among those kept by what they lack, and the other groups. */
function groupsLacking(
  kmers: RecordKmers,
  groupSets: readonly number[],
): Pick<PlacesBySet, 'lackingFrom' | 'lackingGroups' | 'memberGroups'> {
  const { starts, listed, lacking } = kmers
  const records = kmers.ambiguous.length
  const members: number[] = []
  // Counted per record, shifted by one for the prefix sums.
  const lackingFrom = new Int32Array(records + 1)
  for (let g = 1; g < groupSets.length; g++) {
    const s = groupSets[g]!
    if (!lacking[s]) members.push(g)
    else for (let i = starts[s]!; i < starts[s + 1]!; i++) lackingFrom[listed[i]! + 1]!++
  }
  for (let r = 0; r < records; r++) lackingFrom[r + 1]! += lackingFrom[r]!
  const lackingGroups = new Int32Array(lackingFrom[records]!)
  const next = lackingFrom.slice(0, records)
  for (let g = 1; g < groupSets.length; g++) {
    const s = groupSets[g]!
    if (lacking[s])
      for (let i = starts[s]!; i < starts[s + 1]!; i++) lackingGroups[next[listed[i]!]!++] = g
  }
  return { lackingFrom, lackingGroups, memberGroups: Int32Array.from(members) }
}

/**
 * The places of one strand in the groups whose set lacks record `r`, in order. Group 0's (in no
 * record) are missing from every record and are most of what one misses (a fragment's
 * mutations: 310 of the 335 places a demo record misses, on average), so the other groups' few
 * are sorted apart and merged into them.
 */
function missingPlaces(
  kmers: RecordKmers,
  prepared: PreparedQuery,
  bySet: PlacesBySet,
  r: number,
  strand: 0 | 1,
): Int32Array {
  const lo = strand * (prepared.placeKmers.length >> 1)
  const others: number[] = []
  const { sets, from, places, lackingFrom, lackingGroups, memberGroups } = bySet
  const gather = (g: number): void => {
    for (let i = from[2 * g + strand]!; i < from[2 * g + strand + 1]!; i++)
      others.push(places[i]! - lo)
  }
  for (let i = lackingFrom[r]!; i < lackingFrom[r + 1]!; i++) gather(lackingGroups[i]!)
  for (let m = 0; m < memberGroups.length; m++) {
    const g = memberGroups[m]!
    if (!holds(kmers, sets[g]!, r)) gather(g)
  }
  others.sort((a, b) => a - b)
  let a = from[strand]!
  const aEnd = from[strand + 1]!
  const out = new Int32Array(aEnd - a + others.length)
  let b = 0
  for (let o = 0; o < out.length; o++) {
    out[o] =
      b === others.length || (a < aEnd && places[a]! - lo < others[b]!)
        ? places[a++]! - lo
        : others[b++]!
  }
  return out
}

/** Whether set `s` holds record `r`: its list is sorted, so a binary search tells. */
function holds(kmers: RecordKmers, s: number, r: number): boolean {
  const { starts, listed } = kmers
  let lo = starts[s]!
  let hi = starts[s + 1]!
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (listed[mid]! < r) lo = mid + 1
    else hi = mid
  }
  const listedHere = lo < starts[s + 1]! && listed[lo] === r
  return kmers.lacking[s] ? !listedHere : listedHere
}

function grown(array: Int32Array): Int32Array {
  const out = new Int32Array(2 * array.length)
  out.set(array)
  return out
}
