/** Which histogram bins a selected range covers; kept apart from the component for tests. */
import type { HistogramBin } from '../../../shared/api'

/** A range on the x axis, both ends included (as a filter's `between` is). */
export interface XRange {
  readonly x0: number
  readonly x1: number
}

/**
 * True when `bin` holds values in `range`. Bins are [x0, x1), the last one [x0, x1]. An
 * overlap must be more than a rounding error: a range ending exactly on a bin edge (as
 * "gc between 0.4 and 0.45" does, next to the bin starting at 0.45) or one built from
 * edges rounded to 6 decimals must not light up the neighbouring bin.
 */
export function binInRange(bin: HistogramBin, range: XRange, isLast: boolean): boolean {
  // A bin whose edges coincide holds one value; so does a range like "length = 500".
  if (bin.x0 === bin.x1) return range.x0 <= bin.x0 && bin.x0 <= range.x1
  if (range.x0 === range.x1) {
    const v = range.x0
    return bin.x0 <= v && (v < bin.x1 || (isLast && v === bin.x1))
  }
  const overlap = Math.min(bin.x1, range.x1) - Math.max(bin.x0, range.x0)
  return overlap > (bin.x1 - bin.x0) * 1e-6
}
