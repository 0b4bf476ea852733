// `npm run bench -- search`: recall@10 and per-query time on simulated ground truth, next to
// blastn on the same catalogs and queries; latency and index build time at 1M sequences.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { IndexReport } from '../shared/catalog-types.js'
import type { QueryResult, SearchHitSummary } from '../shared/search-types.js'
import { initCatalog, openCatalog } from '../main/engine/catalog/catalog.js'
import { ingest } from '../main/engine/ingest/ingest.js'
import { Searcher, type SearchMethod } from '../main/engine/search/search.js'
import { hitRecordsKept } from '../main/engine/search/hit-records.js'
import { queriesRankedOnThreads } from '../main/engine/search/search-pool.js'
import { maintainIndexes } from '../main/engine/vector-index/maintain.js'
import { blastEachQuerySeconds, runBlast, type BlastRun } from './blast.js'
import { cliEachQuerySeconds, cliSearchRun } from './cli-run.js'
import { reverseComplement } from './evolve.js'
import {
  genesSet,
  genomesSet,
  readsSet,
  scaleReads,
  writeFasta,
  type SearchSet,
} from './search-sets.js'

export interface RecallFigures {
  readonly set: string
  readonly kind: string
  readonly queries: number
  readonly method: SearchMethod
  readonly plan: string
  readonly recallAt10: number
  /** Queries whose exhaustive search stopped at its alignment budget (their results say so). */
  readonly cutShort: number
  /** Mean latency of a query searched on its own. */
  readonly msPerQuery: number
  /**
   * The whole set searched as one batch, per query, warm (the fastest of several batches): the
   * figure compared with blastn's, itself the fastest of three runs.
   */
  readonly batchMsPerQuery: number
  /** The share of that batch's queries the search threads ranked (see {@link QueryRun}). */
  readonly batchShareOnThreads: number
  /** The same, for the first batch: the code compiles and warms up while it runs. */
  readonly firstBatchMsPerQuery: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly blastRecallAt10: number | null
  readonly blastMsPerQuery: number | null
  /** blastn's per-query time over our batch's: the target is at least 10. */
  readonly speedupOverBlast: number | null
}

/** `genocat search --query-file` and blastn, each a whole process over the same file. */
export interface ProcessFigures {
  readonly set: string
  readonly queries: number
  readonly cliMsPerQuery: number
  readonly blastMsPerQuery: number | null
  /** blastn's time over ours: above 1 when `genocat search` finishes first. */
  readonly speedupOverBlast: number | null
  /** Peak resident memory of each, MiB: the largest of its runs (null: not measured). */
  readonly cliPeakMb: number | null
  readonly blastPeakMb: number | null
}

/** The whole-process figures of `genocat search` and blastn over one query file. */
function processFigures(
  set: string,
  queries: number,
  catalog: string,
  queriesFasta: string,
  blast: BlastRun | null,
): ProcessFigures {
  console.error('  running genocat search as a process …')
  const cli = cliSearchRun(catalog, queriesFasta)
  const cliMs = (cli.seconds * 1000) / queries
  const blastMs = blast ? (blast.seconds * 1000) / queries : null
  return {
    set,
    queries,
    cliMsPerQuery: cliMs,
    blastMsPerQuery: blastMs,
    speedupOverBlast: blastMs === null ? null : blastMs / cliMs,
    cliPeakMb: cli.peakMb,
    blastPeakMb: blast?.peakMb ?? null,
  }
}

/** One query at a time, the way a researcher checks a sequence at hand. */
export interface SingleQueryFigures {
  readonly set: string
  readonly queries: number
  /** Median time of a query in an open catalog, as the app and `genocat serve` search. */
  readonly openCatalogMs: number
  /** Median time of one `genocat search --query … --tsv` process per query. */
  readonly cliMs: number
  /** Median time of one blastn process per query (null when not installed). */
  readonly blastMs: number | null
}

/** Queries timed one process each: spread over the set, so every query kind is in. */
const SINGLE_QUERIES = 20
/** At most this many genome queries: three kinds of twenty. */
const GENOME_QUERIES = 60

