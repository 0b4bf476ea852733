import { writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { initCatalog, openCatalog } from '../catalog/catalog.js'
import { ingest } from '../ingest/ingest.js'
import { catalogState } from '../testing/catalog-state.js'
import { tempDir, type TempDir } from '../testing/fixtures.js'
import { mutateDna, randomDna, seededRandom } from '../testing/random-dna.js'
import { queryFromText } from '../search/query-input.js'
import { Searcher, type SearchMethod } from '../search/search.js'
import { maintainIndexes } from './maintain.js'
import { FLAT_LIMIT } from './policy.js'

/*
 * A catalog just past FLAT_LIMIT: ingest trains IVF-PQ by itself, a later append is folded
 * in without retraining, and a filter matching 0.1% of records switches to exact search.
 */
let dir: TempDir
let location: string
const random = seededRandom(11)
const seqs: string[] = []
const N = FLAT_LIMIT + 2_000

beforeAll(async () => {
  dir = tempDir()
  location = dir.file('catalog')
  await initCatalog(location)
  const fasta: string[] = []
  const meta = ['id\tbatch']
  for (let i = 0; i < N; i++) {
    seqs.push(randomDna(200, random))
    fasta.push(`>r${i}\n${seqs[i]}\n`)
    meta.push(`r${i}\t${i % 1000 === 0 ? 'rare' : i % 10 === 0 ? 'tenth' : 'common'}`)
  }
  writeFileSync(dir.file('a.fa'), fasta.join(''))
  writeFileSync(dir.file('a.tsv'), meta.join('\n') + '\n')
})
afterAll(() => dir.remove())

async function searchOnce(query: string, where?: string, method: SearchMethod = 'vectors') {
  const catalog = await openCatalog(location)
  try {
    const searcher = await Searcher.open(catalog, { k: 3, method, ...(where ? { where } : {}) })
    return { plan: searcher.plan, result: await searcher.search(queryFromText(query, 7)[0]!) }
  } finally {
    catalog.close()
  }
}

// Ingesting ~100,000 records and training IVF-PQ on them takes 40-60 s on two cores alone, more
// while other test files share them: the suite's 60 s would cut off a build or a rebuild.
describe('index maintenance', { timeout: 240_000 }, () => {
  it('builds IVF-PQ during ingest once a table passes the flat limit', async () => {
    const report = await ingest(location, {
      files: [dir.file('a.fa')],
      metadata: [dir.file('a.tsv')],
    })
    const records = report.indexes!.find((r) => r.table === 'records' && r.column === 'embedding')
    expect(records).toMatchObject({ kind: 'ivf-pq', action: 'built', rows: N })
    // An exact copy lies in the partition nearest to itself, so IVF must find it; far queries
    // are the benchmark's business (IVF-PQ on k-mer profiles trades recall, see the docs).
    const { plan, result } = await searchOnce(seqs[4321]!)
    expect(plan.records).toBe('ivf-pq')
    expect(result.hits[0]!.id).toBe('r4321')
  })

  it('aligns every eligible record under a 0.1% filter, and searches 10% exactly', async () => {
    const rare = await searchOnce(mutateDna(seqs[5000]!, 0.05, random), 'batch = rare')
    expect(rare.plan).toMatchObject({ records: 'exhaustive', eligible: N / 1000 })
    expect(rare.result.hits[0]!.id).toBe('r5000')
    expect(rare.result.hits).toHaveLength(1)
    const tenth = await searchOnce(seqs[7010]!, 'batch = tenth')
    expect(tenth.plan).toMatchObject({ records: 'filtered-exact', eligible: N / 10 - N / 1000 })
    expect(tenth.result.hits[0]!.id).toBe('r7010')
    // The seed index applies the same filter as a mask over its records.
    const seeded = await searchOnce(mutateDna(seqs[7020]!, 0.05, random), 'batch = tenth', 'seeds')
    expect(seeded.plan).toMatchObject({ records: 'seeds', eligible: N / 10 - N / 1000 })
    expect(seeded.result.hits[0]!.id).toBe('r7020')
    const outside = await searchOnce(seqs[7021]!, 'batch = tenth', 'seeds')
    expect(outside.result.hits.map((h) => Number(h.id.slice(1)) % 10)).not.toContain(1)
  })

  it('folds appended rows into the index without retraining, and finds them at once', async () => {
    const extra = randomDna(200, random)
    writeFileSync(dir.file('b.fa'), `>late\n${extra}\n`)
    const report = await ingest(location, { files: [dir.file('b.fa')] })
    expect(
      report.indexes!.find((r) => r.table === 'records' && r.column === 'embedding'),
    ).toMatchObject({
      action: 'refreshed',
      unindexedBefore: 1,
    })
    expect((await searchOnce(extra)).result.hits[0]!.id).toBe('late')
    expect((await searchOnce(extra, undefined, 'seeds')).result.hits[0]!.id).toBe('late')
    const catalog = await openCatalog(location, { write: true })
    try {
      const again = await maintainIndexes(catalog)
      expect(again.filter((r) => r.action !== 'none' && r.action !== 'flat')).toEqual([])
      const before = await catalogState(location)
      const rebuilt = await maintainIndexes(catalog, { rebuild: true })
      expect(rebuilt.find((r) => r.table === 'records' && r.column === 'embedding')!.action).toBe(
        'rebuilt',
      )
      expect(await catalogState(location)).toEqual(before)
    } finally {
      catalog.close()
    }
  })
})
