/** The dock under the views: one row per file with its progress, rate, ETA and errors. */
import { useState } from 'react'
import { formatCount, formatRate, formatSeconds } from '../lib/format'
import { FINISHED, type IngestRow } from './ingest-store'
import { useIngest } from './ingest-context'
import './ingest.css'

const STATUS_TEXT: Record<IngestRow['status'], string> = {
  uploading: 'Uploading',
  queued: 'Waiting',
  reading: 'Reading',
  indexing: 'Indexing',
  done: 'Added',
  'already-present': 'Already present',
  failed: 'Rejected',
  cancelled: 'Cancelled',
}

function Row({ row }: { row: IngestRow }): React.JSX.Element {
  const { cancel } = useIngest()
  const finished = FINISHED.has(row.status)
  return (
    <li className={`ingest-row ingest-${row.status}`}>
      <div className="ingest-name" title={row.path ?? row.name}>
        {row.name}
        {row.kind && (
          <span className="badge">{row.kind === 'metadata' ? 'metadata' : 'sequences'}</span>
        )}
      </div>
      <progress
        aria-label={row.name}
        max={1}
        // An indeterminate bar (no value) while the size is unknown.
        {...(row.fraction === null ? {} : { value: row.fraction })}
      />
      <div className="ingest-status">
        <strong>{STATUS_TEXT[row.status]}</strong>
        {row.records > 0 && <span>{formatCount(row.records)} records</span>}
        {row.status === 'reading' && row.rate > 0 && <span>{formatRate(row.rate)}</span>}
        {row.status === 'reading' && <span>ETA {formatSeconds(row.etaSeconds)}</span>}
      </div>
      <div className="ingest-actions">
        {!finished && (
          <button type="button" onClick={() => cancel(row.key)} aria-label="Cancel">
            Cancel
          </button>
        )}
      </div>
      {row.message && (
        <div
          className={row.status === 'failed' ? 'ingest-error' : 'ingest-note'}
          role={row.status === 'failed' ? 'alert' : undefined}
        >
          {row.message}
        </div>
      )}
    </li>
  )
}

export function IngestPanel(): React.JSX.Element | null {
  const { rows, clearFinished } = useIngest()
  // Collapsible, so a long list of files never squeezes the view above it.
  const [open, setOpen] = useState(true)
  if (rows.length === 0) return null
  const active = rows.filter((r) => !FINISHED.has(r.status)).length
  return (
    <section className="ingest-panel" aria-label="Ingest">
      <header className="row">
        <h2>Files {active > 0 ? <span className="muted">({active} in progress)</span> : null}</h2>
        <span className="spacer" />
        <button type="button" className="link" onClick={clearFinished}>
          Clear finished
        </button>
        <button
          type="button"
          className="link"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? 'Hide files' : `Show files (${rows.length})`}
        </button>
      </header>
      {open && (
        <ul>
          {rows.map((row) => (
            <Row key={row.key} row={row} />
          ))}
        </ul>
      )}
    </section>
  )
}
