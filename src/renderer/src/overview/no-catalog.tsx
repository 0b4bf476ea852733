import { useState } from 'react'
import { call } from '../lib/api'
import { useAppState } from '../state/app-state'

/** What the Overview shows before any catalog is open: where to start. */
export function NoCatalog(): React.JSX.Element {
  const state = useAppState()
  const [opening, setOpening] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const openDemo = async (): Promise<void> => {
    setOpening(true)
    setError(null)
    try {
      await call('catalog:open-demo', {})
      await state.refresh()
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause))
    } finally {
      setOpening(false)
    }
  }

  return (
    <div className="overview">
      <h1 className="view-title">Overview</h1>
      <div className="card empty-state">
        <h2>No catalog is open</h2>
        <p>
          Create a new catalog or open an existing one to see its sequences, lengths, GC content and
          metadata at a glance.
        </p>
        <button
          type="button"
          className="primary"
          disabled={opening}
          onClick={() => void openDemo()}
        >
          {opening ? 'Opening the demo catalog…' : 'Explore the demo catalog'}
        </button>
        {error && (
          <div className="error-box overview-empty-error" role="alert">
            {error}
          </div>
        )}
      </div>
    </div>
  )
}
