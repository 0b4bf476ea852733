import { mkdirSync, writeFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GenocatError } from '../../../shared/errors.js'
import { tempDir, type TempDir } from '../testing/fixtures.js'
import { initCatalog, openCatalog } from './catalog.js'
import { catalogStats } from './stats.js'
import { ingest } from '../ingest/ingest.js'

let dir: TempDir
beforeEach(() => {
  dir = tempDir()
})
afterEach(() => dir.remove())

async function openError(location: string, write = false): Promise<GenocatError> {
  try {
    const c = await openCatalog(location, { write })
    c.close()
  } catch (error) {
    if (error instanceof GenocatError) return error
    throw error
  }
  throw new Error('expected opening to fail')
}

describe('catalogs', () => {
  it('are created with a format version, empty tables and the embedder that will make their vectors', async () => {
    await initCatalog(dir.file('c'), { name: 'My catalog' })
    const c = await openCatalog(dir.file('c'))
    try {
      const stats = await catalogStats(c)
      expect(stats).toMatchObject({
        formatVersion: 1,
        sequences: 0,
        totalLength: 0,
        length: null,
        fields: [],
      })
      expect(stats.embedder).toMatchObject({ name: 'kmer-profile', dimensions: 128 })
    } finally {
      c.close()
    }
  })

  it('refuse a folder that is not a catalog, or not empty, or already one', async () => {
    expect((await openError(dir.path)).code).toBe('NOT_A_CATALOG')
    expect((await openError(dir.file('absent'))).message).toMatch(/does not exist/)
    writeFileSync(dir.file('catalog.sqlite'), 'not a database at all, just text')
    expect((await openError(dir.path)).code).toBe('NOT_A_CATALOG')
    mkdirSync(dir.file('full'))
    writeFileSync(dir.file('full/x'), '')
    await expect(initCatalog(dir.file('full'))).rejects.toThrow(/not empty/)
    await initCatalog(dir.file('c'))
    await expect(initCatalog(dir.file('c'))).rejects.toThrow(/already a Genocat catalog/)
  })

  it('of a newer format version are refused with advice to update', async () => {
    await initCatalog(dir.file('c'))
    const db = new Database(dir.file('c/catalog.sqlite'))
    db.prepare("UPDATE catalog_info SET value = '99' WHERE key = 'format_version'").run()
    db.close()
    const error = await openError(dir.file('c'))
    expect(error.code).toBe('CATALOG_TOO_NEW')
    expect(error.message).toMatch(/format version 99.*Update Genocat/)
  })

  it('have one writer at a time', async () => {
    await initCatalog(dir.file('c'))
    const writer = await openCatalog(dir.file('c'), { write: true })
    try {
      const again = await openError(dir.file('c'), true)
      expect(again.code).toBe('CATALOG_LOCKED')
      expect(again.message).toMatch(/already open for writing in this Genocat process/)
      // A lock naming another live process (the test runner's parent) is refused too.
      writeFileSync(
        dir.file('c/writer.lock'),
        JSON.stringify({
          pid: process.ppid,
          host: (await import('node:os')).hostname(),
          since: 'now',
        }),
      )
      const error = await openError(dir.file('c'), true)
      expect(error.code).toBe('CATALOG_LOCKED')
      expect(error.message).toContain(`pid ${process.ppid}`)
    } finally {
      writer.close()
    }
  })

  it('report length and GC distributions and alphabets', async () => {
    await initCatalog(dir.file('c'))
    writeFileSync(dir.file('s.fa'), '>a\nGGGG\n>b\nATAT\n>c\nGCAT\n>p\nMKLVE\n')
    await ingest(dir.file('c'), { files: [dir.file('s.fa')] })
    const c = await openCatalog(dir.file('c'))
    try {
      const stats = await catalogStats(c)
      expect(stats).toMatchObject({
        sequences: 4,
        totalLength: 17,
        alphabets: { dna: 3, protein: 1 },
      })
      expect(stats.length).toMatchObject({ min: 4, max: 5, median: 4 })
      expect(stats.gc).toMatchObject({ min: 0, max: 1, median: 0.5 })
    } finally {
      c.close()
    }
  })

  it('refuse remote locations this version cannot open yet, and unknown schemes', async () => {
    expect((await openError('s3://bucket/prefix')).code).toBe('UNSUPPORTED_LOCATION')
    expect((await openError('ftp://host/x')).code).toBe('UNSUPPORTED_LOCATION')
  })
})
