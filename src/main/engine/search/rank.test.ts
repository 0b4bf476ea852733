import { readFileSync, writeFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countSharedKmers, prepareQuery, type Alignment } from '../align/align.js'
import { initCatalog, openCatalog } from '../catalog/catalog.js'
import { ingest } from '../ingest/ingest.js'
import { tempDir, type TempDir } from '../testing/fixtures.js'
import { mutateDna, randomDna, reverseComplementDna, seededRandom } from '../testing/random-dna.js'
import { queryFromText } from './query-input.js'
import { rankCandidates, type Candidate, type RankOptions } from './rank.js'
import { candidatesFor, packEveryRecord, withRecordKmers } from './every-record.js'
import { Searcher } from './search.js'

/*
 * Genome queries against real SARS-CoV-2 genomes (the demo catalog's, ~30 kb each, most of
 * them a few bases apart): an exhaustive search must give the answer of aligning every one,
 * while the score bound spares it most of those alignments.
 */
const demo = new URL('../../../../resources/demo/ncov/example_sequences.fasta.gz', import.meta.url)
const allGenomes = gunzipSync(readFileSync(demo))
  .toString('latin1')
  .split('>')
  .slice(1)
  .map((entry) => {
    const [header, ...lines] = entry.split('\n')
    return { id: header!.split(/\s/)[0]!, sequence: lines.join('').replace(/\s/g, '') }
  })
const genomes = allGenomes.slice(0, 80)
const candidatesOf = (records: readonly { sequence: string }[]): Candidate[] =>
  records.map((g, i) => ({
    rid: BigInt(i + 1),
    subject: new TextEncoder().encode(g.sequence),
    ranges: [[0, g.sequence.length]],
  }))
const candidates = candidatesOf(genomes)
/**
 * Pairs of genomes joined end to end: 60 kb records, past the 32 kb the SIMD kernel takes, so
 * the scalar code aligns them at several times the cost, and a query's budget runs out.
 */
const pairs = Array.from({ length: 40 }, (_, i) => ({
  id: `${genomes[2 * i]!.id}+${genomes[2 * i + 1]!.id}`,
  sequence: genomes[2 * i]!.sequence + genomes[2 * i + 1]!.sequence,
}))
const pairCandidates: Candidate[] = pairs.map((g, i) => ({
  rid: BigInt(1000 + i),
  subject: new TextEncoder().encode(g.sequence),
  ranges: [[0, g.sequence.length]],
}))
/** 1% of the bases changed: each spoils the k-mers around it, so the bounds stay loose. */
const mutatedPair = mutateDna(pairs[3]!.sequence, 0.01, seededRandom(5))
const exhaustive: RankOptions = {
  k: 10,
  aligned: 20,
  alignAll: true,
  minScore: 40,
  alignedText: true,
}
/** Every candidate aligned: the answer to compare with. */
const everyOne: RankOptions = { ...exhaustive, aligned: candidates.length, alignAll: false }

const scores = (hits: readonly { alignment: { score: number } }[]): number[] =>
  hits.map((h) => h.alignment.score)

describe('an exhaustive ranking', () => {
  it('gives a genome query the top hits of aligning every genome, aligning few of them', () => {
    for (const sequence of [genomes[0]!.sequence, reverseComplementDna(genomes[41]!.sequence)]) {
      const prepared = prepareQuery(new TextEncoder().encode(sequence))
      const ranked = rankCandidates(prepared, candidates, exhaustive)
      const all = rankCandidates(prepared, candidates, everyOne)
      expect(all.aligned).toBe(candidates.length)
      expect(scores(ranked.top)).toEqual(scores(all.top))
      expect(ranked.top.map((h) => h.alignment.strand)).toEqual(
        all.top.map((h) => h.alignment.strand),
      )
      expect(ranked.overBudget).toBe(false)
      expect(ranked.aligned).toBeLessThan(candidates.length / 2)
    }
  })

  it('stops at its budget when bounds cannot rule genomes out, and says so', () => {
    const prepared = prepareQuery(new TextEncoder().encode(mutatedPair))
    const ranked = rankCandidates(prepared, pairCandidates, exhaustive)
    expect(ranked.overBudget).toBe(true)
    expect(ranked.aligned).toBeGreaterThanOrEqual(exhaustive.k)
    expect(ranked.aligned).toBeLessThan(ranked.scored)
    const all = rankCandidates(prepared, pairCandidates, { ...everyOne, aligned: pairs.length })
    expect(ranked.top[0]!.alignment.score).toBe(all.top[0]!.alignment.score)
    expect(ranked.top[0]!.alignment.score).toBeGreaterThan(65535)
  })

  it('aligns genomes under 32 kb in the kernel, where a 1%-mutated genome stays within budget', () => {
    const sequence = mutateDna(genomes[7]!.sequence, 0.01, seededRandom(5))
    const prepared = prepareQuery(new TextEncoder().encode(sequence))
    const ranked = rankCandidates(prepared, candidates, exhaustive)
    expect(ranked.overBudget).toBe(false)
    expect(scores(ranked.top)).toEqual(scores(rankCandidates(prepared, candidates, everyOne).top))
  })

  it('answers a 1%-changed genome exactly against all 418 of the demo, within its budget', () => {
    // Hundreds of genomes a few bases apart keep their bounds above the top's: this query aligns
    // most of them, which a budget priced above what aligning costs would cut short.
    const all = candidatesOf(allGenomes)
    const sequence = mutateDna(allGenomes[5]!.sequence, 0.01, seededRandom(7))
    const prepared = prepareQuery(new TextEncoder().encode(sequence))
    const ranked = rankCandidates(prepared, all, exhaustive)
    expect(ranked.overBudget).toBe(false)
    expect(ranked.aligned).toBeGreaterThan(all.length / 2)
    const every = rankCandidates(prepared, all, { ...everyOne, aligned: all.length })
    expect(scores(ranked.top)).toEqual(scores(every.top))
  })
})

