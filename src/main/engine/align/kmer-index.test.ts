import { describe, expect, it, vi } from 'vitest'
import { mutateDna, randomDna, reverseComplementDna, seededRandom } from '../testing/random-dna.js'
import { kmerCountKernelAvailable } from './kmer-count.js'
import type * as KmerIndexModule from './kmer-index.js'
import {
  countSharedKmersByStrand,
  prepareQuery,
  scanSubject,
  type PreparedQuery,
  type SharedKmers,
} from './kmer-index.js'

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

/**
 * Random query and subject pairs: k = 11, 5 and 3; unchanged, 1% and 10% diverged; either
 * strand; some with repeats, Ns and IUPAC codes, lower case and a foreign prefix.
 */
function randomPairs(seed: number, count: number): { k: number; query: string; subject: string }[] {
  const random = seededRandom(seed)
  const pairs: { k: number; query: string; subject: string }[] = []
  for (let c = 0; c < count; c++) {
    const k = [11, 5, 3][c % 3]!
    const source = randomDna(50 + Math.floor(random() * 400), random)
    // Repeats: the same stretch twice, so a k-mer has several places and guesses go wrong.
    const repeat = source.slice(0, 30)
    const query = c % 4 === 0 ? repeat + source + repeat : source
    let subject = mutateDna(source, [0, 0.01, 0.1][c % 3]!, random)
    if (c % 2 === 1) subject = reverseComplementDna(subject)
    if (c % 5 === 0) subject = subject.slice(0, 40) + 'NNnRY' + subject.slice(45)
    if (c % 7 === 0) subject = randomDna(60, random) + subject.toLowerCase() + repeat
    pairs.push({ k, query, subject })
  }
  return pairs
}

/** Random pairs, each counted by `count` and by the plain definition. */
function expectNaiveCounts(
  prepare: typeof prepareQuery,
  count: typeof countSharedKmersByStrand,
): void {
  randomPairs(31, 120).forEach(({ k, query, subject }, c) => {
    const prepared = prepare(bytes(query), k)
    const counted = count(prepared, bytes(subject))
    expect(counted, `case ${c}`).toEqual(naiveCount(query, subject, k))
    // The same prepared query again: the count starts afresh.
    expect(count(prepared, bytes(subject))).toEqual(counted)
  })
}

/** Runs `check` on fresh copies of the modules, loaded where the runtime has no WebAssembly. */
async function withoutWebAssembly(check: (fresh: typeof KmerIndexModule) => void): Promise<void> {
  vi.stubGlobal('WebAssembly', undefined)
  vi.resetModules()
  try {
    const fresh = await import('./kmer-index.js')
    expect((await import('./kmer-count.js')).kmerCountKernelAvailable()).toBe(false)
    check(fresh)
  } finally {
    vi.unstubAllGlobals()
    vi.resetModules()
  }
}

