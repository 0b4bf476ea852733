/**
 * How a click in the overview turns into a filter: a histogram bar or a bar-list value
 * becomes one condition, combined with the active filter as "and". Plain functions, so the
 * rules are tested without a DOM.
 */
import type { FieldSchema, HistogramBin } from '../../../shared/api'
import type {
  BetweenNode,
  CompareNode,
  ConditionNode,
  FilterNode,
} from '../../../shared/filter/ast'
import { isCondition } from '../../../shared/filter/ast'

/**
 * Adds `condition` to `filter` with "and". An existing condition on the same field, at the
 * top level or directly in the top-level "and", is replaced in place: clicking a second
 * country should switch countries, not ask for records in both (which match nothing).
 */
export function addCondition(filter: FilterNode | null, condition: ConditionNode): FilterNode {
  if (filter === null) return condition
  if (isCondition(filter) && filter.field === condition.field) return condition
  if (filter.kind !== 'and') return { kind: 'and', children: [filter, condition] }

  const children: FilterNode[] = []
  let placed = false
  for (const child of filter.children) {
    if (!isSameField(child, condition.field)) children.push(child)
    else if (!placed) {
      children.push(condition)
      placed = true
    }
  }
  if (!placed) children.push(condition)
  return { kind: 'and', children }
}

/** Drops the conditions on `field` that `addCondition` would replace; null when none is left. */
export function removeCondition(filter: FilterNode | null, field: string): FilterNode | null {
  if (filter === null || isSameField(filter, field)) return null
  if (filter.kind !== 'and') return filter
  const children = filter.children.filter((child) => !isSameField(child, field))
  if (children.length === filter.children.length) return filter
  if (children.length === 0) return null
  if (children.length === 1 && children[0]) return children[0]
  return { kind: 'and', children }
}

/**
 * Adds `condition`, or removes it when the filter already holds exactly that condition, so
 * clicking a highlighted bar a second time undoes the first click.
 */
export function toggleCondition(
  filter: FilterNode | null,
  condition: ConditionNode,
): FilterNode | null {
  const current = findCondition(filter, condition.field)
  return current && sameCondition(current, condition)
    ? removeCondition(filter, condition.field)
    : addCondition(filter, condition)
}

/** The condition on `field` that the overview can show as a selection, if there is one. */
export function findCondition(filter: FilterNode | null, field: string): ConditionNode | undefined {
  if (filter === null) return undefined
  if (isCondition(filter)) return filter.field === field ? filter : undefined
  if (filter.kind !== 'and') return undefined
  return filter.children.find((child): child is ConditionNode => isSameField(child, field))
}

/** Same kind, field, operator and values; spans from parsing do not count. */
export function sameCondition(a: ConditionNode, b: ConditionNode): boolean {
  return conditionKey(a) === conditionKey(b)
}

/** A fixed-order text key: parsed nodes and built ones list their properties differently. */
function conditionKey(node: ConditionNode): string {
  switch (node.kind) {
    case 'compare':
      return JSON.stringify([node.kind, node.field, node.op, node.value])
    case 'in':
      return JSON.stringify([node.kind, node.field, node.values])
    case 'contains':
    case 'starts-with':
      return JSON.stringify([node.kind, node.field, node.value])
    case 'between':
      return JSON.stringify([node.kind, node.field, node.low, node.high])
    case 'missing':
      return JSON.stringify([node.kind, node.field])
  }
}

function isSameField(node: FilterNode, field: string): boolean {
  return isCondition(node) && node.field === field
}

/**
 * A length bin as whole numbers of bases: bins are [x0, x1) except the last, which includes
 * x1. Null when the bin holds no integer (a bin narrower than one base).
 */
export function lengthBinCondition(bin: HistogramBin, isLast: boolean): BetweenNode | null {
  const low = Math.ceil(bin.x0)
  const high = isLast ? Math.floor(bin.x1) : Math.ceil(bin.x1) - 1
  if (low > high) return null
  return { kind: 'between', field: 'length', low, high }
}

/**
 * A GC bin (fractions 0–1). Edges are rounded to 6 decimals so the filter reads
 * "gc between 0.35 and 0.4", not 0.35000000000000003; far finer than any bin.
 */
export function gcBinCondition(bin: HistogramBin): BetweenNode {
  const round = (x: number): number => Number(x.toFixed(6))
  return { kind: 'between', field: 'gc', low: round(bin.x0), high: round(bin.x1) }
}

/** `field = value`, with the value typed as the field is (top values arrive as text). */
export function valueCondition(
  field: Pick<FieldSchema, 'name' | 'type'>,
  value: string,
): CompareNode {
  return { kind: 'compare', field: field.name, op: '=', value: typedValue(field.type, value) }
}

function typedValue(type: FieldSchema['type'], value: string): string | number | boolean {
  if (type === 'boolean') return value.trim().toLowerCase() === 'true'
  if (type === 'integer' || type === 'number') {
    const n = Number(value)
    return value.trim() !== '' && Number.isFinite(n) ? n : value
  }
  return value
}

/** The numeric range a condition selects on its field, both ends included, for highlighting. */
export function selectedRange(
  condition: ConditionNode | undefined,
): { x0: number; x1: number } | null {
  if (!condition) return null
  if (condition.kind === 'between') {
    const { low, high } = condition
    return typeof low === 'number' && typeof high === 'number' ? { x0: low, x1: high } : null
  }
  if (condition.kind !== 'compare' || typeof condition.value !== 'number') return null
  const v = condition.value
  switch (condition.op) {
    case '=':
      return { x0: v, x1: v }
    case '<':
    case '<=':
      return { x0: -Infinity, x1: v }
    case '>':
    case '>=':
      return { x0: v, x1: Infinity }
    case '!=':
      return null
  }
}
