import {
  DEFAULT_BAND_PADDING,
  DEFAULT_MAX_FULL_CELLS,
  DEFAULT_SCORING,
  draftPreparedMany,
  prepareQuery,
  type Alignment,
  type AlignmentSummary,
  type AlignRequest,
  type DraftAlignment,
  type PreparedQuery,
} from '../align/align.js'
import { BandMemo } from '../align/band-memo.js'
import type { SubjectBlocks } from '../align/subject-blocks.js'
import { countSharedKmersByStrand, type SharedKmers } from '../align/kmer-index.js'
import { kernelFitsLengths } from '../align/lanes/lanes.js'
// Nothing here touches storage: search workers load this module, and start faster without
// LanceDB and Arrow.
import type { CatalogSeedSearch } from '../seed-index/catalog-search.js'
import { anchoredScoreBound } from './anchored-bound.js'
import { recordEnds } from './record-ends.js'
import { AlignedRegions, type RegionRecord } from './region-key.js'
import { alignmentScoreBound, coveredScoreBound } from './score-bound.js'

/** A record region worth aligning, before the k-mer pre-score. */
export interface Candidate {
  readonly rid: bigint
  readonly subject: Uint8Array
  readonly ranges: [number, number][]
  /** Found by the seed index, so its ranges are seed clusters. */
  readonly seeded?: boolean
  /** Its subject's blocks, when it is a record of the exhaustive plan's packing. */
  readonly blocks?: SubjectBlocks
  /** Its one range's pre-score, already counted (the exhaustive plan's k-mer sets count it). */
  readonly counted?: SharedKmers
  /**
   * With `counted`: the places of a query strand whose k-mers the range lacks, in order, for a
   * tighter score bound (coveredScoreBound) when the first one leaves it in reach of the top.
   */
  readonly missing?: (strand: 0 | 1) => ArrayLike<number>
}

/** An aligned candidate: one hit before its record's fields are fetched. */
export interface RankedHit {
  readonly rid: bigint
  /** With its aligned strings when {@link RankOptions.alignedText} asked for them. */
  readonly alignment: Alignment | AlignmentSummary
  /** The subject record's length. */
  readonly length: number
}

/** A hit while ranking: its alignment's strings are written only if it stays in the top. */
interface DraftHit {
  readonly rid: bigint
  readonly alignment: DraftAlignment
  readonly length: number
}

/** A query's best hits, and how many of its candidates were aligned to find them. */
export interface Ranking {
  readonly top: RankedHit[]
  /**
   * Candidates sharing a k-mer with the query: all of them for a query shorter than a k-mer, or
   * when there were too few to pre-score (each was aligned).
   */
  readonly scored: number
  readonly aligned: number
  /**
   * With `alignAll`: candidates whose score bound could still reach the top were left
   * unaligned, because aligning them would have cost more than {@link ALIGN_ALL_BUDGET}.
   */
  readonly overBudget: boolean
}

export interface RankOptions {
  /** Hits kept. */
  readonly k: number
  /** Candidates aligned after the pre-score, the most promising first. */
  readonly aligned: number
  /**
   * Instead of `aligned`, align every candidate whose score bound could enter the top k: the
   * exact top k scores, as if all were aligned, unless that would cost more than
   * {@link ALIGN_ALL_BUDGET}.
   */
  readonly alignAll: boolean
  /** Alignments scoring below this are not hits. */
  readonly minScore: number
  /**
   * Whether the hits' alignments carry their aligned strings. Tabular output does without: on a
   * read, writing them and passing them back from a search thread is a tenth of its time.
   */
  readonly alignedText: boolean
}

/**
 * Diagonals added on each side of a seed chain when aligning seed candidates, between its first
 * and last seed: the seeds there found the indels. Past them the rows keep the aligner's default
 * (DEFAULT_BAND_PADDING), as vector candidates do throughout. A candidate's seeds often cover
 * only part of the query: nine in ten of the benchmark's reads' seed clusters leave more than
 * 24 of its 150 bases unseeded at an end (relatives sharing part of it). With the narrow band
 * past the seeds too, 250 bp reads with 1% indels of up to 10 bases got 5.3% of their hits'
 * scores below the full Smith-Waterman's; now 1 in 2,620, for a fifth more time on a read.
 */
const SEEDED_BAND_PADDING = 12

