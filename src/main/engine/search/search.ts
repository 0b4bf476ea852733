import { GenocatError } from '../../../shared/errors.js'
import type { FilterNode } from '../../../shared/filter/index.js'
import type { QueryResult, SearchHitSummary, SearchPlan } from '../../../shared/search-types.js'
import { prepareQuery, type PreparedQuery } from '../align/align.js'
import type { Catalog } from '../catalog/catalog.js'
import { createEmbedder, type Embedder } from '../embed/embedder.js'
import { catalogFields, type FilterField } from '../filter/fields.js'
import { prepareFilter } from '../filter/query.js'
import {
  catalogSeedIndex,
  openCatalogSeedSearch,
  SEED_INDEX_MAX_RESIDUES,
} from '../seed-index/catalog-seeds.js'
import { SEED_K, SEED_W } from '../seed-index/minimizers.js'
import type { CatalogSeedSearch } from '../seed-index/catalog-search.js'
import { findCandidates, planRecords, planWindows, type TablePlan } from './candidates.js'
import type { QuerySequence } from './query-input.js'
import {
  rankBySeeds,
  rankCandidates,
  type Candidate,
  type RankedHit,
  type Ranking,
  type RankOptions,
} from './rank.js'
import { alignmentRanges, fetchSequences, groupCandidates } from './rerank.js'
import {
  everyRecordCandidates,
  packEveryRecord,
  rankEveryRecord,
  withRecordKmers,
} from './every-record.js'
import { exhaustivePlan } from './exhaustive-plan.js'
import { hitRecordViews } from './hit-records.js'
import { keptRecords, type KeptRecords } from './kept-records.js'
import { runSearchBatch, searchThreads, searchThreadsRunning } from './search-pool.js'
import {
  rankWithThreads,
  type ClaimedRankings,
  type SearchBatchTask,
  type SharedBatch,
} from './search-worker.js'

export interface SearchOptions {
  /** Hits per query (default 10). */
  readonly k?: number
  /** Only records matching this filter (text form or tree) are searched. */
  readonly where?: string | FilterNode
  /** Nearest vectors taken from each of records and windows before alignment (default max(100, 10k)). */
  readonly candidates?: number
  /** Candidates aligned after the k-mer pre-score (default k + 5 from seeds, k + 10 from vectors). */
  readonly aligned?: number
  /** Alignments scoring below this are not hits (default 40: about 20 matching bases). */
  readonly minScore?: number
  /**
   * Where candidates come from: 'seeds' (the in-memory minimizer index), 'vectors' (LanceDB
   * nearest neighbours of the query's embedding), or 'auto' (default): seeds when the catalog
   * is small enough to hold its index in memory, else vectors.
   */
  readonly method?: SearchMethod
}

export type SearchMethod = 'auto' | 'seeds' | 'vectors'

export const DEFAULT_K = 10
export const DEFAULT_MIN_SCORE = 40

/** The smallest query the catalog's embedding can see: one k-mer. */
export function minimumQueryLength(catalog: Catalog): number {
  const k = catalog.embedder.params['k']
  return typeof k === 'number' ? k : 1
}

/** Queries shorter than this are searched through vectors: seeds need k + w - 1 bases to be sampled alike. */
export const SEED_MIN_QUERY = SEED_K + SEED_W - 1

/** A query's aligned candidates, before their record fields are fetched. */
interface Ranked {
  readonly query: QuerySequence
  readonly top: readonly RankedHit[]
  /** Set when an exhaustive search stopped at its alignment budget short of the exact answer. */
  readonly prescreened?: QueryResult['prescreened']
}

/**
 * A search session over one open catalog: the filter is checked and planned once, then each
 * query's candidates are found and re-ranked by a banded Smith-Waterman alignment on both
 * strands. Hits are records, each with its best alignment.
 *
 * Candidates come from one of three places, chosen by {@link SearchPlan}:
 * - every eligible record, when they are few (an exhaustive search, as BLAST's);
 * - the seed index: records sharing (15, 10) minimizers with the query, counted per diagonal
 *   cluster, so long records are aligned only where the query lands;
 * - the vector index: the query's k-mer profile (the same for both strands), its nearest
 *   records and 500 bp windows of long records in LanceDB.
 */
