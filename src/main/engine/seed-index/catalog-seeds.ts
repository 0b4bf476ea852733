import type { Catalog } from '../catalog/catalog.js'
import type { Data } from '../catalog/arrow.js'
import { buildSeedIndex, type SeedIndex, type SeedRecord } from './seed-index.js'

/**
 * Catalogs up to this many residues get a seed index in memory (about 3.2 bytes per residue:
 * the residues themselves and 12 bytes per minimizer). Larger ones are searched through
 * their LanceDB vectors alone.
 */
export const SEED_INDEX_MAX_RESIDUES = 600_000_000

/** One index per open catalog: a catalog object is pinned to one committed version. */
const cache = new WeakMap<Catalog, Promise<SeedIndex | null>>()

/**
 * The catalog's seed index, built on first use from the `sequences` table, or null when the
 * catalog is too large for one in memory (`maxResidues`).
 */
export function catalogSeedIndex(
  catalog: Catalog,
  maxResidues = SEED_INDEX_MAX_RESIDUES,
): Promise<SeedIndex | null> {
  let index = cache.get(catalog)
  if (!index) {
    index = buildFromCatalog(catalog, maxResidues)
    // A failure is not kept: the next search tries again.
    index.catch(() => cache.delete(catalog))
    cache.set(catalog, index)
  }
  return index
}

async function buildFromCatalog(catalog: Catalog, maxResidues: number): Promise<SeedIndex | null> {
  const records: SeedRecord[] = []
  let residues = 0
  const query = catalog.tables.sequences.query().select(['rid', 'sequence'])
  for await (const batch of query) {
    const ridColumn = batch.getChild('rid')!
    let row = 0
    for (const data of batch.getChild('sequence')!.data as Data[]) {
      const offsets = data.valueOffsets as Int32Array
      const values = data.values as Uint8Array
      for (let i = 0; i < data.length; i++, row++) {
        const start = offsets[data.offset + i]!
        const end = offsets[data.offset + i + 1]!
        residues += end - start
        if (residues > maxResidues) return null
        records.push({
          rid: Number(ridColumn.get(row) as bigint),
          residues: values.subarray(start, end),
        })
      }
    }
  }
  // Scans return rows in insertion order, which is rid order, unless a compaction moved them.
  if (records.some((r, i) => i > 0 && r.rid < records[i - 1]!.rid))
    records.sort((a, b) => a.rid - b.rid)
  return buildSeedIndex(records)
}
