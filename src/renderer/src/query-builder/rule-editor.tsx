import type { FieldSchema } from '../../../shared/api'
import type { DraftRule } from './draft'
import { operatorChoices, operatorLabel, type OperatorId } from './operators'
import { ValueInput } from './value-input'

interface RuleEditorProps {
  readonly rule: DraftRule
  readonly fields: readonly FieldSchema[]
  /** Why the rule is left out of the filter, if it is. */
  readonly skipped: string | undefined
  readonly onFieldChange: (field: FieldSchema | undefined) => void
  readonly onChange: (patch: Partial<DraftRule>) => void
  readonly onRemove: () => void
}

/** One condition: field, operator, value(s) and a remove button, with a hint when it is skipped. */
export function RuleEditor(props: RuleEditorProps): React.JSX.Element {
  const { rule, fields, skipped } = props
  const field = fields.find((f) => f.name === rule.field)
  const type = field?.type ?? 'text'
  return (
    <div className={skipped ? 'qb-rule qb-rule-skipped' : 'qb-rule'} role="group" aria-label="Rule">
      <div className="qb-rule-inputs">
        <select
          aria-label="Field"
          className="qb-field"
          value={rule.field}
          onChange={(e) => props.onFieldChange(fields.find((f) => f.name === e.target.value))}
        >
          {rule.field === '' && <option value="">choose a field…</option>}
          {!field && rule.field !== '' && (
            <option value={rule.field}>{`${rule.field} (not in this catalog)`}</option>
          )}
          {fields.map((f) => (
            <option key={f.name} value={f.name}>{`${f.name} (${f.type})`}</option>
          ))}
        </select>
        <select
          aria-label="Operator"
          className="qb-op"
          value={rule.op}
          onChange={(e) => props.onChange({ op: e.target.value as OperatorId })}
        >
          {operatorChoices(type, rule.op).map((op) => (
            <option key={op} value={op}>
              {operatorLabel(op, type)}
            </option>
          ))}
        </select>
        <ValueInput rule={rule} field={field} onChange={props.onChange} />
        <button
          type="button"
          className="qb-icon"
          aria-label="Remove rule"
          title="Remove rule"
          onClick={props.onRemove}
        >
          ✕
        </button>
      </div>
      {skipped && <div className="qb-hint">{skipped}</div>}
    </div>
  )
}
