import { createWriteStream, readFileSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiEvent } from '../../shared/api.js'
import { hasShared, sharedFile, tempDir, type TempDir } from '../engine/testing/fixtures.js'
import { randomDna, seededRandom } from '../engine/testing/random-dna.js'
import { captureHost, type CapturedHost } from './testing.js'

/*
 * The API as every door sees it, through a captured invoke over a real host: a real catalog
 * in a temp folder, the Nextstrain zika genomes and metadata, and events as the UI gets them.
 */
const ZIKA = 'nextstrain-zika-tutorial/data/sequences.fasta'
const ZIKA_META = 'nextstrain-zika-tutorial/data/metadata.tsv'
const present = hasShared(ZIKA)

let dir: TempDir
let api: CapturedHost

type Done = Extract<ApiEvent, { type: 'ingest-done' }>
const doneFor =
  (jobId: string) =>
  (e: ApiEvent): e is Done =>
    e.type === 'ingest-done' && e.jobId === jobId

beforeAll(() => {
  dir = tempDir()
  api = captureHost(dir.file('settings'))
})
afterAll(async () => {
  await api.host.close()
  dir.remove()
})

describe('the API without a catalog', () => {
  it('answers app info and that no catalog is open', async () => {
    expect((await api.invoke('app:info', {})).name).toBe('Genocat')
    expect(await api.invoke('catalog:current', {})).toBeNull()
    const error = await api.failure('records:query', {})
    expect(error.code).toBe('NO_CATALOG')
    expect(error.message).toMatch(/No catalog is open/)
  })

  it('refuses unknown methods and malformed input, naming the field', async () => {
    expect((await api.failure('catalog:drop', {})).message).toMatch(/no API method/)
    const missing = await api.failure('catalog:open', {})
    expect(missing.code).toBe('INVALID_ARGUMENT')
    expect(missing.details?.field).toBe('location')
    const extra = await api.failure('catalog:open', { location: 'x', evil: true })
    expect(extra.code).toBe('INVALID_ARGUMENT')
    let deep: unknown = { kind: 'missing', field: 'x' }
    for (let i = 0; i < 200; i++) deep = { kind: 'not', child: deep }
    expect((await api.failure('records:query', { where: deep })).message).toMatch(/nested/)
  })

  it('says native dialogs exist only in the desktop app', async () => {
    expect((await api.failure('dialog:choose-files', {})).code).toBe('UNSUPPORTED')
  })

  it('names the folder when opening something that is not a catalog', async () => {
    const error = await api.failure('catalog:open', { location: dir.file('nothing-here') })
    expect(error.code).toBe('NOT_A_CATALOG')
    expect(error.message).toContain('nothing-here')
  })
})

