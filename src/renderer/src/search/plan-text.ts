/** How a search found its candidates, in words, so exact and approximate results are told apart. */
import type { QueryResult, SearchPlan } from '../../../shared/search-types'
import { formatCount } from '../lib/format'

const records = (n: number): string => `${formatCount(n)} ${n === 1 ? 'record' : 'records'}`

const WINDOWS: Record<Exclude<SearchPlan['windows'], 'none'>, string> = {
  flat: 'plus a flat search of long sequences’ windows',
  'ivf-pq': 'plus an IVF-PQ approximate search of long sequences’ windows',
  'filtered-exact': 'plus an exact search of the matching long sequences’ windows',
}

export function planText(plan: SearchPlan): string {
  let text: string
  switch (plan.records) {
    case 'exhaustive': {
      const n = plan.exhaustive?.records ?? plan.eligible
      text = `exact: every one of ${formatCount(n)} eligible ${n === 1 ? 'record' : 'records'} searched`
      break
    }
    case 'seeds':
      text = `seed search over ${records(plan.eligible)}, then alignment`
      break
    case 'flat':
      text = `flat vector search over ${records(plan.eligible)}, then alignment`
      break
    case 'ivf-pq':
      text = `IVF-PQ approximate search over ${records(plan.eligible)}, then alignment`
      break
    case 'filtered-exact':
      text = `exact vector search over the ${records(plan.eligible)} matching the filter, then alignment`
      break
  }
  return plan.windows === 'none' ? text : `${text}; ${WINDOWS[plan.windows]}`
}

/**
 * For the queries an exhaustive search cut short (see QueryResult.prescreened), what was done
 * instead, or null when every answer is exact.
 */
export function prescreenedText(
  results: readonly { readonly query: string; readonly prescreened?: QueryResult['prescreened'] }[],
): string | null {
  const cut = results.filter((r) => r.prescreened)
  if (cut.length === 0) return null
  const parts = cut.map(({ query, prescreened: p }) => {
    const what = `the ${formatCount(p!.aligned)} most promising of ${records(p!.scored)} aligned`
    return results.length === 1 ? what : `${query}: ${what}`
  })
  return `not exact, the query being too long to align against them all: ${parts.join(' · ')}`
}

/** Milliseconds as a duration to read: "85 ms", "1,240 ms". */
export function formatMilliseconds(ms: number): string {
  return `${formatCount(Math.round(ms))} ms`
}

/** "12 hits", or per query when there are several: "q1: 12 hits · q2: 1 hit". */
export function hitCountText(
  results: readonly { readonly query: string; readonly hits: readonly unknown[] }[],
): string {
  const count = (n: number): string => `${formatCount(n)} ${n === 1 ? 'hit' : 'hits'}`
  if (results.length === 1) return count(results[0]!.hits.length)
  return results.map((r) => `${r.query}: ${count(r.hits.length)}`).join(' · ')
}
