import { DEFAULT_SEED_K, prepareQuery, type PreparedQuery } from '../align/align.js'
import { buildBlockTable, type BlockTable } from '../align/subject-blocks.js'
import { rankCandidates, type Candidate, type Ranking, type RankOptions } from './rank.js'
import { buildRecordKmers, countInRecords, type RecordKmers } from './record-kmers.js'

/**
 * Every record an exhaustive search aligns, packed into one SharedArrayBuffer: the search
 * threads read the residues in place instead of each receiving a copy of up to 20 MB.
 */
export interface EveryRecord {
  /** Names the packing, so a search thread builds its candidate list once per search. */
  readonly key: string
  readonly rids: readonly bigint[]
  /** Record r is `residues[starts[r], starts[r + 1])`. */
  readonly starts: Int32Array
  readonly residues: Uint8Array
  /**
   * Which records hold each k-mer, once a batch has made them worth their build (see
   * {@link withRecordKmers}); null when the records share too few k-mers for them to pay.
   */
  readonly kmers?: RecordKmers | null
  /** The records' blocks for seeding (see subject-blocks.ts), made with the k-mer sets. */
  readonly blocks?: BlockTable
}

let packed = 0

/** Packs the records' residues, in the map's order. */
export function packEveryRecord(records: ReadonlyMap<bigint, Uint8Array>): EveryRecord {
  const starts = new Int32Array(records.size + 1)
  let total = 0
  let r = 0
  for (const residues of records.values()) {
    starts[r++] = total
    total += residues.length
  }
  starts[r] = total
  const residues = new Uint8Array(new SharedArrayBuffer(total))
  r = 0
  for (const bytes of records.values()) residues.set(bytes, starts[r++])
  return { key: `every-record ${++packed}`, rids: [...records.keys()], starts, residues }
}

/** Each record, whole, as a candidate; subjects are views into the shared residues. */
export function everyRecordCandidates(every: EveryRecord): Candidate[] {
  return every.rids.map((rid, r) => {
    const subject = every.residues.subarray(every.starts[r], every.starts[r + 1])
    return { rid, subject, ranges: [[0, subject.length]] }
  })
}

/**
 * The packing with its records' k-mer sets, which make each query's pre-score ~0.5 ms instead
 * of a scan of every residue (~2.4 ns a base: 30 ms for the demo's 418 genomes), and their
 * blocks, which let seeding scan each distinct block once per query. Building both costs about
 * as much as eight such scans, so a search makes them for a batch of queries, not for one. The
 * key stays: the candidates a search thread keeps are the same records.
 */
export function withRecordKmers(every: EveryRecord): EveryRecord {
  if (every.kmers !== undefined) return every
  const kmers = buildRecordKmers(every.starts, every.residues, DEFAULT_SEED_K)
  // Records too unlike for k-mer sets share few blocks too.
  if (!kmers) return { ...every, kmers }
  return { ...every, kmers, blocks: buildBlockTable(every.starts, every.residues, DEFAULT_SEED_K) }
}

/**
 * The exhaustive plan's candidates for one query: `base` (from {@link everyRecordCandidates}),
 * each with its pre-score counted from the k-mer sets and its blocks, when they are built for
 * the query's k.
 */
export function candidatesFor(
  every: EveryRecord,
  base: readonly Candidate[],
  prepared: PreparedQuery,
): readonly Candidate[] {
  const { kmers, blocks } = every
  if (!kmers || kmers.k !== prepared.seedK || prepared.length < prepared.seedK) return base
  const counted = countInRecords(kmers, prepared)
  const table = blocks?.k === prepared.seedK ? blocks : undefined
  const starts = every.starts
  // Fields named, not spread: a spread copy costs microseconds, and a query makes one a record.
  return base.map(({ rid, subject, ranges }, r) => ({
    rid,
    subject,
    ranges,
    counted: counted.counts[r]!,
    missing: (strand: 0 | 1) => counted.missing(r, strand),
    blocks: table && { table, record: r, base: starts[r]! },
  }))
}

/**
 * A query's best hits among every record: its candidates from `base`, pre-scored and aligned by
 * {@link rankCandidates}. The same on the calling thread and in a search worker.
 */
export function rankEveryRecord(
  every: EveryRecord,
  base: readonly Candidate[],
  query: Uint8Array,
  options: RankOptions,
): Ranking {
  const prepared = prepareQuery(query)
  return rankCandidates(prepared, candidatesFor(every, base, prepared), options)
}
