/** What a results table shows: columns described as data, so views define them in one list. */

export type CellValue = string | number | boolean | null

export interface Column<Row> {
  /** Stable id: sorting and the column chooser remember columns by it. */
  readonly id: string
  /** The header text, also the column header's accessible name. */
  readonly header: string
  /** The value to show and sort by; null shows as "—" and sorts last. */
  readonly value: (row: Row) => CellValue
  /** Display text for a non-null value (sorting still uses the raw value). */
  readonly format?: (value: string | number | boolean) => string
  /** Display text from the whole row, when one value is not enough (a range "12–240"). */
  readonly text?: (row: Row) => string
  readonly align?: 'left' | 'right'
  /** Width in pixels (default 140). */
  readonly width?: number
  /** Offered in the column chooser but not shown until picked. */
  readonly hiddenByDefault?: boolean
}

export const DEFAULT_COLUMN_WIDTH = 140

/** The text a cell shows; missing and empty values show as a dash. */
export function cellText<Row>(column: Column<Row>, row: Row): string {
  if (column.text) return column.text(row)
  const value = column.value(row)
  if (value === null || value === '') return '—'
  return column.format ? column.format(value) : String(value)
}
