// `npm run bench -- <suite> [options]`: benchmarks, not tests. Prints a table and JSON.
import { Command } from 'commander'
import { ingestBench, measureIngest, type IngestFigures } from './ingest-bench.js'
import type { SearchMethod } from '../main/engine/search/search.js'
import { searchBench, type SearchBenchOptions } from './search-bench.js'
import { markdownTable } from './table.js'

function table(rows: readonly IngestFigures[]): string {
  const header = [
    'benchmark',
    'records',
    'seconds',
    'records/s',
    'MB/s (file)',
    'peak RSS MB',
    'seqkit stats s',
    'ours / seqkit',
    'reference',
  ]
  const lines = rows.map((r) => [
    r.name,
    r.records.toLocaleString('en-US'),
    r.seconds.toFixed(2),
    Math.round(r.recordsPerSecond).toLocaleString('en-US'),
    r.mbPerSecond.toFixed(1),
    r.peakRssMb.toFixed(0),
    r.seqkitSeconds === null ? 'not installed' : r.seqkitSeconds.toFixed(2),
    r.ratioToSeqkit === null ? '-' : `${r.ratioToSeqkit.toFixed(1)}x`,
    r.reference,
  ])
  return markdownTable(header, lines)
}

const ms = (x: number | null): string => (x === null ? 'not installed' : x.toFixed(2))
const frac = (x: number | null): string => (x === null ? 'not installed' : x.toFixed(3))
const times = (x: number | null): string => (x === null ? '-' : `${x.toFixed(1)}x`)
const seconds = (x: number | null): string => (x === null ? '-' : x.toFixed(1))
const megabytes = (x: number | null): string => (x === null ? '-' : x.toFixed(0))

const program = new Command('bench').description('Genocat benchmarks')
program
  .command('ingest')
  .description(
    'ingestion throughput and memory (synthetic 1M x 150 bp FASTQ.gz unless a path is given)',
  )
  .argument('[path]', 'a FASTA/FASTQ file to ingest instead')
  .option('--reads <n>', 'reads in the synthetic file', (v) => Number(v), 1_000_000)
  .action(async (path: string | undefined, opts: { reads: number }) => {
    const figures = await ingestBench({ reads: opts.reads, ...(path ? { path } : {}) })
    console.log(table(figures))
    console.log(JSON.stringify({ suite: 'ingest', figures }, null, 2))
  })

