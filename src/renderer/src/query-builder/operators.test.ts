import { describe, expect, it } from 'vitest'
import { arityOf, operatorChoices, operatorLabel, operatorsFor } from './operators'

describe('operators', () => {
  it('offers text searches for text fields but not for numbers', () => {
    expect(operatorsFor('text')).toContain('contains')
    expect(operatorsFor('text')).toContain('starts-with')
    expect(operatorsFor('integer')).not.toContain('contains')
    expect(operatorsFor('number')).toContain('between')
  })

  it('offers only true, false and missing for yes/no fields', () => {
    expect(operatorsFor('boolean')).toEqual(['is-true', 'is-false', 'missing', 'not-missing'])
  })

  it('names date comparisons in calendar words', () => {
    expect(operatorLabel('lt', 'date')).toBe('before')
    expect(operatorLabel('ge', 'date')).toBe('on or after')
    expect(operatorLabel('lt', 'integer')).toBe('<')
    expect(operatorLabel('ne', 'number')).toBe('≠')
    expect(operatorLabel('eq', 'text')).toBe('is')
  })

  it('keeps an unusual operator loaded from text in the choices', () => {
    expect(operatorChoices('text', 'lt')).toContain('lt')
    expect(operatorChoices('text', 'eq')).toEqual(operatorsFor('text'))
  })

  it('knows how many values each operator takes', () => {
    expect(arityOf('missing')).toBe('none')
    expect(arityOf('between')).toBe('two')
    expect(arityOf('in')).toBe('list')
    expect(arityOf('gt')).toBe('one')
  })
})