export interface ScaleFigures {
  readonly sequences: number
  readonly method: SearchMethod
  readonly ingestSeconds: number
  readonly indexBuildSeconds: number
  /** Building the seed index's segment during index maintenance. */
  readonly seedIndexSeconds: number | null
  readonly partitions: number | null
  /** Opening the searcher: loading (or building) the seed index. */
  readonly openSeconds: number
  readonly queries: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly meanMs: number
  readonly batchMsPerQuery: number
  /** The share of that batch's queries the search threads ranked. */
  readonly batchShareOnThreads: number
  /** Top hit is a catalog read from the query's genome overlapping its position. */
  readonly topHitFromOrigin: number
  readonly plan: string
  /** blastn over the same catalog and query file (null when not installed). */
  readonly blastTopHitFromOrigin: number | null
  readonly blastMsPerQuery: number | null
  /** blastn's per-query time over our batch's. */
  readonly speedupOverBlast: number | null
  /** makeblastdb on the catalog FASTA, beside our index builds. */
  readonly makeblastdbSeconds: number | null
}

const BENCH_DIR = join(tmpdir(), 'genocat-bench')

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
}

async function buildCatalog(
  dir: string,
  records: Iterable<{ id: string; sequence: string }>,
  /** A metadata table (TSV text) ingested with the sequences. */
  metaTsv: string | undefined,
  /** Keep a catalog an earlier run built from the same records (`--reuse`). */
  reuse: boolean,
): Promise<BuiltCatalog> {
  const list = [...records]
  const fingerprint = createHash('sha256')
  for (const r of list) fingerprint.update(`${r.id}\t${r.sequence}\n`)
  const key = fingerprint.update(metaTsv ?? '').digest('hex')
  const marker = join(dir, 'built.json')
  if (reuse && existsSync(marker)) {
    const previous = JSON.parse(readFileSync(marker, 'utf8')) as BuiltCatalog & { key: string }
    if (previous.key === key) {
      console.error(`  reusing the catalog built at ${previous.location}`)
      return previous
    }
  }
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const fasta = join(dir, 'catalog.fa')
  await writeFasta(fasta, list)
  const location = join(dir, 'catalog')
  await initCatalog(location)
  let start = performance.now()
  const metadata: string[] = []
  if (metaTsv !== undefined) {
    metadata.push(join(dir, 'metadata.tsv'))
    writeFileSync(metadata[0]!, metaTsv)
  }
  await ingest(location, { files: [fasta], metadata, index: false })
  const ingestSeconds = (performance.now() - start) / 1000
  const catalog = await openCatalog(location, { write: true })
  start = performance.now()
  const indexes = await maintainIndexes(catalog)
  const indexSeconds = (performance.now() - start) / 1000
  catalog.close()
  const built = { location, fasta, ingestSeconds, indexes, indexSeconds }
  writeFileSync(marker, JSON.stringify({ ...built, key }))
  console.error(`  ingest ${ingestSeconds.toFixed(1)} s, indexes ${indexSeconds.toFixed(1)} s`)
  return built
}

interface BuiltCatalog {
  readonly location: string
  readonly fasta: string
  readonly ingestSeconds: number
  readonly indexes: IndexReport[]
  readonly indexSeconds: number
}

interface QueryRun {
  readonly results: Map<string, QueryResult<SearchHitSummary>>
  /**
   * Wall time of one `summarizeMany` over every query, divided by the queries (as blastn's):
   * the fastest of {@link WARM_BATCHES} after the first.
   */
  readonly batchMsPerQuery: number
  /**
   * The share of that batch's queries the search threads ranked; the rest the calling thread
   * ranked. 0 when the batch was too small to start them (PARALLEL_MIN_QUERY_BASES in
   * search.ts): blastn runs with `-num_threads 2`, so on two cores such a figure is one core's
   * against two.
   */
  readonly batchShareOnThreads: number
  /** The same for the first such call, while the search threads start and warm up. */
  readonly firstBatchMsPerQuery: number
  /** Each query searched on its own: latency. */
  readonly ms: Map<string, number>
  readonly plan: string
  /** Opening the searcher, which builds the seed index on first use. */
  readonly openSeconds: number
}

