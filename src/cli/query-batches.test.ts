import { describe, expect, it } from 'vitest'
import { queryBatches } from './commands/search.js'

const query = (id: string, length: number) => ({ id, sequence: new Uint8Array(length) })
const ids = async (batches: AsyncIterable<{ id: string }[]>) => {
  const out: string[][] = []
  for await (const batch of batches) out.push(batch.map((q) => q.id))
  return out
}

describe('genocat search batches', () => {
  it('cut a query file in order, at a count of queries or once a batch holds enough bases', async () => {
    const queries = Array.from({ length: 10 }, (_, i) => query(`q${i}`, 100))
    expect(await ids(queryBatches([queries], 4, 1_000))).toEqual([
      ['q0', 'q1', 'q2', 'q3'],
      ['q4', 'q5', 'q6', 'q7'],
      ['q8', 'q9'],
    ])
    expect(await ids(queryBatches([queries], 100, 250))).toEqual([
      ['q0', 'q1', 'q2'],
      ['q3', 'q4', 'q5'],
      ['q6', 'q7', 'q8'],
      ['q9'],
    ])
  })

  it('give a query longer than a batch its own, and nothing for no queries', async () => {
    const queries = [query('read', 150), query('genome', 30_000), query('gene', 1_000)]
    expect(await ids(queryBatches([queries], 100, 10_000))).toEqual([['read', 'genome'], ['gene']])
    expect(
      await ids(queryBatches([[query('genome', 30_000)], [query('read', 150)]], 100, 10_000)),
    ).toEqual([['genome'], ['read']])
    expect(await ids(queryBatches<ReturnType<typeof query>>([], 4, 100))).toEqual([])
  })
})
