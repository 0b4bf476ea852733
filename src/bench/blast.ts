// blastn (ncbi-blast+) on the same catalog and queries, when it is installed.
import { execFileSync, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { bestOf, runMeasured } from './measured-process.js'

export interface BlastRun {
  readonly version: string
  readonly makeblastdbSeconds: number
  /** The fastest of its runs over every query. */
  readonly seconds: number
  /** The largest peak resident memory of those runs, MiB (null where it cannot be measured). */
  readonly peakMb: number | null
  /** Hit ids per query id, best first, at most 10 distinct subjects. */
  readonly hits: Map<string, string[]>
  /** The database's path, for further runs. */
  readonly db: string
}

export function blastVersion(): string | null {
  const probe = spawnSync('blastn', ['-version'], { encoding: 'utf8' })
  if (probe.error || probe.status !== 0) return null
  return probe.stdout.split('\n')[0]!.replace(/^blastn:\s*/, '')
}

const BLAST_RUNS = 3

/** blastn's arguments for one run: megablast, 2 threads, 10 target sequences as our k = 10. */
function blastArgs(query: string, db: string): string[] {
  return [
    '-query',
    query,
    '-db',
    db,
    '-outfmt',
    '6 qseqid sseqid bitscore',
    '-max_target_seqs',
    '10',
    '-num_threads',
    '2',
  ]
}

/**
 * makeblastdb on the catalog FASTA, then blastn (default task, megablast) for all queries
 * in one run with 2 threads, keeping 10 target sequences per query as we return k = 10; the
 * time is the best of three such runs.
 */
export function runBlast(catalogFasta: string, queriesFasta: string, dir: string): BlastRun | null {
  const version = blastVersion()
  if (!version) return null
  const db = join(dir, 'blastdb')
  const start = performance.now()
  execFileSync(
    'makeblastdb',
    ['-in', catalogFasta, '-dbtype', 'nucl', '-parse_seqids', '-out', db],
    {
      stdio: 'ignore',
    },
  )
  const makeblastdbSeconds = (performance.now() - start) / 1000
  // Its best of three runs: the first also reads the database into the page cache, and a run
  // can lose time to whatever else the machine does. The peer gets the benefit of the doubt.
  const {
    seconds,
    peakMb,
    stdout: out,
  } = bestOf(BLAST_RUNS, () => runMeasured('blastn', blastArgs(queriesFasta, db)))
  const hits = new Map<string, string[]>()
  for (const line of out.split('\n')) {
    if (!line) continue
    const [query, subject] = line.split('\t') as [string, string]
    const list = hits.get(query) ?? []
    if (!list.includes(subject) && list.length < 10) list.push(subject)
    hits.set(query, list)
  }
  return { version, makeblastdbSeconds, seconds, peakMb, hits, db }
}

/**
 * Seconds of one blastn process per query, as a researcher runs it on a sequence at hand: the
 * query comes on stdin, against the database {@link runBlast} made.
 */
export function blastEachQuerySeconds(
  run: BlastRun,
  queries: readonly { id: string; sequence: string }[],
): number[] {
  return queries.map((q) => {
    const start = performance.now()
    execFileSync('blastn', blastArgs('-', run.db), {
      input: `>${q.id}\n${q.sequence}\n`,
      encoding: 'utf8',
    })
    return (performance.now() - start) / 1000
  })
}