export class Searcher {
  private constructor(
    private readonly catalog: Catalog,
    private readonly embedder: Embedder,
    private readonly fields: readonly FilterField[],
    private readonly vectorPlans: () => Promise<VectorPlans>,
    /**
     * Every eligible record, with residues, when they are few enough to align them all; with
     * their k-mer sets once enough queries have come to pay for them. Shared by the searchers
     * of one open catalog and filter.
     */
    private readonly kept: KeptRecords | null,
    private readonly seeds: CatalogSeedSearch | null,
    readonly plan: SearchPlan,
    /** Nearest vectors, or seed candidates, taken per query before the pre-score. */
    private readonly candidateLimit: number,
    /** The ranking's options but whether hits carry their aligned strings (per call). */
    private readonly rankOptions: Omit<RankOptions, 'alignedText'>,
  ) {}

  static async open(catalog: Catalog, options: SearchOptions = {}): Promise<Searcher> {
    const k = options.k ?? DEFAULT_K
    if (!Number.isInteger(k) || k < 1)
      throw new GenocatError('INVALID_ARGUMENT', `k must be a positive integer (got ${k}).`)
    const method = options.method ?? 'auto'
    const fields = catalogFields(catalog.db)
    const where = options.where === undefined ? undefined : prepareFilter(fields, options.where).sql
    const embedder = createEmbedder(catalog.embedder)
    const eligible = await catalog.tables.records.countRows(where)
    const exhaustive = await exhaustivePlan(catalog, where, eligible)
    const seedIndex = exhaustive || method === 'vectors' ? null : await catalogSeedIndex(catalog)
    if (method === 'seeds' && !exhaustive && !seedIndex) {
      throw new GenocatError(
        'INVALID_ARGUMENT',
        `This catalog holds more than ${SEED_INDEX_MAX_RESIDUES.toLocaleString('en-US')} residues, too many for a seed index in memory; search it with vectors.`,
      )
    }
    // Vector plans are made when first needed: queries too short for seeds use them too.
    let plans: Promise<VectorPlans> | null = null
    const vectorPlans = (): Promise<VectorPlans> =>
      (plans ??= planVectors(catalog, where, 2 * embedder.windowLength))
    let plan: SearchPlan
    if (exhaustive) {
      plan = {
        records: 'exhaustive',
        windows: 'none',
        eligible,
        exhaustive: { records: exhaustive.rids.length, residues: exhaustive.residues },
      }
    } else if (seedIndex) {
      plan = { records: 'seeds', windows: 'none', eligible }
    } else {
      const { records, windows } = await vectorPlans()
      plan = { records: records.mode, windows: windows?.mode ?? 'none', eligible }
    }
    return new Searcher(
      catalog,
      embedder,
      fields,
      vectorPlans,
      exhaustive
        ? await keptRecords(catalog, where, async () =>
            packEveryRecord(await fetchSequences(catalog, exhaustive.rids)),
          )
        : null,
      seedIndex ? await openCatalogSeedSearch(catalog, seedIndex, where) : null,
      plan,
      options.candidates ?? Math.max(100, 10 * k),
      {
        k,
        aligned: options.aligned ?? (seedIndex ? k + 5 : k + 10),
        alignAll: exhaustive !== null,
        minScore: options.minScore ?? DEFAULT_MIN_SCORE,
      },
    )
  }

  /** Hits for one query, best first. */
  async search(query: QuerySequence): Promise<QueryResult> {
    return (await this.searchMany([query]))[0]!
  }

  /**
   * Hits for each query, in order; record fields are fetched once for the whole batch. A large
   * batch searched through seeds is spread over the search threads.
   */
  async searchMany(queries: readonly QuerySequence[]): Promise<QueryResult[]> {
    return this.resultsOf(queries, true, (hit, a) => {
      if (!('alignedQuery' in a)) throw new Error('a ranking asked for aligned strings lacks them')
      // The record last, as before the summaries: JSON output keeps its key order.
      const { record, ...rest } = hit
      return { ...rest, alignedQuery: a.alignedQuery, alignedSubject: a.alignedSubject, record }
    })
  }

  /**
   * {@link searchMany} without the aligned strings, for tabular output: the same hits, but the
   * strings are never written nor passed back from the search threads.
   */
  async summarizeMany(queries: readonly QuerySequence[]): Promise<QueryResult<SearchHitSummary>[]> {
    return this.resultsOf(queries, false, (hit) => hit)
  }

