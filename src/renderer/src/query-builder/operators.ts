/**
 * The operators a rule can use, in words that fit the field's type ("before" for dates,
 * "≤" for numbers, "is true" for yes/no fields). Each maps to one filter node shape.
 */
import type { FieldType } from '../../../shared/catalog-types'

export type OperatorId =
  | 'eq'
  | 'ne'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge'
  | 'between'
  | 'not-between'
  | 'in'
  | 'not-in'
  | 'contains'
  | 'not-contains'
  | 'starts-with'
  | 'not-starts-with'
  | 'is-true'
  | 'is-false'
  | 'missing'
  | 'not-missing'

/** How many values an operator takes: none, one, a low and a high, or a comma-separated list. */
export type Arity = 'none' | 'one' | 'two' | 'list'

const ARITY: Record<OperatorId, Arity> = {
  eq: 'one',
  ne: 'one',
  lt: 'one',
  le: 'one',
  gt: 'one',
  ge: 'one',
  between: 'two',
  'not-between': 'two',
  in: 'list',
  'not-in': 'list',
  contains: 'one',
  'not-contains': 'one',
  'starts-with': 'one',
  'not-starts-with': 'one',
  'is-true': 'none',
  'is-false': 'none',
  missing: 'none',
  'not-missing': 'none',
}

const BY_TYPE: Record<FieldType, readonly OperatorId[]> = {
  text: [
    'eq',
    'ne',
    'contains',
    'not-contains',
    'starts-with',
    'in',
    'not-in',
    'missing',
    'not-missing',
  ],
  integer: ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'between', 'in', 'missing', 'not-missing'],
  number: ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'between', 'in', 'missing', 'not-missing'],
  date: ['eq', 'lt', 'gt', 'le', 'ge', 'between', 'not-between', 'missing', 'not-missing'],
  boolean: ['is-true', 'is-false', 'missing', 'not-missing'],
}

const GENERIC_LABELS: Record<OperatorId, string> = {
  eq: '=',
  ne: '≠',
  lt: '<',
  le: '≤',
  gt: '>',
  ge: '≥',
  between: 'between',
  'not-between': 'not between',
  in: 'is one of',
  'not-in': 'is not one of',
  contains: 'contains',
  'not-contains': 'does not contain',
  'starts-with': 'starts with',
  'not-starts-with': 'does not start with',
  'is-true': 'is true',
  'is-false': 'is false',
  missing: 'is missing',
  'not-missing': 'is not missing',
}

const TYPE_LABELS: Partial<Record<FieldType, Partial<Record<OperatorId, string>>>> = {
  text: { eq: 'is', ne: 'is not' },
  boolean: { eq: 'is', ne: 'is not' },
  date: {
    eq: 'on',
    ne: 'not on',
    lt: 'before',
    gt: 'after',
    le: 'on or before',
    ge: 'on or after',
  },
}

/** The operators offered for a field of this type, most useful first. */
export function operatorsFor(type: FieldType): readonly OperatorId[] {
  return BY_TYPE[type]
}

/**
 * The operators a rule's select lists: the type's own, plus the rule's current one when a
 * filter typed as text used something unusual (`name < "M"`), so loading it loses nothing.
 */
export function operatorChoices(type: FieldType, current: OperatorId): readonly OperatorId[] {
  const own = operatorsFor(type)
  return own.includes(current) ? own : [...own, current]
}

export function operatorLabel(op: OperatorId, type: FieldType): string {
  return TYPE_LABELS[type]?.[op] ?? GENERIC_LABELS[op]
}

export function arityOf(op: OperatorId): Arity {
  return ARITY[op]
}

/** The operator a rule falls back to when its field changes to a type that lacks the old one. */
export function defaultOperator(type: FieldType): OperatorId {
  return operatorsFor(type)[0]!
}
