import { describe, expect, it } from 'vitest'
import { prepareQuery } from '../align/align.js'
import { countSharedKmersByStrand } from '../align/kmer-index.js'
import { missingPlaces, optimalScore } from '../testing/score-truth.js'
import { mutateDna, randomDna, reverseComplementDna, seededRandom } from '../testing/random-dna.js'
import { alignmentScoreBound, coveredScoreBound } from './score-bound.js'

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s)

function bound(query: string, subject: string): number {
  const prepared = prepareQuery(bytes(query))
  const shared = countSharedKmersByStrand(prepared, bytes(subject))
  return alignmentScoreBound(prepared, subject.length, shared)
}

describe('alignmentScoreBound', () => {
  it('is never below the optimal local alignment score', () => {
    const cases = boundCases(11)
    for (const { query, subject, label } of cases) {
      const score = optimalScore(query, subject)
      expect(bound(query, subject), `${label}: ${score}`).toBeGreaterThanOrEqual(score)
    }
    expect(cases.length).toBeGreaterThan(120)
  })

  it('holds for a subject shorter than the query and for unrelated sequences', () => {
    const random = seededRandom(12)
    for (let c = 0; c < 40; c++) {
      const query = randomDna(300, random)
      const subject = c % 2 ? query.slice(20 + c, 200) : randomDna(250, random)
      expect(bound(query, subject)).toBeGreaterThanOrEqual(optimalScore(query, subject))
    }
    // The query holds bases the subject lacks, so its best alignment puts them against a gap
    // and covers more of the query than the subject's length.
    for (const extra of [1, 2, 5, 12, 30]) {
      const query = randomDna(300, random)
      const subject = query.slice(0, 150) + query.slice(150 + extra)
      const score = optimalScore(query, subject)
      expect(score).toBe(2 * (300 - extra) - (5 + 2 * extra))
      expect(bound(query, subject), `${extra} bases`).toBeGreaterThanOrEqual(score)
    }
  })

  it('rules out a copy that lost a run of bases to Ns, which the k-mers alone cannot', () => {
    const random = seededRandom(14)
    const subject = randomDna(3000, random)
    const query = mutateDna(subject, 0.003, random)
    const masked = subject.slice(0, 1000) + 'N'.repeat(200) + subject.slice(1200)
    const score = optimalScore(query, masked)
    expect(bound(query, masked)).toBeGreaterThanOrEqual(score)
    // Below what the unmasked copy scores: a search aligning in order of bound stops before it.
    expect(bound(query, masked)).toBeLessThan(optimalScore(query, subject))
    expect(bound(query, masked)).toBeLessThanOrEqual(2 * 2800 + 1e-6)
  })

  it('is the exact score of a copy with substitutions far apart', () => {
    const random = seededRandom(13)
    const subject = randomDna(1000, random)
    const swap: Record<string, string> = { A: 'C', C: 'G', G: 'T', T: 'A' }
    const query = [...subject].map((b, i) => (i % 100 === 50 ? swap[b] : b)).join('')
    const exact = 2 * 1000 - 5 * 10
    expect(optimalScore(query, subject)).toBe(exact)
    expect(bound(query, subject)).toBeCloseTo(exact, 3)
    // One base less in common lowers the bound by what one mismatch costs, and no more.
    expect(
      bound(query, subject.slice(0, 990)) - optimalScore(query, subject.slice(0, 990)),
    ).toBeLessThan(5)
  })
})

/**
 * Queries from pieces of random subjects, diverged, perhaps reversed, with foreign ends, N runs
 * on either side or a range shorter than the query: every way the k-mers and the score part
 * company.
 */
function boundCases(seed: number): { query: string; subject: string; label: string }[] {
  const random = seededRandom(seed)
  const cases: { query: string; subject: string; label: string }[] = []
  for (let c = 0; c < 150; c++) {
    let subject = randomDna(200 + Math.floor(random() * 600), random)
    const from = Math.floor(random() * subject.length * 0.5)
    const to = from + Math.floor(random() * (subject.length - from))
    let query = mutateDna(subject.slice(from, to), [0, 0.01, 0.05, 0.2][c % 4]!, random)
    if (c % 3 === 0) query = randomDna(Math.floor(random() * 40), random) + query
    if (c % 5 === 0) query = query + randomDna(Math.floor(random() * 40), random)
    if (c % 7 === 0) query = query.slice(0, 30) + 'NNNNN' + query.slice(35)
    if (c % 2 === 1) query = reverseComplementDna(query)
    if (c % 4 === 2) {
      const at = from + Math.floor(random() * (to - from))
      const run = 1 + Math.floor(random() * 120)
      subject = subject.slice(0, at) + 'N'.repeat(run) + subject.slice(at + run)
    }
    if (query.length >= 20) cases.push({ query, subject, label: `case ${c}` })
  }
  return cases
}

function coveredBound(query: string, subject: string): number {
  const prepared = prepareQuery(bytes(query))
  return Math.max(
    ...([0, 1] as const).map((strand) =>
      coveredScoreBound(prepared, missingPlaces(query, subject, strand)),
    ),
  )
}

describe('coveredScoreBound', () => {
  it('is never below the optimal local alignment score, and often below the first bound', () => {
    const cases = [...boundCases(11), ...boundCases(21)]
    let tighter = 0
    for (const { query, subject, label } of cases) {
      const score = optimalScore(query, subject)
      const covered = coveredBound(query, subject)
      expect(covered, `${label}: ${score}`).toBeGreaterThanOrEqual(score)
      // The first bound knows the range's length and bases, so the search takes the lower.
      if (covered < bound(query, subject) - 1) tighter++
    }
    expect(tighter).toBeGreaterThan(cases.length / 4)
  })

  it('charges changes closer than a k-mer, and an indel, what they cost at least', () => {
    const random = seededRandom(15)
    const subject = randomDna(1000, random)
    const swap: Record<string, string> = { A: 'C', C: 'G', G: 'T', T: 'A' }
    // Two substitutions 4 bases apart spoil 15 places: the first bound charges 15 × 5/11.
    const twoClose = [...subject].map((b, i) => (i === 400 || i === 404 ? swap[b] : b)).join('')
    expect(optimalScore(twoClose, subject)).toBe(2 * 1000 - 10)
    expect(coveredBound(twoClose, subject)).toBeCloseTo(2 * 1000 - 10, 3)
    expect(bound(twoClose, subject)).toBeGreaterThan(2 * 1000 - 10 + 3)
    // A base deleted from the query spoils 10 places, less than a substitution's 11.
    const deleted = subject.slice(0, 500) + subject.slice(501)
    expect(optimalScore(deleted, subject)).toBe(2 * 999 - 7)
    expect(coveredBound(deleted, subject)).toBeCloseTo(2 * 999 - 5, 3)
    // Places missing at the ends are cheaper left out: two bases for the last place.
    const foreignEnd = subject.slice(0, 600) + swap[subject[600]!]!
    expect(coveredBound(foreignEnd, subject)).toBeCloseTo(2 * 600, 3)
  })
})
