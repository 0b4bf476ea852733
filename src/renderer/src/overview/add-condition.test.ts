import { describe, expect, it } from 'vitest'
import type { ConditionNode, FilterNode } from '../../../shared/filter/ast'
import { formatFilter, parseFilter } from '../../../shared/filter/index'
import {
  addCondition,
  findCondition,
  gcBinCondition,
  lengthBinCondition,
  removeCondition,
  sameCondition,
  selectedRange,
  toggleCondition,
  valueCondition,
} from './add-condition'

const brazil: ConditionNode = { kind: 'compare', field: 'country', op: '=', value: 'Brazil' }
const peru: ConditionNode = { kind: 'compare', field: 'country', op: '=', value: 'Peru' }

/** The filter as the user reads it, which is what the overview shows. */
function text(filter: FilterNode | null): string | null {
  return filter === null ? null : formatFilter(filter)
}

describe('addCondition', () => {
  it('uses the condition alone when there is no filter', () => {
    expect(addCondition(null, brazil)).toEqual(brazil)
  })

  it('joins a single condition on another field into an and-group', () => {
    const result = addCondition(parseFilter('length > 500'), brazil)
    expect(text(result)).toBe('length > 500 and country = "Brazil"')
  })

  it('replaces a single condition on the same field instead of and-ing both', () => {
    expect(text(addCondition(parseFilter('country = "Brazil"'), peru))).toBe('country = "Peru"')
  })

  it('appends to an existing and-group', () => {
    const result = addCondition(parseFilter('length > 500 and host = "human"'), brazil)
    expect(result.kind).toBe('and')
    expect(text(result)).toBe('length > 500 and host = "human" and country = "Brazil"')
  })

  it('replaces a condition on the same field in place, keeping the others in order', () => {
    const filter = parseFilter('country = "Brazil" and length > 500 and country != "Chile"')
    expect(text(addCondition(filter, peru))).toBe('country = "Peru" and length > 500')
  })

  it('wraps an or-group rather than reaching into it', () => {
    const filter = parseFilter('country = "Brazil" or country = "Chile"')
    expect(text(addCondition(filter, peru))).toBe(
      '(country = "Brazil" or country = "Chile") and country = "Peru"',
    )
  })

  it('leaves a negated condition on the same field alone', () => {
    const filter = parseFilter('not country = "Chile"')
    expect(text(addCondition(filter, peru))).toBe('not country = "Chile" and country = "Peru"')
  })

  it('does not modify the filter it was given', () => {
    const filter = parseFilter('length > 500 and country = "Brazil"')
    const before = JSON.stringify(filter)
    addCondition(filter, peru)
    expect(JSON.stringify(filter)).toBe(before)
  })

  it('produces a filter that survives the round trip through text', () => {
    const result = addCondition(
      parseFilter('host = "human"'),
      lengthBinCondition(bin(1, 2), false)!,
    )
    expect(text(parseFilter(text(result)!))).toBe(text(result))
  })
})

describe('removeCondition and toggleCondition', () => {
  it('removes the condition on a field and unwraps a group left with one child', () => {
    const filter = parseFilter('country = "Brazil" and length > 500')
    expect(text(removeCondition(filter, 'country'))).toBe('length > 500')
  })

  it('clears the filter when its only condition is removed', () => {
    expect(removeCondition(parseFilter('country = "Brazil"'), 'country')).toBeNull()
  })

  it('keeps a filter with no condition on the field unchanged', () => {
    const filter = parseFilter('length > 500 and host = "human"')
    expect(removeCondition(filter, 'country')).toBe(filter)
  })

  it('removes a condition when the same one is toggled again', () => {
    const filter = parseFilter('length > 500 and country = "Brazil"')
    expect(text(toggleCondition(filter, brazil))).toBe('length > 500')
  })

  it('replaces a different condition on the same field when toggled', () => {
    const filter = parseFilter('length > 500 and country = "Brazil"')
    expect(text(toggleCondition(filter, peru))).toBe('length > 500 and country = "Peru"')
  })
})

