import { useCallback, useMemo, useState } from 'react'
import type { FieldSchema } from '../../../shared/api'
import { formatFilter, type FilterNode } from '../../../shared/filter'
import { draftFromFilter, filterFromDraft, newGroup, type DraftGroup, type TypeOf } from './draft'
import { FilterTextEditor } from './filter-text-editor'
import { GroupEditor, type EditDraft } from './group-editor'
import './query-builder.css'

export interface QueryBuilderProps {
  readonly fields: readonly FieldSchema[]
  /** The applied filter; a new value (from the overview, say) replaces the draft. */
  readonly value: FilterNode | null
  /** Called on "Apply filter", on Enter in the text form, and with null on "Clear". */
  readonly onChange: (value: FilterNode | null) => void
}

/**
 * Builds a filter as a tree of rules. Edits stay in a draft until "Apply filter", so a view
 * does not reload on every keystroke; incomplete rules are shown with a hint and left out.
 */
export function QueryBuilder({ fields, value, onChange }: QueryBuilderProps): React.JSX.Element {
  const [draft, setDraft] = useState<DraftGroup>(() => draftFromFilter(value))
  // The value the draft was loaded from or last applied. When the prop differs, someone else
  // set the filter, and the draft follows it (React's "adjust state on prop change" pattern).
  const [loaded, setLoaded] = useState<FilterNode | null>(value)
  const [textMode, setTextMode] = useState(false)
  // Bumped by "Clear" so the text form empties even when no filter was applied before.
  const [clears, setClears] = useState(0)
  if (value !== loaded) {
    setLoaded(value)
    setDraft(draftFromFilter(value))
  }

  const typeOf = useMemo<TypeOf>(() => {
    const types = new Map(fields.map((f) => [f.name, f.type]))
    return (name) => types.get(name)
  }, [fields])
  const { filter, skipped } = useMemo(() => filterFromDraft(draft, typeOf), [draft, typeOf])
  const preview = filter ? formatFilter(filter) : ''
  const applied = value ? formatFilter(value) : ''
  const pending = preview !== applied

  const edit = useCallback<EditDraft>((change) => setDraft((d) => change(d)), [])
  const apply = (next: FilterNode | null): void => {
    setLoaded(next)
    onChange(next)
  }
  const applyText = (next: FilterNode | null): void => {
    setDraft(draftFromFilter(next))
    apply(next)
  }

  return (
    <section className="qb card" aria-label="Filter">
      <div className="qb-head row">
        <h2>Filter</h2>
        <span className="spacer" />
        <button
          type="button"
          className="link"
          aria-pressed={textMode}
          onClick={() => setTextMode((t) => !t)}
        >
          {textMode ? 'Edit as rules' : 'Edit as text'}
        </button>
      </div>
      {textMode ? (
        // Keyed by the applied text so a filter set elsewhere replaces what is typed.
        <FilterTextEditor key={`${clears}:${applied}`} initial={preview} onApply={applyText} />
      ) : (
        <GroupEditor group={draft} fields={fields} skipped={skipped} edit={edit} root />
      )}
      <div className="qb-preview mono" aria-label="Filter preview" title="The filter as text">
        {preview || <span className="muted">No filter: every record</span>}
      </div>
      <div className="qb-actions row">
        {!textMode && (
          <button type="button" className="primary" onClick={() => apply(filter)}>
            Apply filter
          </button>
        )}
        <button
          type="button"
          onClick={() => {
            setDraft(newGroup())
            setClears((c) => c + 1)
            apply(null)
          }}
        >
          Clear
        </button>
        {pending && !textMode && <span className="qb-pending">Changes not applied yet</span>}
        {skipped.size > 0 && (
          <span className="muted">
            {skipped.size === 1 ? '1 rule is skipped' : `${skipped.size} rules are skipped`}
          </span>
        )}
      </div>
    </section>
  )
}
