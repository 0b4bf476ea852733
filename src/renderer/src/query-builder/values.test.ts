import { describe, expect, it } from 'vitest'
import { joinList, parseList, parseValue, splitList } from './values'

describe('parseValue', () => {
  it('treats empty input as incomplete rather than wrong', () => {
    expect(parseValue('  ', 'integer')).toEqual({ ok: false, problem: null })
  })

  it('reads numbers for number fields and explains what is not one', () => {
    expect(parseValue(' 1e4 ', 'number')).toEqual({ ok: true, value: 10000 })
    expect(parseValue('-3', 'integer')).toEqual({ ok: true, value: -3 })
    const bad = parseValue('ten', 'integer')
    expect(bad.ok).toBe(false)
    expect(!bad.ok && bad.problem).toMatch(/not a number/)
  })

  it('accepts full and partial dates and rejects impossible months', () => {
    expect(parseValue('2020-03-15', 'date')).toEqual({ ok: true, value: '2020-03-15' })
    expect(parseValue('2020-03', 'date')).toEqual({ ok: true, value: '2020-03' })
    expect(parseValue('2020', 'date')).toEqual({ ok: true, value: 2020 })
    expect(parseValue('2020-13-01', 'date').ok).toBe(false)
    expect(parseValue('15/03/2020', 'date').ok).toBe(false)
  })

  it('reads yes/no words for boolean fields', () => {
    expect(parseValue('Yes', 'boolean')).toEqual({ ok: true, value: true })
    expect(parseValue('false', 'boolean')).toEqual({ ok: true, value: false })
    expect(parseValue('maybe', 'boolean').ok).toBe(false)
  })

  it('keeps text as text even when it looks like a number', () => {
    expect(parseValue('42', 'text')).toEqual({ ok: true, value: '42' })
  })

  it('guesses the type from the value for a field the catalog does not know', () => {
    expect(parseValue('42', undefined)).toEqual({ ok: true, value: 42 })
    expect(parseValue('true', undefined)).toEqual({ ok: true, value: true })
    expect(parseValue('Peru', undefined)).toEqual({ ok: true, value: 'Peru' })
  })
})

describe('lists', () => {
  it('splits on commas and drops empty items', () => {
    expect(splitList('Brazil, Peru,, Chile ,')).toEqual(['Brazil', 'Peru', 'Chile'])
  })

  it('keeps commas and quotes inside double-quoted items', () => {
    expect(splitList('"Congo, Democratic Republic", "say ""hi""", Peru')).toEqual([
      'Congo, Democratic Republic',
      'say "hi"',
      'Peru',
    ])
  })

  it('quotes items that need it when joining, so splitting gives them back', () => {
    const values = ['Congo, Democratic Republic', 'say "hi"', 'Peru']
    expect(joinList(values)).toBe('"Congo, Democratic Republic", "say ""hi""", Peru')
    expect(splitList(joinList(values))).toEqual(values)
  })

  it('converts every item to the field type and stops at the first wrong one', () => {
    expect(parseList('1, 2, 3', 'integer')).toEqual({ ok: true, values: [1, 2, 3] })
    const bad = parseList('1, two', 'integer')
    expect(!bad.ok && bad.problem).toMatch(/“two” is not a number/)
    expect(parseList(' , ', 'text')).toEqual({ ok: false, problem: null })
  })
})
