import { spawn } from 'node:child_process'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeReadSet } from '../../../bench/synthetic-reads.js'
import { initCatalog, openCatalog } from '../catalog/catalog.js'
import { catalogState } from '../testing/catalog-state.js'
import { tempDir, type TempDir } from '../testing/fixtures.js'
import { ingest } from './ingest.js'

let dir: TempDir
let reads: string
// Three Lance flushes' worth (FLUSH_ROWS is 50,000): the killed run commits the first one and
// still has 100,000 reads to go, so the kill always lands mid-file.
const READS = 150_000

beforeAll(async () => {
  dir = tempDir()
  reads = dir.file('reads.fq.gz')
  await writeReadSet(reads, { reads: READS, length: 100, gzip: true })
}, 120_000)
afterAll(() => dir.remove())

async function freshCatalog(name: string): Promise<string> {
  const catalog = dir.file(name)
  await initCatalog(catalog)
  writeFileSync(dir.file(`${name}.fa`), '>already\nACGTACGT\n')
  await ingest(catalog, { files: [dir.file(`${name}.fa`)] })
  return catalog
}

function lanceVersions(catalog: string): number {
  const versions = join(catalog, 'lance', 'records.lance', '_versions')
  return existsSync(versions) ? readdirSync(versions).length : 0
}

async function jobStatuses(catalog: string): Promise<string[]> {
  const c = await openCatalog(catalog)
  try {
    return c.db
      .prepare("SELECT status FROM jobs WHERE kind != 'index' ORDER BY id")
      .pluck()
      .all() as string[]
  } finally {
    c.close()
  }
}

// A spawned ingest and a full one: room for a CI runner slower than a laptop.
describe('interrupted ingestion', { timeout: 180_000 }, () => {
  it('a cancel mid-file leaves the catalog as it was before that file', async () => {
    const catalog = await freshCatalog('cancel')
    const before = await catalogState(catalog)
    const controller = new AbortController()
    const report = await ingest(catalog, {
      files: [reads],
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'progress' && event.records > 0) controller.abort()
      },
    })
    expect(report.files[0]).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED' } })
    expect(await catalogState(catalog)).toEqual(before)
    expect(await jobStatuses(catalog)).toEqual(['done', 'cancelled'])
  })

  it('a kill -9 mid-file: the reopened catalog shows nothing of the file, and ingesting it again adds it once', async () => {
    const catalog = await freshCatalog('killed')
    const before = await catalogState(catalog)
    const baseline = lanceVersions(catalog)
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/run.ts', 'ingest', catalog, reads, '--threads', '1'],
      {
        stdio: 'ignore',
      },
    )
    const exited = new Promise((resolve) => child.once('exit', resolve))
    // Wait until the killed run has committed Lance versions of its own (a batch was written).
    const deadline = Date.now() + 90_000
    while (lanceVersions(catalog) <= baseline && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20))
    expect(lanceVersions(catalog)).toBeGreaterThan(baseline)
    child.kill('SIGKILL')
    await exited
    expect(existsSync(join(catalog, 'writer.lock'))).toBe(true)

    expect(await catalogState(catalog)).toEqual(before)

    // Recovery is what is tested here; the IVF-PQ build a full ingest ends with is not (it has
    // its own tests) and would take most of this test's time.
    const report = await ingest(catalog, { files: [reads], index: false })
    expect(report.recovered.join('\n')).toMatch(
      /Removed a lock left by a Genocat process that is no longer running/,
    )
    expect(report.recovered.join('\n')).toMatch(
      /Rolled back the unfinished ingest of .*reads\.fq\.gz/,
    )
    expect(report.files[0]).toMatchObject({ status: 'added', records: READS })
    const after = await catalogState(catalog)
    expect(after['index']).toBe(READS + 1)
    expect((after['ids'] as string[]).length).toBe(READS + 1)
    expect(new Set(after['ids'] as string[]).size).toBe(READS + 1)
    expect(await jobStatuses(catalog)).toEqual(['done', 'rolled-back', 'done'])
  })
})
