import {
  DEFAULT_BAND_PADDING,
  prepareQuery,
  type Alignment,
  type PreparedQuery,
} from '../align/align.js'
import type { CatalogSeedSearch } from '../seed-index/catalog-search.js'
import { alignCandidates, sharedKmers } from './rerank.js'

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