  private async resultsOf<Hit extends SearchHitSummary>(
    queries: readonly QuerySequence[],
    alignedText: boolean,
    withText: (hit: SearchHitSummary, alignment: RankedHit['alignment']) => Hit,
  ): Promise<QueryResult<Hit>[]> {
    const ranked = await this.rankMany(queries, alignedText)
    const records = await hitRecordViews(this.catalog, this.fields, [
      ...new Set(ranked.flatMap((r) => r.top.map((t) => t.rid))),
    ])
    return ranked.map(({ query, top, prescreened }) => ({
      query: query.id,
      queryLength: query.sequence.length,
      ...(prescreened ? { prescreened } : {}),
      // A record the seed index holds but this catalog version does not (deleted while the
      // index was loaded) cannot be shown; it is dropped rather than shown half.
      hits: top
        .filter(({ rid }) => records.has(rid))
        .map(({ rid, alignment: a, length }, i) => {
          const record = records.get(rid)!
          const hit: SearchHitSummary = {
            rank: i + 1,
            id: String(record['id']),
            score: a.score,
            identity: a.identity,
            coverage: a.coverage,
            strand: a.strand,
            queryStart: a.queryStart,
            queryEnd: a.queryEnd,
            subjectStart: a.subjectStart,
            subjectEnd: a.subjectEnd,
            subjectLength: length,
            record,
          }
          return withText(hit, a)
        }),
    }))
  }

  /** Each query's best k alignments. */
  private async rankMany(
    queries: readonly QuerySequence[],
    alignedText: boolean,
  ): Promise<Ranked[]> {
    const rank: RankOptions = { ...this.rankOptions, alignedText }
    const kept = this.kept
    if (kept) {
      kept.queriesRanked += queries.length
      if (kept.queriesRanked >= RECORD_KMERS_MIN_QUERIES) kept.every = withRecordKmers(kept.every)
    }
    const parallel = this.parallelQueries(queries)
    const out: Ranked[] = []
    if (parallel.length === 0) {
      for (const query of queries) out.push(await this.rank(query, rank))
      return out
    }
    const byThreads = await this.rankShared(parallel, rank)
    for (const query of queries) {
      const ranking = byThreads.get(query)
      out.push(ranking ? ranked(query, ranking) : await this.rank(query, rank))
    }
    return out
  }

  /**
   * Ranks the queries on every search thread but one and on this thread too, each claiming
   * the next query as it finishes one (`rankClaimed`). This thread is warm and never waits
   * for a slice to come back, so a batch is ranked no later than here alone, and sooner as the
   * threads warm up; it pauses every few milliseconds so the threads' messages get through.
   */
  private async rankShared(
    queries: readonly QuerySequence[],
    rank: RankOptions,
  ): Promise<Map<QuerySequence, Ranking>> {
    const batch: SharedBatch = {
      queries: queries.map((q) => q.sequence),
      next: new Int32Array(new SharedArrayBuffer(4)),
    }
    const threads: Promise<ClaimedRankings>[] = []
    for (let t = 1; t < searchThreads(); t++)
      threads.push(runSearchBatch(this.batchTask(batch, rank)))
    const claims = await rankWithThreads(batch, this.rankerHere(rank), threads, SHARED_TURN_MS)
    const byThreads = new Map<QuerySequence, Ranking>()
    for (const { claimed, rankings } of claims) {
      claimed.forEach((i, j) => byThreads.set(queries[i]!, rankings[j]!))
    }
    return byThreads
  }

  /**
   * The queries of a batch worth sharing with the search threads, or none: those the seed
   * index searches, when there are enough of them, and every query of an exhaustive search
   * that scans enough residues in all to outweigh starting the threads. Threads already up
   * cost only a message, so then any two such queries are shared.
   */
  private parallelQueries(queries: readonly QuerySequence[]): readonly QuerySequence[] {
    if (searchThreads() < 2 || queries.length < 2) return []
    const running = searchThreadsRunning()
    if (this.kept) {
      const scanned = queries.length * this.kept.every.residues.length
      return running || scanned >= PARALLEL_MIN_SCANNED ? queries : []
    }
    if (!this.seeds) return []
    const seeded = queries.filter((q) => q.sequence.length >= SEED_MIN_QUERY)
    const bases = seeded.reduce((sum, q) => sum + q.sequence.length, 0)
    return seeded.length > 1 && (running || bases >= PARALLEL_MIN_QUERY_BASES) ? seeded : []
  }

  private batchTask(batch: SharedBatch, rank: RankOptions): SearchBatchTask {
    if (this.kept) return { kind: 'every-record', records: this.kept.every, rank, batch }
    const seeds = this.seeds!
    const candidates = this.candidateLimit
    return { kind: 'seeds', key: seeds.key, parts: seeds.shareable, candidates, rank, batch }
  }

