// `genocat search` as a user runs it, timed as blastn is: one whole process over the query file.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bestOf, runMeasured, type MeasuredRun } from './measured-process.js'

/** As many runs as blastn gets (blast.ts), so both get the same benefit of the doubt. */
const CLI_RUNS = 3

/** The project's CLI entry, found upward from this module (the bench runs from out/node/). */
function cliEntry(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const entry = join(dir, 'bin', 'genocat.js')
    if (existsSync(entry)) return entry
    if (dirname(dir) === dir) throw new Error('bin/genocat.js not found above the bench')
  }
}

/**
 * The fastest of three `genocat search <catalog> --query-file <fasta> --tsv` processes (start,
 * open the catalog, search every query, print TSV) and the largest peak memory among them. A
 * failing run throws.
 */
export function cliSearchRun(catalog: string, queriesFasta: string): MeasuredRun {
  const entry = cliEntry()
  // Output read through a pipe, as blastn's is.
  return bestOf(CLI_RUNS, () =>
    runMeasured(process.execPath, [
      entry,
      'search',
      catalog,
      '--query-file',
      queriesFasta,
      '--tsv',
    ]),
  )
}

/** Seconds of one `genocat search <catalog> --query <sequence> --tsv` process per query. */
export function cliEachQuerySeconds(
  catalog: string,
  queries: readonly { sequence: string }[],
): number[] {
  const entry = cliEntry()
  return queries.map((q) => {
    const start = performance.now()
    execFileSync(process.execPath, [entry, 'search', catalog, '--query', q.sequence, '--tsv'], {
      encoding: 'utf8',
    })
    return (performance.now() - start) / 1000
  })
}