describe("an exhaustive ranking from the records' k-mer sets", () => {
  it("keeps a genome query's runs of Ns from holding every genome in reach", () => {
    // Two amplicons that failed to sequence, as real genomes have: its Ns score 0 against
    // every genome, as the bound counts them (as mismatches, all 80 stayed in reach).
    const source = genomes[20]!.sequence
    const query = `${source.slice(0, 8000)}${'N'.repeat(300)}${source.slice(8300, 20000)}${'N'.repeat(200)}${source.slice(20200)}`
    const every = withRecordKmers(
      packEveryRecord(new Map(candidates.map((c) => [c.rid, c.subject]))),
    )
    const prepared = prepareQuery(new TextEncoder().encode(query))
    const ranked = rankCandidates(prepared, candidatesFor(every, candidates, prepared), exhaustive)
    const all = rankCandidates(prepared, candidates, everyOne)
    expect(scores(ranked.top)).toEqual(scores(all.top))
    expect(ranked.aligned).toBeLessThan(candidates.length / 2)
  })

  it('gives the top scores of aligning every genome, aligning fewer with the tighter bound', () => {
    const every = withRecordKmers(
      packEveryRecord(new Map(candidates.map((c) => [c.rid, c.subject]))),
    )
    const random = seededRandom(9)
    // A genome a few changes away, and a fragment whose source region dozens of genomes hold.
    const queries = [
      mutateDna(genomes[12]!.sequence, 0.001, random),
      reverseComplementDna(mutateDna(genomes[30]!.sequence.slice(9000, 12000), 0.01, random)),
    ]
    for (const sequence of queries) {
      const prepared = prepareQuery(new TextEncoder().encode(sequence))
      const counted = candidatesFor(every, candidates, prepared)
      expect(counted.every((c) => c.counted && c.missing)).toBe(true)
      const ranked = rankCandidates(prepared, counted, exhaustive)
      const firstBoundOnly = rankCandidates(
        prepared,
        counted.map(({ missing: _, ...rest }) => rest),
        exhaustive,
      )
      const all = rankCandidates(prepared, candidates, everyOne)
      expect(scores(ranked.top)).toEqual(scores(all.top))
      expect(scores(firstBoundOnly.top)).toEqual(scores(all.top))
      expect(ranked.aligned).toBeLessThan(firstBoundOnly.aligned)
    }
  })
})

describe('an exhaustive ranking of a genome fragment', () => {
  it('passes over records holding the bases of an aligned one where the fragment can land', () => {
    const every = withRecordKmers(
      packEveryRecord(new Map(candidates.map((c) => [c.rid, c.subject]))),
    )
    const random = seededRandom(21)
    const aligned = { with: 0, without: 0 }
    // Fragments of regions most of the 80 genomes hold unchanged: they tie by the dozen.
    for (const [g, from, to] of [
      [3, 2_000, 4_000],
      [50, 21_000, 22_500],
    ] as const) {
      const fragment = mutateDna(genomes[g]!.sequence.slice(from, to), 0.01, random)
      const prepared = prepareQuery(new TextEncoder().encode(fragment))
      const counted = candidatesFor(every, candidates, prepared)
      expect(counted.every((c) => c.blocks)).toBe(true)
      const ranked = rankCandidates(prepared, counted, exhaustive)
      const noRegions = rankCandidates(
        prepared,
        counted.map(({ blocks: _, ...rest }) => rest),
        exhaustive,
      )
      const all = rankCandidates(prepared, candidates, everyOne)
      expect(scores(ranked.top)).toEqual(scores(all.top))
      expect(scores(noRegions.top)).toEqual(scores(all.top))
      expect(ranked.aligned).toBeLessThan(noRegions.aligned)
      aligned.with += ranked.aligned
      aligned.without += noRegions.aligned
    }
    // 95 against 128 when written.
    expect(aligned.with).toBeLessThan(0.8 * aligned.without)
  })
})