/**
 * What aligning every candidate that might reach the top may cost a query, in nanoseconds of one
 * core as the costs below estimate them: about a second. The score bound leaves few to align for
 * most queries, and short ones never come near it: a 1 kb gene against 1,000 records of 1 kb is
 * about 0.07 s. A genome query against hundreds of genomes a few bases from one another and from
 * it can pass it (a 1%-changed SARS-CoV-2 genome against the demo's 418 needs 392 alignments,
 * 0.9 s); then the candidates with the best bounds are aligned, and the ranking says it stopped.
 */
export const ALIGN_ALL_BUDGET = 1_000_000_000
/*
 * The costs, measured on the demo's SARS-CoV-2 genomes aligned 16 at a time, as a search aligns
 * them: a genome against a genome (1.9 million band cells, 30 kb scanned for seeds) takes
 * ~1.8 ms, a 7 kb fragment against one ~0.5 ms, a 150 bp read against one ~0.12 ms, nearly all
 * of it the scan. Chaining costs per run of seeds, not per seed, so shared k-mers add nothing
 * measurable of their own.
 */
/** A band cell in the SIMD kernel, with the work per row and column around it. */
const KERNEL_CELL_COST = 1
/**
 * A cell of the scalar aligner, which takes bands over the kernel's 32,000 rows and subjects
 * whose scores could pass its int16 (measured on 60 kb pairs of genomes: 8 to 9 ns a cell).
 */
const SCALAR_CELL_COST = 8
/** A base of a candidate's range, scanned for the query's k-mers. */
const SCAN_BASE_COST = 4
/** Candidates aligned per round, after the first k, while bounds still reach the top. */
const ALIGN_ROUND = 16

/**
 * A candidate with its pre-score, its score bound and what aligning it costs. It holds the
 * candidate rather than copying its fields: a copy by spread cost a tenth of a gene query.
 */
interface Scored {
  readonly candidate: Candidate
  readonly shared: number
  readonly bound: number
  readonly cost: number
}

/**
 * The query's best `k` alignments among the candidates. Every candidate is pre-scored by the
 * query k-mers it contains (a few microseconds each) and only the most promising are aligned:
 * the true source shares far more k-mers than anything below it. With `alignAll`, candidates
 * are aligned in order of their score bound until no bound left can pass the k-th best score,
 * so the top k scores are the ones aligning all of them would give (records tying the k-th may
 * stand in for one another). Synchronous and free of I/O, so it runs the same on the main
 * thread and in a search worker.
 */
export function rankCandidates(
  prepared: PreparedQuery,
  candidates: readonly Candidate[],
  options: RankOptions,
): Ranking {
  if (!options.alignAll && candidates.length <= options.aligned) {
    // Every candidate is aligned whatever its pre-score, which would only order them: a read's
    // few candidates skip the count. One sharing no k-mer aligns to nothing (no seed, no band).
    const top = alignRound(prepared, candidates, options).slice(0, options.k)
    const aligned = candidates.length
    return { top: completed(top, options), scored: aligned, aligned, overBudget: false }
  }
  const scored: Scored[] = []
  for (const candidate of candidates) {
    const entry = preScore(prepared, candidate, options.alignAll)
    if (entry.shared > 0) scored.push(entry)
  }
  if (!options.alignAll) {
    scored.sort((a, b) => b.shared - a.shared)
    const toAlign = scored.slice(0, options.aligned).map(({ candidate }) => candidate)
    const top = alignRound(prepared, toAlign, options).slice(0, options.k)
    return {
      top: completed(top, options),
      scored: scored.length,
      aligned: toAlign.length,
      overBudget: false,
    }
  }

  scored.sort((a, b) => b.bound - a.bound || b.shared - a.shared)
  // Records that tie are mostly the same bases where the query lands: one alignment serves them.
  const memo = new BandMemo()
  // ... and once one of them has scored at most the floor, the rest need no alignment.
  const regions = new AlignedRegions(prepared)
  let top: DraftHit[] = []
  let next = 0
  let aligned = 0
  let spent = 0
  let overBudget = false
  while (next < scored.length && !overBudget) {
    const full = top.length === options.k
    const floor = full ? top[options.k - 1]!.alignment.summary.score : options.minScore
    // A candidate that cannot pass the k-th best score (nor reach the reportable minimum while
    // the top is not full) cannot enter the top k, nor can any after it. Scores are integers,
    // so one whose bound is below the next integer above the k-th score can at best tie it:
    // near-identical genomes tie by the hundred, and aligning them all would change the list
    // only by which of equals it shows.
    const reaches = (bound: number): boolean => (full ? Math.floor(bound) > floor : bound >= floor)
    const round: Candidate[] = []
    // The first round sets the floor; the budget can stop only the rounds after it.
    const size = next === 0 ? options.k : ALIGN_ROUND
    while (next < scored.length && round.length < size && reaches(scored[next]!.bound)) {
      const { candidate, cost } = scored[next]!
      // Past the first round, a candidate in reach gets the tighter bound where it can, and
      // is passed over (the ones after it are not: their first bounds may still reach).
      if (full && tightens(candidate) && !reaches(tighterBound(prepared, candidate, reaches))) {
        next++
        continue
      }
      // So is a record holding the bases of one that scored at most the floor, wherever the
      // query could beat it (search/region-key.ts). Asked second: a genome query's key is the
      // whole record, and keying the records the bound rules out cost it 3-5%.
      const record = regionRecord(candidate)
      if (full && record && regions.bounded(record, floor)) {
        next++
        continue
      }
      if (aligned >= options.k && spent + cost > ALIGN_ALL_BUDGET) {
        overBudget = true
        break
      }
      spent += cost
      round.push(candidate)
      next++
    }
    if (round.length === 0) break
    aligned += round.length
    // Below the floor a candidate cannot enter the top: its path is not traced.
    const found = alignRound(prepared, round, options, memo, floor)
    top = [...top, ...found].sort(byScore).slice(0, options.k)
    const scores = new Map(found.map((hit) => [hit.rid, hit.alignment.summary.score]))
    regions.aligned(
      round.flatMap((candidate) => {
        const record = regionRecord(candidate)
        return record ? [{ record, score: scores.get(candidate.rid) ?? -Infinity }] : []
      }),
      top.length === options.k ? top[options.k - 1]!.alignment.summary.score : null,
    )
  }
  return { top: completed(top, options), scored: scored.length, aligned, overBudget }
}