/**
 * Batches after the first, of which the fastest is the warm figure, as blastn's is the fastest
 * of its runs: by then the code (and the search threads, for a batch large enough to share) has
 * warmed up, as in a running app or server.
 */
const WARM_BATCHES = 6

/**
 * Runs every query as one batch several times (throughput, comparable with blastn's run over
 * the same file): the first while the code warms up, as in a one-off `genocat search`; then
 * {@link WARM_BATCHES} more as a running app or server searches, keeping the fastest. Then
 * each query on its own (latency), after a warm-up.
 */
async function runQueries(
  location: string,
  queries: readonly { id: string; sequence: string }[],
  method: SearchMethod,
): Promise<QueryRun> {
  const catalog = await openCatalog(location)
  try {
    let start = performance.now()
    const searcher = await Searcher.open(catalog, { k: 10, method })
    const openSeconds = (performance.now() - start) / 1000
    const encoded = queries.map((q) => ({
      id: q.id,
      sequence: new TextEncoder().encode(q.sequence),
    }))
    for (const q of encoded.slice(0, 20)) await searcher.search(q)
    // Batches print a table, as blastn's -outfmt 6 does: scores and coordinates, no aligned
    // strings (genocat search --tsv). One query alone gets its strings, as the app shows them.
    start = performance.now()
    await searcher.summarizeMany(encoded)
    const firstBatchMsPerQuery = (performance.now() - start) / encoded.length
    let batch: QueryResult<SearchHitSummary>[] = []
    let batchMsPerQuery = Infinity
    let batchShareOnThreads = 0
    for (let run = 0; run < WARM_BATCHES; run++) {
      const threadsBefore = queriesRankedOnThreads()
      start = performance.now()
      batch = await searcher.summarizeMany(encoded)
      const msPerQuery = (performance.now() - start) / encoded.length
      if (msPerQuery < batchMsPerQuery) {
        batchMsPerQuery = msPerQuery
        batchShareOnThreads = (queriesRankedOnThreads() - threadsBefore) / encoded.length
      }
    }
    const results = new Map(batch.map((r) => [r.query, r]))
    // Latency as a running app sees it, once the catalog's fields are kept (hit-records.ts).
    await hitRecordsKept(catalog)
    const ms = new Map<string, number>()
    for (const q of encoded) {
      const started = performance.now()
      await searcher.search(q)
      ms.set(q.id, performance.now() - started)
    }
    const plan = `${searcher.plan.records}${searcher.plan.windows === 'none' ? '' : ` + windows ${searcher.plan.windows}`}`
    return {
      results,
      batchMsPerQuery,
      batchShareOnThreads,
      firstBatchMsPerQuery,
      ms,
      plan,
      openSeconds,
    }
  } finally {
    catalog.close()
  }
}

