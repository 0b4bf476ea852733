import { sharedArray } from '../seed-index/shared-arrays.js'
import { scanSubject, type PreparedQuery } from './kmer-index.js'

/**
 * Packed records cut into blocks where their bases say (content-defined chunking, as rsync and
 * backup tools cut files), each block named by its content. Relatives are the same bases block
 * after block: the demo's 418 SARS-CoV-2 genomes hold a few distinct versions of each stretch.
 * An exhaustive search seeds every record it aligns over its whole length, and a 2 kb fragment
 * of a genome whose bound reaches the top in 380 of them scanned 11 Mb, half its time. Seeding
 * by blocks scans each distinct block once per query and replays its hits for every record
 * holding it; the hits are the same, so the seeds, chains and alignments are.
 *
 * A block's id covers its bases and the k - 1 after it (the ends of the k-mers starting in it),
 * so two blocks with one id report the same k-mer hits, at the same offsets.
 */
export interface BlockTable {
  readonly k: number
  /** Block b starts at `starts[b]` in the packed residues. */
  readonly starts: Int32Array
  /** Record r's blocks are [firstBlock[r], firstBlock[r + 1]); the last ends with the record. */
  readonly firstBlock: Int32Array
  /** Each block's content id, from 0: equal ids, equal bases. */
  readonly ids: Int32Array
  readonly distinct: number
}

/** One record's blocks, as its candidate carries them to seeding. */
export interface SubjectBlocks {
  readonly table: BlockTable
  readonly record: number
  /** Where the record starts in the packed residues: its subject's position 0. */
  readonly base: number
}

/**
 * Blocks are cut where a gear hash of the last 32 bases has its low 9 bits zero (about every
 * 512 bases past the minimum), so an indel moves the cuts near it and no others. Smaller
 * blocks would share more but cost a scan call and a lookup each.
 */
const CUT_MASK = (1 << 9) - 1
const MIN_BLOCK = 64
const MAX_BLOCK = 4096

/** 256 fixed pseudo-random words, one per byte value (mulberry32 from a fixed seed). */
const GEAR = (() => {
  const gear = new Int32Array(256)
  let seed = 0x9e3779b9
  for (let i = 0; i < 256; i++) {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    gear[i] = t ^ (t >>> 14)
  }
  return gear
})()

/**
 * The blocks of records `residues[starts[r], starts[r + 1])`, on SharedArrayBuffers so search
 * threads read them in place. About 5 ns a base: 58 ms for the demo's 12.5 Mb.
 */
export function buildBlockTable(starts: Int32Array, residues: Uint8Array, k: number): BlockTable {
  const records = starts.length - 1
  const firstBlock = sharedArray(Int32Array, records + 1)
  const cuts: number[] = []
  let h = 0
  for (let r = 0; r < records; r++) {
    firstBlock[r] = cuts.length
    const end = starts[r + 1]!
    let from = starts[r]!
    if (from < end) cuts.push(from)
    for (let p = from; p < end - 1; p++) {
      // Shifting by one a base, a base's word leaves the hash after 32 more.
      h = ((h << 1) + GEAR[residues[p]!]!) | 0
      const length = p + 1 - from
      if (length >= MAX_BLOCK || (length >= MIN_BLOCK && (h & CUT_MASK) === 0)) {
        from = p + 1
        cuts.push(from)
      }
    }
  }
  firstBlock[records] = cuts.length
  const blockStarts = sharedArray(Int32Array, cuts.length)
  blockStarts.set(cuts)
  const { ids, distinct } = contentIds(starts, firstBlock, blockStarts, residues, k)
  return { k, starts: blockStarts, firstBlock, ids, distinct }
}

/** Each block's content id: blocks are hashed, and a block is checked base by base against the first of its hash. */
function contentIds(
  starts: Int32Array,
  firstBlock: Int32Array,
  blockStarts: Int32Array,
  residues: Uint8Array,
  k: number,
): { ids: Int32Array; distinct: number } {
  const ids = sharedArray(Int32Array, blockStarts.length)
  // Per hash, the ids holding it, each by its first block's start and length.
  const byHash = new Map<number, number[]>()
  const idStart: number[] = []
  const idLength: number[] = []
  for (let r = 0; r + 1 < starts.length; r++) {
    const recordEnd = starts[r + 1]!
    for (let b = firstBlock[r]!; b < firstBlock[r + 1]!; b++) {
      const s = blockStarts[b]!
      const e = b + 1 < firstBlock[r + 1]! ? blockStarts[b + 1]! : recordEnd
      const to = Math.min(e + k - 1, recordEnd)
      let hash = 0x811c9dc5 ^ (to - s)
      for (let p = s; p < to; p++) hash = Math.imul(hash ^ residues[p]!, 0x01000193)
      const same = byHash.get(hash)
      let id = -1
      for (const candidate of same ?? []) {
        if (idLength[candidate] === to - s && sameBases(residues, idStart[candidate]!, s, to - s)) {
          id = candidate
          break
        }
      }
      if (id < 0) {
        id = idStart.length
        idStart.push(s)
        idLength.push(to - s)
        if (same) same.push(id)
        else byHash.set(hash, [id])
      }
      ids[b] = id
    }
  }
  return { ids, distinct: idStart.length }
}

