// `genocat search` as a user runs it, timed as blastn is: one whole process over the query file.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

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
 * Seconds of the fastest of three `genocat search <catalog> --query-file <fasta> --tsv`
 * processes: start, open the catalog, search every query, print TSV. A failing run throws.
 */
export function cliSearchSeconds(catalog: string, queriesFasta: string): number {
  const entry = cliEntry()
  let seconds = Infinity
  for (let run = 0; run < CLI_RUNS; run++) {
    const start = performance.now()
    execFileSync(
      process.execPath,
      [entry, 'search', catalog, '--query-file', queriesFasta, '--tsv'],
      // Output read through a pipe, as blastn's is.
      { encoding: 'utf8', maxBuffer: 1 << 30 },
    )
    seconds = Math.min(seconds, (performance.now() - start) / 1000)
  }
  return seconds
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
