/**
 * New or open a catalog: a folder typed or chosen with the native dialog (desktop), the
 * recent catalogs, and the demo. Errors stay in the dialog, next to what caused them.
 */
import { useEffect, useRef, useState } from 'react'
import type { RecentCatalog } from '../../../shared/api'
import { call, isDesktop } from '../lib/api'
import './catalogs.css'

export type CatalogDialogMode = 'create' | 'open'

export function CatalogDialog(props: {
  mode: CatalogDialogMode
  onClose: () => void
}): React.JSX.Element {
  const { mode, onClose } = props
  const ref = useRef<HTMLDialogElement>(null)
  const [location, setLocation] = useState('')
  const [name, setName] = useState('')
  const [recent, setRecent] = useState<readonly RecentCatalog[]>([])
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    ref.current?.showModal()
    if (mode === 'open') void call('catalog:recent', {}).then(setRecent, () => setRecent([]))
  }, [mode])

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true)
    setError(null)
    try {
      await action()
      onClose()
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  const choose = async () => {
    const folder = await call('dialog:choose-folder', { purpose: mode })
    if (folder) setLocation(folder)
  }

  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    void run(() =>
      mode === 'create'
        ? call('catalog:create', { location, ...(name.trim() ? { name: name.trim() } : {}) })
        : call('catalog:open', { location }),
    )
  }

  const title = mode === 'create' ? 'New catalog' : 'Open catalog'
  return (
    <dialog ref={ref} className="catalog-dialog" aria-label={title} onClose={onClose}>
      <form onSubmit={submit}>
        <h2>{title}</h2>
        <label className="field">
          <span>
            {mode === 'create' ? 'Folder for the new catalog (new or empty)' : 'Catalog folder'}
          </span>
          <div className="row">
            <input
              type="text"
              aria-label="Catalog folder"
              value={location}
              onChange={(e) => setLocation(e.target.value)}
              placeholder={mode === 'create' ? '/home/me/catalogs/zika' : '/home/me/catalogs/zika'}
              autoFocus
              spellCheck={false}
            />
            {isDesktop() && (
              <button type="button" onClick={() => void choose()}>
                Choose…
              </button>
            )}
          </div>
        </label>
        {mode === 'create' && (
          <label className="field">
            <span>Name (optional)</span>
            <input
              type="text"
              aria-label="Catalog name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="the folder's name"
            />
          </label>
        )}
        {error && (
          <div className="error-box" role="alert">
            {error}
          </div>
        )}
        {mode === 'open' && (
          <div className="recent">
            <h3>Recent</h3>
            {recent.length === 0 && <p className="muted">No catalogs opened yet.</p>}
            <ul>
              {recent.map((r) => (
                <li key={r.location}>
                  <button
                    type="button"
                    className="recent-item"
                    onClick={() => void run(() => call('catalog:open', { location: r.location }))}
                  >
                    <strong>{r.name}</strong>
                    <span className="muted mono">{r.location}</span>
                  </button>
                </li>
              ))}
            </ul>
            <button
              type="button"
              className="link"
              onClick={() => void run(() => call('catalog:open-demo', {}))}
            >
              Open the demo catalog (418 SARS-CoV-2 genomes)
            </button>
          </div>
        )}
        <footer className="row">
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="primary" disabled={busy || location.trim() === ''}>
            {busy ? 'Working…' : mode === 'create' ? 'Create' : 'Open'}
          </button>
        </footer>
      </form>
    </dialog>
  )
}
