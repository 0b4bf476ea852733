import { GenocatError, toErrorData } from '../../shared/errors.js'
import type { QueryResult, SearchHitSummary } from '../../shared/search-types.js'
import { openCatalog } from '../../main/engine/catalog/catalog.js'
import {
  queriesFromFile,
  queryFromText,
  type QuerySequence,
} from '../../main/engine/search/query-input.js'
import { minimumQueryLength, Searcher, type SearchMethod } from '../../main/engine/search/search.js'
import { StdoutLines } from '../output/write-line.js'

export interface SearchCommandOptions {
  readonly query?: string
  readonly queryFile?: string
  readonly k?: number
  readonly where?: string
  readonly candidates?: number
  readonly method?: SearchMethod
  readonly minScore?: number
  readonly json?: boolean
  readonly tsv?: boolean
}

const fraction = (x: number): string => x.toFixed(4)
const percent = (x: number): string => `${(100 * x).toFixed(1)}%`

async function printHuman(out: StdoutLines, result: QueryResult<SearchHitSummary>): Promise<void> {
  await out.write(`Query ${result.query} (${result.queryLength} bp): ${result.hits.length} hit(s)`)
  if (result.prescreened) {
    const { aligned, scored } = result.prescreened
    await out.write(
      `  Not exact: the query is too long to align against all ${scored} records that share k-mers with it; the ${aligned} most promising were aligned.`,
    )
  }
  if (result.hits.length === 0) return
  const width = Math.max(2, ...result.hits.map((h) => h.id.length))
  await out.write(
    `  ${'rank'.padStart(4)}  ${'id'.padEnd(width)}  ${'score'.padStart(6)}  identity  coverage  strand  subject`,
  )
  for (const h of result.hits) {
    await out.write(
      `  ${String(h.rank).padStart(4)}  ${h.id.padEnd(width)}  ${String(h.score).padStart(6)}  ${percent(h.identity).padStart(8)}  ${percent(h.coverage).padStart(8)}  ${h.strand.padStart(6)}  ${h.subjectStart + 1}-${h.subjectEnd} of ${h.subjectLength}`,
    )
  }
}

/**
 * A batch of queries searched together ends at this many queries or once it holds this many
 * bases: record fields are fetched once per batch, and output still streams. Large enough that
 * a file of reads is spread over the search threads (search.ts: PARALLEL_MIN_QUERY_BASES),
 * small enough that a batch's hits with their aligned strings stay in tens of megabytes.
 */
const BATCH_QUERIES = 4_096
const BATCH_BASES = 4_000_000

/**
 * The queries in order, as they come in groups (a query file is parsed a chunk at a time), cut
 * into batches of at most `maxQueries`, each ending at the query that brings it to `maxBases`
 * (a query longer than that is a batch of its own).
 */
export async function* queryBatches<Q extends { readonly sequence: Uint8Array }>(
  groups: AsyncIterable<readonly Q[]> | Iterable<readonly Q[]>,
  maxQueries = BATCH_QUERIES,
  maxBases = BATCH_BASES,
): AsyncGenerator<Q[]> {
  let batch: Q[] = []
  let bases = 0
  for await (const group of groups) {
    for (const query of group) {
      batch.push(query)
      bases += query.sequence.length
      if (batch.length === maxQueries || bases >= maxBases) {
        yield batch
        batch = []
        bases = 0
      }
    }
  }
  if (batch.length > 0) yield batch
}

/** `genocat search`: similar sequences for each query, re-ranked by alignment. */
export async function runSearch(location: string, opts: SearchCommandOptions): Promise<void> {
  if ((opts.query === undefined) === (opts.queryFile === undefined)) {
    throw new GenocatError('INVALID_ARGUMENT', 'Give exactly one of --query or --query-file.')
  }
  const catalog = await openCatalog(location)
  try {
    const minLength = minimumQueryLength(catalog)
    // A query file is read as it is searched; the queries on the command line are checked first.
    const queries: AsyncIterable<QuerySequence[]> | Iterable<QuerySequence[]> =
      opts.query !== undefined
        ? [queryFromText(opts.query, minLength)]
        : queriesFromFile(opts.queryFile!, minLength)
    const searcher = await Searcher.open(catalog, {
      ...(opts.k !== undefined ? { k: opts.k } : {}),
      ...(opts.where !== undefined ? { where: opts.where } : {}),
      ...(opts.candidates !== undefined ? { candidates: opts.candidates } : {}),
      ...(opts.method !== undefined ? { method: opts.method } : {}),
      ...(opts.minScore !== undefined ? { minScore: opts.minScore } : {}),
    })
    const out = new StdoutLines()
    if (opts.json) await out.write('[')
    let first = true
    try {
      for await (const batch of queryBatches(queries)) {
        // Only JSON prints the aligned strings; the other forms skip writing them.
        const results = await (opts.json
          ? searcher.searchMany(batch)
          : searcher.summarizeMany(batch))
        for (const result of results) {
          if (opts.json) {
            await out.write((first ? '' : ',') + JSON.stringify(result))
            first = false
          } else if (opts.tsv) {
            for (const h of result.hits) {
              await out.write(
                [
                  result.query,
                  h.id,
                  h.rank,
                  h.score,
                  fraction(h.identity),
                  fraction(h.coverage),
                  h.strand,
                ].join('\t'),
              )
            }
          } else {
            await printHuman(out, result)
          }
        }
        await out.flush()
      }
    } catch (error) {
      // A query file can fail late, at a bad record past the first chunk, once hits have been
      // written. JSON then ends its array with the error, as `{"error": …}` (what an error
      // alone prints), so the output still parses and says where it stopped.
      if (!opts.json || first) throw error
      const reported = await out
        .write(`,${JSON.stringify({ error: toErrorData(error) })}`)
        .then(() => out.write(']'))
        .then(() => out.flush())
        .then(
          () => true,
          () => false,
        )
      if (!reported) throw error
      process.exitCode = 1
      return
    }
    if (opts.json) await out.write(']')
    await out.flush()
  } finally {
    catalog.close()
  }
}
