import { describe, expect, it } from 'vitest'
import type { FilterNode } from './ast.js'
import { formatFilter } from './format.js'
import { parseFilter } from './parse.js'

/** Drops spans so trees compare by meaning. */
function bare(node: FilterNode): unknown {
  return JSON.parse(JSON.stringify(node, (k, v: unknown) => (k === 'span' ? undefined : v)))
}

function errorOf(text: string): string {
  try {
    parseFilter(text)
  } catch (e) {
    return (e as Error).message
  }
  throw new Error(`parsed without error: ${text}`)
}

describe('parseFilter', () => {
  it('reads the example from the issue as an and of three typed comparisons', () => {
    expect(
      bare(parseFilter('country = "Brazil" and date >= 2016-01-01 and length > 10000')),
    ).toEqual({
      kind: 'and',
      children: [
        { kind: 'compare', field: 'country', op: '=', value: 'Brazil' },
        { kind: 'compare', field: 'date', op: '>=', value: '2016-01-01' },
        { kind: 'compare', field: 'length', op: '>', value: 10000 },
      ],
    })
  })

  it('binds and tighter than or, and parentheses override it', () => {
    expect(bare(parseFilter('a = 1 or b = 2 and c = 3'))).toMatchObject({
      kind: 'or',
      children: [{ field: 'a' }, { kind: 'and', children: [{ field: 'b' }, { field: 'c' }] }],
    })
    expect(bare(parseFilter('(a = 1 or b = 2) and c = 3'))).toMatchObject({
      kind: 'and',
      children: [{ kind: 'or' }, { field: 'c' }],
    })
  })

  it('reads every operator', () => {
    const cases: [string, unknown][] = [
      ['x != 1', { kind: 'compare', op: '!=', value: 1 }],
      ['x <> 1', { kind: 'compare', op: '!=' }],
      ['x == 1', { kind: 'compare', op: '=' }],
      ['x < -2.5', { kind: 'compare', op: '<', value: -2.5 }],
      ['x <= 1e3', { kind: 'compare', op: '<=', value: 1000 }],
      ['x > 0', { kind: 'compare', op: '>' }],
      ['x >= 0', { kind: 'compare', op: '>=' }],
      ['x in (B.1.1.7, "P.1", 3)', { kind: 'in', values: ['B.1.1.7', 'P.1', 3] }],
      ['x not in (a)', { kind: 'not', child: { kind: 'in', values: ['a'] } }],
      ['x contains "bra"', { kind: 'contains', value: 'bra' }],
      ['x STARTS WITH B.1', { kind: 'starts-with', value: 'B.1' }],
      ['x not contains z', { kind: 'not', child: { kind: 'contains' } }],
      ['x between 2016 and 2016-06', { kind: 'between', low: 2016, high: '2016-06' }],
      ['x is missing', { kind: 'missing', field: 'x' }],
      ['x is not missing', { kind: 'not', child: { kind: 'missing' } }],
      ['not x = true', { kind: 'not', child: { kind: 'compare', value: true } }],
      ['`collection date` = 2020-XX-XX', { kind: 'compare', field: 'collection date' }],
      ["x = 'it''s'", { kind: 'compare', value: "it's" }],
      ['x = "say \\"hi\\""', { kind: 'compare', value: 'say "hi"' }],
      ['país = "Perú"', { kind: 'compare', field: 'país', value: 'Perú' }],
    ]
    for (const [text, expected] of cases)
      expect(bare(parseFilter(text)), text).toMatchObject(expected as object)
  })

  it('keeps SQL-looking text inside quotes as a plain value', () => {
    const hostile = `x'; DROP TABLE records; -- /* */ OR 1=1`
    expect(bare(parseFilter(`id = "${hostile}"`))).toEqual({
      kind: 'compare',
      field: 'id',
      op: '=',
      value: hostile,
    })
  })

  it('points at the position of the problem', () => {
    expect(errorOf('country = "Brazil" and date >=')).toMatch(
      /position 31: expected a value, found the end of the filter\n {2}country = "Brazil" and date >=\n {32}\^/,
    )
    expect(errorOf('country "Brazil"')).toMatch(/position 9: expected an operator after "country"/)
    expect(errorOf('a = 1 b = 2')).toMatch(/position 7: expected "and", "or" or the end/)
    expect(errorOf('a = "open')).toMatch(/position 5: this text has no closing "/)
    expect(errorOf('(a = 1')).toMatch(/expected "\)"/)
    expect(errorOf('a in (1,')).toMatch(/expected a value/)
    expect(errorOf('a = 1; drop')).toMatch(/position 6: unexpected character ";"/)
    expect(errorOf('a = and')).toMatch(/quote it if you mean the word itself/)
    expect(errorOf('   ')).toMatch(/the filter is empty/)
    expect(errorOf('a is b')).toMatch(/expected "missing"/)
  })

  it('formats a tree back into text that parses to the same tree', () => {
    const texts = [
      'country = "Brazil" and date >= 2016-01-01 and length > 10000',
      '(a = 1 or b != "x y") and not (c in (1, 2) or d is missing)',
      '`odd name` contains "a\\"b" and e starts with "B.1" and f between 2016 and 2017-02',
      'g is not missing and not h = false and `and` = "or"',
    ]
    for (const text of texts) {
      const tree = parseFilter(text)
      expect(bare(parseFilter(formatFilter(tree))), text).toEqual(bare(tree))
    }
    expect(formatFilter(parseFilter('a=1 AND (b=2 OR c=3)'))).toBe('a = 1 and (b = 2 or c = 3)')
  })
})
