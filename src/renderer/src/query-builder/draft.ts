/**
 * The builder's editable tree ("draft") and its conversion to and from filter nodes. The
 * draft keeps what the user is still typing (text values, rules without a value); turning
 * it into a filter skips those rules and says why, so half-made rules never reach the engine.
 * Converting a filter to a draft and back gives the same filter, so a filter set elsewhere
 * (a click on an overview bar, the text editor) shows up as rules.
 */
import type { FieldType } from '../../../shared/catalog-types'
import type { ConditionNode, FilterNode } from '../../../shared/filter'
import { isCondition } from '../../../shared/filter'
import { arityOf, type OperatorId } from './operators'
import { joinList, parseList, parseValue, valueText } from './values'

export interface DraftRule {
  readonly kind: 'rule'
  readonly id: string
  readonly field: string
  readonly op: OperatorId
  /** The value as typed; the low end for "between"; the comma-separated list for "is one of". */
  readonly value: string
  /** The high end for "between". */
  readonly high: string
}

export interface DraftGroup {
  readonly kind: 'group'
  readonly id: string
  readonly mode: 'and' | 'or'
  /** "None of these": the group's result is negated. */
  readonly negate: boolean
  readonly children: readonly DraftItem[]
}

export type DraftItem = DraftRule | DraftGroup

/** Looks up a field's type; undefined for a field the catalog does not have. */
export type TypeOf = (field: string) => FieldType | undefined

let counter = 0
/** Keys for React lists; unique within a page's lifetime, which is all they need. */
export function nextId(): string {
  counter += 1
  return `q${counter}`
}

export function newGroup(
  mode: 'and' | 'or' = 'and',
  children: readonly DraftItem[] = [],
): DraftGroup {
  return { kind: 'group', id: nextId(), mode, negate: false, children }
}

export function newRule(field: string, op: OperatorId, value = '', high = ''): DraftRule {
  return { kind: 'rule', id: nextId(), field, op, value, high }
}

// --- filter → draft -------------------------------------------------------------------

const NEGATED: Partial<Record<ConditionNode['kind'], OperatorId>> = {
  missing: 'not-missing',
  in: 'not-in',
  contains: 'not-contains',
  'starts-with': 'not-starts-with',
  between: 'not-between',
}

