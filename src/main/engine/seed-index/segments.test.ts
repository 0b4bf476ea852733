import { existsSync, readdirSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { initCatalog, openCatalog } from '../catalog/catalog.js'
import { ingest } from '../ingest/ingest.js'
import { queryFromText } from '../search/query-input.js'
import { Searcher } from '../search/search.js'
import { tempDir, type TempDir } from '../testing/fixtures.js'
import { mutateDna, randomDna, seededRandom } from '../testing/random-dna.js'
import { maintainIndexes } from '../vector-index/maintain.js'
import { catalogSeedIndex } from './catalog-seeds.js'
import { buildSeedIndex } from './seed-index.js'
import { listedSegments, seedsDir } from './segments.js'
import { MAX_SEGMENTS } from './maintain.js'
import { readSeedIndex, writeSeedIndex } from './store.js'

/*
 * A catalog fed in several ingests: each adds a segment, records added without indexing are
 * indexed in memory, replaced records are masked, and too many segments are merged.
 */
let dir: TempDir
let location: string
const random = seededRandom(21)
const sequences = new Map<string, string>()
let batch = 0

beforeAll(async () => {
  dir = tempDir()
  location = dir.file('catalog')
  await initCatalog(location)
})
afterAll(() => dir.remove())

/** Ingests `count` random 600 bp records (or the given ones) as one file. */
async function add(
  records: [string, string][] | number,
  options: Parameters<typeof ingest>[1] extends infer O ? Partial<O> : never = {},
) {
  const list: [string, string][] =
    typeof records === 'number'
      ? Array.from({ length: records }, (_, i) => [`b${batch}_${i}`, randomDna(600, random)])
      : records
  for (const [id, seq] of list) sequences.set(id, seq)
  const file = dir.file(`batch${batch++}.fa`)
  writeFileSync(file, list.map(([id, seq]) => `>${id}\n${seq}\n`).join(''))
  return ingest(location, { files: [file], ...options })
}

async function topHit(id: string): Promise<{ id: string | undefined; plan: string }> {
  const catalog = await openCatalog(location)
  try {
    const searcher = await Searcher.open(catalog, { method: 'seeds', k: 1 })
    const query = mutateDna(sequences.get(id)!.slice(50, 450), 0.04, random)
    const [result] = await searcher.searchMany(queryFromText(query, 7))
    return { id: result!.hits[0]?.id, plan: searcher.plan.records }
  } finally {
    catalog.close()
  }
}

async function segments() {
  const catalog = await openCatalog(location)
  try {
    return listedSegments(catalog.db)
  } finally {
    catalog.close()
  }
}

describe('seed index segments', () => {
  it('writes a segment per ingest, and searches them together', async () => {
    const first = await add(1_200)
    expect(first.indexes!.find((r) => r.kind === 'seeds')).toMatchObject({
      action: 'built',
      rows: 1_200,
    })
    const second = await add(300)
    expect(second.indexes!.find((r) => r.kind === 'seeds')).toMatchObject({
      action: 'refreshed',
      unindexedBefore: 300,
      rows: 1_500,
    })
    const listed = await segments()
    expect(listed.map((s) => s.records)).toEqual([1_200, 300])
    expect(listed.every((s) => existsSync(join(location, 'seeds', s.file)))).toBe(true)
    expect(await topHit('b0_17')).toEqual({ id: 'b0_17', plan: 'seeds' })
    expect(await topHit('b1_5')).toEqual({ id: 'b1_5', plan: 'seeds' })
  })

  it('indexes in memory what was added without indexing, and hides replaced records', async () => {
    await add(20, { index: false })
    expect(await segments()).toHaveLength(2)
    expect(await topHit('b2_3')).toMatchObject({ id: 'b2_3' })
    // b0_17 gets a new sequence: its old one, still in the first segment, must not be found.
    const old = sequences.get('b0_17')!
    await add([['b0_17', randomDna(600, random)]], { onDuplicate: 'replace', index: false })
    sequences.set('old', old)
    expect((await topHit('old')).id).toBeUndefined()
    expect(await topHit('b0_17')).toMatchObject({ id: 'b0_17' })
  })

  it('merges segments past the limit and removes the files it replaced', async () => {
    const actions: string[] = []
    while ((await segments()).length < MAX_SEGMENTS)
      actions.push((await add(10)).indexes!.find((r) => r.kind === 'seeds')!.action)
    expect(actions.every((a) => a === 'refreshed')).toBe(true)
    const merged = await add(10)
    expect(merged.indexes!.find((r) => r.kind === 'seeds')!.action).toBe('rebuilt')
    const listed = await segments()
    expect(listed).toHaveLength(1)
    // Every live record, the replaced sequence gone.
    expect(listed[0]!.records).toBe(1_520 + 10 * (actions.length + 1))
    expect(readdirSync(join(location, 'seeds'))).toEqual([listed[0]!.file])
    expect((await topHit('old')).id).toBeUndefined()
    expect(await topHit('b1_5')).toMatchObject({ id: 'b1_5' })
  })

  it('searches on when a segment file is damaged, and a rebuild replaces it', async () => {
    const [segment] = await segments()
    const path = join(location, 'seeds', segment!.file)
    truncateSync(path, 1000)
    expect(await topHit('b1_5')).toMatchObject({ id: 'b1_5', plan: 'seeds' })
    const catalog = await openCatalog(location, { write: true })
    try {
      const reports = await maintainIndexes(catalog, { rebuild: true })
      expect(reports.find((r) => r.kind === 'seeds')!.action).toBe('rebuilt')
      expect(existsSync(path)).toBe(false)
      expect(readdirSync(seedsDir(catalog))).toHaveLength(1)
    } finally {
      catalog.close()
    }
    const reader = await openCatalog(location)
    try {
      const loaded = (await catalogSeedIndex(reader))!
      expect(loaded).toHaveLength(1)
      expect(loaded[0]!.live).toBeUndefined()
    } finally {
      reader.close()
    }
  })
})

describe('seed index files', () => {
  it('read back exactly what was written, and name the file when damaged', () => {
    const r = seededRandom(5)
    const index = buildSeedIndex(
      Array.from({ length: 50 }, (_, i) => ({
        rid: i + 1,
        residues: new TextEncoder().encode(randomDna(100 + i * 7, r)),
      })),
    )
    const path = dir.file('one.bin')
    writeSeedIndex(path, index)
    expect(readSeedIndex(path)).toEqual(index)
    truncateSync(path, 5_000)
    expect(() => readSeedIndex(path)).toThrow(/Seed index .*one\.bin is damaged: \w+ cut short/)
    writeFileSync(path, 'not an index')
    expect(() => readSeedIndex(path)).toThrow(/is damaged: not a seed index/)
  })
})
