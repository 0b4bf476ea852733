/** Overview-specific number formats; the general ones live in lib/format. */
import type { FieldSchema } from '../../../shared/api'
import { formatCount } from '../lib/format'

/** A GC fraction as a percentage with no needless zeros: 0.4 → "40%", 0.425 → "42.5%". */
export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(1))}%`
}

const decimal = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 })

/**
 * One end of a field's range as its type reads: dates as given, large integers with
 * separators. Four-digit integers stay plain because they are usually years ("2019", not
 * "2,019").
 */
export function formatRangeValue(type: FieldSchema['type'], value: number | string): string {
  if (typeof value === 'string') return value
  if (type !== 'integer') return decimal.format(value)
  return Math.abs(value) < 10000 ? String(value) : formatCount(value)
}
