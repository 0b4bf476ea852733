import { useEffect, useState } from 'react'
import type { RecordDetail } from '../../../shared/api'
import type { SearchHit } from '../../../shared/search-types'
import { call } from '../lib/api'
import { AlignmentView } from './alignment-view'
import { formatFieldValue } from './record-columns'
import { SequenceView } from './sequence-view'
import './detail-panel.css'

export interface DetailPanelProps {
  readonly id: string
  /** The search hit, when the record was opened from search results: its alignment shows. */
  readonly hit?: SearchHit
  readonly onClose: () => void
}

type Load =
  | { readonly state: 'loading' }
  | { readonly state: 'done'; readonly detail: RecordDetail }
  | { readonly state: 'failed'; readonly message: string }

/** One record in full: its fields, its sequence and, for a search hit, the alignment. */
export function DetailPanel({ id, hit, onClose }: DetailPanelProps): React.JSX.Element {
  const [load, setLoad] = useState<Load>({ state: 'loading' })

  useEffect(() => {
    let current = true
    setLoad({ state: 'loading' })
    call('records:get', { id }).then(
      (detail) => {
        if (current) setLoad({ state: 'done', detail })
      },
      (error: unknown) => {
        if (current)
          setLoad({
            state: 'failed',
            message: error instanceof Error ? error.message : String(error),
          })
      },
    )
    // A quicker click on another row must not be overwritten by this slower answer.
    return () => {
      current = false
    }
  }, [id])

  return (
    <aside className="detail card" aria-label={`Details of ${id}`}>
      <div className="detail-head row">
        <h2 className="mono">{id}</h2>
        <span className="spacer" />
        <button type="button" className="detail-close" aria-label="Close details" onClick={onClose}>
          ✕
        </button>
      </div>
      {hit && <AlignmentView hit={hit} />}
      {load.state === 'loading' && <p className="muted">Loading the record…</p>}
      {load.state === 'failed' && <div className="error-box">{load.message}</div>}
      {load.state === 'done' && (
        <>
          <section className="detail-section" aria-label="Fields">
            <h3>Fields</h3>
            <dl className="detail-fields">
              {Object.entries(load.detail.record)
                .filter(([name]) => name !== 'id')
                .map(([name, value]) => (
                  <div key={name}>
                    <dt>{name}</dt>
                    <dd className={value === null || value === '' ? 'muted' : undefined}>
                      {formatFieldValue(name, value)}
                    </dd>
                  </div>
                ))}
            </dl>
          </section>
          <SequenceView sequence={load.detail.sequence} />
        </>
      )}
    </aside>
  )
}