describe('countSharedKmersByStrand', () => {
  it('counts what a set of k-mers counts: colinear, reversed, repeated, broken by Ns', () => {
    expect(kmerCountKernelAvailable()).toBe(true)
    expectNaiveCounts(prepareQuery, countSharedKmersByStrand)
  })

  it('counts the same in JavaScript where the runtime has no WebAssembly', async () => {
    await withoutWebAssembly((fresh) =>
      expectNaiveCounts(fresh.prepareQuery, fresh.countSharedKmersByStrand),
    )
  })

  it('keeps each query apart, and starts afresh when the generations wrap', () => {
    const random = seededRandom(33)
    const queries = [randomDna(300, random), randomDna(2000, random)]
    const subjects = queries.map((q) => mutateDna(q, 0.02, random) + queries[0]!.slice(0, 100))
    const expected = queries.map((q, i) => naiveCount(q, subjects[i]!, 11))
    const prepared = queries.map((q) => prepareQuery(bytes(q)))
    const count = (q: number): SharedKmers =>
      countSharedKmersByStrand(prepared[q]!, bytes(subjects[q]!))
    // The tables loaded for one query are replaced by the other's, and back.
    for (const q of [0, 1, 0, 0, 1]) expect(count(q)).toEqual(expected[q])
    // Counted once, so every stamp holds generation 1; the wrap comes back to 1.
    prepared[0] = prepareQuery(bytes(queries[0]!))
    expect(count(0)).toEqual(expected[0])
    prepared[0].marks.generation = 0xffffffff
    expect(count(0)).toEqual(expected[0])
    expect(prepared[0].marks.generation).toBe(1)
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

type Scan = typeof scanSubject

/** Every hit a scan reports, one per subject position: the k-mer found there, as its id. */
function scannedHits(scan: Scan, prepared: PreparedQuery, subject: Uint8Array): string[] {
  const hits: string[] = []
  const perStrand = prepared.placeIds.length >> 1
  const strandOf = (place: number): number => (place < perStrand ? 0 : 1)
  let mixed = 0
  scan(prepared, subject, 0, subject.length, (place, subjectPos, count) => {
    for (let i = 0; i < count; i++) {
      // A stretch is of k-mers held once, on one strand.
      const once = prepared.idPlaces[prepared.placeIds[place + i]!] === 1
      if (count > 1 && (!once || strandOf(place + i) !== strandOf(place))) mixed++
      hits.push(`${subjectPos + i}:${prepared.placeIds[place + i]}`)
    }
  })
  expect(mixed, 'hits of repeated k-mers or of both strands in one stretch').toBe(0)
  return hits
}

/** The plain definition: each subject position whose k-mer either query strand holds. */
function naiveHits(prepared: PreparedQuery, query: string, subject: string, k: number): string[] {
  const ids = new Map<string, number>()
  const perStrand = prepared.placeIds.length >> 1
  const strands = [query.toUpperCase(), reverseComplementDna(query).toUpperCase()]
  strands.forEach((strand, s) => {
    for (let i = 0; i + k <= strand.length; i++) {
      const id = prepared.placeIds[s * perStrand + i]!
      if (id >= 0) ids.set(strand.slice(i, i + k), id)
    }
  })
  const upper = subject.toUpperCase()
  const out: string[] = []
  for (let p = 0; p + k <= upper.length; p++) {
    const id = ids.get(upper.slice(p, p + k))
    if (id !== undefined) out.push(`${p}:${id}`)
  }
  return out
}

/** Random pairs (others than the count's): each scan's hits checked, and its stretches. */
function scanCases(prepare: typeof prepareQuery, scan: Scan): string[][] {
  return randomPairs(41, 90).map(({ k, query, subject }, c) => {
    const prepared = prepare(bytes(query), k)
    expect(scannedHits(scan, prepared, bytes(subject)), `case ${c}`).toEqual(
      naiveHits(prepared, query, subject, k),
    )
    const found: string[] = []
    scan(prepared, bytes(subject), 0, subject.length, (...s) => found.push(s.join(' ')))
    return found
  })
}

describe('prepareQuery', () => {
  /** Each k-mer id's places as `queryPos * 2 + strand`, read off the query's text. */
  function naiveOccurrences(query: string, k: number): Map<string, number[]> {
    const out = new Map<string, number[]>()
    for (const [strand, seq] of [query, reverseComplementDna(query)].entries()) {
      for (let pos = 0; pos + k <= seq.length; pos++) {
        const kmer = seq.slice(pos, pos + k).toUpperCase()
        if (!/^[ACGT]+$/.test(kmer)) continue
        out.set(kmer, [...(out.get(kmer) ?? []), pos * 2 + strand])
      }
    }
    return out
  }

  /** The prepared query's occurrence list of each k-mer, by the k-mer's first place. */
  function listedOccurrences(query: string, prepared: PreparedQuery): Map<string, number[]> {
    const { placeIds, idFirstPlace, idPlaces, idEntries, entries, seedK: k } = prepared
    const perStrand = placeIds.length >> 1
    const both = [query, reverseComplementDna(query)]
    const out = new Map<string, number[]>()
    for (let id = 0; id < idFirstPlace.length; id++) {
      const place = idFirstPlace[id]!
      const strand = place < perStrand ? 0 : 1
      const pos = place - strand * perStrand
      const kmer = both[strand]!.slice(pos, pos + k).toUpperCase()
      const listed =
        idPlaces[id] === 1
          ? [pos * 2 + strand]
          : [...entries.subarray(idEntries[id], idEntries[id]! + idPlaces[id]!)]
      out.set(kmer, listed)
    }
    return out
  }

  it('lists every place of each k-mer held more than once, in order, and none for a query without', () => {
    const random = seededRandom(17)
    for (let c = 0; c < 30; c++) {
      const source = randomDna(40 + Math.floor(random() * 300), random)
      // Repeats on one strand (one k-mer, or many), a palindrome across both, Ns; or none
      // (most reads).
      const query = [
        source,
        source + source.slice(0, 11),
        source.slice(0, 25) + source + source.slice(0, 25),
        source + reverseComplementDna(source.slice(0, 30)),
        source.slice(0, 20) + 'NN' + source.slice(20),
      ][c % 5]!
      const prepared = prepareQuery(bytes(query), 11)
      expect(listedOccurrences(query, prepared)).toEqual(naiveOccurrences(query, 11))
      const repeated = [...prepared.idPlaces].some((places) => places > 1)
      expect(prepared.entries.length > 0).toBe(repeated)
    }
  })
})

describe('scanSubject', () => {
  it('reports every shared k-mer once, in stretches, the same in WebAssembly and JavaScript', async () => {
    expect(kmerCountKernelAvailable()).toBe(true)
    const inKernel = scanCases(prepareQuery, scanSubject)
    // A colinear subject (case 9: k = 11, the query's reverse complement) comes as one
    // stretch, not a call per hit.
    expect(inKernel[9]).toHaveLength(1)
    await withoutWebAssembly((fresh) =>
      expect(scanCases(fresh.prepareQuery, fresh.scanSubject)).toEqual(inKernel),
    )
  })

  it('scans a range longer than the kernel takes at once, chunk by chunk', () => {
    const random = seededRandom(43)
    const query = randomDna(3000, random)
    // 300 kb of mutated copies of the query, both ways round: stretches cross a chunk's end.
    const copies = Array.from({ length: 100 }, (_, i) =>
      i % 2 ? mutateDna(query, 0.01, random) : reverseComplementDna(query),
    )
    const subject = copies.join('')
    const prepared = prepareQuery(bytes(query))
    expect(scannedHits(scanSubject, prepared, bytes(subject))).toEqual(
      naiveHits(prepared, query, subject, 11),
    )
  })
})
