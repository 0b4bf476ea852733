import { describe, expect, it } from 'vitest'
import { mutateDna, randomDna, reverseComplementDna, seededRandom } from '../testing/random-dna.js'
import { prepareQuery } from './kmer-index.js'
import { chainingCut, findSeedClusters, type StrandIndex } from './seeds.js'

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s)

/**
 * Chaining as first written, over single seeds: every hit (query place, subject position) of a
 * k-mer held at most 64 times, in subject order, each linked to the best of the 64 hits before
 * it within 256 diagonals of it and 5000 subject bases. The run-based
 * chaining must find the same chains wherever a run holds fewer than 64 seeds between repeats.
 */
function chainOverSeeds(query: string, subject: string, k: number, strand: StrandIndex) {
  const strands = [query, reverseComplementDna(query)].map((s) => s.toUpperCase())
  const places = new Map<string, number[]>()
  const occurrences = new Map<string, number>()
  strands.forEach((strandSeq, index) => {
    for (let i = 0; i + k <= strandSeq.length; i++) {
      const kmer = strandSeq.slice(i, i + k)
      if (!/^[ACGT]+$/.test(kmer)) continue
      occurrences.set(kmer, (occurrences.get(kmer) ?? 0) + 1)
      if (index === strand) places.set(kmer, [...(places.get(kmer) ?? []), i])
    }
  })
  // A k-mer found more than 64 times on the two strands is not a seed.
  for (const [kmer, count] of occurrences) if (count > 64) places.delete(kmer)
  const hits: [number, number][] = []
  const upper = subject.toUpperCase()
  for (let s = 0; s + k <= upper.length; s++) {
    for (const q of places.get(upper.slice(s, s + k)) ?? []) hits.push([q, s])
  }
  if (hits.length === 0) return null
  const scores: number[] = []
  const preds: number[] = []
  let bestEnd = 0
  hits.forEach(([qi, si], i) => {
    let score = k
    let pred = -1
    let linkable = 0
    for (let j = i - 1; j >= 0; j--) {
      const [qj, sj] = hits[j]!
      const ds = si - sj
      const dq = qi - qj
      if (ds > 5000) break
      const drift = Math.abs(ds - dq)
      if (drift > 256) continue
      if (++linkable > 64) break
      if (ds <= 0 || dq <= 0) continue
      const candidate = scores[j]! + Math.min(dq, ds, k) - (drift === 0 ? 0 : 2 + drift)
      if (candidate > score) {
        score = candidate
        pred = j
      }
      if (drift === 0 && dq <= k) break
    }
    scores.push(score)
    preds.push(pred)
    if (score > scores[bestEnd]!) bestEnd = i
  })
  const chain: [number, number][] = []
  for (let i = bestEnd; i >= 0; i = preds[i]!)
    chain.unshift([hits[i]![0], hits[i]![1] - hits[i]![0]])
  const diagonals = chain.map(([, d]) => d)
  return {
    score: scores[bestEnd]!,
    seeds: chain,
    minDiag: Math.min(...diagonals),
    maxDiag: Math.max(...diagonals),
  }
}

function expectSameChain(query: string, subject: string, k: number): void {
  const prepared = prepareQuery(bytes(query), k)
  const clusters = findSeedClusters(prepared, bytes(subject), 0, subject.length, [0, 1])
  for (const strand of [0, 1] as const) {
    const expected = chainOverSeeds(query, subject, k, strand)
    const cluster = clusters.find((c) => c.strand === strand)
    if (!expected) {
      expect(cluster).toBeUndefined()
      continue
    }
    expect(cluster).toBeDefined()
    expect(cluster!.score).toBe(expected.score)
    expect(cluster!.anchors).toBe(expected.seeds.length)
    expect([cluster!.minDiag, cluster!.maxDiag]).toEqual([expected.minDiag, expected.maxDiag])
    // The entries are the first and last seed of each run the chain takes: seeds of the chain,
    // in query order, from its first seed to its last.
    const entries = [...cluster!.anchorQuery].map((q, a) => `${q} ${cluster!.anchorDiag[a]}`)
    const seeds = expected.seeds.map(([q, d]) => `${q} ${d}`)
    expect(entries[0]).toBe(seeds[0])
    expect(entries.at(-1)).toBe(seeds.at(-1))
    let at = 0
    for (const entry of entries) {
      while (at < seeds.length && seeds[at] !== entry) at++
      expect(at, `entry ${entry} is a seed of the chain, in order`).toBeLessThan(seeds.length)
    }
  }
}