async function recallSet(
  set: SearchSet,
  methods: readonly SearchMethod[],
  reuse: boolean,
): Promise<{ recall: RecallFigures[]; process: ProcessFigures; single: SingleQueryFigures }> {
  const dir = join(BENCH_DIR, `search-${set.name}`)
  console.error(
    `${set.name}: ${set.catalog.length.toLocaleString('en-US')} sequences, ${set.queries.length} queries`,
  )
  const lineages = ['id\tlineage', ...set.catalog.map((c) => `${c.id}\t${c.lineage ?? ''}`)]
  const metadata = set.metadataTsv ?? lineages.join('\n') + '\n'
  const built = await buildCatalog(dir, set.catalog, metadata, reuse)
  const queriesFasta = join(dir, 'queries.fa')
  await writeFasta(queriesFasta, set.queries)
  const runs: [SearchMethod, QueryRun][] = []
  for (const method of methods) {
    runs.push([method, await runQueries(built.location, set.queries, method)])
    console.error(`  ${method} done`)
  }
  console.error('  running blastn …')
  const blast: BlastRun | null = runBlast(built.fasta, queriesFasta, dir)
  if (!blast)
    console.error('  blastn is not installed (apt-get install ncbi-blast+); its columns stay empty')
  const blastMs = blast ? (blast.seconds * 1000) / set.queries.length : null
  const queryCount = set.queries.length
  const wholeProcess = processFigures(set.name, queryCount, built.location, queriesFasta, blast)
  console.error(`  timing ${SINGLE_QUERIES} queries one process each …`)
  const step = Math.max(1, Math.floor(set.queries.length / SINGLE_QUERIES))
  const sample = set.queries.filter((_, i) => i % step === 0).slice(0, SINGLE_QUERIES)
  const median = (values: readonly number[]): number =>
    quantile(
      [...values].sort((a, b) => a - b),
      0.5,
    )
  const openRun = (runs.find(([method]) => method === 'seeds') ?? runs[0]!)[1]
  const single: SingleQueryFigures = {
    set: set.name,
    queries: sample.length,
    openCatalogMs: median(sample.map((q) => openRun.ms.get(q.id)!)),
    cliMs: median(cliEachQuerySeconds(built.location, sample)) * 1000,
    blastMs: blast ? median(blastEachQuerySeconds(blast, sample)) * 1000 : null,
  }
  const kinds = [...new Set(set.queries.map((q) => q.kind)), 'all']
  const recall = runs.flatMap(([method, ours]) =>
    kinds.map((kind): RecallFigures => {
      const qs = set.queries.filter((q) => kind === 'all' || q.kind === kind)
      const found = (ids: readonly string[], q: (typeof qs)[number]): boolean =>
        ids.slice(0, 10).some((id) => q.truth.includes(id))
      const recall =
        qs.filter((q) =>
          found(
            ours.results.get(q.id)!.hits.map((h) => h.id),
            q,
          ),
        ).length / qs.length
      const times = qs.map((q) => ours.ms.get(q.id)!).sort((a, b) => a - b)
      return {
        set: set.name,
        kind,
        method,
        queries: qs.length,
        plan: ours.plan,
        recallAt10: recall,
        cutShort: qs.filter((q) => ours.results.get(q.id)!.prescreened).length,
        msPerQuery: times.reduce((a, b) => a + b, 0) / times.length,
        batchMsPerQuery: ours.batchMsPerQuery,
        batchShareOnThreads: ours.batchShareOnThreads,
        firstBatchMsPerQuery: ours.firstBatchMsPerQuery,
        p50Ms: quantile(times, 0.5),
        p99Ms: quantile(times, 0.99),
        blastRecallAt10: blast
          ? qs.filter((q) => found(blast.hits.get(q.id) ?? [], q)).length / qs.length
          : null,
        blastMsPerQuery: blastMs,
        speedupOverBlast: blastMs === null ? null : blastMs / ours.batchMsPerQuery,
      }
    }),
  )
  return { recall, process: wholeProcess, single }
}