/** The candidate as regionKey takes it: a whole record of the exhaustive plan's blocks. */
function regionRecord({ subject, ranges, blocks }: Candidate): RegionRecord | null {
  if (!blocks || ranges.length !== 1) return null
  const [start, end] = ranges[0]!
  return start === 0 && end === subject.length ? { subject, blocks } : null
}

/** Whether the candidate's one range comes counted, with the places it lacks. */
function tightens(candidate: Candidate): boolean {
  return candidate.ranges.length === 1 && !!candidate.counted && !!candidate.missing
}

/**
 * A candidate's bound, each strand's tightened from where its missing k-mers lie when its first
 * bound reaches the top (a genome query's other strand lacks all its k-mers: no need to look),
 * and, when that still reaches it and the range is the whole record, by the record's ends.
 */
function tighterBound(
  prepared: PreparedQuery,
  candidate: Candidate,
  reaches: (bound: number) => boolean,
): number {
  const [start, end] = candidate.ranges[0]!
  const whole = start === 0 && end === candidate.subject.length
  let best = -Infinity
  for (const strand of [0, 1] as const) {
    let bound = alignmentScoreBound(prepared, end - start, candidate.counted!, strand)
    if (reaches(bound)) {
      const missing = candidate.missing!(strand)
      bound = Math.min(bound, coveredScoreBound(prepared, missing))
      const ends = whole && reaches(bound) ? recordEnds(candidate.subject, prepared.seedK) : null
      if (ends) bound = Math.min(bound, anchoredScoreBound(prepared, strand, missing, ends))
    }
    best = Math.max(best, bound)
  }
  return best
}

/** The hits, with their alignments' strings written when the options ask for them. */
function completed(top: readonly DraftHit[], { alignedText }: RankOptions): RankedHit[] {
  return top.map(({ rid, alignment, length }) => ({
    rid,
    alignment: alignedText ? alignment.complete() : alignment.summary,
    length,
  }))
}

/** Best score first; on a tie the higher identity, then the lower rid, so results are stable. */
function byScore(a: DraftHit, b: DraftHit): number {
  return (
    b.alignment.summary.score - a.alignment.summary.score ||
    b.alignment.summary.identity - a.alignment.summary.identity ||
    (a.rid < b.rid ? -1 : 1)
  )
}

/**
 * The candidates aligned, those scoring at least `minScore` (and `traceFrom`, below which
 * their paths are not traced), best first.
 */
