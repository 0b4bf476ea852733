/**
 * The workbench shell: the catalog bar on top, navigation on the left, the view in the
 * middle, the ingest dock below. Views are addressed by the URL hash (#/browse), so a
 * reload or a shared serve-mode link lands on the same view.
 */
import { useEffect, useState } from 'react'
import { BrowseView } from './browse/browse-view'
import { CatalogBar } from './catalogs/catalog-bar'
import { CatalogDialog, type CatalogDialogMode } from './catalogs/catalog-dialog'
import { DropZone } from './ingest/drop-zone'
import { IngestPanel } from './ingest/ingest-panel'
import { IngestProvider, useIngest } from './ingest/ingest-context'
import { call, onEvent } from './lib/api'
import { OverviewView } from './overview/overview-view'
import { SearchView } from './search/search-view'
import { AppStateProvider, useAppState, type View } from './state/app-state'

const VIEWS: readonly { id: View; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'browse', label: 'Browse' },
  { id: 'search', label: 'Search' },
]

function Shell(): React.JSX.Element {
  const { view, info } = useAppState()
  const { addPaths } = useIngest()
  const [dialog, setDialog] = useState<CatalogDialogMode | null>(null)

  // The desktop menu asks the page to run its actions, so menu and buttons behave the same.
  useEffect(
    () =>
      onEvent((event) => {
        if (event.type !== 'menu') return
        if (event.action === 'new-catalog') setDialog('create')
        else if (event.action === 'open-catalog') setDialog('open')
        else if (event.action === 'add-files')
          void call('dialog:choose-files', {}).then(addPaths, () => undefined)
      }),
    [addPaths],
  )

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          Genocat<small>{info ? `v${info.version}` : ''}</small>
        </div>
        <CatalogBar onDialog={setDialog} />
      </header>
      <nav className="sidebar" aria-label="Views">
        {VIEWS.map((v) => (
          <a key={v.id} href={`#/${v.id}`} aria-current={view === v.id ? 'page' : undefined}>
            {v.label}
          </a>
        ))}
      </nav>
      <main className="main">
        {view === 'overview' && <OverviewView />}
        {view === 'browse' && <BrowseView />}
        {view === 'search' && <SearchView />}
      </main>
      <div className="dock">
        <IngestPanel />
      </div>
      <DropZone />
      {dialog && <CatalogDialog mode={dialog} onClose={() => setDialog(null)} />}
    </div>
  )
}

export function App(): React.JSX.Element {
  return (
    <AppStateProvider>
      <IngestProvider>
        <Shell />
      </IngestProvider>
    </AppStateProvider>
  )
}
