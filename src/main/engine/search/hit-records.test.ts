import { writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { initCatalog, openCatalog, type Catalog } from '../catalog/catalog.js'
import { catalogFields } from '../filter/fields.js'
import { queryRecords, type RecordView } from '../filter/query.js'
import { ingest } from '../ingest/ingest.js'
import { tempDir, type TempDir } from '../testing/fixtures.js'
import { randomDna, seededRandom } from '../testing/random-dna.js'
import { hitRecordsKept, hitRecordViews, rowFinder } from './hit-records.js'

/*
 * Hits' record fields come from LanceDB lookups until a catalog has answered a few, then from
 * its fields read whole. Both must give the views `genocat query` lists: metadata of every
 * type, missing values, GC as printed.
 */
let dir: TempDir
let location: string
const random = seededRandom(11)

beforeAll(async () => {
  dir = tempDir()
  location = dir.file('catalog')
  await initCatalog(location)
  const fasta: string[] = []
  const meta = ['id\tcountry\tdate\tct\tvaccinated']
  for (let i = 0; i < 60; i++) {
    fasta.push(`>s${i} sample number ${i}\n${randomDna(200 + i, random)}\n`)
    // Every fifth value is missing.
    const v = (value: string): string => (i % 5 === 2 ? '' : value)
    meta.push(
      [`s${i}`, v(['Brazil', 'Peru', "Côte d'Ivoire"][i % 3]!), v(`2016-01-${10 + (i % 20)}`)]
        .concat([v(String(i / 4)), v(i % 2 ? 'yes' : 'no')])
        .join('\t'),
    )
  }
  writeFileSync(dir.file('s.fa'), fasta.join(''))
  writeFileSync(dir.file('m.tsv'), meta.join('\n') + '\n')
  await ingest(location, { files: [dir.file('s.fa')], metadata: [dir.file('m.tsv')] })
})
afterAll(() => dir.remove())

/** Every record's view by rid, in catalog order, as `genocat query` lists them. */
async function listed(catalog: Catalog): Promise<Map<bigint, RecordView>> {
  const rows = await catalog.tables.records.query().select(['rid']).toArray()
  const views: RecordView[] = []
  for await (const view of queryRecords(catalog, undefined)) views.push(view)
  return new Map(rows.map((row, i) => [row['rid'] as bigint, views[i]!]))
}

describe('hit record views', () => {
  it('are the same from lookups and from the kept fields, which are read beside the searches', async () => {
    const catalog = await openCatalog(location)
    try {
      const expected = await listed(catalog)
      const fields = catalogFields(catalog.db)
      expect(fields.map((f) => f.name)).toEqual(expect.arrayContaining(['country', 'ct', 'date']))
      const rids = [...expected.keys()]
      const asked = [rids[8]!, rids[2]!, rids[40]!, 999_999n, rids[12]!]
      const limits = { lookupsBeforeKeeping: 2, maxKeptBytes: 1 << 20 }
      const queries = vi.spyOn(catalog.tables.records, 'query')
      const answers: Map<bigint, RecordView>[] = []
      const ask = (): Promise<Map<bigint, RecordView>> =>
        hitRecordViews(catalog, fields, asked, limits)
      for (let call = 0; call < 2; call++) answers.push(await ask())
      // The third starts reading the whole table; neither it nor a fourth asked meanwhile waits
      // for that: both are looked up (a million records' fields take half a second to read).
      answers.push(...(await Promise.all([ask(), ask()])))
      await hitRecordsKept(catalog)
      // Four lookups, a sample and one read of the whole table.
      expect(queries).toHaveBeenCalledTimes(6)
      answers.push(await ask())
      // The fifth is answered from the kept fields.
      expect(queries).toHaveBeenCalledTimes(6)
      for (const answer of answers) {
        // A rid the catalog does not hold is absent, the others are as listed.
        expect([...answer.keys()].sort()).toEqual(asked.filter((r) => r !== 999_999n).sort())
        for (const [rid, view] of answer) expect(view).toEqual(expected.get(rid))
      }
      // A missing value is null in both, a number stays a number.
      const missing = answers[4]!.get(rids[2]!)!
      expect(missing['country']).toBeNull()
      expect(typeof answers[4]!.get(rids[8]!)!['ct']).toBe('number')
    } finally {
      catalog.close()
    }
  })

  it('are always looked up in a catalog whose fields take more memory than it keeps', async () => {
    const catalog = await openCatalog(location)
    try {
      const expected = await listed(catalog)
      const fields = catalogFields(catalog.db)
      const rids = [...expected.keys()].slice(10, 30)
      const queries = vi.spyOn(catalog.tables.records, 'query')
      // 60 records take some 6 kB: ids, descriptions, checksums and the metadata.
      const limits = { lookupsBeforeKeeping: 1, maxKeptBytes: 2_000 }
      for (let call = 0; call < 4; call++) {
        const answer = await hitRecordViews(catalog, fields, rids, limits)
        expect([...answer.entries()]).toEqual(rids.map((rid) => [rid, expected.get(rid)]))
        await hitRecordsKept(catalog)
      }
      // Four lookups and one sample, which showed the whole too large to read.
      expect(queries).toHaveBeenCalledTimes(5)
    } finally {
      catalog.close()
    }
  })

  it('are kept per open catalog: one opened after an ingest sees its records', async () => {
    const before = await openCatalog(location)
    const limits = { lookupsBeforeKeeping: 0, maxKeptBytes: 1 << 20 }
    try {
      const fields = catalogFields(before.db)
      const kept = await hitRecordViews(before, fields, [1n], limits)
      expect(kept.size).toBe(1)
      await hitRecordsKept(before)
      writeFileSync(dir.file('more.fa'), `>late one\n${randomDna(300, random)}\n`)
      await ingest(location, { files: [dir.file('more.fa')] })
      const after = await openCatalog(location)
      try {
        const rids = [...(await listed(after)).keys()]
        const late = rids[rids.length - 1]!
        expect((await hitRecordViews(before, fields, [late], limits)).size).toBe(0)
        const seen = await hitRecordViews(after, catalogFields(after.db), [late], limits)
        expect(seen.get(late)?.['id']).toBe('late')
      } finally {
        after.close()
      }
    } finally {
      before.close()
    }
  })

  it('are none in an empty catalog, kept or looked up', async () => {
    // A lookup that matched nothing threw "the catalog's records have no column rid".
    const path = dir.file('empty-catalog')
    await initCatalog(path)
    const catalog = await openCatalog(path)
    try {
      const fields = catalogFields(catalog.db)
      const limits = { lookupsBeforeKeeping: 0, maxKeptBytes: 1 << 20 }
      for (let call = 0; call < 3; call++) {
        expect((await hitRecordViews(catalog, fields, [1n], limits)).size).toBe(0)
        await hitRecordsKept(catalog)
      }
    } finally {
      catalog.close()
    }
  })

  it("find a rid's row whether or not the rows are in rid order", () => {
    const ascending = BigInt64Array.from([2n, 3n, 5n, 8n, 13n])
    // An update can move the records it rewrote to the end of the table.
    const moved = BigInt64Array.from([2n, 5n, 13n, 3n, 8n])
    for (const rids of [ascending, moved]) {
      const rowOf = rowFinder(rids)
      for (const [row, rid] of rids.entries()) expect(rowOf(rid)).toBe(row)
      for (const absent of [0n, 4n, 9n, 21n]) expect(rowOf(absent)).toBe(-1)
    }
    expect(rowFinder(new BigInt64Array(0))(1n)).toBe(-1)
  })
})
