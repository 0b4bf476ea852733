import { describe, expect, it } from 'vitest'
import { formatMilliseconds, hitCountText, planText, prescreenedText } from './plan-text'

describe('planText', () => {
  it('says an exhaustive search covered every eligible record', () => {
    expect(
      planText({
        records: 'exhaustive',
        windows: 'none',
        exhaustive: { records: 34, residues: 367_000 },
        eligible: 34,
      }),
    ).toBe('exact: every one of 34 eligible records searched')
  })

  it('names flat and approximate vector searches and how many records they covered', () => {
    expect(planText({ records: 'flat', windows: 'none', eligible: 1200 })).toBe(
      'flat vector search over 1,200 records, then alignment',
    )
    expect(planText({ records: 'ivf-pq', windows: 'ivf-pq', eligible: 2_000_000 })).toBe(
      'IVF-PQ approximate search over 2,000,000 records, then alignment; plus an IVF-PQ approximate search of long sequences’ windows',
    )
  })

  it('names a seed search', () => {
    expect(planText({ records: 'seeds', windows: 'none', eligible: 19_900 })).toBe(
      'seed search over 19,900 records, then alignment',
    )
  })

  it('says when a filter made the vector search exact', () => {
    expect(planText({ records: 'filtered-exact', windows: 'none', eligible: 1 })).toBe(
      'exact vector search over the 1 record matching the filter, then alignment',
    )
  })
})

describe('hitCountText', () => {
  it('counts hits for one query', () => {
    expect(hitCountText([{ query: 'query', hits: new Array(12) }])).toBe('12 hits')
    expect(hitCountText([{ query: 'query', hits: [1] }])).toBe('1 hit')
  })

  it('counts hits per query when there are several', () => {
    expect(
      hitCountText([
        { query: 'read1', hits: [1, 2] },
        { query: 'read2', hits: [] },
      ]),
    ).toBe('read1: 2 hits · read2: 0 hits')
  })
})

describe('formatMilliseconds', () => {
  it('rounds to whole milliseconds with separators', () => {
    expect(formatMilliseconds(84.6)).toBe('85 ms')
    expect(formatMilliseconds(1240.2)).toBe('1,240 ms')
  })
})

describe('prescreenedText', () => {
  it('is silent when every answer is exact', () => {
    expect(prescreenedText([{ query: 'q1' }, { query: 'q2' }])).toBeNull()
  })

  it('says which queries were cut short, and how many records they aligned', () => {
    expect(prescreenedText([{ query: 'g', prescreened: { scored: 418, aligned: 51 } }])).toBe(
      'not exact, the query being too long to align against them all: the 51 most promising of 418 records aligned',
    )
    expect(
      prescreenedText([{ query: 'q1' }, { query: 'q2', prescreened: { scored: 80, aligned: 52 } }]),
    ).toMatch(/all: q2: the 52 most promising of 80 records aligned$/)
  })
})
