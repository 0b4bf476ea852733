import { describe, expect, it } from 'vitest'
import { packEveryRecord } from '../search/every-record.js'
import { mutateDna, randomDna, reverseComplementDna, seededRandom } from '../testing/random-dna.js'
import { alignPreparedMany, type AlignRequest } from './align.js'
import { prepareQuery, scanSubject } from './kmer-index.js'
import { findSeedClusters } from './seeds.js'
import {
  buildBlockTable,
  scanByBlocks,
  type BlockTable,
  type SubjectBlocks,
} from './subject-blocks.js'

const K = 11
const bytes = (s: string): Uint8Array => Buffer.from(s, 'latin1')

/**
 * A family of relatives as an exhaustive search packs them: a 20 kb ancestor, a copy with one
 * substitution, one with one base inserted, copies with substitutions and one-base indels, one with an N run, one with a repeat pasted in, an
 * unrelated record, one shorter than a k-mer and the ancestor itself twice.
 */
function family(seed: number): { records: string[]; packed: ReturnType<typeof packEveryRecord> } {
  const random = seededRandom(seed)
  const ancestor = randomDna(20_000, random)
  const swap = ancestor[10_000] === 'A' ? 'C' : 'A'
  const records = [ancestor, ancestor]
  records.push(ancestor.slice(0, 10_000) + swap + ancestor.slice(10_001))
  records.push(ancestor.slice(0, 12_345) + 'G' + ancestor.slice(12_345))
  for (let i = 0; i < 10; i++) records.push(mutateDna(ancestor, 0.0005 * (1 + (i % 4)), random))
  records.push(ancestor.slice(0, 5_000) + 'N'.repeat(300) + ancestor.slice(5_300))
  records.push(ancestor.slice(0, 9_000) + ancestor.slice(2_000, 2_400) + ancestor.slice(9_000))
  records.push(randomDna(8_000, random), 'ACGTAC')
  const map = new Map(records.map((r, i) => [BigInt(i + 1), bytes(r)]))
  return { records, packed: packEveryRecord(map) }
}

function blocksOf(table: BlockTable, starts: Int32Array, record: number): SubjectBlocks {
  return { table, record, base: starts[record]! }
}

type Stretch = [number, number, number]

/** Stretches as seeding adds them up: one running across a cut joins the one before it. */
function joined(stretches: readonly Stretch[]): Stretch[] {
  const out: Stretch[] = []
  for (const [place, at, hits] of stretches) {
    const last = out[out.length - 1]
    if (last && last[0] + last[2] === place && last[1] + last[2] === at) last[2] += hits
    else out.push([place, at, hits])
  }
  return out
}

