import { useState } from 'react'
import { parseFilter, type FilterNode } from '../../../shared/filter'

interface FilterTextEditorProps {
  /** The text to start from (the current draft, formatted). */
  readonly initial: string
  /** Called with the parsed filter (null for empty text) when Enter is pressed on valid text. */
  readonly onApply: (filter: FilterNode | null) => void
}

/**
 * The filter as text, for people who prefer typing `country = "Peru" and length > 10000`.
 * Parsing happens here, so a typo shows its position at once without a round trip.
 */
export function FilterTextEditor({ initial, onApply }: FilterTextEditorProps): React.JSX.Element {
  const [text, setText] = useState(initial)
  const [error, setError] = useState<string | null>(null)

  const apply = (): void => {
    if (text.trim() === '') {
      setError(null)
      onApply(null)
      return
    }
    try {
      const filter = parseFilter(text)
      setError(null)
      onApply(filter)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }

  return (
    <div className="qb-text">
      <input
        type="text"
        className="qb-text-input mono"
        aria-label="Filter as text"
        aria-invalid={error !== null}
        placeholder='country = "Brazil" and date >= 2016-01-01 and length > 10000'
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          setError(null)
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            apply()
          }
        }}
      />
      {error ? (
        <div className="error-box mono qb-text-error" role="alert">
          {error}
        </div>
      ) : (
        <div className="qb-text-help muted">Press Enter to apply.</div>
      )}
    </div>
  )
}
