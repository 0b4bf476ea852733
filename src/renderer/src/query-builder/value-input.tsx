import { useId } from 'react'
import type { FieldSchema } from '../../../shared/api'
import type { DraftRule } from './draft'
import { arityOf } from './operators'

interface ValueInputProps {
  readonly rule: DraftRule
  readonly field: FieldSchema | undefined
  readonly onChange: (patch: Partial<Pick<DraftRule, 'value' | 'high'>>) => void
}

/** The input that fits the rule's field and operator: number, date, yes/no, or text with suggestions. */
export function ValueInput({ rule, field, onChange }: ValueInputProps): React.JSX.Element | null {
  const listId = useId()
  const arity = arityOf(rule.op)
  if (arity === 'none') return null
  const textSearch = rule.op.endsWith('contains') || rule.op.endsWith('starts-with')
  const type = textSearch ? 'text' : (field?.type ?? 'text')
  const suggestions = type === 'text' ? (field?.topValues ?? []) : []

  if (arity === 'list') {
    const examples = suggestions.slice(0, 2).map((s) => s.value)
    return (
      <input
        type="text"
        className="qb-value qb-value-list"
        aria-label="Values, separated by commas"
        placeholder={examples.length > 0 ? `${examples.join(', ')}, …` : 'a, b, c'}
        value={rule.value}
        onChange={(e) => onChange({ value: e.target.value })}
      />
    )
  }

  const single = (value: string, label: string, key: 'value' | 'high'): React.JSX.Element => {
    const common = {
      'aria-label': label,
      value,
      onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
        onChange({ [key]: e.target.value }),
    }
    switch (type) {
      case 'integer':
      case 'number':
        return (
          <input
            {...common}
            type="number"
            step={type === 'integer' ? 1 : 'any'}
            className="qb-value qb-value-number"
            placeholder={field?.range ? `${field.range.min} – ${field.range.max}` : undefined}
          />
        )
      case 'date':
        // Text, not <input type="date">: partial dates (2020-03, 2020) are valid filters.
        return (
          <input
            {...common}
            type="text"
            inputMode="numeric"
            className="qb-value qb-value-date mono"
            placeholder="YYYY-MM-DD"
          />
        )
      case 'boolean':
        return (
          <select {...common} className="qb-value">
            <option value="">choose…</option>
            <option value="true">true</option>
            <option value="false">false</option>
          </select>
        )
      case 'text':
        return (
          <input
            {...common}
            type="text"
            className="qb-value"
            list={suggestions.length > 0 ? listId : undefined}
          />
        )
    }
  }

  return (
    <>
      {arity === 'two' ? (
        <>
          {single(rule.value, 'From', 'value')}
          <span className="muted">and</span>
          {single(rule.high, 'To', 'high')}
        </>
      ) : (
        single(rule.value, 'Value', 'value')
      )}
      {suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s.value} value={s.value}>
              {`${s.count.toLocaleString('en-US')} records`}
            </option>
          ))}
        </datalist>
      )}
    </>
  )
}