describe('findSeedClusters', () => {
  it('chains runs of seeds into the chains single seeds give', () => {
    const random = seededRandom(7)
    let checked = 0
    while (checked < 40) {
      const k = checked % 2 === 0 ? 11 : 13
      const query = randomDna(300 + Math.floor(random() * 2500), random)
      // Repeated k-mers interleave stray hits with a run's, where the two may differ by design.
      const prepared = prepareQuery(bytes(query), k)
      if (prepared.distinctKmers !== 2 * (query.length - k + 1)) continue
      let subject = mutateDna(query, [0.005, 0.02, 0.06][checked % 3]!, random)
      if (checked % 4 === 1) subject = reverseComplementDna(subject)
      if (checked % 5 === 2) subject = randomDna(200, random) + subject.slice(100)
      // A tandem duplication: the run after it starts inside the one before it, on both axes.
      const cut = 100 + Math.floor(random() * (subject.length - 200))
      if (checked % 5 === 3) subject = subject.slice(0, cut) + subject.slice(cut - 40)
      expectSameChain(query, subject, k)
      checked++
    }
  })

  it('stops the lookback only where no run further back improves a link', () => {
    // Tandem copies put runs on diagonals near the chain's, ending within a few points of it:
    // a lookback stopped on too loose a bound links to them instead of the best.
    const random = seededRandom(23)
    let checked = 0
    while (checked < 300) {
      const query = randomDna(400 + Math.floor(random() * 1200), random)
      if (prepareQuery(bytes(query)).distinctKmers !== 2 * (query.length - 10)) continue
      let subject = ''
      for (let at = 0; at < query.length;) {
        const step = 8 + Math.floor(random() * 30)
        subject += query.slice(at, at + step)
        at += step
        const event = random()
        if (event < 0.35) subject += subject.slice(-(5 + Math.floor(random() * 40)))
        else if (event < 0.5) at += 1 + Math.floor(random() * 12)
        else if (event < 0.6) subject += randomDna(1 + Math.floor(random() * 12), random)
      }
      const prepared = prepareQuery(bytes(query))
      const mutated = bytes(mutateDna(subject, 0.01, random))
      const cut = findSeedClusters(prepared, mutated, 0, mutated.length, [0, 1])
      chainingCut.enabled = false
      try {
        expect(cut).toEqual(findSeedClusters(prepared, mutated, 0, mutated.length, [0, 1]))
      } finally {
        chainingCut.enabled = true
      }
      checked++
    }
  })

  it('looks back only at runs near a diagonal, finding the chains a full lookback finds', () => {
    // Runs on diagonals MAX_LINK_DRIFT apart and either side of it (insertions of 200 to 300
    // bases), across band edges and below diagonal 0 (deletions), among chance runs of random
    // stretches, on both strands: chains must be what looking back at every run finds.
    const random = seededRandom(29)
    for (let c = 0; c < 120; c++) {
      const query = randomDna(600 + Math.floor(random() * 1500), random)
      let subject = randomDna(Math.floor(random() * 400), random)
      for (let at = 0; at < query.length;) {
        const step = 20 + Math.floor(random() * 120)
        subject += query.slice(at, at + step)
        at += step
        const event = random()
        if (event < 0.3) subject += randomDna(200 + Math.floor(random() * 100), random)
        else if (event < 0.45) at += 200 + Math.floor(random() * 100)
        else if (event < 0.6) subject += randomDna(1000 + Math.floor(random() * 2000), random)
      }
      if (c % 2 === 1) subject = reverseComplementDna(subject)
      const prepared = prepareQuery(bytes(query))
      const mutated = bytes(mutateDna(subject, 0.02, random))
      const cut = findSeedClusters(prepared, mutated, 0, mutated.length, [0, 1])
      chainingCut.enabled = false
      try {
        expect(cut, `case ${c}`).toEqual(
          findSeedClusters(prepared, mutated, 0, mutated.length, [0, 1]),
        )
      } finally {
        chainingCut.enabled = true
      }
    }
  })

  it('returns only the strands whose chains come close to the best, as filtering would', () => {
    const random = seededRandom(5)
    for (let c = 0; c < 30; c++) {
      const query = randomDna(500 + Math.floor(random() * 1500), random)
      // The other strand holds a share of the query around half: close, or not, to the best.
      // Diverged, so that chains are many short runs and the strands' bounds are tested.
      const share = 0.4 + 0.4 * random()
      const part = query.slice(0, Math.floor(query.length * share))
      const inverted = reverseComplementDna(mutateDna(part, 0.06, random))
      const subject = mutateDna(query, 0.06, random) + randomDna(50, random) + inverted
      const prepared = prepareQuery(bytes(query))
      const all = findSeedClusters(prepared, bytes(subject), 0, subject.length, [0, 1])
      const close = findSeedClusters(prepared, bytes(subject), 0, subject.length, [0, 1], 0.5)
      expect(close).toEqual(all.filter((cluster) => cluster.score >= 0.5 * all[0]!.score))
    }
  })

  it('finds the exact copy of a subject in a long query of its relatives, whose runs lie between', () => {
    // Thirty relatives of a 3 kb genome (1% substituted) with the genome itself among them: at
    // every subject position each copy has its own run, about a hundred between two runs of
    // the exact copy's chain. Runs of other diagonals must not use up the lookback.
    const random = seededRandom(17)
    const genome = randomDna(3000, random)
    const copies = Array.from({ length: 30 }, () => mutateDna(genome, 0.01, random))
    copies.splice(15, 0, genome)
    const query = copies.join('')
    // mutateDna adds indels too: the copies before the genome are not all 3 kb.
    const offset = copies.slice(0, 15).reduce((sum, copy) => sum + copy.length, 0)
    expect(query.slice(offset, offset + genome.length)).toBe(genome)
    const prepared = prepareQuery(bytes(query))
    for (const enabled of [true, false]) {
      chainingCut.enabled = enabled
      try {
        const [best] = findSeedClusters(prepared, bytes(genome), 0, genome.length, [0])
        expect(best, `chainingCut ${enabled}`).toMatchObject({
          minDiag: -offset,
          maxDiag: -offset,
          anchors: genome.length - 11 + 1,
        })
      } finally {
        chainingCut.enabled = true
      }
    }
  })

  it('chains a whole genome-sized match through a repeat whose hits split its runs', () => {
    const random = seededRandom(11)
    // A 12-base motif every 400 bases: each of its k-mers hits 50 places at once, so short
    // runs start by the hundred inside one long stretch of the subject.
    const motif = 'ACGTTGCAAGGT'
    let query = ''
    for (let i = 0; i < 50; i++) query += randomDna(388, random) + motif
    const subject = mutateDna(query, 0.0005, random)
    const prepared = prepareQuery(bytes(query))
    const [best] = findSeedClusters(prepared, bytes(subject), 0, subject.length, [0])
    expect(best!.anchorQuery[0]).toBeLessThan(50)
    expect(best!.anchorQuery.at(-1)).toBeGreaterThan(query.length - 100)
    expect(best!.score).toBe(chainOverSeeds(query, subject, 11, 0)!.score)
  })
})