  /** Ranks a query on this thread without vectors: exhaustively, or by seeds (long enough). */
  private rankerHere(options: RankOptions): (query: Uint8Array) => Ranking {
    const kept = this.kept
    if (kept) {
      const base = (kept.candidates ??= everyRecordCandidates(kept.every))
      return (query) => rankEveryRecord(kept.every, base, query, options)
    }
    const seeds = this.seeds!
    return (query) => rankBySeeds(seeds, query, this.candidateLimit, options)
  }

  /** The query's best k alignments, on this thread. */
  private async rank(query: QuerySequence, options: RankOptions): Promise<Ranked> {
    if (this.kept || (this.seeds && query.sequence.length >= SEED_MIN_QUERY)) {
      return ranked(query, this.rankerHere(options)(query.sequence))
    }
    const prepared = prepareQuery(query.sequence)
    const candidates = await this.vectorCandidates(query.sequence, prepared)
    return ranked(query, rankCandidates(prepared, candidates, options))
  }

  /** Record regions to pre-score and align, from the vector index. */
  private async vectorCandidates(
    sequence: Uint8Array,
    prepared: PreparedQuery,
  ): Promise<Candidate[]> {
    const vector = new Float32Array(this.embedder.spec.dimensions)
    this.embedder.embed(sequence, 0, sequence.length, 'dna', vector, 0)
    const nearest = await findCandidates(
      this.catalog,
      vector,
      await this.vectorPlans(),
      this.candidateLimit,
    )
    const groups = groupCandidates(nearest)
    const sequences = await fetchSequences(this.catalog, [...groups.keys()])
    const out: Candidate[] = []
    for (const [rid, regions] of groups) {
      const subject = sequences.get(rid)
      if (!subject) continue
      out.push({
        rid,
        subject,
        ranges: alignmentRanges(
          regions,
          subject.length,
          this.embedder.windowLength,
          prepared.length,
        ),
      })
    }
    return out
  }
}

interface VectorPlans {
  readonly records: TablePlan
  readonly windows: TablePlan | null
}

async function planVectors(
  catalog: Catalog,
  where: string | undefined,
  minWindowedLength: number,
): Promise<VectorPlans> {
  const records = await planRecords(catalog, where)
  const windows = await planWindows(catalog, where, minWindowedLength)
  return { records: records.plan, windows }
}

/**
 * The exhaustive plan's k-mer sets are built once this many queries have been ranked on the
 * records of one open catalog and filter, by one searcher or several (the app opens one per
 * search): they cost about six pre-score scans of every record to build (~170 ms for the demo's
 * 418 genomes), so one query alone is answered sooner by scanning.
 */
const RECORD_KMERS_MIN_QUERIES = 8

/**
 * A batch whose seed-searched queries hold fewer bases than this starts no search threads (it
 * shares them if they are up). A thread starts in tens of milliseconds, then runs its first
 * few hundred queries several times slower than warm code (150 bp reads: ~0.5 ms a read for
 * its first 500, ~0.11 ms warm), and while it warms up it takes the core this thread's own
 * compiler would use. So a first batch of 500 reads (75 kb) is ranked sooner here alone
 * (0.22 s) than shared with a thread that starts beside it (0.29 s); a whole `genocat search`
 * over them takes 0.63 s against 0.75 s. Nor does sharing later small batches pay: a process
 * that started its threads once it had ranked 100 kb lost time on the next few batches of 500
 * reads and won it back only some ten batches later; with more cores, each thread sees fewer
 * of a batch's queries and warms up over still more batches.
 */
export const PARALLEL_MIN_QUERY_BASES = 100_000
/**
 * An exhaustive batch goes to the search threads when its queries pre-score this many residues
 * in all: some 0.2 s of work on one thread, against a few tens of milliseconds to start them.
 */
const PARALLEL_MIN_SCANNED = 50_000_000

/** How long this thread ranks a shared batch's queries before it lets the threads' messages in. */
const SHARED_TURN_MS = 5

/** A query's ranking as the batch keeps it: with the pre-screen's figures if it stopped short. */
function ranked(query: QuerySequence, { top, scored, aligned, overBudget }: Ranking): Ranked {
  return { query, top, ...(overBudget ? { prescreened: { scored, aligned } } : {}) }
}