describe('subject blocks', () => {
  it('cut each record into blocks by content, and name equal contents alike', () => {
    const { records, packed } = family(3)
    const table = buildBlockTable(packed.starts, packed.residues, K)
    const { starts, residues } = packed
    for (let r = 0; r < records.length; r++) {
      const first = table.firstBlock[r]!
      const last = table.firstBlock[r + 1]!
      expect(last > first).toBe(records[r]!.length > 0)
      expect(table.starts[first]).toBe(starts[r])
      for (let b = first; b < last; b++) {
        const end = b + 1 < last ? table.starts[b + 1]! : starts[r + 1]!
        expect(end - table.starts[b]!).toBeGreaterThan(0)
        expect(end - table.starts[b]!).toBeLessThanOrEqual(4096)
        if (b + 1 < last) expect(end - table.starts[b]!).toBeGreaterThanOrEqual(64)
      }
    }
    // Equal ids, equal bases (with the k - 1 after the block); distinct ids, distinct bases.
    const content = new Map<number, string>()
    for (let r = 0; r < records.length; r++) {
      for (let b = table.firstBlock[r]!; b < table.firstBlock[r + 1]!; b++) {
        const end = b + 1 < table.firstBlock[r + 1]! ? table.starts[b + 1]! : starts[r + 1]!
        const text = Buffer.from(
          residues.subarray(table.starts[b], Math.min(end + K - 1, starts[r + 1]!)),
        ).toString('latin1')
        const seen = content.get(table.ids[b]!)
        if (seen === undefined) content.set(table.ids[b]!, text)
        else expect(seen).toBe(text)
      }
    }
    expect(new Set(content.values()).size).toBe(table.distinct)
    const ids = (r: number): number[] => [
      ...table.ids.subarray(table.firstBlock[r], table.firstBlock[r + 1]),
    ]
    // The ancestor twice: the same blocks. One substitution changes the block it is in (and
    // the one before, whose last k-mers end in it, when it is near a cut); one inserted base
    // moves only the cuts near it, so the blocks after it are the ancestor's again. An
    // unrelated record shares none.
    const unlike = (r: number): number => ids(r).filter((id) => !ids(0).includes(id)).length
    expect(ids(0).length).toBeGreaterThan(15)
    expect(ids(1)).toEqual(ids(0))
    expect(unlike(2)).toBeGreaterThanOrEqual(1)
    expect(unlike(2)).toBeLessThanOrEqual(2)
    expect(unlike(3)).toBeGreaterThanOrEqual(1)
    expect(unlike(3)).toBeLessThanOrEqual(3)
    expect(ids(3).slice(-5)).toEqual(ids(0).slice(-5))
    expect(unlike(16)).toBe(ids(16).length)
    expect(table.distinct).toBeLessThan(table.ids.length / 2)
  })

  it('scan to the same hits as scanning each record whole, query after query', () => {
    const { records, packed } = family(5)
    const table = buildBlockTable(packed.starts, packed.residues, K)
    const random = seededRandom(9)
    const queries = [
      records[4]!,
      reverseComplementDna(records[7]!),
      mutateDna(records[0]!.slice(3_000, 6_000), 0.02, random),
      records[0]!.slice(1_900, 2_500),
      randomDna(500, random),
    ]
    for (const query of queries) {
      const prepared = prepareQuery(bytes(query))
      for (let r = 0; r < records.length; r++) {
        const subject = packed.residues.subarray(packed.starts[r], packed.starts[r + 1])
        const whole: Stretch[] = []
        scanSubject(prepared, subject, 0, subject.length, (p, at, hits) =>
          whole.push([p, at, hits]),
        )
        const byBlocks: Stretch[] = []
        scanByBlocks(prepared, subject, blocksOf(table, packed.starts, r), (p, at, hits) =>
          byBlocks.push([p, at, hits]),
        )
        expect(joined(byBlocks)).toEqual(joined(whole))
        if (r === 4 && query === queries[0]) expect(whole.length).toBeGreaterThan(0)
      }
    }
  })

  it('give the same seed chains and alignments as seeding each record whole', () => {
    const { records, packed } = family(8)
    const table = buildBlockTable(packed.starts, packed.residues, K)
    const other = buildBlockTable(packed.starts, packed.residues, K)
    const random = seededRandom(4)
    const queries = [
      mutateDna(records[0]!, 0.001, random),
      reverseComplementDna(mutateDna(records[2]!.slice(6_000, 9_000), 0.01, random)),
      records[15]!.slice(8_500, 9_700),
    ]
    let aligned = 0
    for (const [q, query] of queries.entries()) {
      const prepared = prepareQuery(bytes(query))
      // Tables alternate between queries: the memo must follow both.
      const blocks = q % 2 ? other : table
      const requests: AlignRequest[] = []
      const plain: AlignRequest[] = []
      for (let r = 0; r < records.length; r++) {
        const subject = packed.residues.subarray(packed.starts[r], packed.starts[r + 1])
        const withBlocks = blocksOf(blocks, packed.starts, r)
        expect(
          findSeedClusters(prepared, subject, 0, subject.length, [0, 1], 0, withBlocks),
        ).toEqual(findSeedClusters(prepared, subject, 0, subject.length, [0, 1]))
        requests.push({ subject, options: { blocks: withBlocks, maxFullCells: 0 } })
        plain.push({ subject, options: { maxFullCells: 0 } })
      }
      const found = alignPreparedMany(prepared, requests)
      expect(found).toEqual(alignPreparedMany(prepared, plain))
      aligned += found.filter((a) => a && a.score > 100).length
    }
    expect(aligned).toBeGreaterThan(30)
  })
})
