import { describe, expect, it } from 'vitest'
import type { CellValue } from './column'
import { nextSort, sortOrder } from './sort'

const sorted = (values: CellValue[], direction: 'asc' | 'desc'): CellValue[] =>
  sortOrder(values, (v) => v, direction).map((i) => values[i]!)

describe('nextSort', () => {
  it('cycles a column through ascending, descending and unsorted', () => {
    const asc = nextSort(null, 'score')
    expect(asc).toEqual({ column: 'score', direction: 'asc' })
    const desc = nextSort(asc, 'score')
    expect(desc).toEqual({ column: 'score', direction: 'desc' })
    expect(nextSort(desc, 'score')).toBeNull()
  })

  it('starts another column ascending', () => {
    expect(nextSort({ column: 'score', direction: 'desc' }, 'id')).toEqual({
      column: 'id',
      direction: 'asc',
    })
  })
})

describe('sortOrder', () => {
  it('compares numbers as numbers, not as text', () => {
    expect(sorted([10, 9, 100, -1], 'asc')).toEqual([-1, 9, 10, 100])
    expect(sorted([10, 9, 100, -1], 'desc')).toEqual([100, 10, 9, -1])
  })

  it('compares text case-insensitively', () => {
    expect(sorted(['beta', 'Alpha', 'alpha', 'Gamma'], 'asc')).toEqual([
      'Alpha',
      'alpha',
      'beta',
      'Gamma',
    ])
  })

  it('puts missing values last in both directions', () => {
    expect(sorted([null, 2, NaN, 1], 'asc')).toEqual([1, 2, null, NaN])
    expect(sorted([null, 2, 1], 'desc')).toEqual([2, 1, null])
  })

  it('sorts booleans false before true', () => {
    expect(sorted([true, false, true], 'asc')).toEqual([false, true, true])
  })

  it('keeps the original order of equal rows', () => {
    const rows = [
      { id: 'a', v: 1 },
      { id: 'b', v: 0 },
      { id: 'c', v: 1 },
      { id: 'd', v: 0 },
    ]
    expect(sortOrder(rows, (r) => r.v, 'asc').map((i) => rows[i]!.id)).toEqual(['b', 'd', 'a', 'c'])
  })

  it('sorts 100,000 rows quickly', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => ({
      id: `MN${String((i * 7919) % 100_000).padStart(6, '0')}.1`,
      score: (i * 104_729) % 9973,
    }))
    const start = performance.now()
    const byId = sortOrder(rows, (r) => r.id, 'asc')
    const byScore = sortOrder(rows, (r) => r.score, 'desc')
    const elapsed = performance.now() - start
    expect(rows[byId[0]!]!.id).toBe('MN000000.1')
    expect(rows[byScore[0]!]!.score).toBe(9972)
    expect(elapsed).toBeLessThan(1500)
  })
})
