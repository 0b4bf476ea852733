import { useEffect, useState } from 'react'
import type { RecordPage } from '../../../shared/api'
import { call } from '../lib/api'
import { useAppState } from '../state/app-state'

/** Rows loaded at most; the table is virtualized, so this is bounded by memory, not the DOM. */
export const BROWSE_LIMIT = 100_000

export interface RecordPageState {
  readonly page: RecordPage | null
  readonly loading: boolean
  readonly error: string | null
}

/**
 * The records matching the active filter, reloaded when the catalog, the filter or the data
 * change. The previous page stays while the next loads, and an answer that arrives after a
 * newer request was made is dropped, so a slow query never overwrites a faster, later one.
 */
export function useRecordPage(): RecordPageState {
  const { catalog, filter, revision } = useAppState()
  const location = catalog?.location ?? null
  const [state, setState] = useState<RecordPageState>({ page: null, loading: false, error: null })

  useEffect(() => {
    if (location === null) {
      setState({ page: null, loading: false, error: null })
      return
    }
    let current = true
    setState((s) => ({ ...s, loading: true }))
    call('records:query', { where: filter ?? undefined, limit: BROWSE_LIMIT }).then(
      (page) => {
        if (current) setState({ page, loading: false, error: null })
      },
      (error: unknown) => {
        if (current)
          setState((s) => ({
            ...s,
            loading: false,
            error: error instanceof Error ? error.message : String(error),
          }))
      },
    )
    return () => {
      current = false
    }
  }, [location, filter, revision])

  return state
}
