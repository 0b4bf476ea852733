import { describe, expect, it } from 'vitest'
import type { Catalog } from '../catalog/catalog.js'
import { packEveryRecord, type EveryRecord } from './every-record.js'
import { KEEP_FILTERS, keptRecords } from './kept-records.js'

/** A catalog stands only as a key here: the records come from `load`. */
const fakeCatalog = (): Catalog => ({}) as Catalog

function loader(): { load: () => Promise<EveryRecord>; loads: () => number } {
  let loads = 0
  return {
    load: () => {
      loads++
      return Promise.resolve(packEveryRecord(new Map([[1n, new TextEncoder().encode('ACGT')]])))
    },
    loads: () => loads,
  }
}

describe('keptRecords', () => {
  it('loads the records of a catalog and filter once, and apart from other catalogs', async () => {
    const a = fakeCatalog()
    const b = fakeCatalog()
    const { load, loads } = loader()
    const first = await keptRecords(a, 'x = 1', load)
    first.queriesRanked = 3
    expect(await keptRecords(a, 'x = 1', load)).toBe(first)
    expect(loads()).toBe(1)
    const other = await keptRecords(b, 'x = 1', load)
    expect(other).not.toBe(first)
    expect(other.queriesRanked).toBe(0)
    expect(await keptRecords(a, undefined, load)).not.toBe(first)
    expect(loads()).toBe(3)
  })

  it(`keeps the ${KEEP_FILTERS} filters used last per catalog`, async () => {
    const catalog = fakeCatalog()
    const { load, loads } = loader()
    const filters = Array.from({ length: KEEP_FILTERS + 1 }, (_, i) => `x = ${i}`)
    for (const where of filters) await keptRecords(catalog, where, load)
    expect(loads()).toBe(KEEP_FILTERS + 1)
    // The latest KEEP_FILTERS are kept; the first was dropped and is loaded again.
    for (const where of filters.slice(1).reverse()) await keptRecords(catalog, where, load)
    expect(loads()).toBe(KEEP_FILTERS + 1)
    await keptRecords(catalog, filters[0], load)
    expect(loads()).toBe(KEEP_FILTERS + 2)
  })

  it('does not keep a failed load: the next search tries again', async () => {
    const catalog = fakeCatalog()
    await expect(
      keptRecords(catalog, undefined, () => Promise.reject(new Error('disk gone'))),
    ).rejects.toThrow('disk gone')
    const { load, loads } = loader()
    await keptRecords(catalog, undefined, load)
    expect(loads()).toBe(1)
  })
})
