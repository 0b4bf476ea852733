/**
 * Sorting for results tables. At 100,000 rows a comparator that calls `column.value` or
 * `localeCompare` each time takes seconds; instead each row's value is read once into typed
 * arrays, and an array of row indices is sorted against them.
 */
import type { CellValue } from './column'

export type SortDirection = 'asc' | 'desc'

export interface SortState {
  readonly column: string
  readonly direction: SortDirection
}

/** Header clicks cycle ascending → descending → unsorted; another column starts ascending. */
export function nextSort(current: SortState | null, column: string): SortState | null {
  if (current?.column !== column) return { column, direction: 'asc' }
  return current.direction === 'asc' ? { column, direction: 'desc' } : null
}

const NUMBER = 0
const TEXT = 1

/**
 * Row indices in sorted order: numbers (and booleans, false first) numerically, then text
 * case-insensitively; missing values (null, NaN) always last, whatever the direction. Rows
 * that compare equal keep their original order.
 */
export function sortOrder<Row>(
  rows: readonly Row[],
  value: (row: Row) => CellValue,
  direction: SortDirection,
): number[] {
  const n = rows.length
  const kind = new Uint8Array(n)
  const numbers = new Float64Array(n)
  const folded: string[] = new Array<string>(n)
  const texts: string[] = new Array<string>(n)
  const present: number[] = []
  const missing: number[] = []
  for (let i = 0; i < n; i++) {
    const v = value(rows[i]!)
    if (v === null || (typeof v === 'number' && Number.isNaN(v))) {
      missing.push(i)
      continue
    }
    present.push(i)
    if (typeof v === 'string') {
      kind[i] = TEXT
      texts[i] = v
      folded[i] = v.toLowerCase()
    } else {
      kind[i] = NUMBER
      numbers[i] = typeof v === 'boolean' ? Number(v) : v
    }
  }
  const sign = direction === 'asc' ? 1 : -1
  present.sort((a, b) => {
    const ka = kind[a]!
    const kb = kind[b]!
    if (ka !== kb) return (ka - kb) * sign
    if (ka === NUMBER) return (numbers[a]! - numbers[b]!) * sign
    const fa = folded[a]!
    const fb = folded[b]!
    if (fa !== fb) return (fa < fb ? -1 : 1) * sign
    const ta = texts[a]!
    const tb = texts[b]!
    return ta === tb ? 0 : (ta < tb ? -1 : 1) * sign
  })
  for (const i of missing) present.push(i)
  return present
}