describe('a ranking of no more candidates than it aligns', () => {
  it('aligns them all without a pre-score, and one sharing no k-mer is no hit', () => {
    const unrelated: Candidate = {
      rid: 999n,
      subject: new TextEncoder().encode(randomDna(200, seededRandom(11))),
      ranges: [[0, 200]],
    }
    const few = [unrelated, ...candidates.slice(10, 14)]
    const fragment = mutateDna(genomes[12]!.sequence.slice(5_000, 6_500), 0.03, seededRandom(3))
    const prepared = prepareQuery(new TextEncoder().encode(fragment))
    expect(countSharedKmers(prepared, unrelated.subject)).toBe(0)
    const options: RankOptions = {
      k: 3,
      aligned: few.length,
      alignAll: false,
      minScore: 40,
      alignedText: true,
    }
    const all = rankCandidates(prepared, few, options)
    // One fewer aligned than there are candidates: the pre-score picks them.
    const prescored = rankCandidates(prepared, few, { ...options, aligned: few.length - 1 })
    expect(all.aligned).toBe(few.length)
    expect(prescored.aligned).toBe(few.length - 1)
    expect(all.top.map((h) => h.rid)).toEqual(prescored.top.map((h) => h.rid))
    expect(scores(all.top)).toEqual(scores(prescored.top))
    expect(all.top).toHaveLength(3)
    expect(all.top.map((h) => h.rid)).not.toContain(999n)
  })

  it("aligns a seed candidate's rows past its last seed wider than those between its seeds", () => {
    // A read of a relative: 120 bases as in the record, then, past a 16-base deletion, 40 more
    // with a mismatch every 7 bases, where no seed lies. Their best path goes on past the
    // deletion: 120 × 2 - (5 + 16 × 2) + 34 × 2 - 6 × 3 = 253, the band between the seeds
    // (± 12 diagonals) cannot reach it, and stopping before the deletion scores about 240.
    const random = seededRandom(29)
    const record = randomDna(600, random)
    const tail = [...record.slice(236, 276)]
    for (let i = 3; i < tail.length; i += 7) tail[i] = tail[i] === 'A' ? 'C' : 'A'
    const read = record.slice(100, 220) + tail.join('')
    const subject = new TextEncoder().encode(record)
    const seeded: Candidate = { rid: 1n, subject, ranges: [[68, 320]], seeded: true }
    const options: RankOptions = {
      k: 1,
      aligned: 1,
      alignAll: false,
      minScore: 40,
      alignedText: false,
    }
    const [hit] = rankCandidates(
      prepareQuery(new TextEncoder().encode(read)),
      [seeded],
      options,
    ).top
    expect(hit!.alignment.score).toBeGreaterThanOrEqual(253)
    expect(hit!.alignment.queryEnd).toBeGreaterThan(150)
  })

  it('leaves the aligned strings out when asked, and nothing else', () => {
    const fragment = mutateDna(genomes[7]!.sequence.slice(2_000, 3_000), 0.03, seededRandom(4))
    const prepared = prepareQuery(new TextEncoder().encode(fragment))
    const options: RankOptions = {
      k: 5,
      aligned: 10,
      alignAll: false,
      minScore: 40,
      alignedText: true,
    }
    const full = rankCandidates(prepared, candidates, options)
    const bare = rankCandidates(prepared, candidates, { ...options, alignedText: false })
    expect(full.top).toHaveLength(5)
    expect(full.top[0]!.alignment).toHaveProperty('alignedQuery')
    const withoutText = ({ alignedQuery: _q, alignedSubject: _s, ...counts }: Alignment) => counts
    expect(bare.top).toEqual(
      full.top.map((h) => ({ ...h, alignment: withoutText(h.alignment as Alignment) })),
    )
  })
})

describe('a genome searched in a small catalog of genomes', () => {
  let dir: TempDir
  let location: string
  beforeAll(async () => {
    dir = tempDir()
    location = dir.file('catalog')
    await initCatalog(location)
    const records = [...genomes, ...pairs]
    writeFileSync(dir.file('genomes.fa'), records.map((g) => `>${g.id}\n${g.sequence}\n`).join(''))
    await ingest(location, { files: [dir.file('genomes.fa')] })
  })
  afterAll(() => dir.remove())

  it('is searched exhaustively, and a result says when its budget cut the search short', async () => {
    const catalog = await openCatalog(location)
    try {
      const searcher = await Searcher.open(catalog)
      expect(searcher.plan.records).toBe('exhaustive')
      const exact = await searcher.search(queryFromText(genomes[0]!.sequence, 7)[0]!)
      expect(exact.hits[0]!.id).toBe(genomes[0]!.id)
      expect(exact.prescreened).toBeUndefined()
      const cut = await searcher.search(queryFromText(mutatedPair, 7)[0]!)
      expect(cut.prescreened).toMatchObject({ scored: genomes.length + pairs.length })
      expect(cut.prescreened!.aligned).toBeLessThan(pairs.length)
      expect(cut.hits).toHaveLength(10)
      expect(cut.hits[0]!.id).toBe(pairs[3]!.id)
    } finally {
      catalog.close()
    }
  })
})
