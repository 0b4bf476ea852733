import { describe, expect, it } from 'vitest'
import type { FieldType } from '../../../shared/catalog-types'
import { formatFilter, parseFilter, type FilterNode } from '../../../shared/filter'
import { draftFromFilter, filterFromDraft, newGroup, newRule, type TypeOf } from './draft'

const TYPES: Record<string, FieldType> = {
  id: 'text',
  length: 'integer',
  gc: 'number',
  country: 'text',
  date: 'date',
  host: 'text',
  complete: 'boolean',
}
const typeOf: TypeOf = (field) => TYPES[field]

/** Parsed filters carry spans; the builder's do not. */
function withoutSpans(node: FilterNode): FilterNode {
  return JSON.parse(
    JSON.stringify(node, (key, value: unknown) => (key === 'span' ? undefined : value)),
  )
}

function roundTrip(text: string): FilterNode | null {
  return filterFromDraft(draftFromFilter(parseFilter(text)), typeOf).filter
}

describe('draft round trip', () => {
  const filters = [
    'country = "Brazil"',
    'length > 10000',
    'gc between 0.4 and 0.6',
    'date >= 2016-01-01 and date < 2017-01',
    'country in ("Brazil", "Congo, Democratic Republic", "Peru")',
    'length in (1, 2, 3)',
    'host contains "sapiens" or id starts with "MN"',
    'country is missing',
    'country is not missing',
    'country not in ("Brazil", "Peru")',
    'host not contains "bat"',
    'date not between 2019-01-01 and 2019-12-31',
    'complete = true and complete = false',
    'complete != true',
    'country = "Brazil" and (length > 100 or gc < 0.3)',
    'not (country = "Brazil" or country = "Peru")',
    'not length > 5',
    'country = "Peru" and not length > 5',
    'not not length > 5',
    'length > 1 and (gc < 0.5 or (date >= 2020 and not (host = "bat" and country = "China")))',
  ]
  for (const text of filters) {
    it(`gives back the same filter for: ${text}`, () => {
      expect(roundTrip(text)).toEqual(withoutSpans(parseFilter(text)))
    })
  }

  it('gives back filters built in code, such as a bar clicked in the overview', () => {
    const node: FilterNode = {
      kind: 'and',
      children: [
        { kind: 'between', field: 'length', low: 1000, high: 2000 },
        { kind: 'compare', field: 'country', op: '=', value: 'Brazil' },
      ],
    }
    expect(filterFromDraft(draftFromFilter(node), typeOf).filter).toEqual(node)
  })

  it('turns no filter into an empty group and an empty group into no filter', () => {
    const draft = draftFromFilter(null)
    expect(draft).toMatchObject({ kind: 'group', mode: 'and', negate: false, children: [] })
    expect(filterFromDraft(draft, typeOf)).toEqual({ filter: null, skipped: new Map() })
  })

  it('shows a single condition as one rule in an "all" group', () => {
    const draft = draftFromFilter(parseFilter('length >= 500'))
    expect(draft.mode).toBe('and')
    expect(draft.children).toEqual([
      expect.objectContaining({ kind: 'rule', field: 'length', op: 'ge', value: '500' }),
    ])
  })

  it('shows a boolean comparison as an "is true" rule', () => {
    const draft = draftFromFilter(parseFilter('complete = true'))
    expect(draft.children[0]).toMatchObject({ op: 'is-true' })
  })
})

describe('filterFromDraft', () => {
  it('skips a rule without a value and says so', () => {
    const empty = newRule('country', 'eq')
    const root = newGroup('and', [newRule('length', 'gt', '100'), empty])
    const { filter, skipped } = filterFromDraft(root, typeOf)
    expect(filter).toEqual({ kind: 'compare', field: 'length', op: '>', value: 100 })
    expect(skipped.get(empty.id)).toMatch(/Enter a value/)
  })

  it('skips a rule whose value does not fit the field type, naming the value', () => {
    const wrong = newRule('length', 'gt', 'long')
    const { filter, skipped } = filterFromDraft(newGroup('and', [wrong]), typeOf)
    expect(filter).toBeNull()
    expect(skipped.get(wrong.id)).toMatch(/“long” is not a number/)
  })

  it('needs both ends of a range before using it', () => {
    const half = newRule('gc', 'between', '0.3', '')
    expect(filterFromDraft(newGroup('and', [half]), typeOf).filter).toBeNull()
  })

  it('drops groups left empty by skipped rules instead of sending empty groups', () => {
    const root = newGroup('or', [
      newRule('length', 'lt', '10'),
      newGroup('and', [newRule('country', 'eq', '')]),
    ])
    expect(filterFromDraft(root, typeOf).filter).toEqual({
      kind: 'compare',
      field: 'length',
      op: '<',
      value: 10,
    })
  })

  it('negates a "not" group and uses its and/or mode', () => {
    const root = {
      ...newGroup('or', [newRule('country', 'eq', 'Peru'), newRule('length', 'lt', '5')]),
      negate: true,
    }
    expect(formatFilter(filterFromDraft(root, typeOf).filter!)).toBe(
      'not (country = "Peru" or length < 5)',
    )
  })

  it('skips a rule with no field chosen', () => {
    const rule = newRule('', 'eq', 'x')
    expect(filterFromDraft(newGroup('and', [rule]), typeOf).skipped.get(rule.id)).toMatch(
      /Choose a field/,
    )
  })
})
