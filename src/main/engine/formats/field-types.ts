import type { FieldType } from '../../../shared/catalog-types.js'

const MISSING = new Set(['', '?', 'na', 'n/a'])

/** Empty, `?`, `NA` and `N/A` (any case) mean "unknown". */
export function isMissing(text: string): boolean {
  return MISSING.has(text.trim().toLowerCase())
}

const INTEGER = /^[+-]?\d+$/
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
const BOOLEAN = /^(true|false|yes|no)$/i
// YYYY, YYYY-MM, YYYY-MM-DD, with XX for unknown month or day (Nextstrain style).
const DATE = /^(\d{4})(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?$/i

const DAY_MS = 86_400_000

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** The first and last day (days since 1970-01-01) a possibly partial date can mean. */
export function dateRange(text: string): { lo: number; hi: number } | null {
  const match = DATE.exec(text.trim())
  if (!match) return null
  const year = Number(match[1])
  const monthText = match[2]?.toUpperCase()
  const dayText = match[3]?.toUpperCase()
  if (monthText === undefined || monthText === 'XX') {
    if (dayText !== undefined && dayText !== 'XX') return null
    return { lo: Date.UTC(year, 0, 1) / DAY_MS, hi: Date.UTC(year, 11, 31) / DAY_MS }
  }
  const month = Number(monthText)
  if (month < 1 || month > 12) return null
  if (dayText === undefined || dayText === 'XX') {
    return {
      lo: Date.UTC(year, month - 1, 1) / DAY_MS,
      hi: Date.UTC(year, month - 1, daysInMonth(year, month)) / DAY_MS,
    }
  }
  const day = Number(dayText)
  if (day < 1 || day > daysInMonth(year, month)) return null
  const at = Date.UTC(year, month - 1, day) / DAY_MS
  return { lo: at, hi: at }
}

/** Accumulates what a column's present values allow, one value at a time. */
export class TypeInference {
  private integer = true
  private number = true
  private boolean = true
  private date = true
  private anyDash = false
  present = 0

  constructor(private readonly name: string) {}

  add(text: string): void {
    if (isMissing(text)) return
    const value = text.trim()
    this.present++
    if (this.integer && !(INTEGER.test(value) && Number.isSafeInteger(Number(value))))
      this.integer = false
    if (this.number && !NUMBER.test(value)) this.number = false
    if (this.boolean && !BOOLEAN.test(value)) this.boolean = false
    if (this.date) {
      if (dateRange(value) === null) this.date = false
      else if (value.includes('-')) this.anyDash = true
    }
  }

  /** A column of bare years is a date only when its name says so; otherwise an integer. */
  result(): FieldType {
    if (this.present === 0) return 'text'
    if (this.boolean) return 'boolean'
    if (this.date && (this.anyDash || /date/i.test(this.name))) return 'date'
    if (this.integer) return 'integer'
    if (this.number) return 'number'
    return 'text'
  }
}

export type FieldValue =
  string | number | bigint | boolean | { text: string; lo: Date; hi: Date } | null

/** Parses a value for a field of `type`; undefined when the text does not fit the type. */
export function parseValue(type: FieldType, text: string): FieldValue | undefined {
  if (isMissing(text)) return null
  const value = text.trim()
  switch (type) {
    case 'text':
      return text
    case 'integer':
      return INTEGER.test(value) ? BigInt(value) : undefined
    case 'number':
      return NUMBER.test(value) ? Number(value) : undefined
    case 'boolean':
      return BOOLEAN.test(value) ? /^(true|yes)$/i.test(value) : undefined
    case 'date': {
      const range = dateRange(value)
      return range
        ? { text: value, lo: new Date(range.lo * DAY_MS), hi: new Date(range.hi * DAY_MS) }
        : undefined
    }
  }
}

/** Which existing field types a column of another inferred type can still be stored in. */
export function fits(existing: FieldType, inferred: FieldType): boolean {
  if (existing === inferred || existing === 'text') return true
  return existing === 'number' && inferred === 'integer'
}
