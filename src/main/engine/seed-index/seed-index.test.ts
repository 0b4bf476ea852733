import { describe, expect, it } from 'vitest'
import { mutateDna, randomDna, reverseComplementDna, seededRandom } from '../testing/random-dna.js'
import { collectMinimizers, MinimizerList, SEED_K, SEED_W, seedKey } from './minimizers.js'
import { SeedSearch, sortByKey } from './seed-candidates.js'
import { buildSeedIndex, findKey, findKeys, ordinalOf, residuesOf } from './seed-index.js'

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s)

function minimizers(seq: string): { key: number; pos: number; strand: number }[] {
  const list = new MinimizerList()
  collectMinimizers(bytes(seq), 0, seq.length, list)
  return [...list.keys.subarray(0, list.count)].map((key, i) => ({
    key,
    pos: list.places[i]! >> 1,
    strand: list.places[i]! & 1,
  }))
}

describe('minimizers', () => {
  it('keys k-mers by a bijection, so distinct k-mers never share a key', () => {
    const random = seededRandom(1)
    const keys = new Map<number, number>()
    const clashes: number[] = []
    for (let i = 0; i < 200_000; i++) {
      const kmer = Math.floor(random() * 2 ** 30)
      const key = seedKey(kmer)
      if (key < 0 || key >= 2 ** 30 || (keys.has(key) && keys.get(key) !== kmer)) clashes.push(kmer)
      keys.set(key, kmer)
    }
    expect(clashes).toEqual([])
    expect(keys.size).toBeGreaterThan(199_000)
  })

  it('samples a sequence and its reverse complement alike, on mirrored positions', () => {
    const seq = randomDna(2_000, seededRandom(2))
    const forward = minimizers(seq)
    const reverse = minimizers(reverseComplementDna(seq))
    // About 2 / (w + 1) of the k-mers are kept.
    expect(forward.length).toBeGreaterThan((1.5 * seq.length) / (SEED_W + 1))
    expect(forward.length).toBeLessThan((2.5 * seq.length) / (SEED_W + 1))
    const mirrored = reverse
      .map((m) => ({ key: m.key, pos: seq.length - SEED_K - m.pos, strand: 1 - m.strand }))
      .sort((a, b) => a.pos - b.pos)
    expect(mirrored).toEqual(forward)
    // Every window of w k-mers holds one.
    for (let i = 1; i < forward.length; i++)
      expect(forward[i]!.pos - forward[i - 1]!.pos).toBeLessThanOrEqual(SEED_W)
  })

  it('splits at N and still seeds a run too short for a whole window', () => {
    const random = seededRandom(3)
    const left = randomDna(300, random)
    const short = randomDna(SEED_K + 2, random)
    const found = minimizers(`${left}NNNN${short}`)
    expect(found.every((m) => m.pos + SEED_K <= 300 || m.pos >= 304)).toBe(true)
    expect(found.filter((m) => m.pos >= 304)).toHaveLength(1)
    expect(minimizers('ACGTNACGT')).toEqual([])
  })
})

