import { writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { QueryResult, SearchHit } from '../../../shared/search-types.js'
import { alignQuery } from '../align/align.js'
import { initCatalog, openCatalog, type Catalog } from '../catalog/catalog.js'
import { prepareFilter } from '../filter/query.js'
import { catalogFields } from '../filter/fields.js'
import { evaluateFilter } from '../filter/evaluate.js'
import { ingest } from '../ingest/ingest.js'
import { catalogState } from '../testing/catalog-state.js'
import { tempDir, type TempDir } from '../testing/fixtures.js'
import { mutateDna, randomDna, reverseComplementDna, seededRandom } from '../testing/random-dna.js'
import { queryFromText, type QuerySequence } from './query-input.js'
import { keptRecords } from './kept-records.js'
import {
  DEFAULT_MIN_SCORE,
  PARALLEL_MIN_QUERY_BASES,
  Searcher,
  type SearchMethod,
} from './search.js'
import { queriesRankedOnThreads, searchPool, searchThreads } from './search-pool.js'

/*
 * A catalog of 40 families of 1 kb genes (25 members each, about 8% apart) and three 30 kb
 * genomes; metadata puts one gene in group "rare" (0.1% of the catalog) and a number on
 * every record. Queries are mutated gene fragments and reads cut from the genomes.
 */
const FAMILIES = 40
const REAL_HIT = 60
const MEMBERS = 25
let dir: TempDir
let location: string
let catalog: Catalog
const sequences = new Map<string, string>()
const random = seededRandom(7)

beforeAll(async () => {
  dir = tempDir()
  location = dir.file('catalog')
  await initCatalog(location)
  const fasta: string[] = []
  const meta = ['id\tgroup\tscore']
  for (let f = 0; f < FAMILIES; f++) {
    const root = randomDna(1000, random)
    for (let m = 0; m < MEMBERS; m++) {
      const id = `f${f}_m${m}`
      const seq = mutateDna(root, 0.08, random)
      sequences.set(id, seq)
      fasta.push(`>${id}\n${seq}\n`)
      meta.push(
        `${id}\t${f === 3 && m === 5 ? 'rare' : f % 2 ? 'odd' : 'even'}\t${(f * MEMBERS + m) % 100}`,
      )
    }
  }
  for (let g = 0; g < 3; g++) {
    const id = `genome${g}`
    const seq = randomDna(30_000, random)
    sequences.set(id, seq)
    fasta.push(`>${id}\n${seq}\n`)
    meta.push(`${id}\tgenome\t${g}`)
  }
  writeFileSync(dir.file('seqs.fa'), fasta.join(''))
  writeFileSync(dir.file('meta.tsv'), meta.join('\n') + '\n')
  await ingest(location, { files: [dir.file('seqs.fa')], metadata: [dir.file('meta.tsv')] })
  catalog = await openCatalog(location)
})
afterAll(() => {
  catalog.close()
  dir.remove()
})

let method: SearchMethod = 'seeds'

async function search(
  query: string,
  options: Parameters<typeof Searcher.open>[1] = {},
): Promise<QueryResult> {
  const searcher = await Searcher.open(catalog, { method, ...options })
  return searcher.search(queryFromText(query, 7)[0]!)
}

const bruteScores = new Map<string, number>()

/** Every record under the filter aligned to the query: the answer an exhaustive search gives. */
async function bruteForce(
  query: string,
  where: string,
  k: number,
): Promise<{ id: string; score: number }[]> {
  const fields = catalogFields(catalog.db)
  const { checked } = prepareFilter(fields, where)
  const rows = (await catalog.tables.records.query().toArray()) as Record<string, unknown>[]
  const q = new TextEncoder().encode(query)
  return rows
    .filter((r) => evaluateFilter(checked, r))
    .map((r) => {
      const id = String(r['id'])
      // A record's alignment does not depend on the filter: each is aligned once per query.
      const key = `${query} ${id}`
      let score = bruteScores.get(key)
      if (score === undefined) {
        score = alignQuery(q, new TextEncoder().encode(sequences.get(id)))?.score ?? 0
        bruteScores.set(key, score)
      }
      return { id, score }
    })
    .filter((h) => h.score >= DEFAULT_MIN_SCORE)
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
}

describe.each(['seeds', 'vectors'] as const)('similarity search with candidates from %s', (m) => {
  beforeAll(() => {
    method = m
  })

  it('finds the source of a diverged gene fragment first, with its coordinates', async () => {
    const source = sequences.get('f12_m7')!
    const fragment = mutateDna(source.slice(300, 700), 0.05, random)
    const result = await search(fragment)
    expect(result.hits[0]).toMatchObject({ rank: 1, id: 'f12_m7', strand: '+' })
    expect(result.hits[0]!.subjectStart).toBeGreaterThanOrEqual(290)
    expect(result.hits[0]!.subjectEnd).toBeLessThanOrEqual(710)
    expect(result.hits[0]!.identity).toBeGreaterThan(0.85)
    // Its relatives follow, well above anything unrelated.
    expect(result.hits[1]!.id).toMatch(/^f12_/)
    expect(result.hits[1]!.score).toBeLessThan(result.hits[0]!.score)
  })

  it('finds a 150 bp read inside a 30 kb genome, on either strand', async () => {
    const genome = sequences.get('genome1')!
    const read = genome.slice(17_000, 17_150)
    const forward = await search(read)
    expect(forward.hits[0]).toMatchObject({
      id: 'genome1',
      strand: '+',
      subjectStart: 17_000,
      subjectEnd: 17_150,
      queryStart: 0,
      queryEnd: 150,
      identity: 1,
      coverage: 1,
      score: 300,
      subjectLength: 30_000,
    })
    const reverse = await search(reverseComplementDna(read))
    expect(reverse.hits[0]).toMatchObject({
      id: 'genome1',
      strand: '-',
      subjectStart: 17_000,
      subjectEnd: 17_150,
      queryStart: 0,
      queryEnd: 150,
      score: 300,
    })
    expect(reverse.hits[0]!.alignedQuery).toBe(read)
    const searcher = await Searcher.open(catalog, { method })
    expect(searcher.plan).toMatchObject(
      method === 'seeds'
        ? { records: 'seeds', windows: 'none' }
        : { records: 'flat', windows: 'flat' },
    )
  })

  it('rejects bad queries with a clear message and leaves the catalog unchanged', async () => {
    const before = await catalogState(location)
    const bad: [string, RegExp][] = [
      ['', /The query is empty/],
      ['  \n', /The query is empty/],
      ['ACGTA', /has 5 nucleotide\(s\); at least 7 are needed/],
      ['ACGTACGT1ACGT', /"1" at position 9 is not a nucleotide/],
      ['MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQ', /The query looks like a protein \("I" at position 6\)/],
      ['ACGT;DROP TABLE records', /";" at position 5 is not a nucleotide/],
    ]
    for (const [query, message] of bad)
      expect(() => queryFromText(query, 7), query).toThrow(message)
    const filters: [string, RegExp][] = [
      ['contry = Brazil', /Unknown field "contry"/],
      ['score > "high"', /"score" is a whole-number field; "high" is not a number/],
      ["group = 'x'; DROP TABLE records; --'", /unexpected character ";"/],
    ]
    for (const [where, message] of filters)
      await expect(Searcher.open(catalog, { where }), where).rejects.toThrow(message)
    const literal = await search(sequences.get('f1_m1')!, {
      where: `group = "odd'; DELETE FROM records; --"`,
    })
    expect(literal.hits).toEqual([])
    expect(await catalogState(location)).toEqual(before)
  })

  it('reports no hits for an unrelated query rather than noise', async () => {
    const result = await search(randomDna(300, seededRandom(99)))
    expect(result.hits).toEqual([])
  })
})

/** Query q is a 5%-mutated fragment of gene f(q % 40)_m(q % 25), reverse-complemented when q is odd. */
function geneFragments(count: number, length: number, step: number): string[] {
  const queries: string[] = []
  for (let q = 0; q < count; q++) {
    const source = sequences.get(`f${q % FAMILIES}_m${q % MEMBERS}`)!
    const fragment = mutateDna(source.slice(q * step, q * step + length), 0.05, random)
    queries.push(q % 2 ? reverseComplementDna(fragment) : fragment)
  }
  return queries
}

/**
 * The batch searched at once, after checking it was shared with the search threads and that
 * each query's result is the one it gets alone. A thread still starting may claim none of a
 * batch's queries (this thread ranks them too), so each test checks that some were ranked there.
 */
async function searchOnThreads(
  searcher: Searcher,
  batch: readonly QuerySequence[],
): Promise<QueryResult[]> {
  const tasksBefore = searchPool().completed
  const together = await searcher.searchMany(batch)
  if (searchThreads() > 1) expect(searchPool().completed).toBeGreaterThan(tasksBefore)
  const alone = []
  for (const query of batch) alone.push(await searcher.search(query))
  expect(together).toEqual(alone)
  // Without the aligned strings (tabular output): the same hits, with no strings at all.
  const summaries = await searcher.summarizeMany(batch)
  const withoutText = ({ alignedQuery: _q, alignedSubject: _s, ...hit }: SearchHit) => hit
  expect(summaries).toEqual(together.map((r) => ({ ...r, hits: r.hits.map(withoutText) })))
  expect(summaries.flatMap((r) => r.hits).some((h) => 'alignedQuery' in h)).toBe(false)
  return together
}

describe('a batch of queries', () => {
  it('spreads seed searches over threads and gives each query the hits it gets alone', async () => {
    // Enough bases for the threads: the first 900 bp of a gene per query, 5% changed.
    const fragments = Math.ceil(PARALLEL_MIN_QUERY_BASES / 850)
    const queries = geneFragments(fragments, 900, 0)
    queries.push(sequences.get('f3_m5')!.slice(200, 500)) // the rare record, filtered out below
    queries.push(sequences.get('genome0')!.slice(9_000, 9_150)) // a read in a long record
    queries.push(sequences.get('f5_m5')!.slice(0, 20)) // too short for seeds: vectors
    queries.push(randomDna(300, seededRandom(98))) // unrelated: no hits
    const batch = queries.map((text, i) => ({ ...queryFromText(text, 7)[0]!, id: `q${i}` }))
    const onThreadsBefore = queriesRankedOnThreads()
    // Not rare: just over the exhaustive limit, so seeds are searched under a filter mask.
    for (const where of [undefined, 'not group = rare']) {
      const searcher = await Searcher.open(catalog, {
        method: 'seeds',
        ...(where ? { where } : {}),
      })
      expect(searcher.plan.records).toBe('seeds')
      const together = await searchOnThreads(searcher, batch)
      expect(together.slice(0, fragments).every((r) => r.hits.length > 0)).toBe(true)
      expect(together.at(-1)!.hits).toEqual([])
      if (where) expect(together.flatMap((r) => r.hits.map((h) => h.id))).not.toContain('f3_m5')
    }
    if (searchThreads() > 1) expect(queriesRankedOnThreads()).toBeGreaterThan(onThreadsBefore)
  })

  it('spreads an exhaustive batch over threads, each query ranked as it is alone', async () => {
    // 503 records, 590 kb: aligned exhaustively; 100 queries scan 59 million residues in all.
    const where = 'group in (odd, genome)'
    const queries = geneFragments(96, 200, 5)
    queries.push(sequences.get('genome1')!.slice(20_000, 20_150)) // a read in a long record
    queries.push(sequences.get('f5_m5')!.slice(0, 20)) // even: filtered out
    queries.push(sequences.get('f7_m7')!.slice(0, 8)) // shorter than a k-mer: aligned in full
    queries.push(randomDna(300, seededRandom(99))) // unrelated: no hits
    const batch = queries.map((text, i) => ({ ...queryFromText(text, 7)[0]!, id: `q${i}` }))
    const searcher = await Searcher.open(catalog, { where, method: 'seeds' })
    expect(searcher.plan.records).toBe('exhaustive')
    const onThreadsBefore = queriesRankedOnThreads()
    const together = await searchOnThreads(searcher, batch)
    if (searchThreads() > 1) expect(queriesRankedOnThreads()).toBeGreaterThan(onThreadsBefore)
    // Odd families' fragments find their source (even families are filtered out).
    for (let q = 1; q < 96; q += 2)
      expect(together[q]!.hits[0]!.id).toBe(`f${q % FAMILIES}_m${q % MEMBERS}`)
    expect(together[96]!.hits[0]!.id).toBe('genome1')
    expect(together.at(-1)!.hits.filter((h) => h.score >= REAL_HIT)).toEqual([])
  })
})

// Filters this selective are searched exhaustively, whichever candidate source is asked for.
describe('similarity search under a filter', () => {
  it('keeps the exhaustive records from one searcher to the next, counting their queries', async () => {
    // A filter no other test uses, so the count starts here: genome1 and genome2.
    const where = 'group = genome and score >= 1'
    const read = queryFromText(sequences.get('genome2')!.slice(1_000, 1_150), 7)[0]!
    // Seven queries in one searcher, then one in another: the eighth makes the k-mer sets.
    const first = await Searcher.open(catalog, { where })
    expect(first.plan.records).toBe('exhaustive')
    const seven = await first.searchMany(Array.from({ length: 7 }, () => read))
    expect(seven.map((r) => r.hits[0]!.id)).toEqual(Array(7).fill('genome2'))
    const second = await Searcher.open(catalog, { where })
    expect((await second.search(read)).hits[0]!.id).toBe('genome2')
    const sql = prepareFilter(catalogFields(catalog.db), where).sql
    let loads = 0
    const kept = await keptRecords(catalog, sql, () => {
      loads++
      return Promise.reject(new Error('the records were not kept'))
    })
    expect(loads).toBe(0)
    expect(kept.queriesRanked).toBe(8)
    expect(kept.every.rids).toHaveLength(2)
    expect(kept.every.kmers?.k).toBe(11)
  })

  it('returns the best hits under a filter, equal to aligning every eligible record', async () => {
    const filters = [
      'group = rare',
      'group = odd',
      'group = odd and score >= 50',
      'group in (even, genome)',
      'not group = even',
    ]
    const queries = [
      mutateDna(sequences.get('f3_m5')!.slice(100, 600), 0.05, random),
      mutateDna(sequences.get('f7_m2')!.slice(0, 400), 0.05, random),
      sequences.get('genome2')!.slice(5_000, 5_150),
    ]
    let realHits = 0
    for (const where of filters) {
      for (const query of queries) {
        const result = await search(query, { where, k: 5 })
        // Scores under ~60 are chance alignments (E-value near 1 over this catalog); the
        // exhaustive answer's real hits must be exactly the search's.
        const all = await bruteForce(query, where, 1_000_000)
        const expected = all.slice(0, 5).filter((h) => h.score >= REAL_HIT)
        const found = result.hits.filter((h) => h.score >= REAL_HIT)
        // Equal scores may rank in either order; each hit's score must be its true one.
        expect(
          found.map((h) => h.score),
          where,
        ).toEqual(expected.map((h) => h.score))
        for (const hit of found)
          expect(hit.score, hit.id).toBe(all.find((h) => h.id === hit.id)?.score)
        realHits += expected.length
        const { checked } = prepareFilter(catalogFields(catalog.db), where)
        for (const hit of result.hits) {
          const row = (
            await catalog.tables.records.query().where(`id = '${hit.id}'`).toArray()
          )[0] as Record<string, unknown>
          expect(evaluateFilter(checked, row), `${hit.id} under ${where}`).toBe(true)
        }
      }
    }
    expect(realHits).toBeGreaterThan(20)
    const rare = await search(queries[0]!, { where: 'group = rare' })
    expect(rare.hits.map((h) => h.id)).toEqual(['f3_m5'])
  })
})

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

describe('the plan for a catalog of few records', () => {
  // Over EXHAUSTIVE_SCAN_RESIDUES in all: relatives are aligned one by one, as their k-mer
  // sets make that cheap; records unlike one another are found through the seed index.
  async function catalogOf(records: readonly string[]): Promise<{ at: TempDir; catalog: Catalog }> {
    const at = tempDir()
    await initCatalog(at.file('catalog'))
    writeFileSync(at.file('seqs.fa'), records.map((s, i) => `>r${i}\n${s}\n`).join(''))
    await ingest(at.file('catalog'), { files: [at.file('seqs.fa')] })
    return { at, catalog: await openCatalog(at.file('catalog')) }
  }

  it('searches a few long records unlike one another through the seed index', async () => {
    const random = seededRandom(41)
    const records = Array.from({ length: 3 }, () => randomDna(800_000, random))
    const { at, catalog: few } = await catalogOf(records)
    try {
      const searcher = await Searcher.open(few, { k: 3 })
      expect(searcher.plan.records).toBe('seeds')
      const read = mutateDna(records[1]!.slice(500_000, 500_150), 0.02, random)
      const [hit] = (await searcher.search(queryFromText(read, 7)[0]!)).hits
      expect(hit).toMatchObject({ id: 'r1', strand: '+' })
      expect(Math.abs(hit!.subjectStart - 500_000)).toBeLessThan(5)
      expect(hit!.score).toBe(alignQuery(bytes(read), bytes(records[1]!))!.score)
    } finally {
      few.close()
      at.remove()
    }
  })

  it('aligns every record of relatives, however long in all', async () => {
    const random = seededRandom(43)
    const root = randomDna(25_000, random)
    const { at, catalog: relatives } = await catalogOf(
      Array.from({ length: 90 }, () => mutateDna(root, 0.002, random)),
    )
    try {
      expect((await Searcher.open(relatives, { k: 3 })).plan.records).toBe('exhaustive')
    } finally {
      relatives.close()
      at.remove()
    }
  })
})
