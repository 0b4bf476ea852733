import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import { GenocatError, toErrorData } from '../shared/errors.js'
// Commands load when run: the engine's storage and server modules cost ~0.1 s to import, which
// `genocat --version` or `genocat search` should not pay for the commands they do not use.
import type { runIngest } from './commands/ingest.js'
import type { SearchCommandOptions } from './commands/search.js'
import type { ServeOptions } from './commands/serve.js'
import { version } from './version.js'

function positiveInt(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer')
  return n
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

export function buildProgram(): Command {
  const program = new Command('genocat')
    .description('Genocat: a catalog of genomic sequences you can search, filter and export.')
    .version(version())
    .showHelpAfterError()
    .exitOverride()

  program
    .command('init')
    .description('create an empty catalog in a new or empty folder')
    .argument('<catalog>', 'folder for the new catalog')
    .option('--name <name>', 'a display name (default: the folder name)')
    .option('--json', 'print the result as JSON')
    .action(async (catalog: string, opts: { name?: string; json?: boolean }) =>
      (await import('./commands/init.js')).runInit(catalog, opts),
    )

  program
    .command('ingest')
    .description(
      'add FASTA/FASTQ files (plain, gzip, BGZF) and metadata tables (TSV/CSV) to a catalog',
    )
    .argument('<catalog>', 'catalog folder')
    .argument('[files...]', 'FASTA or FASTQ files')
    .option('--metadata <table>', 'a TSV/CSV metadata table (repeatable)', collect, [])
    .option(
      '--id-column <name>',
      'metadata column holding sequence ids (default: id, strain, accession or name, else the first)',
    )
    .addOption(
      new Option('--on-duplicate <policy>', 'what to do with sequence ids already in the catalog')
        .choices(['error', 'skip', 'replace'])
        .default('error'),
    )
    .addOption(
      new Option('--quality-encoding <encoding>', 'FASTQ quality encoding')
        .choices(['sanger', 'solexa', 'illumina'])
        .default('sanger'),
    )
    .option(
      '--threads <n>',
      'worker threads for parsing and embedding (default: all cores)',
      positiveInt,
    )
    .option('--json', 'print one JSON report instead of progress')
    .option('--no-index', 'skip index maintenance afterwards (run `genocat index` later)')
    .action(async (catalog: string, files: string[], opts) =>
      (await import('./commands/ingest.js')).runIngest(
        catalog,
        files,
        opts as Parameters<typeof runIngest>[2],
      ),
    )

  program
    .command('stats')
    .description('counts, length and GC distributions, and the metadata field schema')
    .argument('<catalog>', 'catalog folder')
    .option('--json', 'print as JSON')
    .action(async (catalog: string, opts: { json?: boolean }) =>
      (await import('./commands/stats.js')).runStats(catalog, opts),
    )

  program
    .command('query')
    .description('list the records matching a filter, as TSV with a header (or JSON)')
    .argument('<catalog>', 'catalog folder')
    .option(
      '--where <filter>',
      'e.g. \'country = "Brazil" and date >= 2016-01-01 and length > 10000\'',
    )
    .option('--limit <n>', 'at most this many records', positiveInt)
    .option('--json', 'print a JSON array')
    .action(async (catalog: string, opts: { where?: string; limit?: number; json?: boolean }) =>
      (await import('./commands/query.js')).runQuery(catalog, opts),
    )

  program
    .command('search')
    .description(
      'find the catalog sequences most similar to each query (both strands), ranked by alignment',
    )
    .argument('<catalog>', 'catalog folder')
    .option('--query <sequence>', 'a nucleotide sequence (or one FASTA record)')
    .option('--query-file <file>', 'FASTA or FASTQ queries, plain or gzip')
    .option('--k <n>', 'hits per query', positiveInt, 10)
    .option('--where <filter>', 'search only the records matching this filter')
    .option(
      '--candidates <n>',
      'candidate records pre-scored per query (default max(100, 10k))',
      positiveInt,
    )
    .addOption(
      new Option(
        '--method <source>',
        'where candidates come from: seeds (in-memory minimizer index), vectors (LanceDB), or auto',
      )
        .choices(['auto', 'seeds', 'vectors'])
        .default('auto'),
    )
    .option('--min-score <n>', 'lowest alignment score reported (default 40)', positiveInt)
    .addOption(new Option('--json', 'print JSON with alignments').conflicts('tsv'))
    .option('--tsv', 'one line per hit: query, id, rank, score, identity, coverage, strand')
    .action(async (catalog: string, opts: SearchCommandOptions) =>
      (await import('./commands/search.js')).runSearch(catalog, opts),
    )

  program
    .command('index')
    .description('build or refresh the similarity and lookup indexes, and print what was done')
    .argument('<catalog>', 'catalog folder')
    .option('--rebuild', 'retrain the vector indexes even when a refresh would do')
    .option('--json', 'print the report as JSON')
    .action(async (catalog: string, opts: { rebuild?: boolean; json?: boolean }) =>
      (await import('./commands/index-cmd.js')).runIndex(catalog, opts),
    )

  program
    .command('serve')
    .description(
      'serve the workbench UI on loopback for a browser (the demo catalog when none is given)',
    )
    .argument('[catalog]', 'catalog folder to open')
    .option('--port <n>', 'port to listen on (default: a free one)', positiveInt)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--renderer <dir>', 'the built UI to serve (default: out/renderer of this install)')
    .action(async (catalog: string | undefined, opts: ServeOptions) =>
      (await import('./commands/serve.js')).runServe(catalog, opts),
    )

  return program
}

/** Runs the CLI; returns the exit code. Errors are printed as sentences, never stack traces. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram()
  try {
    await program.parseAsync([...argv])
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode
    const data = toErrorData(error)
    const json = argv.includes('--json')
    if (json) console.log(JSON.stringify({ error: data }))
    else console.error(`genocat: ${data.message}`)
    if (!(error instanceof GenocatError) && process.env['GENOCAT_DEBUG']) console.error(error)
    return 1
  }
}
