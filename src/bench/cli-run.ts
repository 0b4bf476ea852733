// `genocat search` as a user runs it, timed as blastn is: one whole process over the query file.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface CliRun {
  /** The fastest of its runs: start, open the catalog, search every query, print TSV. */
  readonly seconds: number
  /** Hit lines the last run printed. */
  readonly lines: number
}

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

/** Best of three `genocat search <catalog> --query-file <fasta> --tsv` processes. */
export function runCliSearch(catalog: string, queriesFasta: string): CliRun {
  const entry = cliEntry()
  let seconds = Infinity
  let out = ''
  for (let run = 0; run < CLI_RUNS; run++) {
    const start = performance.now()
    out = execFileSync(
      process.execPath,
      [entry, 'search', catalog, '--query-file', queriesFasta, '--tsv'],
      { encoding: 'utf8', maxBuffer: 1 << 30 },
    )
    seconds = Math.min(seconds, (performance.now() - start) / 1000)
  }
  return { seconds, lines: out.split('\n').filter(Boolean).length }
}