async function scaleBench(
  sequences: number,
  queryCount: number,
  methods: readonly SearchMethod[],
  reuse: boolean,
): Promise<{ scale: ScaleFigures[]; process: ProcessFigures }> {
  const { genomes } = readsSet(0)
  console.error(`scale: ${sequences.toLocaleString('en-US')} reads of 150 bp`)
  const dir = join(BENCH_DIR, 'search-scale')
  const built = await buildCatalog(dir, scaleReads(genomes, sequences), undefined, reuse)
  const ivf = built.indexes.find((r) => r.table === 'records' && r.column === 'embedding')!
  const seeds = built.indexes.find((r) => r.kind === 'seeds')
  const queries = [...scaleReads(genomes, queryCount, 4)].map((q, i) => ({
    id: q.id,
    sequence: i % 2 ? reverseComplement(q.sequence) : q.sequence,
  }))
  const origin = (id: string): [number, number] => {
    const [g, start] = id.slice(1).split('_')
    return [Number(g), Number(start)]
  }
  const fromOrigin = (topHit: (queryId: string) => string | undefined): number =>
    queries.filter((q) => {
      const top = topHit(q.id)
      if (top === undefined) return false
      const [qg, qs] = origin(q.id)
      const [hg, hs] = origin(top)
      return qg === hg && Math.abs(qs - hs) < 130
    }).length / queryCount
  const queriesFasta = join(dir, 'queries.fa')
  await writeFasta(queriesFasta, queries)
  console.error('  running blastn …')
  const blast = runBlast(built.fasta, queriesFasta, dir)
  if (!blast)
    console.error('  blastn is not installed (apt-get install ncbi-blast+); its columns stay empty')
  const blastMs = blast ? (blast.seconds * 1000) / queryCount : null
  const out: ScaleFigures[] = []
  for (const method of methods) {
    const ours = await runQueries(built.location, queries, method)
    console.error(`  ${method} done`)
    const times = [...ours.ms.values()].sort((a, b) => a - b)
    out.push({
      sequences,
      method,
      ingestSeconds: built.ingestSeconds,
      indexBuildSeconds: ivf.seconds,
      seedIndexSeconds: seeds?.seconds ?? null,
      partitions: ivf.partitions ?? null,
      openSeconds: ours.openSeconds,
      queries: queryCount,
      p50Ms: quantile(times, 0.5),
      p99Ms: quantile(times, 0.99),
      meanMs: times.reduce((a, b) => a + b, 0) / times.length,
      batchMsPerQuery: ours.batchMsPerQuery,
      batchShareOnThreads: ours.batchShareOnThreads,
      topHitFromOrigin: fromOrigin((id) => ours.results.get(id)!.hits[0]?.id),
      plan: ours.plan,
      blastTopHitFromOrigin: blast ? fromOrigin((id) => blast.hits.get(id)?.[0]) : null,
      blastMsPerQuery: blastMs,
      speedupOverBlast: blastMs === null ? null : blastMs / ours.batchMsPerQuery,
      makeblastdbSeconds: blast?.makeblastdbSeconds ?? null,
    })
  }
  // What a researcher's laptop needs to search a million sequences, beside blastn's needs.
  const set = `scale (${sequences.toLocaleString('en-US')})`
  return {
    scale: out,
    process: processFigures(set, queryCount, built.location, queriesFasta, blast),
  }
}

export interface SearchBenchOptions {
  readonly suites: readonly ('genes' | 'reads' | 'genomes' | 'scale')[]
  readonly queries: number
  readonly scale: number
  readonly methods: readonly SearchMethod[]
  readonly reuse: boolean
}

export async function searchBench(options: SearchBenchOptions): Promise<{
  recall: RecallFigures[]
  processes: ProcessFigures[]
  single: SingleQueryFigures[]
  scale: ScaleFigures[]
}> {
  const { methods, reuse } = options
  const recall: RecallFigures[] = []
  const processes: ProcessFigures[] = []
  const single: SingleQueryFigures[] = []
  for (const [name, makeSet] of [
    ['genes', genesSet],
    ['reads', readsSet],
    // Each genome query takes a good part of a second (and blastn's tens of milliseconds).
    ['genomes', (queries: number) => genomesSet(Math.min(queries, GENOME_QUERIES))],
  ] as const) {
    if (!options.suites.includes(name)) continue
    // 418 genomes take the exhaustive plan whichever the method: one run says it all.
    const setMethods = name === 'genomes' ? (['auto'] as const) : methods
    const figures = await recallSet(makeSet(options.queries), setMethods, reuse)
    recall.push(...figures.recall)
    processes.push(figures.process)
    single.push(figures.single)
  }
  const scale: ScaleFigures[] = []
  if (options.suites.includes('scale')) {
    const figures = await scaleBench(options.scale, 1000, methods, reuse)
    scale.push(...figures.scale)
    processes.push(figures.process)
  }
  return { recall, processes, single, scale }
}
