import { describe, expect, it } from 'vitest'
import { prepareQuery } from '../align/align.js'
import { mutateDna, randomDna, reverseComplementDna, seededRandom } from '../testing/random-dna.js'
import { missingPlaces, optimalScore } from '../testing/score-truth.js'
import { anchoredScoreBound, netGapCost } from './anchored-bound.js'
import { END_BASES, recordEnds } from './record-ends.js'
import { coveredScoreBound } from './score-bound.js'

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s)

/** The better strand's bounds, as the ranking takes them: covered, and the lower of both. */
function bounds(query: string, record: string): { covered: number; anchored: number } {
  const prepared = prepareQuery(bytes(query))
  const ends = recordEnds(bytes(record), prepared.seedK)
  let covered = -Infinity
  let anchored = -Infinity
  for (const strand of [0, 1] as const) {
    const missing = missingPlaces(query, record, strand)
    const first = coveredScoreBound(prepared, missing)
    covered = Math.max(covered, first)
    const tighter = ends ? anchoredScoreBound(prepared, strand, missing, ends) : Infinity
    anchored = Math.max(anchored, Math.min(first, tighter))
  }
  return { covered, anchored }
}

const swap: Record<string, string> = { A: 'C', C: 'G', G: 'T', T: 'A' }

/** Small indels at random places: the events that move a path from one diagonal to another. */
function withIndels(seq: string, count: number, random: () => number): string {
  let out = seq
  for (let i = 0; i < count; i++) {
    const at = Math.floor(random() * out.length)
    const size = 1 + Math.floor(random() * 4)
    out =
      random() < 0.5
        ? out.slice(0, at) + randomDna(size, random) + out.slice(at)
        : out.slice(0, at) + out.slice(at + size)
  }
  return out
}

/**
 * Relatives of a record as a genome query meets them: diverged, with indels, with ends longer
 * or shorter than the record's (foreign bases, or bases the record lacks), on either strand.
 */
function relativeCases(seed: number): { query: string; record: string; label: string }[] {
  const random = seededRandom(seed)
  const cases: { query: string; record: string; label: string }[] = []
  for (let c = 0; c < 160; c++) {
    const record = randomDna(2 * END_BASES + 20 + Math.floor(random() * 700), random)
    let query = withIndels(mutateDna(record, [0, 0.005, 0.02, 0.08][c % 4]!, random), c % 5, random)
    const trim = (): number => Math.floor(random() * 40)
    if (c % 3 === 0) query = randomDna(trim(), random) + query
    if (c % 3 === 1) query = query.slice(trim())
    if (c % 7 === 0) query = query + randomDna(trim(), random)
    if (c % 7 === 1) query = query.slice(0, query.length - trim())
    if (c % 11 === 0) query = query.slice(0, 60) + 'NNNN' + query.slice(64)
    if (c % 2 === 1) query = reverseComplementDna(query)
    cases.push({ query, record, label: `case ${c}` })
  }
  return cases
}

describe('anchoredScoreBound', () => {
  it('is never below the optimal local alignment score, and often below the covered bound', () => {
    const cases = relativeCases(31)
    let tighter = 0
    for (const { query, record, label } of cases) {
      const score = optimalScore(query, record)
      const { covered, anchored } = bounds(query, record)
      expect(anchored, `${label}: ${score}`).toBeGreaterThanOrEqual(score)
      if (anchored < covered - 1) tighter++
    }
    expect(tighter).toBeGreaterThan(cases.length / 4)
  })

  it('charges the query bases past a shorter record end, and a query-private insertion', () => {
    const random = seededRandom(32)
    const record = randomDna(1000, random)
    // The record lacks the query's first 16 bases: they align to nothing, at 2 a base.
    const longer = randomDna(16, random) + record
    expect(optimalScore(longer, record)).toBe(2 * 1000)
    expect(bounds(longer, record).covered).toBeCloseTo(2 * 1016 - 10, 3)
    expect(bounds(longer, record).anchored).toBeCloseTo(2 * 1000, 3)
    // Reversed, the same bases sit at the other end of the query strand that aligns.
    expect(bounds(reverseComplementDna(longer), record).anchored).toBeCloseTo(2 * 1000, 3)
    // One base the record lacks: 2 lost and a gap of 7, where a mismatch's 5 was charged.
    const inserted = record.slice(0, 500) + swap[record[500]!] + record.slice(500)
    expect(optimalScore(inserted, record)).toBe(2 * 1001 - 9)
    expect(bounds(inserted, record).covered).toBeCloseTo(2 * 1001 - 5, 3)
    expect(bounds(inserted, record).anchored).toBeCloseTo(2 * 1001 - 9, 3)
    // Eight such bases may come as four gaps of two, each 13 where 10 was charged: 12 in all.
    const pairs = [200, 400, 600, 800].reduceRight(
      (seq, at) => seq.slice(0, at) + randomDna(2, random) + seq.slice(at),
      record,
    )
    const score = optimalScore(pairs, record)
    expect(score).toBe(2 * 1008 - 4 * 13)
    const { covered, anchored } = bounds(pairs, record)
    expect(anchored).toBeGreaterThanOrEqual(score)
    expect(anchored).toBeCloseTo(covered - 12, 3)
  })

  it('is the covered bound where no anchor holds: a record with repeated ends', () => {
    const random = seededRandom(33)
    const end = randomDna(END_BASES, random)
    const record = end + randomDna(500, random) + end
    const query = randomDna(10, random) + mutateDna(record, 0.01, random)
    expect(recordEnds(bytes(record), 11)!.kmers.length).toBe(0)
    const { covered, anchored } = bounds(query, record)
    expect(anchored).toBe(covered)
    expect(anchored).toBeGreaterThanOrEqual(optimalScore(query, record))
  })
})

describe('netGapCost', () => {
  it('charges what gaps cost beyond the mismatches the covered bound charged them', () => {
    // One query base against a gap: 5 + 2 + 2 lost, where 5 was charged. Two: 13 for 10.
    expect(netGapCost(11, 1)).toBe(4)
    expect(netGapCost(11, 2)).toBe(3)
    // Three is cheapest as gaps of two and one, or of two twice with a record base between.
    expect(netGapCost(11, 3)).toBe(7)
    expect(netGapCost(11, 4)).toBe(6)
    // Record bases against a gap: 5 + 2 a base, where 5 was charged.
    expect(netGapCost(11, -1)).toBe(2)
    expect(netGapCost(11, -6)).toBe(12)
    expect(netGapCost(11, 0)).toBe(0)
    expect(netGapCost(11, 65)).toBe(0)
  })
})

describe('recordEnds', () => {
  it('lists the k-mers of both ends found once in the record, with their places', () => {
    const random = seededRandom(34)
    const middle = randomDna(400, random)
    const record = middle.slice(0, END_BASES) + middle + middle.slice(300, 300 + END_BASES)
    const ends = recordEnds(bytes(record), 11)!
    // The first END_BASES bases repeat at the middle's start, the last ones at its end.
    expect(ends.kmers.length).toBe(0)
    const fresh = randomDna(END_BASES, random) + middle + randomDna(END_BASES, random)
    const found = recordEnds(bytes(fresh), 11)!
    expect(found.left).toBe(END_BASES - 10)
    expect(found.kmers.length).toBe(2 * (END_BASES - 10))
    expect(found.at[0]).toBe(0)
    expect(found.at[found.left]).toBe(fresh.length - END_BASES)
    expect(recordEnds(bytes(randomDna(2 * END_BASES + 10, random)), 11)).toBeNull()
  })
})
