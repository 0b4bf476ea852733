import { DEFAULT_SCORING, prepareQuery } from '../align/align.js'
import { bandedLocalAlign } from '../align/banded-sw.js'
import { SUBJECT_CODE } from '../align/nucleotides.js'
import { reverseComplementDna } from './random-dna.js'

/** Truths for testing score bounds, found the slow way. */

/** The best local alignment score over the whole matrix, on the better strand: the true optimum. */
export function optimalScore(query: string, subject: string): number {
  const prepared = prepareQuery(new TextEncoder().encode(query))
  const codes = Uint8Array.from(new TextEncoder().encode(subject), (b) => SUBJECT_CODE[b]!)
  const n = query.length
  const m = subject.length
  let best = 0
  for (const strand of [prepared.forwardCodes, prepared.reverseCodes]) {
    const path = bandedLocalAlign(strand, n, codes, m, -(n - 1), m - 1, DEFAULT_SCORING)
    best = Math.max(best, path?.score ?? 0)
  }
  return best
}

/** The places of one strand of the query whose k-mers the subject lacks, found by string search. */
export function missingPlaces(query: string, subject: string, strand: 0 | 1, k = 11): number[] {
  const strandQuery = strand === 0 ? query : reverseComplementDna(query)
  const out: number[] = []
  for (let p = 0; p + k <= strandQuery.length; p++) {
    const kmer = strandQuery.slice(p, p + k)
    if (/^[ACGT]+$/.test(kmer) && !subject.includes(kmer)) out.push(p)
  }
  return out
}
