import { writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseFilter } from '../../../shared/filter/index.js'
import { openCatalog, initCatalog, type Catalog } from '../catalog/catalog.js'
import { ingest } from '../ingest/ingest.js'
import { catalogState } from '../testing/catalog-state.js'
import { tempDir, type TempDir } from '../testing/fixtures.js'
import { checkFilter } from './check.js'
import { evaluateFilter } from './evaluate.js'
import { catalogFields } from './fields.js'
import { queryRecords, toRecordView } from './query.js'

/*
 * A small catalog with a field of every type, missing values and partial dates. Each filter
 * runs through LanceDB (compiled SQL) and through the plain-JavaScript reference evaluator;
 * both must agree, and hand-written expectations pin down the meaning.
 */
let dir: TempDir
let location: string
let catalog: Catalog
let allRows: Record<string, unknown>[]

const META = [
  ['strain', 'country', 'date', 'age', 'ct', 'vaccinated', 'lineage'],
  ['s1', 'Brazil', '2016-01-15', '34', '21.5', 'yes', 'B.1.1.7'],
  ['s2', 'brazil', '2016-XX-XX', '3', '30', 'no', 'B.1.1.7'],
  ['s3', 'Peru', '2015-12-31', '?', '18.25', 'yes', 'P.1'],
  ['s4', "Côte d'Ivoire", '2016-02', '61', '', 'no', 'B.1.351'],
  ['s5', '', '2017-06-01', '45', '25', '', 'B.1'],
  ['s6', "x'; DROP TABLE records; --", '', '7', '40', 'yes', ''],
  ['s7', 'Chile', '2016-01-01', '0', '-1.5', 'no', 'A'],
]

beforeAll(async () => {
  dir = tempDir()
  location = dir.file('catalog')
  await initCatalog(location)
  const fasta = META.slice(1)
    .map(([id], i) => `>${id} sample ${i}\n${'ACGT'.repeat(10 + i * 5)}\n`)
    .join('')
  writeFileSync(dir.file('s.fa'), fasta)
  writeFileSync(dir.file('m.tsv'), META.map((r) => r.join('\t')).join('\n') + '\n')
  await ingest(location, { files: [dir.file('s.fa')], metadata: [dir.file('m.tsv')] })
  catalog = await openCatalog(location)
  allRows = (await catalog.tables.records.query().toArray()) as Record<string, unknown>[]
})
afterAll(() => {
  catalog.close()
  dir.remove()
})

async function ids(filter: string): Promise<string[]> {
  const out: string[] = []
  for await (const r of queryRecords(catalog, filter)) out.push(String(r['id']))
  const checked = checkFilter(parseFilter(filter), catalogFields(catalog.db))
  const reference = allRows.filter((r) => evaluateFilter(checked, r)).map((r) => String(r['id']))
  expect(out.sort(), `SQL and reference disagree on: ${filter}`).toEqual(reference.sort())
  return out.sort()
}

async function errorOf(filter: string): Promise<{ code: string; message: string }> {
  try {
    await ids(filter)
  } catch (e) {
    return e as { code: string; message: string }
  }
  throw new Error(`no error for ${filter}`)
}