describe('findCondition and sameCondition', () => {
  it('finds a condition at the top level or inside the top-level and-group', () => {
    expect(findCondition(parseFilter('country = "Peru"'), 'country')).toMatchObject(peru)
    const group = parseFilter('length > 5 and country = "Peru"')
    expect(findCondition(group, 'country')).toMatchObject(peru)
    expect(findCondition(group, 'host')).toBeUndefined()
  })

  it('does not look inside or-groups, where a condition is not a selection', () => {
    expect(findCondition(parseFilter('country = "Peru" or length > 5'), 'country')).toBeUndefined()
  })

  it('treats parsed and built conditions as the same despite spans and key order', () => {
    const parsed = findCondition(parseFilter('length between 10 and 20'), 'length')!
    expect(sameCondition(parsed, { kind: 'between', field: 'length', low: 10, high: 20 })).toBe(
      true,
    )
    expect(sameCondition(parsed, { kind: 'between', field: 'length', low: 10, high: 21 })).toBe(
      false,
    )
  })
})

function bin(x0: number, x1: number, count = 3): { x0: number; x1: number; count: number } {
  return { x0, x1, count }
}

describe('conditions from clicks', () => {
  it('turns a length bin into whole bases, excluding the upper edge', () => {
    expect(lengthBinCondition(bin(10000, 12000), false)).toEqual({
      kind: 'between',
      field: 'length',
      low: 10000,
      high: 11999,
    })
  })

  it('includes the upper edge of the last length bin', () => {
    expect(lengthBinCondition(bin(10000, 12000), true)).toMatchObject({ low: 10000, high: 12000 })
  })

  it('rounds fractional length edges inwards to the integers the bin holds', () => {
    expect(lengthBinCondition(bin(1234.5, 2469), false)).toMatchObject({ low: 1235, high: 2468 })
    expect(lengthBinCondition(bin(1234.5, 2469.5), false)).toMatchObject({ high: 2469 })
    expect(lengthBinCondition(bin(100.2, 180.7), true)).toMatchObject({ low: 101, high: 180 })
  })

  it('selects the single length of a bin whose edges coincide', () => {
    expect(lengthBinCondition(bin(500, 500), true)).toMatchObject({ low: 500, high: 500 })
  })

  it('gives no condition for a length bin narrower than one base', () => {
    expect(lengthBinCondition(bin(10.2, 10.8), false)).toBeNull()
  })

  it('keeps GC edges as fractions, without floating-point noise', () => {
    expect(gcBinCondition(bin(0.35000000000000003, 0.4))).toEqual({
      kind: 'between',
      field: 'gc',
      low: 0.35,
      high: 0.4,
    })
  })

  it('types boolean values as booleans and text values as text', () => {
    expect(valueCondition({ name: 'vaccinated', type: 'boolean' }, 'true').value).toBe(true)
    expect(valueCondition({ name: 'vaccinated', type: 'boolean' }, 'false').value).toBe(false)
    expect(valueCondition({ name: 'country', type: 'text' }, 'Brazil')).toEqual(brazil)
    expect(valueCondition({ name: 'lab', type: 'text' }, '42').value).toBe('42')
  })
})

describe('selectedRange', () => {
  it('reads a between condition as an inclusive range', () => {
    expect(selectedRange(findCondition(parseFilter('gc between 0.4 and 0.45'), 'gc'))).toEqual({
      x0: 0.4,
      x1: 0.45,
    })
  })

  it('reads one-sided comparisons as open-ended ranges', () => {
    expect(selectedRange(findCondition(parseFilter('length >= 500'), 'length'))).toEqual({
      x0: 500,
      x1: Infinity,
    })
    expect(selectedRange(findCondition(parseFilter('length < 500'), 'length'))).toEqual({
      x0: -Infinity,
      x1: 500,
    })
  })

  it('has no range for conditions that do not select an interval', () => {
    expect(selectedRange(findCondition(parseFilter('length != 500'), 'length'))).toBeNull()
    expect(selectedRange(findCondition(parseFilter('length is missing'), 'length'))).toBeNull()
    expect(selectedRange(undefined)).toBeNull()
  })
})
