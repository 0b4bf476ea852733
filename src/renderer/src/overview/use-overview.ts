import { useEffect, useState } from 'react'
import type { Overview } from '../../../shared/api'
import type { FilterNode } from '../../../shared/filter/ast'
import { call } from '../lib/api'

/** Answers faster than this show no spinner: a flash of "Loading…" reads as flicker. */
const SLOW_MS = 300

export interface OverviewLoad {
  /** The latest answer for this catalog; kept while a newer one loads, so charts do not blank. */
  readonly overview: Overview | null
  readonly error: string | null
  /** True once a request has been running for longer than SLOW_MS. */
  readonly slow: boolean
}

/**
 * Loads `catalog:overview` for the catalog at `location` whenever it, the filter or the
 * data revision changes. Only the newest request may set state: a slow answer for an old
 * filter must not overwrite the answer for the filter now shown.
 */
export function useOverview(
  location: string | null,
  filter: FilterNode | null,
  revision: number,
): OverviewLoad {
  const [answer, setAnswer] = useState<{ location: string; overview: Overview } | null>(null)
  const [failure, setFailure] = useState<{ location: string; message: string } | null>(null)
  const [slow, setSlow] = useState(false)

  useEffect(() => {
    if (location === null) return
    let current = true
    const timer = setTimeout(() => setSlow(true), SLOW_MS)
    call('catalog:overview', { where: filter ?? undefined })
      .then(
        (overview) => {
          if (!current) return
          setAnswer({ location, overview })
          setFailure(null)
        },
        (cause: unknown) => {
          if (!current) return
          const message = cause instanceof Error ? cause.message : String(cause)
          setFailure({ location, message })
        },
      )
      .finally(() => {
        clearTimeout(timer)
        if (current) setSlow(false)
      })
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [location, filter, revision])

  // Another catalog's numbers (or errors) must never show under this one's name.
  const overview = answer?.location === location ? answer.overview : null
  const error = failure?.location === location ? failure.message : null
  return { overview, error, slow: location !== null && slow }
}
