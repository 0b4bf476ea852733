import type { FieldType } from '../../../shared/catalog-types.js'
import { GenocatError } from '../../../shared/errors.js'
import type { CompareOp, FilterNode, FilterValue, Span } from '../../../shared/filter/index.js'
import { dateRange } from '../formats/field-types.js'
import type { FilterField } from './fields.js'

/** A value converted to its field's type. Dates are day ranges (days since 1970-01-01). */
export type TypedValue =
  | { readonly type: 'text'; readonly value: string }
  | { readonly type: 'integer' | 'number'; readonly value: number }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'date'; readonly lo: number; readonly hi: number; readonly text: string }

/** A filter whose fields are resolved and whose values have their fields' types. */
export type CheckedFilter =
  | {
      readonly kind: 'compare'
      readonly field: FilterField
      readonly op: CompareOp
      readonly value: TypedValue
    }
  | { readonly kind: 'in'; readonly field: FilterField; readonly values: readonly TypedValue[] }
  | {
      readonly kind: 'contains' | 'starts-with'
      readonly field: FilterField
      readonly value: string
    }
  | {
      readonly kind: 'between'
      readonly field: FilterField
      readonly low: TypedValue
      readonly high: TypedValue
    }
  | { readonly kind: 'missing'; readonly field: FilterField }
  | { readonly kind: 'and' | 'or'; readonly children: readonly CheckedFilter[] }
  | { readonly kind: 'not'; readonly child: CheckedFilter }

const TYPE_WORDS: Record<FieldType, string> = {
  text: 'a text field',
  integer: 'a whole-number field',
  number: 'a number field',
  date: 'a date field',
  boolean: 'a yes/no field',
}

function where(span: Span | undefined): string {
  return span ? ` (at position ${span.start + 1})` : ''
}

function typeError(field: FilterField, problem: string, span?: Span): GenocatError {
  return new GenocatError(
    'INVALID_FILTER',
    `"${field.name}" is ${TYPE_WORDS[field.type]}; ${problem}${where(span)}.`,
    { field: field.name, ...(span ? { position: span.start } : {}) },
  )
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!
      row[j] = Math.min(up + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = up
    }
  }
  return row[b.length]!
}

function resolveField(fields: readonly FilterField[], name: string, span?: Span): FilterField {
  const exact = fields.find((f) => f.name === name)
  if (exact) return exact
  const folded = fields.filter((f) => f.name.toLowerCase() === name.toLowerCase())
  if (folded.length === 1) return folded[0]!
  const near = fields
    .map((f) => ({ f, d: editDistance(f.name.toLowerCase(), name.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(name.length / 3)))
    .sort((a, b) => a.d - b.d)[0]
  const hint = near ? ` Did you mean "${near.f.name}"?` : ''
  throw new GenocatError(
    'UNKNOWN_FIELD',
    `Unknown field "${name}"${where(span)}.${hint} Fields: ${fields.map((f) => f.name).join(', ')}.`,
    { field: name, ...(span ? { position: span.start } : {}) },
  )
}

const show = (v: FilterValue): string => (typeof v === 'string' ? JSON.stringify(v) : String(v))

function typedValue(field: FilterField, v: FilterValue, span?: Span): TypedValue {
  switch (field.type) {
    case 'text':
      return { type: 'text', value: String(v) }
    case 'integer':
    case 'number': {
      const n =
        typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN
      if (!Number.isFinite(n)) throw typeError(field, `${show(v)} is not a number`, span)
      return { type: field.type, value: n }
    }
    case 'boolean': {
      const text = String(v).toLowerCase()
      if (text === 'true' || text === 'yes') return { type: 'boolean', value: true }
      if (text === 'false' || text === 'no') return { type: 'boolean', value: false }
      throw typeError(field, `${show(v)} is not true or false`, span)
    }
    case 'date': {
      const text = String(v)
      const range = typeof v === 'boolean' ? null : dateRange(text)
      if (!range)
        throw typeError(field, `${show(v)} is not a date (write YYYY, YYYY-MM or YYYY-MM-DD)`, span)
      return { type: 'date', lo: range.lo, hi: range.hi, text }
    }
  }
}

/**
 * Resolves every field of `filter` against the catalog's fields and converts every value to
 * its field's type, so a misspelt field or a wrong value fails here with a clear message
 * instead of deep inside the database.
 */
export function checkFilter(filter: FilterNode, fields: readonly FilterField[]): CheckedFilter {
  switch (filter.kind) {
    case 'and':
    case 'or':
      if (filter.children.length === 0)
        throw new GenocatError(
          'INVALID_FILTER',
          `An "${filter.kind}" group needs at least one rule.`,
        )
      return { kind: filter.kind, children: filter.children.map((c) => checkFilter(c, fields)) }
    case 'not':
      return { kind: 'not', child: checkFilter(filter.child, fields) }
    case 'missing':
      return { kind: 'missing', field: resolveField(fields, filter.field, filter.span) }
  }
  const field = resolveField(fields, filter.field, filter.span)
  switch (filter.kind) {
    case 'compare':
      if (field.type === 'boolean' && filter.op !== '=' && filter.op !== '!=')
        throw typeError(field, `it can only be compared with = or !=`, filter.span)
      return {
        kind: 'compare',
        field,
        op: filter.op,
        value: typedValue(field, filter.value, filter.span),
      }
    case 'in':
      if (filter.values.length === 0)
        throw typeError(field, '"in" needs at least one value', filter.span)
      return {
        kind: 'in',
        field,
        values: filter.values.map((v) => typedValue(field, v, filter.span)),
      }
    case 'contains':
    case 'starts-with':
      if (field.type !== 'text')
        throw typeError(
          field,
          `"${filter.kind.replace('-', ' ')}" works on text fields only`,
          filter.span,
        )
      return { kind: filter.kind, field, value: String(filter.value) }
    case 'between':
      if (field.type === 'boolean' || field.type === 'text')
        throw typeError(field, '"between" works on numbers and dates', filter.span)
      return {
        kind: 'between',
        field,
        low: typedValue(field, filter.low, filter.span),
        high: typedValue(field, filter.high, filter.span),
      }
  }
}
