import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { initCatalog } from '../main/engine/catalog/catalog.js'
import { ingest } from '../main/engine/ingest/ingest.js'
import { writeReadSet, type ReadSetOptions } from './synthetic-reads.js'

export interface IngestFigures {
  readonly name: string
  readonly file: string
  readonly records: number
  readonly seconds: number
  readonly recordsPerSecond: number
  readonly mbPerSecond: number
  readonly peakRssMb: number
  readonly seqkitSeconds: number | null
  readonly ratioToSeqkit: number | null
  readonly reference: string
}

const BENCH_DIR = join(tmpdir(), 'genocat-bench')

/** Generated inputs are kept between runs: the benchmark measures ingestion, not generation. */
async function syntheticFile(name: string, options: ReadSetOptions): Promise<string> {
  mkdirSync(BENCH_DIR, { recursive: true })
  const path = join(BENCH_DIR, name)
  if (!existsSync(path)) {
    console.error(`generating ${path} …`)
    await writeReadSet(path, options)
  }
  return path
}

function seqkitSeconds(file: string): number | null {
  const probe = spawnSync('seqkit', ['version'], { encoding: 'utf8' })
  if (probe.error || probe.status !== 0) return null
  const start = performance.now()
  execFileSync('seqkit', ['stats', '-j', '2', file], { stdio: 'ignore' })
  return (performance.now() - start) / 1000
}

/** Peak resident memory of this process (worker threads included), sampled while `work` runs. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage.rss()
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss())
  }, 25)
  try {
    const result = await work()
    return { result, peakMb: Math.max(peak, process.memoryUsage.rss()) / 2 ** 20 }
  } finally {
    clearInterval(timer)
  }
}

/** Runs one measurement in a fresh process, so its peak memory is its own. */
function measure(name: string, file: string, reference: string): IngestFigures {
  const entry = new URL('./index.js', import.meta.url)
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', entry.pathname, 'measure-ingest', file],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 20,
    },
  )
  const measured = JSON.parse(out) as Omit<
    IngestFigures,
    'name' | 'reference' | 'seqkitSeconds' | 'ratioToSeqkit'
  >
  const seqkit = seqkitSeconds(file)
  return {
    name,
    ...measured,
    seqkitSeconds: seqkit,
    ratioToSeqkit: seqkit ? measured.seconds / seqkit : null,
    reference,
  }
}

/** The measurement itself, in this process. */
export async function measureIngest(
  file: string,
): Promise<Omit<IngestFigures, 'name' | 'reference' | 'seqkitSeconds' | 'ratioToSeqkit'>> {
  const catalog = join(BENCH_DIR, `catalog-${process.pid}`)
  rmSync(catalog, { recursive: true, force: true })
  await initCatalog(catalog)
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const start = performance.now()
  const { result, peakMb } = await withPeakRss(() =>
    ingest(catalog, { files: [file], index: false }),
  )
  const seconds = (performance.now() - start) / 1000
  rmSync(catalog, { recursive: true, force: true })
  if (result.errors.length > 0) throw new Error(result.errors.map((e) => e.message).join('\n'))
  const records = result.added
  return {
    file,
    records,
    seconds,
    recordsPerSecond: records / seconds,
    mbPerSecond: statSync(file).size / 2 ** 20 / seconds,
    peakRssMb: peakMb,
  }
}

export interface IngestBenchOptions {
  readonly path?: string
  readonly reads: number
}

export async function ingestBench(options: IngestBenchOptions): Promise<IngestFigures[]> {
  const figures: IngestFigures[] = []
  const reads = options.reads
  const main =
    options.path ??
    (await syntheticFile(`reads-${reads}x150.fastq.gz`, { reads, length: 150, gzip: true }))
  figures.push(
    measure(
      options.path ? 'given file' : `${reads.toLocaleString('en-US')} x 150 bp FASTQ.gz`,
      main,
      'target ≥ 100,000 reads/s, ≤ 6x seqkit stats, peak < 1 GB',
    ),
  )
  const small = await syntheticFile('seqs-10000x100.fasta', {
    reads: 10_000,
    length: 100,
    gzip: false,
    format: 'fasta',
  })
  figures.push(measure('10,000 x 100 bp FASTA', small, 'system replaced: ~15,000 sequences/s'))
  return figures
}