describe('seed index', () => {
  const random = seededRandom(4)
  const family = randomDna(1_000, random)
  const records = [
    ...Array.from({ length: 30 }, (_, i) => ({
      rid: 10 + 3 * i,
      seq: mutateDna(family, 0.08, random),
    })),
    ...Array.from({ length: 200 }, (_, i) => ({ rid: 200 + i, seq: randomDna(800, random) })),
    { rid: 1_000, seq: randomDna(30_000, random) },
  ]
  const index = buildSeedIndex(records.map((r) => ({ rid: r.rid, residues: bytes(r.seq) })))
  const search = new SeedSearch(index)

  it('holds every minimizer of every record, found by its key', () => {
    expect(ordinalOf(index, 13)).toBe(1)
    expect(ordinalOf(index, 14)).toBe(-1)
    for (const ordinal of [0, 29, 30, 230]) {
      const record = records[ordinal]!
      expect(new TextDecoder().decode(residuesOf(index, ordinal))).toBe(record.seq)
      for (const m of minimizers(record.seq)) {
        const [from, to] = findKey(index, m.key)
        const places = []
        for (let e = from; e < to; e++)
          if (index.entryRecords[e] === ordinal) places.push(index.entryPlaces[e])
        expect(places).toContain(m.pos * 2 + m.strand)
      }
    }
  })

  it('finds many keys at once where findKey finds each, absent keys and the last bucket too', () => {
    const keys = [
      ...minimizers(records[0]!.seq).map((m) => m.key),
      ...minimizers(randomDna(500, seededRandom(9))).map((m) => m.key),
      0,
      2 ** 30 - 1,
      index.entryKeys[0]!,
      index.entryKeys[index.entryKeys.length - 1]!,
    ]
    const from = new Int32Array(keys.length)
    const to = new Int32Array(keys.length)
    findKeys(index, Int32Array.from(keys), keys.length, from, to)
    const found = keys.map((_, m) => [from[m], to[m]])
    expect(found).toEqual(keys.map((key) => findKey(index, key)))
    // Both kinds are there: keys the index holds and keys it lacks.
    expect(found.some(([a, b]) => b! > a!)).toBe(true)
    expect(found.some(([a, b]) => b === a)).toBe(true)
  })

  it('refuses records out of rid order', () => {
    expect(() =>
      buildSeedIndex([
        { rid: 2, residues: bytes('ACGT') },
        { rid: 1, residues: bytes('ACGT') },
      ]),
    ).toThrow(/ascending rids/)
  })

  it('ranks the source of a diverged fragment first, on either strand, with its place', () => {
    const source = records[7]!.seq
    const fragment = mutateDna(source.slice(200, 600), 0.05, random)
    for (const query of [fragment, reverseComplementDna(fragment)]) {
      const [best] = search.candidates(bytes(query), { limit: 50 })
      expect(best!.ordinal).toBe(7)
      const [start, end] = best!.ranges[0]!
      expect(start).toBeLessThanOrEqual(200)
      expect(end).toBeGreaterThanOrEqual(600)
      expect(end - start).toBeLessThan(600)
    }
  })

  it('points a read at its place in a 30 kb record, not at the whole record', () => {
    const genome = records[records.length - 1]!.seq
    const read = reverseComplementDna(genome.slice(21_000, 21_150))
    const [best] = search.candidates(bytes(read), { limit: 10 })
    expect(best!.ordinal).toBe(records.length - 1)
    expect(best!.ranges).toHaveLength(1)
    const [start, end] = best!.ranges[0]!
    expect(start).toBeLessThanOrEqual(21_000)
    expect(end).toBeGreaterThanOrEqual(21_150)
    expect(end - start).toBeLessThan(300)
  })

  it('returns only eligible records, and nothing for unrelated sequence', () => {
    const query = bytes(mutateDna(records[7]!.seq, 0.05, random))
    const eligible = new Uint8Array(records.length)
    for (let o = 0; o < 30; o += 2) eligible[o] = 1
    const found = search.candidates(query, { limit: 100, eligible })
    expect(found.length).toBeGreaterThan(5)
    expect(found.every((c) => c.ordinal % 2 === 0 && c.ordinal < 30)).toBe(true)
    expect(search.candidates(bytes(randomDna(500, seededRandom(99))), { limit: 10 })).toEqual([])
    // Scratch counts are reset between queries: the same query gives the same answer.
    expect(search.candidates(query, { limit: 100, eligible })).toEqual(found)
  })

  it('gives a long query one range a repeat copy wide, not a record strung with copies', () => {
    // Two records strung with copies of a 1 kb element every 7 kb, and a 64 kb query from the
    // first. The query's copies and the second record's lie on diagonals 7 kb apart, closer
    // than a 64 kb query's tolerance (8 kb): one cluster of them spanned all 300 kb.
    const random = seededRandom(31)
    const element = randomDna(1_000, random)
    const strung = (): string => {
      let seq = ''
      while (seq.length < 300_000)
        seq += randomDna(6_000, random) + mutateDna(element, 0.01, random)
      return seq
    }
    const strungRecords = [strung(), strung()]
    const strungIndex = buildSeedIndex(
      strungRecords.map((seq, i) => ({ rid: i + 1, residues: bytes(seq) })),
    )
    const query = strungRecords[0]!.slice(100_000, 164_000)
    const found = new SeedSearch(strungIndex).candidates(bytes(query), { limit: 10 })
    // Chance seeds on the other strand come after.
    expect(found.slice(0, 2).map((c) => c.ordinal)).toEqual([0, 1])
    const [source, other] = found
    expect(source!.ranges).toHaveLength(1)
    const [start, end] = source!.ranges[0]!
    expect(start).toBeLessThanOrEqual(100_000)
    expect(end).toBeGreaterThanOrEqual(164_000)
    // Copies next to the query's place, on the diagonals of the query's copies, may join it.
    expect(end - start).toBeLessThan(100_000)
    // Each of the other record's ranges is one copy, with 5 kb on either side.
    expect(other!.ranges.length).toBeGreaterThan(0)
    for (const [from, to] of other!.ranges) expect(to - from).toBeLessThan(12_000)
  })
})

describe('sortByKey', () => {
  it('orders members by their keys, negative ones first, ties in their order', () => {
    const random = seededRandom(5)
    for (const size of [0, 1, 40, 64, 65, 3_000]) {
      // Keys over the whole int32 range, and keys close together (one digit high up).
      for (const spread of [2 ** 32, 500]) {
        const keys = Int32Array.from({ length: size }, () => Math.floor(random() * spread) | 0)
        const members = Int32Array.from({ length: size }, (_, i) => i)
        const expected = [...members].sort((a, b) => keys[a]! - keys[b]! || a - b)
        expect([...sortByKey(members, keys)]).toEqual(expected)
      }
    }
  })
})
