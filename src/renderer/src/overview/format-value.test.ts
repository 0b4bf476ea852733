import { describe, expect, it } from 'vitest'
import { formatPercent, formatRangeValue } from './format-value'

describe('overview number formats', () => {
  it('shows GC fractions as percentages without trailing zeros', () => {
    expect(formatPercent(0.4)).toBe('40%')
    expect(formatPercent(0.425)).toBe('42.5%')
    expect(formatPercent(0.35000000000000003)).toBe('35%')
  })

  it('writes years plainly and large integers with separators', () => {
    expect(formatRangeValue('integer', 2019)).toBe('2019')
    expect(formatRangeValue('integer', 1250000)).toBe('1,250,000')
  })

  it('keeps dates as given and trims long decimals', () => {
    expect(formatRangeValue('date', '2020-01-10')).toBe('2020-01-10')
    expect(formatRangeValue('number', 12.3456789)).toBe('12.3457')
  })
})