function alignRound(
  prepared: PreparedQuery,
  toAlign: readonly Candidate[],
  options: RankOptions,
  memo?: BandMemo,
  traceFrom = options.minScore,
): DraftHit[] {
  const alignments = alignCandidates(
    prepared,
    toAlign.map(({ subject, ranges, seeded, blocks }) => ({
      subject,
      ranges,
      pad: seeded ? SEEDED_BAND_PADDING : DEFAULT_BAND_PADDING,
      endPad: DEFAULT_BAND_PADDING,
      blocks,
    })),
    memo,
    traceFrom,
  )
  const hits: DraftHit[] = []
  toAlign.forEach(({ rid, subject }, c) => {
    const alignment = alignments[c]
    if (alignment && alignment.summary.score >= options.minScore)
      hits.push({ rid, alignment, length: subject.length })
  })
  return hits.sort(byScore)
}

/**
 * A candidate's pre-score (distinct query k-mers, either strand, in its best range) and, when
 * `bounded` (only `alignAll` uses them), the bound on its alignment score over all its ranges
 * and roughly what aligning it costs in nanoseconds. A query shorter than a k-mer has no
 * k-mers to count: every candidate is worth aligning.
 */
function preScore(prepared: PreparedQuery, candidate: Candidate, bounded: boolean): Scored {
  const { ranges, subject, counted } = candidate
  const n = prepared.length
  const tooShort = n < prepared.seedK
  let shared = tooShort ? 1 : 0
  let bound = tooShort ? Infinity : -Infinity
  let cost = 0
  for (const [start, end] of ranges) {
    const length = end - start
    const counts = tooShort
      ? null
      : ranges.length === 1 && counted
        ? counted
        : countSharedKmersByStrand(prepared, subject, start, end)
    if (counts) shared = Math.max(shared, counts.total)
    if (!bounded) continue
    if (counts) bound = Math.max(bound, alignmentScoreBound(prepared, length, counts))
    const rows = Math.min(n, length)
    // A query over the kernel's rows is aligned on the rows that reach the range (align.ts).
    const perCell = kernelFitsLengths(
      Math.min(n, length + 2 * DEFAULT_BAND_PADDING),
      length,
      DEFAULT_SCORING,
    )
      ? KERNEL_CELL_COST
      : SCALAR_CELL_COST
    cost += rows * (2 * DEFAULT_BAND_PADDING + 1) * perCell + length * SCAN_BASE_COST
  }
  return { candidate, shared, bound, cost }
}

/** The query's best hits through the seed index: its candidate regions, pre-scored and aligned. */
export function rankBySeeds(
  seeds: CatalogSeedSearch,
  sequence: Uint8Array,
  candidateLimit: number,
  options: RankOptions,
): Ranking {
  return rankCandidates(prepareQuery(sequence), seeds.candidates(sequence, candidateLimit), options)
}

/**
 * The alignments that find the best of the query within the ranges of each candidate: one
 * request per range, aligned together by {@link draftPreparedMany}; the best per candidate wins
 * (the first range on a tie). A candidate scoring below `traceFrom` gets null.
 */
export function alignCandidates(
  prepared: PreparedQuery,
  candidates: readonly {
    subject: Uint8Array
    ranges: readonly [number, number][]
    pad: number
    endPad?: number
    blocks?: SubjectBlocks | undefined
  }[],
  memo?: BandMemo,
  traceFrom = 1,
): (DraftAlignment | null)[] {
  // A candidate sharing no seed k-mer with a query longer than the seed cannot reach a
  // reportable score (that needs ~20 matching bases), and aligning it in full would cost
  // milliseconds each; only queries shorter than a seed are aligned without one.
  const maxFullCells = prepared.length < prepared.seedK ? DEFAULT_MAX_FULL_CELLS : 0
  const requests: AlignRequest[] = []
  const owners: number[] = []
  candidates.forEach(({ subject, ranges, pad, endPad = pad, blocks }, c) => {
    for (const [subjectStart, subjectEnd] of ranges) {
      requests.push({
        subject,
        options: {
          subjectStart,
          subjectEnd,
          maxFullCells,
          bandPadding: pad,
          endPadding: endPad,
          blocks,
        },
      })
      owners.push(c)
    }
  })
  const best: (DraftAlignment | null)[] = candidates.map(() => null)
  draftPreparedMany(prepared, requests, memo, traceFrom).forEach((a, r) => {
    const c = owners[r]!
    if (a && (!best[c] || a.summary.score > best[c].summary.score)) best[c] = a
  })
  return best
}
