import { describe, expect, it } from 'vitest'
import { prepareQuery } from '../align/align.js'
import { countSharedKmersByStrand } from '../align/kmer-index.js'
import { mutateDna, randomDna, reverseComplementDna, seededRandom } from '../testing/random-dna.js'
import {
  candidatesFor,
  everyRecordCandidates,
  packEveryRecord,
  withRecordKmers,
} from './every-record.js'
import { buildRecordKmers, countInRecords, recordsShareKmers } from './record-kmers.js'

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s)

/** Relatives of one ancestor, as an outbreak's genomes are, with the ways records differ. */
function relatives(count: number, seed: number): string[] {
  const random = seededRandom(seed)
  const ancestor = randomDna(3000, random)
  const clades = [0.002, 0.01, 0.03].map((rate) => mutateDna(ancestor, rate, random))
  const out: string[] = []
  for (let r = 0; r < count; r++) {
    let genome = mutateDna(clades[r % 3]!, 0.002, random)
    // A run of Ns where sequencing failed, lower case, IUPAC codes, a truncated start.
    if (r % 4 === 1) genome = genome.slice(0, 700) + 'N'.repeat(150) + genome.slice(850)
    if (r % 5 === 2)
      genome = genome.slice(0, 1200) + genome.slice(1200, 1500).toLowerCase() + genome.slice(1500)
    if (r % 6 === 3) genome = genome.slice(0, 400) + 'RYKM' + genome.slice(404)
    if (r % 7 === 4) genome = genome.slice(250)
    out.push(genome)
  }
  // An unrelated record and an empty one.
  return [...out, randomDna(2000, random), '']
}

function packed(records: readonly string[]): { starts: Int32Array; residues: Uint8Array } {
  const every = packEveryRecord(new Map(records.map((r, i) => [BigInt(i + 1), bytes(r)])))
  return { starts: every.starts, residues: every.residues }
}

/** The places of a query strand whose k-mers the record lacks, by string search. */
function missingBySearch(query: string, record: string, strand: 0 | 1, k = 11): number[] {
  const bases = strand === 0 ? query : reverseComplementDna(query)
  const upper = record.toUpperCase()
  const out: number[] = []
  for (let p = 0; p + k <= bases.length; p++) {
    const kmer = bases.slice(p, p + k)
    if (/^[ACGT]+$/.test(kmer) && !upper.includes(kmer)) out.push(p)
  }
  return out
}

