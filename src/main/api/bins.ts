/** Histogram bins on round edges (1, 2 or 5 × 10^n), as a plotting library would choose them. */
import type { HistogramBin } from '../../shared/api.js'

function niceStep(span: number, target: number): number {
  const raw = span / target
  const power = 10 ** Math.floor(Math.log10(raw))
  const fraction = raw / power
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power
}

/**
 * About `target` bins covering every value. `integer` keeps edges whole (lengths), so a bin
 * reads "10,000–10,999 bp" rather than splitting a base.
 */
export function histogram(values: Float64Array, target = 24, integer = false): HistogramBin[] {
  if (values.length === 0) return []
  let min = Infinity
  let max = -Infinity
  for (const v of values) {
    if (v < min) min = v
    if (v > max) max = v
  }
  if (min === max) return [{ x0: min, x1: integer ? max + 1 : max, count: values.length }]
  let step = niceStep(max - min, target)
  if (integer) step = Math.max(1, Math.round(step))
  const start = Math.floor(min / step) * step
  const count = Math.max(1, Math.floor((max - start) / step) + 1)
  const counts = new Array<number>(count).fill(0)
  for (const v of values) counts[Math.min(count - 1, Math.floor((v - start) / step))]!++
  // Decimal steps accumulate float error (0.1 × 3); round edges to the step's precision.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1)
  const edge = (i: number): number => Number((start + i * step).toFixed(digits))
  return counts.map((c, i) => ({ x0: edge(i), x1: edge(i + 1), count: c }))
}
