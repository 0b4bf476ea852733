/**
 * What every view shares: the app, the open catalog and its fields, the active filter (set
 * by the query builder or by clicking a bar in the overview) and the view shown. Data
 * changes (an ingest finishing, another catalog opened) bump `revision`, which views use
 * to reload.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import type { AppInfo, CatalogSummary, FieldSchema } from '../../../shared/api'
import type { FilterNode } from '../../../shared/filter/ast'
import { call, onEvent } from '../lib/api'

export type View = 'overview' | 'browse' | 'search'

const VIEW_IDS: readonly View[] = ['overview', 'browse', 'search']

function viewFromHash(): View {
  const id = window.location.hash.replace(/^#\/?/, '')
  return VIEW_IDS.find((v) => v === id) ?? 'overview'
}

export interface AppState {
  readonly info: AppInfo | null
  readonly catalog: CatalogSummary | null
  readonly fields: readonly FieldSchema[]
  readonly revision: number
  readonly filter: FilterNode | null
  readonly setFilter: (filter: FilterNode | null) => void
  readonly view: View
  readonly setView: (view: View) => void
  /** A sentence for the status line (errors stay where they happened; this is for news). */
  readonly notice: string | null
  readonly notify: (notice: string | null) => void
  /** Re-reads the catalog summary and fields (after create/open/ingest). */
  readonly refresh: () => Promise<void>
}

const AppStateContext = createContext<AppState | null>(null)

export function useAppState(): AppState {
  const state = useContext(AppStateContext)
  if (!state) throw new Error('useAppState outside AppStateProvider')
  return state
}

export function AppStateProvider(props: { children: React.ReactNode }): React.JSX.Element {
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [catalog, setCatalog] = useState<CatalogSummary | null>(null)
  const [fields, setFields] = useState<readonly FieldSchema[]>([])
  const [revision, setRevision] = useState(0)
  const [filter, setFilter] = useState<FilterNode | null>(null)
  const [view, setViewState] = useState<View>(viewFromHash)
  // The hash is the source of truth, so back/forward and reloads keep the view.
  const setView = useCallback((next: View) => {
    window.location.hash = `#/${next}`
  }, [])
  useEffect(() => {
    const sync = () => setViewState(viewFromHash())
    window.addEventListener('hashchange', sync)
    return () => window.removeEventListener('hashchange', sync)
  }, [])
  const [notice, notify] = useState<string | null>(null)

  const refresh = useCallback(async () => {
    const current = await call('catalog:current', {})
    setCatalog(current)
    setFields(current ? await call('catalog:fields', {}) : [])
    setRevision((r) => r + 1)
  }, [])

  useEffect(() => {
    void call('app:info', {}).then(setInfo)
    void refresh()
    return onEvent((event) => {
      if (event.type === 'catalog-changed') {
        // Another catalog means another schema: a filter over the old fields would not check.
        setCatalog((previous) => {
          if (previous?.location !== event.catalog?.location) setFilter(null)
          return event.catalog
        })
        void refresh()
      }
    })
  }, [refresh])

  const value = useMemo<AppState>(
    () => ({
      info,
      catalog,
      fields,
      revision,
      filter,
      setFilter,
      view,
      setView,
      notice,
      notify,
      refresh,
    }),
    [info, catalog, fields, revision, filter, view, setView, notice, refresh],
  )
  return <AppStateContext.Provider value={value}>{props.children}</AppStateContext.Provider>
}
