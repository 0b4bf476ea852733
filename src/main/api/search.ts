/** The similarity search handler: pasted sequence or FASTA text, optional filter, k hits. */
import { GenocatError } from '../../shared/errors.js'
import { queryFromText } from '../engine/search/query-input.js'
import { minimumQueryLength, Searcher } from '../engine/search/search.js'
import type { HandlerDeps, Handlers } from './handlers.js'

/** More queries than this belong in `genocat search --query-file`, not a text box. */
const MAX_QUERIES = 1_000

export function searchHandlers({ session }: HandlerDeps): Handlers<'search:run'> {
  return {
    'search:run': async ({ query, where, k }) => {
      const catalog = session.require()
      const started = performance.now()
      const queries = queryFromText(query, minimumQueryLength(catalog))
      if (queries.length > MAX_QUERIES)
        throw new GenocatError(
          'INVALID_QUERY',
          `The query holds ${queries.length} sequences; search at most ${MAX_QUERIES} at once here, or use \`genocat search --query-file\`.`,
        )
      const searcher = await Searcher.open(catalog, {
        ...(k === undefined ? {} : { k }),
        ...(where === undefined ? {} : { where }),
      })
      const results = await searcher.searchMany(queries)
      return { results, plan: searcher.plan, milliseconds: performance.now() - started }
    },
  }
}