describe('record k-mer sets', () => {
  it('count every record as scanning it does, and tell the places each lacks', () => {
    const records = relatives(40, 3)
    const { starts, residues } = packed(records)
    const kmers = buildRecordKmers(starts, residues, 11)!
    expect(kmers).not.toBeNull()
    // Relatives share sets: far fewer than their distinct k-mers.
    expect(kmers.lacking.length).toBeLessThan(kmers.listed.length + 200)
    expect(kmers.lacking.some((l) => l === 1)).toBe(true)
    const random = seededRandom(4)
    const queries = [
      records[0]!,
      reverseComplementDna(records[5]!),
      mutateDna(records[9]!.slice(500, 2100), 0.02, random),
      records[13]!.slice(100, 260),
      randomDna(500, random),
      'ACGTNACGTACGTTTGCA' + records[2]!.slice(0, 40),
      'A'.repeat(300),
    ]
    for (const query of queries) {
      const prepared = prepareQuery(bytes(query))
      const counted = countInRecords(kmers, prepared)
      const scanned = records.map((r) => countSharedKmersByStrand(prepared, bytes(r)))
      expect(counted.counts).toEqual(scanned)
      for (const r of [0, 1, 2, 3, 4, 11, records.length - 2, records.length - 1]) {
        for (const strand of [0, 1] as const) {
          const missing = [...counted.missing(r, strand)]
          expect(missing, `record ${r} strand ${strand}`).toEqual(
            missingBySearch(query, records[r]!, strand),
          )
        }
      }
    }
  })

  it('are not built for records that hardly share k-mers, which scanning serves as well', () => {
    const random = seededRandom(8)
    const unrelated = Array.from({ length: 60 }, () => randomDna(20_000, random))
    const { starts, residues } = packed(unrelated)
    expect(buildRecordKmers(starts, residues, 11)).toBeNull()
    const every = withRecordKmers(
      packEveryRecord(new Map(unrelated.map((r, i) => [BigInt(i + 1), bytes(r)]))),
    )
    expect(every.kmers).toBeNull()
    const prepared = prepareQuery(bytes(unrelated[7]!.slice(100, 900)))
    const base = everyRecordCandidates(every)
    expect(candidatesFor(every, base, prepared)).toBe(base)
  })

  it('are worth building, by a sample of the first megabase, as the build itself finds', () => {
    const random = seededRandom(9)
    const root = randomDna(20_000, random)
    const relatives = Array.from({ length: 60 }, () => mutateDna(root, 0.01, random))
    const unrelated = Array.from({ length: 60 }, () => randomDna(20_000, random))
    for (const [records, share] of [
      [relatives, true],
      [unrelated, false],
      // Relatives after the first megabase are not sampled.
      [[...unrelated, ...relatives], false],
    ] as const) {
      expect(recordsShareKmers(records.map(bytes), 11)).toBe(share)
      const { starts, residues } = packed(records)
      expect(buildRecordKmers(starts, residues, 11) !== null).toBe(share)
    }
  })

  it("keep each k-mer's set in a table of the k-mers held, or by k-mer where that is smaller", () => {
    const records = relatives(20, 7)
    const { starts, residues } = packed(records)
    // 11-mers: a few thousand of the 4^11 are held, so they get a table of their own. 4-mers:
    // nearly all 256 are, and a table by k-mer is the smaller.
    for (const [k, hashed] of [
      [11, true],
      [4, false],
    ] as const) {
      const kmers = buildRecordKmers(starts, residues, k)!
      expect(kmers.keys.length > 0, `k = ${k}`).toBe(hashed)
      const random = seededRandom(k)
      const queries = [records[4]!.slice(200, 1200), randomDna(300, random)]
      for (const query of queries) {
        const prepared = prepareQuery(bytes(query), k)
        const scanned = records.map((r) => countSharedKmersByStrand(prepared, bytes(r)))
        expect(countInRecords(kmers, prepared).counts, `k = ${k}`).toEqual(scanned)
      }
    }
  })

  it('are of the k they were built for', () => {
    const { starts, residues } = packed(relatives(6, 5))
    const kmers = buildRecordKmers(starts, residues, 11)!
    expect(() => countInRecords(kmers, prepareQuery(bytes('ACGTACGTACGTAAAC'), 9))).toThrow(
      /11-mers/,
    )
  })

  it('give the exhaustive plan its candidates pre-counted, once built', () => {
    const records = relatives(12, 6)
    const every = packEveryRecord(new Map(records.map((r, i) => [BigInt(i + 1), bytes(r)])))
    const base = everyRecordCandidates(every)
    const prepared = prepareQuery(bytes(records[3]!.slice(0, 800)))
    // Not built yet: the candidates are counted by scanning.
    expect(candidatesFor(every, base, prepared)).toBe(base)
    const built = withRecordKmers(every)
    expect(built.key).toBe(every.key)
    expect(withRecordKmers(built)).toBe(built)
    const candidates = candidatesFor(built, base, prepared)
    candidates.forEach((c, r) => {
      expect(c.rid).toBe(base[r]!.rid)
      expect(c.counted).toEqual(countSharedKmersByStrand(prepared, c.subject))
      expect(Array.from(c.missing!(0))).toEqual(
        missingBySearch(records[3]!.slice(0, 800), records[r]!, 0),
      )
    })
    // A query shorter than a k-mer has nothing to count.
    expect(candidatesFor(built, base, prepareQuery(bytes('ACGTACG')))).toBe(base)
  })
})
