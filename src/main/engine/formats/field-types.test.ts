import { describe, expect, it } from 'vitest'
import { dateRange, isMissing, parseValue, TypeInference } from './field-types.js'

function infer(name: string, values: string[]): string {
  const inference = new TypeInference(name)
  values.forEach((v) => inference.add(v))
  return inference.result()
}

const day = (iso: string): number => Date.parse(iso) / 86_400_000

describe('metadata field types', () => {
  it('treat ?, empty, NA and N/A as missing', () => {
    for (const v of ['?', '', ' ', 'NA', 'N/A', 'na']) expect(isMissing(v)).toBe(true)
    expect(isMissing('0')).toBe(false)
  })

  it('are inferred from the present values of a column', () => {
    expect(infer('age', ['34', '?', '7'])).toBe('integer')
    expect(infer('ct', ['34', '21.5', 'NA'])).toBe('number')
    expect(infer('vaccinated', ['yes', 'no', 'TRUE'])).toBe('boolean')
    expect(infer('date', ['2016-01-XX', '2015', '2016-02-03'])).toBe('date')
    expect(infer('collected', ['2016-01', '2016-02-29'])).toBe('date')
    expect(infer('country', ['Brazil', '12'])).toBe('text')
    expect(infer('empty', ['?', ''])).toBe('text')
  })

  it('read bare years as a date only in a column named like a date', () => {
    expect(infer('year', ['2015', '2016'])).toBe('integer')
    expect(infer('date', ['2015', '2016'])).toBe('date')
  })

  it('give partial dates the range of days they can mean', () => {
    expect(dateRange('2013-12-XX')).toEqual({ lo: day('2013-12-01'), hi: day('2013-12-31') })
    expect(dateRange('2015')).toEqual({ lo: day('2015-01-01'), hi: day('2015-12-31') })
    expect(dateRange('2016-02')).toEqual({ lo: day('2016-02-01'), hi: day('2016-02-29') })
    expect(dateRange('2016-02-30')).toBeNull()
    expect(dateRange('2016-13-01')).toBeNull()
  })

  it('parse values for a type, and refuse what does not fit', () => {
    expect(parseValue('integer', '42')).toBe(42n)
    expect(parseValue('integer', 'x')).toBeUndefined()
    expect(parseValue('boolean', 'Yes')).toBe(true)
    expect(parseValue('number', '?')).toBeNull()
  })
})
