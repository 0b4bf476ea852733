import type { CompareOp } from '../../../shared/filter/index.js'
import type { CheckedFilter, TypedValue } from './check.js'

const DAY_MS = 86_400_000

/** A record's stored columns, by Lance column name (as returned by a LanceDB query). */
export type RecordRow = Readonly<Record<string, unknown>>

function day(value: unknown): number | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return Math.round(value.getTime() / DAY_MS)
  return Math.round(Number(value) / DAY_MS)
}

function num(value: unknown): number | null {
  if (value === null || value === undefined) return null
  return Number(value)
}

function ordered(a: number | string, op: CompareOp, b: number | string): boolean {
  switch (op) {
    case '=':
      return a === b
    case '!=':
      return a !== b
    case '<':
      return a < b
    case '<=':
      return a <= b
    case '>':
      return a > b
    case '>=':
      return a >= b
  }
}

function compare(row: RecordRow, column: string, op: CompareOp, v: TypedValue): boolean {
  if (v.type === 'date') {
    const lo = day(row[`${column}_lo`])
    const hi = day(row[`${column}_hi`])
    if (lo === null || hi === null) return false
    if (op === '=') return lo >= v.lo && hi <= v.hi
    if (op === '!=') return hi < v.lo || lo > v.hi
    if (op === '<') return hi < v.lo
    if (op === '<=') return hi <= v.hi
    if (op === '>') return lo > v.hi
    return lo >= v.lo
  }
  const stored = row[column]
  if (stored === null || stored === undefined) return false
  if (v.type === 'text') return ordered(stored as string, op, v.value)
  if (v.type === 'boolean') return ordered(Number(stored), op, Number(v.value))
  return ordered(num(stored)!, op, v.value)
}

/**
 * The filter's meaning written directly in JavaScript, one record at a time. It is the
 * reference the SQL compiler is tested against, and it checks hits when rows are already
 * in memory.
 */
export function evaluateFilter(filter: CheckedFilter, row: RecordRow): boolean {
  switch (filter.kind) {
    case 'and':
      return filter.children.every((c) => evaluateFilter(c, row))
    case 'or':
      return filter.children.some((c) => evaluateFilter(c, row))
    case 'not':
      return !evaluateFilter(filter.child, row)
    case 'missing': {
      const v = row[filter.field.column]
      return v === null || v === undefined
    }
    case 'compare':
      return compare(row, filter.field.column, filter.op, filter.value)
    case 'in':
      return filter.values.some((v) => compare(row, filter.field.column, '=', v))
    case 'between':
      return (
        compare(row, filter.field.column, '>=', filter.low) &&
        compare(row, filter.field.column, '<=', filter.high)
      )
    case 'contains':
    case 'starts-with': {
      const v = row[filter.field.column]
      if (v === null || v === undefined) return false
      const text = (v as string).toLowerCase()
      const needle = filter.value.toLowerCase()
      return filter.kind === 'contains' ? text.includes(needle) : text.startsWith(needle)
    }
  }
}