const COMPARE_OPS = { '=': 'eq', '!=': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' } as const

function ruleFrom(node: ConditionNode, negate: boolean): DraftRule {
  switch (node.kind) {
    case 'compare':
      if (node.op === '=' && typeof node.value === 'boolean')
        return newRule(node.field, node.value ? 'is-true' : 'is-false')
      return newRule(node.field, COMPARE_OPS[node.op], valueText(node.value))
    case 'in':
      return newRule(node.field, negate ? 'not-in' : 'in', joinList(node.values))
    case 'contains':
    case 'starts-with':
      return newRule(node.field, negate ? NEGATED[node.kind]! : node.kind, node.value)
    case 'between':
      return newRule(
        node.field,
        negate ? 'not-between' : 'between',
        valueText(node.low),
        valueText(node.high),
      )
    case 'missing':
      return newRule(node.field, negate ? 'not-missing' : 'missing')
  }
}

/** A condition that a rule can hold with a negated operator ("is not one of"). */
function negatable(node: FilterNode): node is ConditionNode {
  return isCondition(node) && NEGATED[node.kind] !== undefined
}

/** `not X` as a group: X's own group negated, or a negated group around X. */
function negatedGroup(child: FilterNode): DraftGroup {
  if (child.kind === 'and' || child.kind === 'or')
    return { ...newGroup(child.kind, child.children.map(itemFrom)), negate: true }
  return { ...newGroup('and', [itemFrom(child)]), negate: true }
}

function itemFrom(node: FilterNode): DraftItem {
  if (isCondition(node)) return ruleFrom(node, false)
  if (node.kind === 'not')
    return negatable(node.child) ? ruleFrom(node.child, true) : negatedGroup(node.child)
  return newGroup(node.kind, node.children.map(itemFrom))
}

/** The draft for a filter; always a group at the root, so there is somewhere to add rules. */
export function draftFromFilter(node: FilterNode | null): DraftGroup {
  if (node === null) return newGroup()
  const item = itemFrom(node)
  return item.kind === 'group' ? item : newGroup('and', [item])
}

// --- draft → filter -------------------------------------------------------------------

export interface DraftResult {
  /** The filter of every complete rule; null when there is none. */
  readonly filter: FilterNode | null
  /** Why a rule was skipped, by rule id. */
  readonly skipped: ReadonlyMap<string, string>
}

const COMPARE_BY_ID = { eq: '=', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=' } as const

type RuleOutcome = { readonly node: FilterNode } | { readonly skip: string }

const INCOMPLETE = 'Enter a value; this rule is skipped until then.'
const skipped = (problem: string | null): RuleOutcome => ({
  skip: problem === null ? INCOMPLETE : `${problem}; this rule is skipped.`,
})

function ruleNode(rule: DraftRule, typeOf: TypeOf): RuleOutcome {
  if (rule.field === '') return { skip: 'Choose a field; this rule is skipped until then.' }
  const field = rule.field
  const type = typeOf(field)
  const negate = (node: FilterNode): FilterNode => ({ kind: 'not', child: node })
  switch (arityOf(rule.op)) {
    case 'none':
      if (rule.op === 'missing') return { node: { kind: 'missing', field } }
      if (rule.op === 'not-missing') return { node: negate({ kind: 'missing', field }) }
      return { node: { kind: 'compare', field, op: '=', value: rule.op === 'is-true' } }
    case 'list': {
      const list = parseList(rule.value, type)
      if (!list.ok) return skipped(list.problem)
      const node: FilterNode = { kind: 'in', field, values: list.values }
      return { node: rule.op === 'not-in' ? negate(node) : node }
    }
    case 'two': {
      const low = parseValue(rule.value, type)
      const high = parseValue(rule.high, type)
      if (!low.ok) return skipped(low.problem)
      if (!high.ok) return skipped(high.problem)
      const node: FilterNode = { kind: 'between', field, low: low.value, high: high.value }
      return { node: rule.op === 'not-between' ? negate(node) : node }
    }
    case 'one':
      break
  }
  if (rule.op === 'contains' || rule.op === 'not-contains') {
    if (rule.value.trim() === '') return skipped(null)
    const node: FilterNode = { kind: 'contains', field, value: rule.value.trim() }
    return { node: rule.op === 'contains' ? node : negate(node) }
  }
  if (rule.op === 'starts-with' || rule.op === 'not-starts-with') {
    if (rule.value.trim() === '') return skipped(null)
    const node: FilterNode = { kind: 'starts-with', field, value: rule.value.trim() }
    return { node: rule.op === 'starts-with' ? node : negate(node) }
  }
  const parsed = parseValue(rule.value, type)
  if (!parsed.ok) return skipped(parsed.problem)
  const op = COMPARE_BY_ID[rule.op as keyof typeof COMPARE_BY_ID]
  return { node: { kind: 'compare', field, op, value: parsed.value } }
}

function groupNode(
  group: DraftGroup,
  typeOf: TypeOf,
  skips: Map<string, string>,
): FilterNode | null {
  const children: FilterNode[] = []
  for (const item of group.children) {
    if (item.kind === 'group') {
      const node = groupNode(item, typeOf, skips)
      if (node) children.push(node)
    } else {
      const outcome = ruleNode(item, typeOf)
      if ('node' in outcome) children.push(outcome.node)
      else skips.set(item.id, outcome.skip)
    }
  }
  // The engine rejects empty groups, and a group of one is just its child.
  if (children.length === 0) return null
  const inner: FilterNode = children.length === 1 ? children[0]! : { kind: group.mode, children }
  return group.negate ? { kind: 'not', child: inner } : inner
}

/** The filter a draft stands for, skipping rules that are incomplete or hold a wrong value. */
export function filterFromDraft(root: DraftGroup, typeOf: TypeOf): DraftResult {
  const skips = new Map<string, string>()
  const filter = groupNode(root, typeOf, skips)
  return { filter, skipped: skips }
}