program
  .command('search')
  .description(
    'recall@10 and per-query time on simulated genes and reads and on real genomes, blastn beside; 1M latency',
  )
  .option(
    '--suite <names>',
    'comma-separated: genes, reads, genomes, scale',
    'genes,reads,genomes,scale',
  )
  .option('--queries <n>', 'queries per recall set', (v) => Number(v), 500)
  .option('--scale <n>', 'sequences in the scale catalog', (v) => Number(v), 1_000_000)
  .option(
    '--methods <names>',
    'candidate sources to compare: auto, seeds, vectors',
    'seeds,vectors',
  )
  .option('--reuse', 'keep catalogs an earlier run built from the same data (in the temp folder)')
  .action(
    async (opts: {
      suite: string
      queries: number
      scale: number
      methods: string
      reuse?: boolean
    }) => {
      const suites = opts.suite.split(',') as SearchBenchOptions['suites'][number][]
      const methods = opts.methods.split(',') as SearchMethod[]
      const { recall, processes, single, scale } = await searchBench({
        suites,
        queries: opts.queries,
        scale: opts.scale,
        methods,
        reuse: opts.reuse === true,
      })
      if (recall.length > 0) {
        console.log(
          markdownTable(
            [
              'set',
              'queries',
              'kind',
              'plan',
              'recall@10',
              'cut short',
              'ms/query alone',
              'p50 ms',
              'p99 ms',
              'ms/query in batch',
              'on threads',
              'first batch',
              'blastn recall@10',
              'blastn ms/query',
              'blastn / ours',
            ],
            recall.map((r) => [
              r.set,
              String(r.queries),
              r.kind,
              r.plan,
              r.recallAt10.toFixed(3),
              String(r.cutShort),
              r.msPerQuery.toFixed(2),
              r.p50Ms.toFixed(2),
              r.p99Ms.toFixed(2),
              r.batchMsPerQuery.toFixed(2),
              `${Math.round(100 * r.batchShareOnThreads)}%`,
              r.firstBatchMsPerQuery.toFixed(2),
              frac(r.blastRecallAt10),
              ms(r.blastMsPerQuery),
              times(r.speedupOverBlast),
            ]),
          ),
        )
        console.log(
          'targets: recall@10 ≥ 0.99 on every kind; blastn / ours ≥ 10x (both over the whole query file, as tables without aligned strings: blastn -outfmt 6, our summarizeMany; ours warm: the fastest of 6 batches after the first, as blastn gets the fastest of 3 runs; "on threads": the share of that batch the search threads ranked, 0% when it was too small to start them, against blastn -num_threads 2; "first batch" while the code warms up)',
        )
      }
      if (processes.length > 0) {
        console.log(
          markdownTable(
            [
              'set',
              'queries',
              'genocat search ms/query',
              'blastn ms/query',
              'blastn / genocat',
              'genocat search peak MB',
              'blastn peak MB',
            ],
            processes.map((p) => [
              p.set,
              String(p.queries),
              p.cliMsPerQuery.toFixed(2),
              ms(p.blastMsPerQuery),
              times(p.speedupOverBlast),
              megabytes(p.cliPeakMb),
              megabytes(p.blastPeakMb),
            ]),
          ),
        )
        console.log(
          'each a whole process over the query file, best of 3: start, open, search, print TSV (genocat search --query-file … --tsv); peak MB: the largest peak resident memory of the 3 runs (GNU time %M), "-" where /usr/bin/time is not GNU time',
        )
      }
      if (single.length > 0) {
        console.log(
          markdownTable(
            [
              'set',
              'queries',
              'open catalog ms',
              'genocat search process ms',
              'blastn process ms',
              'blastn / open catalog',
              'blastn / genocat search',
            ],
            single.map((s) => [
              s.set,
              String(s.queries),
              s.openCatalogMs.toFixed(2),
              s.cliMs.toFixed(0),
              s.blastMs === null ? 'not installed' : s.blastMs.toFixed(0),
              times(s.blastMs === null ? null : s.blastMs / s.openCatalogMs),
              times(s.blastMs === null ? null : s.blastMs / s.cliMs),
            ]),
          ),
        )
        console.log(
          'one query at a time, medians: in a catalog the app or genocat serve holds open, and as one process each (genocat search --query …, blastn with the query on stdin)',
        )
      }
      if (scale.length > 0) {
        console.log(
          markdownTable(
            [
              'sequences',
              'plan',
              'ingest s',
              'IVF-PQ build s',
              'partitions',
              'seed index build s',
              'open s',
              'queries',
              'p50 ms',
              'p99 ms',
              'mean ms',
              'ms/query in batch',
              'top hit from origin',
              'blastn top hit from origin',
              'blastn ms/query',
              'blastn / ours',
              'makeblastdb s',
            ],
            scale.map((r) => [
              r.sequences.toLocaleString('en-US'),
              r.plan,
              r.ingestSeconds.toFixed(1),
              r.indexBuildSeconds.toFixed(1),
              String(r.partitions ?? '-'),
              seconds(r.seedIndexSeconds),
              r.openSeconds.toFixed(2),
              String(r.queries),
              r.p50Ms.toFixed(2),
              r.p99Ms.toFixed(2),
              r.meanMs.toFixed(2),
              r.batchMsPerQuery.toFixed(2),
              r.topHitFromOrigin.toFixed(3),
              frac(r.blastTopHitFromOrigin),
              ms(r.blastMsPerQuery),
              times(r.speedupOverBlast),
              seconds(r.makeblastdbSeconds),
            ]),
          ),
        )
        console.log(
          'targets: p99 < 10 ms at 1M (warm, k = 10); IVF-PQ build < 60 s; blastn / ours ≥ 10x (batch, as above)',
        )
      }
      console.log(JSON.stringify({ suite: 'search', recall, processes, single, scale }, null, 2))
    },
  )

program
  .command('measure-ingest', { hidden: true })
  .argument('<file>')
  .action(async (file: string) => {
    console.log(JSON.stringify(await measureIngest(file)))
  })

await program.parseAsync(process.argv)