describe.runIf(present)('a catalog built and read through the API', () => {
  let location: string

  beforeAll(async () => {
    location = dir.file('zika')
    const created = await api.invoke('catalog:create', { location, name: 'Zika' })
    expect(created).toMatchObject({ name: 'Zika', sequences: 0, demo: false })
    const started = await api.invoke('ingest:start', {
      paths: [sharedFile(ZIKA_META), sharedFile(ZIKA)],
    })
    // Classified by content, whatever the order given.
    expect(started.files.map((f) => f.kind)).toEqual(['metadata', 'sequences'])
    const done = await api.waitFor(doneFor(started.jobId))
    expect(done.report.errors).toEqual([])
  })

  it('streams progress and reports the catalog as it grows', () => {
    const progress = api.events.filter((e) => e.type === 'ingest' && e.event.type === 'progress')
    expect(progress.length).toBeGreaterThan(0)
    const changed = api.events.filter((e) => e.type === 'catalog-changed')
    expect(changed.at(-1)).toMatchObject({ catalog: { name: 'Zika', sequences: 34 } })
  })

  it('remembers the catalog among the recent ones', async () => {
    const recent = await api.invoke('catalog:recent', {})
    expect(recent[0]).toMatchObject({ name: 'Zika', location })
  })

  it('offers fields with types, top values and ranges for the query builder', async () => {
    const fields = await api.invoke('catalog:fields', {})
    const byName = new Map(fields.map((f) => [f.name, f]))
    expect(byName.get('length')).toMatchObject({ type: 'integer', builtin: true })
    expect(byName.get('length')!.range!.min).toBeGreaterThan(9_000)
    const country = byName.get('country')!
    expect(country.type).toBe('text')
    expect(country.topValues[0]!.count).toBeGreaterThanOrEqual(country.topValues[1]!.count)
    expect(country.topValues.map((v) => v.value)).toContain('Brazil')
    expect(byName.get('date')!.type).toBe('date')
  })

  it('draws the overview of a filtered selection', async () => {
    const all = await api.invoke('catalog:overview', {})
    expect(all.sequences).toBe(34)
    expect(all.lengthBins.reduce((n, b) => n + b.count, 0)).toBe(34)
    expect(all.gcBins.reduce((n, b) => n + b.count, 0)).toBe(34)
    const brazil = await api.invoke('catalog:overview', {
      where: { kind: 'compare', field: 'country', op: '=', value: 'Brazil' },
    })
    expect(brazil.matching).toBeGreaterThan(0)
    expect(brazil.matching).toBeLessThan(34)
    expect(brazil.fields.find((f) => f.name === 'country')!.topValues).toEqual([
      { value: 'Brazil', count: brazil.matching },
    ])
  })

  it('lists records under a filter from the builder, with the total', async () => {
    const page = await api.invoke('records:query', {
      where: {
        kind: 'and',
        children: [{ kind: 'compare', field: 'length', op: '>', value: 9_000 }],
      },
      limit: 5,
    })
    expect(page.rows).toHaveLength(5)
    expect(page.total).toBe(34)
    expect(page.columns.slice(0, 3)).toEqual(['id', 'description', 'alphabet'])
  })

  it('checks a filter typed as text against the schema', async () => {
    const ok = await api.invoke('filter:check', { text: 'country = "Brazil" and length > 10000' })
    expect(ok.filter.kind).toBe('and')
    const unknown = await api.failure('filter:check', { text: 'contry = "Brazil"' })
    expect(unknown.code).toBe('UNKNOWN_FIELD')
    expect(unknown.message).toMatch(/country/)
    const hostile = await api.invoke('records:query', {
      where: {
        kind: 'compare',
        field: 'country',
        op: '=',
        value: "Brazil'; DROP TABLE records; --",
      },
    })
    expect(hostile.total).toBe(0)
  })

  it('returns one record in full, and says which id does not exist', async () => {
    const detail = await api.invoke('records:get', { id: 'PRVABC59' })
    expect(detail.record['id']).toBe('PRVABC59')
    expect(detail.sequence.length).toBe(detail.record['length'])
    const error = await api.failure('records:get', { id: 'no-such-virus' })
    expect(error.code).toBe('NOT_FOUND')
    expect(error.message).toContain('no-such-virus')
  })

  it('finds the genome a pasted read came from, with its alignment', async () => {
    const genome = (await api.invoke('records:get', { id: 'PRVABC59' })).sequence
    const read = genome.slice(3000, 3200)
    const response = await api.invoke('search:run', { query: `>read\n${read}\n`, k: 5 })
    // Other genomes share this stretch exactly; the source must be among the best hits.
    const hits = response.results[0]!.hits
    expect(hits[0]!.identity).toBe(1)
    const hit = hits.find((h) => h.id === 'PRVABC59')!
    expect(hit.identity).toBe(1)
    expect(hit.subjectStart).toBe(3000)
    expect(hit.alignedSubject.toUpperCase()).toBe(read.toUpperCase())
    expect(response.plan.records).toBe('exhaustive')
  })

  it('explains a bad query instead of searching', async () => {
    expect((await api.failure('search:run', { query: '' })).message).toMatch(/empty/)
    const protein = await api.failure('search:run', { query: 'MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQ' })
    expect(protein.code).toBe('INVALID_QUERY')
  })

  it('rejects an unreadable file on its own row and keeps the catalog whole', async () => {
    const bad = dir.file('broken.fasta')
    writeFileSync(bad, '>ok\nACGT\nthis line is not a sequence: 12345\n')
    const started = await api.invoke('ingest:start', { paths: [bad] })
    const done = await api.waitFor(doneFor(started.jobId))
    expect(done.report.files[0]).toMatchObject({ status: 'failed' })
    expect(done.report.errors[0]!.message).toContain('broken.fasta')
    expect((await api.invoke('catalog:current', {}))!.sequences).toBe(34)
  })

  it('cancels an ingest mid-file and adds none of it', async () => {
    const big = dir.file('big.fasta')
    const out = createWriteStream(big)
    const random = seededRandom(7)
    for (let i = 0; i < 40_000; i++) out.write(`>r${i}\n${randomDna(1_000, random)}\n`)
    await new Promise<void>((resolve) => out.end(resolve))
    const started = await api.invoke('ingest:start', { paths: [big] })
    await api.waitFor(
      (e): e is ApiEvent =>
        e.type === 'ingest' && e.jobId === started.jobId && e.event.type === 'progress',
    )
    expect(await api.invoke('ingest:cancel', { jobId: started.jobId })).toEqual({ cancelled: true })
    const done = await api.waitFor(doneFor(started.jobId))
    expect(done.report.files[0]!.status).toBe('cancelled')
    expect((await api.invoke('catalog:current', {}))!.sequences).toBe(34)
    expect(readFileSync(big).length).toBeGreaterThan(40_000_000)
  })
})

describe('the demo catalog', () => {
  it('is built on first use from resources/demo and opened read-only', async () => {
    const demo = await api.invoke('catalog:open-demo', {})
    expect(demo).toMatchObject({ demo: true, sequences: 418 })
    expect(demo.name).toMatch(/SARS-CoV-2/)
    const fields = await api.invoke('catalog:fields', {})
    expect(fields.map((f) => f.name)).toEqual(expect.arrayContaining(['country', 'date', 'host']))
    // A second open reuses what the first built.
    const again = await api.invoke('catalog:open-demo', {})
    expect(again.location).toBe(demo.location)
  }, 180_000)
})
