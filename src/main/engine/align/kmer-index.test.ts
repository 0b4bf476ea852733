import { describe, expect, it } from 'vitest'
import { mutateDna, randomDna, reverseComplementDna, seededRandom } from '../testing/random-dna.js'
import { countSharedKmersByStrand, prepareQuery } from './kmer-index.js'

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s)

/** The k-mers of a sequence without N (as strings, upper case): the count's plain definition. */
function kmerSet(seq: string, k: number): Set<string> {
  const out = new Set<string>()
  const upper = seq.toUpperCase()
  for (let i = 0; i + k <= upper.length; i++) {
    const kmer = upper.slice(i, i + k)
    if (/^[ACGT]+$/.test(kmer)) out.add(kmer)
  }
  return out
}

function naiveCount(query: string, subject: string, k: number) {
  const forward = kmerSet(query, k)
  const reverse = kmerSet(reverseComplementDna(query), k)
  const found = kmerSet(subject, k)
  const inForward = [...found].filter((x) => forward.has(x)).length
  const inReverse = [...found].filter((x) => reverse.has(x)).length
  const total = [...found].filter((x) => forward.has(x) || reverse.has(x)).length
  const ambiguous = [...subject.toUpperCase()].filter((c) => !'ACGT'.includes(c)).length
  return { total, forward: inForward, reverse: inReverse, ambiguous }
}

describe('countSharedKmersByStrand', () => {
  it('counts what a set of k-mers counts: colinear, reversed, repeated, broken by Ns', () => {
    const random = seededRandom(31)
    for (let c = 0; c < 120; c++) {
      const k = [11, 5, 3][c % 3]!
      const source = randomDna(50 + Math.floor(random() * 400), random)
      // Repeats: the same stretch twice, so a k-mer has several places and guesses go wrong.
      const repeat = source.slice(0, 30)
      const query = c % 4 === 0 ? repeat + source + repeat : source
      let subject = mutateDna(source, [0, 0.01, 0.1][c % 3]!, random)
      if (c % 2 === 1) subject = reverseComplementDna(subject)
      if (c % 5 === 0) subject = subject.slice(0, 40) + 'NNnRY' + subject.slice(45)
      if (c % 7 === 0) subject = randomDna(60, random) + subject.toLowerCase() + repeat
      const prepared = prepareQuery(bytes(query), k)
      const counted = countSharedKmersByStrand(prepared, bytes(subject))
      expect(counted, `case ${c}`).toEqual(naiveCount(query, subject, k))
      // The same prepared query again: the count starts afresh.
      expect(countSharedKmersByStrand(prepared, bytes(subject))).toEqual(counted)
    }
  })

  it('counts only the range asked for', () => {
    const random = seededRandom(32)
    const query = randomDna(500, random)
    const subject = randomDna(200, random) + query + randomDna(200, random)
    const prepared = prepareQuery(bytes(query))
    const inner = countSharedKmersByStrand(prepared, bytes(subject), 250, 600)
    expect(inner).toEqual(naiveCount(query, subject.slice(250, 600), 11))
    expect(inner.forward).toBe(350 - 10)
  })
})
