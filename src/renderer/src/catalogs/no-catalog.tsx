import { useState } from 'react'
import { call } from '../lib/api'

/** What a view shows before any catalog is open: where to start, and the demo one click away. */
export function NoCatalog(props: {
  /** The view's title, e.g. "Browse". */
  title: string
  /** What the view would do, ending the sentence "Create a new catalog or open one to …". */
  purpose: string
}): React.JSX.Element {
  const [opening, setOpening] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const openDemo = async (): Promise<void> => {
    setOpening(true)
    setError(null)
    try {
      // The app state reloads on the catalog-changed event this call pushes.
      await call('catalog:open-demo', {})
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause))
    } finally {
      setOpening(false)
    }
  }

  return (
    <div>
      <h1 className="view-title">{props.title}</h1>
      <div className="card empty-state">
        <h2>No catalog is open</h2>
        <p>Create a new catalog or open an existing one to {props.purpose}.</p>
        <button
          type="button"
          className="primary"
          disabled={opening}
          onClick={() => void openDemo()}
        >
          {opening ? 'Opening the demo catalog…' : 'Explore the demo catalog'}
        </button>
        {error && (
          <div className="error-box no-catalog-error" role="alert">
            {error}
          </div>
        )}
      </div>
    </div>
  )
}
