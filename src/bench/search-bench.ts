// `npm run bench -- search`: recall@10 and per-query time on simulated ground truth, next to
// blastn on the same catalogs and queries; latency and index build time at 1M sequences.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { IndexReport } from '../shared/catalog-types.js'
import type { QueryResult } from '../shared/search-types.js'
import { initCatalog, openCatalog } from '../main/engine/catalog/catalog.js'
import { ingest } from '../main/engine/ingest/ingest.js'
import { Searcher } from '../main/engine/search/search.js'
import { maintainIndexes } from '../main/engine/vector-index/maintain.js'
import { runBlast, type BlastRun } from './blast.js'
import { reverseComplement } from './evolve.js'
import { genesSet, readsSet, scaleReads, writeFasta, type SearchSet } from './search-sets.js'

export interface RecallFigures {
  readonly set: string
  readonly kind: string
  readonly queries: number
  readonly plan: string
  readonly recallAt10: number
  readonly msPerQuery: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly blastRecallAt10: number | null
  readonly blastMsPerQuery: number | null
  /** blastn's per-query time over ours: the target is at least 10. */
  readonly speedupOverBlast: number | null
}

export interface ScaleFigures {
  readonly sequences: number
  readonly ingestSeconds: number
  readonly indexBuildSeconds: number
  readonly partitions: number | null
  readonly queries: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly meanMs: number
  /** Top hit is a catalog read from the query's genome overlapping its position. */
  readonly topHitFromOrigin: number
  readonly plan: string
}

const BENCH_DIR = join(tmpdir(), 'genocat-bench')

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
}

async function buildCatalog(
  dir: string,
  records: Iterable<{ id: string; sequence: string }>,
  /** A metadata table (TSV text) ingested with the sequences. */
  metaTsv?: string,
): Promise<{
  location: string
  fasta: string
  ingestSeconds: number
  indexes: IndexReport[]
  indexSeconds: number
}> {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const fasta = join(dir, 'catalog.fa')
  await writeFasta(fasta, records)
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
  return { location, fasta, ingestSeconds, indexes, indexSeconds }
}

/** Runs every query once after a warm-up; returns results and per-query milliseconds. */
async function runQueries(
  location: string,
  queries: readonly { id: string; sequence: string }[],
): Promise<{ results: Map<string, QueryResult>; ms: Map<string, number>; plan: string }> {
  const catalog = await openCatalog(location)
  try {
    const searcher = await Searcher.open(catalog, { k: 10 })
    const encoded = queries.map((q) => ({
      id: q.id,
      sequence: new TextEncoder().encode(q.sequence),
    }))
    for (const q of encoded.slice(0, 20)) await searcher.search(q)
    const results = new Map<string, QueryResult>()
    const ms = new Map<string, number>()
    for (const q of encoded) {
      const start = performance.now()
      results.set(q.id, await searcher.search(q))
      ms.set(q.id, performance.now() - start)
    }
    const plan = `${searcher.plan.records}${searcher.plan.windows === 'none' ? '' : ` + windows ${searcher.plan.windows}`}`
    return { results, ms, plan }
  } finally {
    catalog.close()
  }
}

async function recallSet(set: SearchSet): Promise<RecallFigures[]> {
  const dir = join(BENCH_DIR, `search-${set.name}`)
  console.error(
    `${set.name}: ${set.catalog.length.toLocaleString('en-US')} sequences, ${set.queries.length} queries`,
  )
  const lineages = ['id\tlineage', ...set.catalog.map((c) => `${c.id}\t${c.lineage}`)]
  const built = await buildCatalog(dir, set.catalog, lineages.join('\n') + '\n')
  console.error(
    `  ingest ${built.ingestSeconds.toFixed(1)} s, indexes ${built.indexSeconds.toFixed(1)} s`,
  )
  const queriesFasta = join(dir, 'queries.fa')
  await writeFasta(queriesFasta, set.queries)
  const ours = await runQueries(built.location, set.queries)
  console.error('  ours done; running blastn …')
  const blast: BlastRun | null = runBlast(built.fasta, queriesFasta, dir)
  if (!blast)
    console.error('  blastn is not installed (apt-get install ncbi-blast+); its columns stay empty')
  const kinds = [...new Set(set.queries.map((q) => q.kind)), 'all']
  return kinds.map((kind) => {
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
    const msPerQuery = times.reduce((a, b) => a + b, 0) / times.length
    const blastMs = blast ? (blast.seconds * 1000) / set.queries.length : null
    return {
      set: set.name,
      kind,
      queries: qs.length,
      plan: ours.plan,
      recallAt10: recall,
      msPerQuery,
      p50Ms: quantile(times, 0.5),
      p99Ms: quantile(times, 0.99),
      blastRecallAt10: blast
        ? qs.filter((q) => found(blast.hits.get(q.id) ?? [], q)).length / qs.length
        : null,
      blastMsPerQuery: blastMs,
      speedupOverBlast: blastMs === null ? null : blastMs / msPerQuery,
    }
  })
}

async function scaleBench(sequences: number, queryCount: number): Promise<ScaleFigures> {
  const { genomes } = readsSet(0)
  console.error(`scale: ${sequences.toLocaleString('en-US')} reads of 150 bp`)
  const built = await buildCatalog(join(BENCH_DIR, 'search-scale'), scaleReads(genomes, sequences))
  const ivf = built.indexes.find((r) => r.table === 'records' && r.column === 'embedding')!
  console.error(`  ingest ${built.ingestSeconds.toFixed(1)} s, IVF-PQ ${ivf.seconds.toFixed(1)} s`)
  const queries = [...scaleReads(genomes, queryCount, 4)].map((q, i) => ({
    id: q.id,
    sequence: i % 2 ? reverseComplement(q.sequence) : q.sequence,
  }))
  const ours = await runQueries(built.location, queries)
  const origin = (id: string): [number, number] => {
    const [g, start] = id.slice(1).split('_')
    return [Number(g), Number(start)]
  }
  const fromOrigin = queries.filter((q) => {
    const top = ours.results.get(q.id)!.hits[0]
    if (!top) return false
    const [qg, qs] = origin(q.id)
    const [hg, hs] = origin(top.id)
    return qg === hg && Math.abs(qs - hs) < 130
  }).length
  const times = [...ours.ms.values()].sort((a, b) => a - b)
  return {
    sequences,
    ingestSeconds: built.ingestSeconds,
    indexBuildSeconds: ivf.seconds,
    partitions: ivf.partitions ?? null,
    queries: queryCount,
    p50Ms: quantile(times, 0.5),
    p99Ms: quantile(times, 0.99),
    meanMs: times.reduce((a, b) => a + b, 0) / times.length,
    topHitFromOrigin: fromOrigin / queryCount,
    plan: ours.plan,
  }
}

export interface SearchBenchOptions {
  readonly suites: readonly ('genes' | 'reads' | 'scale')[]
  readonly queries: number
  readonly scale: number
}

export async function searchBench(
  options: SearchBenchOptions,
): Promise<{ recall: RecallFigures[]; scale: ScaleFigures | null }> {
  const recall: RecallFigures[] = []
  if (options.suites.includes('genes')) recall.push(...(await recallSet(genesSet(options.queries))))
  if (options.suites.includes('reads')) recall.push(...(await recallSet(readsSet(options.queries))))
  const scale = options.suites.includes('scale') ? await scaleBench(options.scale, 1000) : null
  return { recall, scale }
}