describe('filters on a catalog', () => {
  it('compare text, numbers and integers with every operator', async () => {
    expect(await ids('country = "Brazil"')).toEqual(['s1'])
    expect(await ids('country != "Brazil"')).toEqual(['s2', 's3', 's4', 's6', 's7'])
    expect(await ids('age > 34')).toEqual(['s4', 's5'])
    expect(await ids('age >= 34')).toEqual(['s1', 's4', 's5'])
    expect(await ids('age < 3')).toEqual(['s7'])
    expect(await ids('age <= 3')).toEqual(['s2', 's7'])
    expect(await ids('ct < 0')).toEqual(['s7'])
    expect(await ids('ct = 18.25')).toEqual(['s3'])
    expect(await ids('length >= 100')).toEqual(['s4', 's5', 's6', 's7'])
    expect(await ids('gc = 0.5')).toHaveLength(7)
    expect(await ids('age between 3 and 34')).toEqual(['s1', 's2', 's6'])
  })

  it('match text by list, substring and prefix, ignoring case for the last two', async () => {
    expect(await ids('lineage in (B.1.1.7, "P.1")')).toEqual(['s1', 's2', 's3'])
    expect(await ids('lineage not in (B.1.1.7, "P.1")')).toEqual(['s4', 's5', 's6', 's7'])
    expect(await ids('country contains "BRAZ"')).toEqual(['s1', 's2'])
    expect(await ids('lineage starts with "b.1."')).toEqual(['s1', 's2', 's4'])
    expect(await ids('description contains "sample 3"')).toEqual(['s4'])
    expect(await ids('country contains "d\'I"')).toEqual(['s4'])
  })

  it('treat a partial date as matching only when every day it may mean matches', async () => {
    expect(await ids('date >= 2016-01-01')).toEqual(['s1', 's2', 's4', 's5', 's7'])
    expect(await ids('date < 2016-02-01')).toEqual(['s1', 's3', 's7'])
    expect(await ids('date = 2016')).toEqual(['s1', 's2', 's4', 's7'])
    expect(await ids('date = 2016-01')).toEqual(['s1', 's7'])
    expect(await ids('date != 2016')).toEqual(['s3', 's5'])
    expect(await ids('date > 2016')).toEqual(['s5'])
    expect(await ids('date <= 2016-01')).toEqual(['s1', 's3', 's7'])
    expect(await ids('date between 2016-01-01 and 2016-02-29')).toEqual(['s1', 's4', 's7'])
    expect(await ids('date in (2015, 2017)')).toEqual(['s3', 's5'])
  })

  it('handle booleans, missing values, not, and nested groups', async () => {
    expect(await ids('vaccinated = true')).toEqual(['s1', 's3', 's6'])
    expect(await ids('vaccinated != yes')).toEqual(['s2', 's4', 's7'])
    expect(await ids('vaccinated is missing')).toEqual(['s5'])
    expect(await ids('country is missing or date is missing')).toEqual(['s5', 's6'])
    expect(await ids('age is not missing and ct is not missing')).toEqual([
      's1',
      's2',
      's5',
      's6',
      's7',
    ])
    // `not` is the exact complement: s5 (no country) is included.
    expect(await ids('not country = "Brazil"')).toEqual(['s2', 's3', 's4', 's5', 's6', 's7'])
    expect(
      await ids('(country contains bra or lineage = A) and not (age > 30 or vaccinated = no)'),
    ).toEqual([])
    expect(await ids('(country contains bra or lineage = A) and not age > 30')).toEqual([
      's2',
      's7',
    ])
  })

  it('read record views column by column exactly as row by row, missing values as null', async () => {
    const views = []
    for await (const view of queryRecords(catalog, undefined)) views.push(view)
    const fields = catalogFields(catalog.db)
    expect(views).toEqual(allRows.map((row) => toRecordView(fields, row)))
    const s3 = views.find((v) => v['id'] === 's3')!
    // A missing integer must not read as the 0 its Arrow buffer holds.
    expect([s3['age'], s3['ct'], s3['vaccinated']]).toEqual([null, 18.25, true])
    expect(views.find((v) => v['id'] === 's5')!['vaccinated']).toBeNull()
  })

  it('treat quotes, semicolons, comments and SQL words in values as literal text', async () => {
    const before = await catalogState(location)
    expect(await ids(`country = "x'; DROP TABLE records; --"`)).toEqual(['s6'])
    expect(await ids(`country = "' OR 1=1 --"`)).toEqual([])
    expect(await ids(`country contains "/* */"`)).toEqual([])
    expect(await ids(`country in ("select", "Peru\\\\", "Peru")`)).toEqual(['s3'])
    expect(await ids(`id = "s1' OR '1'='1"`)).toEqual([])
    expect(await catalogState(location)).toEqual(before)
  })

  it('reject unknown fields and values of the wrong type with the field named', async () => {
    const unknown = await errorOf('contry = "Brazil"')
    expect(unknown.code).toBe('UNKNOWN_FIELD')
    expect(unknown.message).toMatch(
      /Unknown field "contry" \(at position 1\)\. Did you mean "country"\?/,
    )
    expect((await errorOf('age > "old"')).message).toMatch(
      /"age" is a whole-number field; "old" is not a number \(at position 1\)/,
    )
    expect((await errorOf('date >= "last week"')).message).toMatch(
      /"date" is a date field; "last week" is not a date/,
    )
    expect((await errorOf('vaccinated = maybe')).message).toMatch(/not true or false/)
    expect((await errorOf('vaccinated > true')).message).toMatch(/only be compared with = or !=/)
    expect((await errorOf('age contains 3')).message).toMatch(/works on text fields only/)
    expect((await errorOf('country between a and b')).message).toMatch(/works on numbers and dates/)
    expect((await errorOf('age > 3 and')).code).toBe('INVALID_FILTER')
  })

  it('accept field names in any case when they are unambiguous, and limits', async () => {
    expect(await ids('COUNTRY = Peru')).toEqual(['s3'])
    const firstTwo: string[] = []
    for await (const r of queryRecords(catalog, undefined, { limit: 2 }))
      firstTwo.push(String(r['id']))
    expect(firstTwo).toHaveLength(2)
  })
})
