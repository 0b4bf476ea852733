import {
  alignPreparedMany,
  countSharedKmers,
  DEFAULT_BAND_PADDING,
  DEFAULT_MAX_FULL_CELLS,
  prepareQuery,
  type Alignment,
  type AlignRequest,
  type PreparedQuery,
} from '../align/align.js'
// Nothing here touches storage: search workers load this module, and start faster without
// LanceDB and Arrow.
import type { CatalogSeedSearch } from '../seed-index/catalog-search.js'

/** A record region worth aligning, before the k-mer pre-score. */
export interface Candidate {
  readonly rid: bigint
  readonly subject: Uint8Array
  readonly ranges: [number, number][]
  /** Found by the seed index, so its ranges are seed clusters. */
  readonly seeded?: boolean
}

/** An aligned candidate: one hit before its record's fields are fetched. */
export interface RankedHit {
  readonly rid: bigint
  readonly alignment: Alignment
  /** The subject record's length. */
  readonly length: number
}

export interface RankOptions {
  /** Hits kept. */
  readonly k: number
  /** Candidates aligned after the pre-score; every one that shares a k-mer when `alignAll`. */
  readonly aligned: number
  readonly alignAll: boolean
  /** Alignments scoring below this are not hits. */
  readonly minScore: number
}

/**
 * Diagonals added on each side of a seed chain when aligning seed candidates. Their chains span
 * the whole query (the seeds found them), so the indels still unseen lie in the few bases at its
 * ends; vector candidates keep the aligner's wider default.
 */
const SEEDED_BAND_PADDING = 12

/**
 * The query's best `k` alignments among the candidates. Every candidate is pre-scored by the
 * query k-mers it contains (a few microseconds each) and only the most promising are aligned:
 * the true source shares far more k-mers than anything below it. Synchronous and free of I/O,
 * so it runs the same on the main thread and in a search worker.
 */
export function rankCandidates(
  prepared: PreparedQuery,
  candidates: readonly Candidate[],
  options: RankOptions,
): RankedHit[] {
  const scored: (Candidate & { shared: number })[] = []
  for (const candidate of candidates) {
    const shared =
      prepared.length < prepared.seedK
        ? 1
        : sharedKmers(prepared, candidate.subject, candidate.ranges)
    if (shared > 0) scored.push({ ...candidate, shared })
  }
  scored.sort((a, b) => b.shared - a.shared)
  const toAlign = options.alignAll ? scored : scored.slice(0, options.aligned)
  const alignments = alignCandidates(
    prepared,
    toAlign.map(({ subject, ranges, seeded }) => ({
      subject,
      ranges,
      pad: seeded ? SEEDED_BAND_PADDING : DEFAULT_BAND_PADDING,
    })),
  )
  const aligned: RankedHit[] = []
  toAlign.forEach(({ rid, subject }, c) => {
    const alignment = alignments[c]
    if (alignment && alignment.score >= options.minScore)
      aligned.push({ rid, alignment, length: subject.length })
  })
  aligned.sort(
    (a, b) =>
      b.alignment.score - a.alignment.score ||
      b.alignment.identity - a.alignment.identity ||
      (a.rid < b.rid ? -1 : 1),
  )
  return aligned.slice(0, options.k)
}

/** The query's best hits through the seed index: its candidate regions, pre-scored and aligned. */
export function rankBySeeds(
  seeds: CatalogSeedSearch,
  sequence: Uint8Array,
  candidateLimit: number,
  options: RankOptions,
): RankedHit[] {
  const candidates = seeds
    .candidates(sequence, candidateLimit)
    .map((region) => ({ ...region, seeded: true }))
  return rankCandidates(prepareQuery(sequence), candidates, options)
}

/** Distinct query k-mers (either strand) found in the best of the ranges: a cheap pre-score. */
export function sharedKmers(
  prepared: PreparedQuery,
  subject: Uint8Array,
  ranges: readonly [number, number][],
): number {
  let best = 0
  for (const [start, end] of ranges)
    best = Math.max(best, countSharedKmers(prepared, subject, start, end))
  return best
}

/**
 * The alignments that find the best of the query within the ranges of each candidate: one
 * request per range, aligned together by {@link alignPreparedMany}; the best per candidate wins
 * (the first range on a tie).
 */
export function alignCandidates(
  prepared: PreparedQuery,
  candidates: readonly { subject: Uint8Array; ranges: readonly [number, number][]; pad: number }[],
): (Alignment | null)[] {
  // A candidate sharing no seed k-mer with a query longer than the seed cannot reach a
  // reportable score (that needs ~20 matching bases), and aligning it in full would cost
  // milliseconds each; only queries shorter than a seed are aligned without one.
  const maxFullCells = prepared.length < prepared.seedK ? DEFAULT_MAX_FULL_CELLS : 0
  const requests: AlignRequest[] = []
  const owners: number[] = []
  candidates.forEach(({ subject, ranges, pad }, c) => {
    for (const [subjectStart, subjectEnd] of ranges) {
      requests.push({
        subject,
        options: { subjectStart, subjectEnd, maxFullCells, bandPadding: pad },
      })
      owners.push(c)
    }
  })
  const best: (Alignment | null)[] = candidates.map(() => null)
  alignPreparedMany(prepared, requests).forEach((a, r) => {
    const c = owners[r]!
    if (a && (!best[c] || a.score > best[c].score)) best[c] = a
  })
  return best
}