function sameBases(residues: Uint8Array, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (residues[a + i] !== residues[b + i]) return false
  return true
}

/** Stretches kept per query before the memo's buffer is given back. */
const KEEP_STRETCHES = 1 << 18

/**
 * The stretches each block reported for the current query, by content id: cleared by a new
 * generation when the query or the table changes. Seeding is synchronous, so one per thread.
 */
const memo = {
  prepared: null as PreparedQuery | null,
  table: null as BlockTable | null,
  generation: 0,
  /** Per id: the generation its stretches are from, and where they are. */
  stamps: new Int32Array(0),
  from: new Int32Array(0),
  counts: new Int32Array(0),
  /** (place, offset in the block, hits) per stretch. */
  stretches: new Int32Array(3 * 1024),
  used: 0,
}

function resetMemo(prepared: PreparedQuery, table: BlockTable): void {
  if (memo.table !== table) {
    memo.table = table
    if (memo.stamps.length < table.distinct) {
      memo.stamps = new Int32Array(table.distinct)
      memo.from = new Int32Array(table.distinct)
      memo.counts = new Int32Array(table.distinct)
      memo.generation = 0
    }
  }
  memo.prepared = prepared
  if (++memo.generation >= 2 ** 30) {
    memo.stamps.fill(0)
    memo.generation = 1
  }
  memo.used = 0
  if (memo.stretches.length > 3 * KEEP_STRETCHES) memo.stretches = new Int32Array(3 * 1024)
}

function keepStretch(place: number, offset: number, hits: number): void {
  if (memo.used + 3 > memo.stretches.length) {
    const grown = new Int32Array(memo.stretches.length * 2)
    grown.set(memo.stretches)
    memo.stretches = grown
  }
  const at = memo.used
  memo.stretches[at] = place
  memo.stretches[at + 1] = offset
  memo.stretches[at + 2] = hits
  memo.used = at + 3
}

/**
 * scanSubject over the whole subject, a record of `blocks.table`: the same stretches, in the
 * same order, save that one running across a block's end is passed as two (seeding takes the
 * second as going on with the first, as it does across scanSubject's own chunks).
 */
export function scanByBlocks(
  prepared: PreparedQuery,
  subject: Uint8Array,
  blocks: SubjectBlocks,
  onStretch: (place: number, subjectPos: number, hits: number) => void,
): void {
  const { table, record, base } = blocks
  if (table.k !== prepared.seedK) {
    scanSubject(prepared, subject, 0, subject.length, onStretch)
    return
  }
  if (memo.prepared !== prepared || memo.table !== table) resetMemo(prepared, table)
  const last = table.firstBlock[record + 1]!
  for (let b = table.firstBlock[record]!; b < last; b++) {
    const start = table.starts[b]! - base
    const id = scannedBlock(prepared, subject, blocks, b)
    const stretches = memo.stretches
    const to = memo.from[id]! + 3 * memo.counts[id]!
    for (let t = memo.from[id]!; t < to; t += 3) {
      onStretch(stretches[t]!, start + stretches[t + 1]!, stretches[t + 2]!)
    }
  }
}

/**
 * The query k-mer hits starting in each block of the record (either strand, each subject place
 * once), from the stretches {@link scanByBlocks} reports, which it shares: a block whose kind
 * was scanned for this query is not scanned again.
 */
export function blockHits(
  prepared: PreparedQuery,
  subject: Uint8Array,
  blocks: SubjectBlocks,
): Int32Array {
  const { table, record } = blocks
  const first = table.firstBlock[record]!
  const out = new Int32Array(table.firstBlock[record + 1]! - first)
  // Blocks cut for other k-mers have no stretches of these: each counts as holding them all.
  if (table.k !== prepared.seedK) return out.fill(subject.length)
  if (memo.prepared !== prepared || memo.table !== table) resetMemo(prepared, table)
  for (let b = 0; b < out.length; b++) {
    const id = scannedBlock(prepared, subject, blocks, first + b)
    const to = memo.from[id]! + 3 * memo.counts[id]!
    let hits = 0
    for (let t = memo.from[id]! + 2; t < to; t += 3) hits += memo.stretches[t]!
    out[b] = hits
  }
  return out
}

/** Block b's content id, its kind's stretches in the memo (scanned now if not yet). */
function scannedBlock(
  prepared: PreparedQuery,
  subject: Uint8Array,
  { table, record, base }: SubjectBlocks,
  b: number,
): number {
  const id = table.ids[b]!
  if (memo.stamps[id] === memo.generation) return id
  const start = table.starts[b]! - base
  const end = b + 1 < table.firstBlock[record + 1]! ? table.starts[b + 1]! - base : subject.length
  const first = memo.used
  const to = Math.min(end + table.k - 1, subject.length)
  scanSubject(prepared, subject, start, to, (p, at, hits) => keepStretch(p, at - start, hits))
  memo.stamps[id] = memo.generation
  memo.from[id] = first
  memo.counts[id] = (memo.used - first) / 3
  return id
}
