import { describe, expect, it } from 'vitest'
import { prepareQuery } from '../align/align.js'
import { buildBlockTable } from '../align/subject-blocks.js'
import { mutateDna, randomDna, seededRandom } from '../testing/random-dna.js'
import { optimalScore } from '../testing/score-truth.js'
import { packEveryRecord } from './every-record.js'
import { regionKey } from './region-key.js'

const bytes = (s: string): Uint8Array => Buffer.from(s, 'latin1')
const substituted = (s: string, at: number): string =>
  s.slice(0, at) + (s[at] === 'A' ? 'C' : 'A') + s.slice(at + 1)

describe('a region key', () => {
  it('names the bases where a fragment could beat the floor, and no others', () => {
    const random = seededRandom(17)
    const ancestor = randomDna(12_000, random)
    // Relatives of a 12 kb ancestor; the fragment comes from [5,000, 6,200).
    const records = {
      ancestor,
      copy: ancestor,
      changedFarAway: substituted(ancestor, 10_500),
      insertedFarAway: ancestor.slice(0, 1_500) + 'GATTACA' + ancestor.slice(1_500),
      changedWhereItLands: substituted(ancestor, 5_600),
      unrelated: randomDna(12_000, random),
    }
    const names = Object.keys(records) as (keyof typeof records)[]
    const packed = packEveryRecord(
      new Map(names.map((name, i) => [BigInt(i + 1), bytes(records[name])])),
    )
    const table = buildBlockTable(packed.starts, packed.residues, 11)
    const query = mutateDna(ancestor.slice(5_000, 6_200), 0.01, random)
    const prepared = prepareQuery(bytes(query))
    const scores = names.map((name) => optimalScore(query, records[name]))
    // A floor some mismatches below the best: the relatives all pass it, the unrelated does not.
    const floor = scores[0]! - 40
    const keys = names.map((name, r) =>
      regionKey(
        prepared,
        bytes(records[name]),
        { table, record: r, base: packed.starts[r]! },
        floor,
      ),
    )
    const keyOf = (name: keyof typeof records): string => keys[names.indexOf(name)]!
    expect(keyOf('ancestor')).not.toBe('')
    expect(keyOf('copy')).toBe(keyOf('ancestor'))
    expect(keyOf('changedFarAway')).toBe(keyOf('ancestor'))
    expect(keyOf('insertedFarAway')).toBe(keyOf('ancestor'))
    expect(keyOf('changedWhereItLands')).not.toBe(keyOf('ancestor'))
    expect(keyOf('unrelated')).toBe('')
    // What the ranking relies on: one key, and either both at most the floor or the same score.
    for (let a = 0; a < names.length; a++) {
      if (keys[a] === '') expect(scores[a]).toBeLessThanOrEqual(floor)
      for (let b = 0; b < names.length; b++) {
        if (keys[a] !== keys[b] || scores[b]! <= floor) continue
        expect(scores[a]).toBeGreaterThanOrEqual(scores[b]!)
      }
    }
  })
})
