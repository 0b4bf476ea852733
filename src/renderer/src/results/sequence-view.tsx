import { useEffect, useMemo, useState } from 'react'
import { formatBases, formatCount } from '../lib/format'
import { formatSequence } from './sequence-format'

// Past this, the page would hold megabytes of text; "Copy sequence" still copies it all.
const SHOWN_LIMIT = 1_000_000

/** The sequence in numbered GenBank-style lines, in a scrollable box, with a copy button. */
export function SequenceView({ sequence }: { readonly sequence: string }): React.JSX.Element {
  const text = useMemo(() => formatSequence(sequence, undefined, SHOWN_LIMIT), [sequence])
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle')

  useEffect(() => {
    if (copy === 'idle') return
    const timer = setTimeout(() => setCopy('idle'), 2000)
    return () => clearTimeout(timer)
  }, [copy])

  const onCopy = (): void => {
    navigator.clipboard.writeText(sequence).then(
      () => setCopy('copied'),
      () => setCopy('failed'),
    )
  }

  return (
    <section className="detail-section" aria-label="Sequence">
      <div className="row">
        <h3>Sequence</h3>
        <span className="muted">{formatBases(sequence.length)}</span>
        <span className="spacer" />
        <span className="detail-copy-status" role="status">
          {copy === 'copied' ? 'Copied' : copy === 'failed' ? 'Could not copy' : ''}
        </span>
        <button type="button" onClick={onCopy} disabled={sequence.length === 0}>
          Copy sequence
        </button>
      </div>
      {sequence.length === 0 ? (
        <p className="muted">This record has no stored sequence.</p>
      ) : (
        <pre className="detail-sequence mono" tabIndex={0} aria-label="Sequence text">
          {text}
        </pre>
      )}
      {sequence.length > SHOWN_LIMIT && (
        <p className="muted">
          {`Showing the first ${formatCount(SHOWN_LIMIT)} bases; "Copy sequence" copies all ${formatCount(sequence.length)}.`}
        </p>
      )}
    </section>
  )
}
