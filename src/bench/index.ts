// `npm run bench -- <suite> [options]`: benchmarks, not tests. Prints a table and JSON.
import { Command } from 'commander'
import { ingestBench, measureIngest, type IngestFigures } from './ingest-bench.js'

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
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)))
  const fmt = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt)].join('\n')
}

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
  .command('measure-ingest', { hidden: true })
  .argument('<file>')
  .action(async (file: string) => {
    console.log(JSON.stringify(await measureIngest(file)))
  })

await program.parseAsync(process.argv)
