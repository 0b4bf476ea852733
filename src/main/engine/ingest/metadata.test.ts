import { writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { initCatalog, openCatalog } from '../catalog/catalog.js'
import { getTableVersions } from '../catalog/meta-db.js'
import { catalogState } from '../testing/catalog-state.js'
import { tempDir, type TempDir } from '../testing/fixtures.js'
import { ingest } from './ingest.js'

let dir: TempDir
let catalog: string

beforeEach(async () => {
  dir = tempDir()
  catalog = dir.file('catalog')
  await initCatalog(catalog)
  writeFileSync(dir.file('seqs.fa'), '>A/1\nACGT\n>B/2\nGGCC\n>C/3\nTTAA\n')
  await ingest(catalog, { files: [dir.file('seqs.fa')] })
})
afterEach(() => dir.remove())

async function versions(): Promise<Record<string, number>> {
  const c = await openCatalog(catalog)
  try {
    return getTableVersions(c.db)
  } finally {
    c.close()
  }
}

async function rows(): Promise<Record<string, unknown>[]> {
  const c = await openCatalog(catalog)
  try {
    const fields = c.db.prepare('SELECT name, column_name FROM fields').all() as {
      name: string
      column_name: string
    }[]
    const records = await c.tables.records.query().toArray()
    return records
      .map((r) =>
        Object.fromEntries([
          ['id', r.id],
          ...fields.map((f) => [f.name, r[f.column_name] as unknown]),
        ]),
      )
      .sort((a, b) => String(a['id']).localeCompare(String(b['id'])))
  } finally {
    c.close()
  }
}

describe('metadata tables', () => {
  it('arrive after their sequences without rewriting the sequences table', async () => {
    const before = await versions()
    writeFileSync(
      dir.file('meta.tsv'),
      'strain\tcountry\tdate\tage\nA/1\tBrazil\t2016-01-XX\t34\nB/2\tPeru\t2015\t?\nZ/9\tChile\t2016-02-01\t3\n',
    )
    const report = await ingest(catalog, { files: [], metadata: [dir.file('meta.tsv')] })
    expect(report.files[0]).toMatchObject({
      status: 'added',
      records: 2,
      unmatchedIds: ['Z/9'],
      unmatchedCount: 1,
    })
    const after = await versions()
    expect(after['sequences']).toBe(before['sequences'])
    expect(after['records']).toBeGreaterThan(before['records']!)
    expect(await rows()).toEqual([
      { id: 'A/1', country: 'Brazil', date: '2016-01-XX', age: 34n },
      { id: 'B/2', country: 'Peru', date: '2015', age: null },
      { id: 'C/3', country: null, date: null, age: null },
    ])
  })

  it('can be CSV, keyed by a chosen column, and adds fields to earlier ones', async () => {
    writeFileSync(dir.file('a.tsv'), 'id\tcountry\nA/1\tBrazil\n')
    await ingest(catalog, { files: [], metadata: [dir.file('a.tsv')] })
    writeFileSync(dir.file('b.csv'), 'lab,sample,"host, species"\nX,C/3,"Homo sapiens"\n')
    const report = await ingest(catalog, {
      files: [],
      metadata: [dir.file('b.csv')],
      idColumn: 'sample',
    })
    expect(report.errors).toEqual([])
    const all = await rows()
    expect(all.find((r) => r['id'] === 'C/3')).toMatchObject({
      lab: 'X',
      'host, species': 'Homo sapiens',
      country: null,
    })
    expect(all.find((r) => r['id'] === 'A/1')).toMatchObject({ country: 'Brazil', lab: null })
  })

  it('keeps hostile column names and values as literal text', async () => {
    const name = `x'; DROP TABLE records; --`
    writeFileSync(dir.file('h.tsv'), `id\t${name}\nA/1\t" OR 1=1; --\n`)
    const report = await ingest(catalog, { files: [], metadata: [dir.file('h.tsv')] })
    expect(report.errors).toEqual([])
    expect((await rows()).find((r) => r['id'] === 'A/1')?.[name]).toBe('" OR 1=1; --')
  })

  it('rejects a value that does not fit a field already in the catalog, naming file, line and field', async () => {
    writeFileSync(dir.file('a.tsv'), 'id\tage\nA/1\t34\n')
    await ingest(catalog, { files: [], metadata: [dir.file('a.tsv')] })
    const before = await catalogState(catalog)
    writeFileSync(dir.file('b.tsv'), 'id\tage\nB/2\t40\nC/3\tforty\n')
    const report = await ingest(catalog, { files: [], metadata: [dir.file('b.tsv')] })
    expect(report.errors[0]?.message).toBe(
      `${dir.file('b.tsv')}, line 3, field "age": "forty" is not a valid integer value.`,
    )
    expect(await catalogState(catalog)).toEqual(before)
  })

  it('rejects repeated ids, rows of the wrong width and a missing id column, changing nothing', async () => {
    const before = await catalogState(catalog)
    const cases: [string, RegExp][] = [
      ['id\tx\nA/1\t1\nA/1\t2\n', /"A\/1" \(lines 2 and 3\)/],
      ['id\tx\nA/1\t1\t9\n', /line 2/],
      ['id\tx\n\t1\n', /line 2: the id column "id" is empty/],
      ['just one column\nA/1\n', /single column/],
    ]
    for (const [text, message] of cases) {
      writeFileSync(dir.file('bad.tsv'), text)
      const report = await ingest(catalog, { files: [], metadata: [dir.file('bad.tsv')] })
      expect(report.errors[0]?.message, text).toMatch(message)
      expect(report.errors[0]?.message).toContain('bad.tsv')
    }
    writeFileSync(dir.file('bad.tsv'), 'id\tx\nA/1\t1\n')
    const missing = await ingest(catalog, {
      files: [],
      metadata: [dir.file('bad.tsv')],
      idColumn: 'nope',
    })
    expect(missing.errors[0]?.message).toMatch(/there is no column "nope"/)
    expect(await catalogState(catalog)).toEqual(before)
  })
})
