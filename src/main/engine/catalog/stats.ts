import type {
  Alphabet,
  CatalogStats,
  FieldInfo,
  FieldType,
  Summary,
} from '../../../shared/catalog-types.js'
import { describeLocation } from '../storage/location.js'
import type { Catalog } from './catalog.js'
import { FORMAT_VERSION, getInfo } from './meta-db.js'

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN
  const at = (sorted.length - 1) * q
  const lo = Math.floor(at)
  const hi = Math.ceil(at)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo)
}

export function summarize(values: Float64Array): Summary | null {
  if (values.length === 0) return null
  const sorted = values.slice().sort()
  let sum = 0
  for (const v of sorted) sum += v
  return {
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    mean: sum / sorted.length,
    median: quantile(sorted, 0.5),
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
  }
}

/** Counts, length and GC distributions and the field schema of a catalog. */
export async function catalogStats(catalog: Catalog): Promise<CatalogStats> {
  const table = catalog.tables.records
  const total = await table.countRows()
  const lengths = new Float64Array(total)
  const gcs = new Float64Array(total)
  let gcCount = 0
  let n = 0
  let totalLength = 0
  const alphabets: Partial<Record<Alphabet, number>> = {}
  for await (const batch of table.query().select(['length', 'gc', 'alphabet'])) {
    const length = batch.getChild('length')!
    const gc = batch.getChild('gc')!
    const alphabet = batch.getChild('alphabet')!
    for (let i = 0; i < batch.numRows; i++) {
      const len = length.get(i) as number
      lengths[n++] = len
      totalLength += len
      const g = gc.get(i) as number | null
      if (g !== null) gcs[gcCount++] = g
      const a = alphabet.get(i) as Alphabet
      alphabets[a] = (alphabets[a] ?? 0) + 1
    }
  }
  const rows = catalog.db
    .prepare('SELECT name, type, present, distinct_count FROM fields ORDER BY position')
    .all() as { name: string; type: FieldType; present: number; distinct_count: number }[]
  const fields: FieldInfo[] = rows.map((r) => ({
    name: r.name,
    type: r.type,
    missing: Math.max(0, total - r.present),
    distinct: r.distinct_count,
  }))
  const sources = catalog.db.prepare('SELECT COUNT(*) FROM sources').pluck().get() as number
  return {
    location: describeLocation(catalog.location),
    formatVersion: Number(getInfo(catalog.db, 'format_version') ?? FORMAT_VERSION),
    sequences: total,
    totalLength,
    alphabets,
    length: summarize(lengths.subarray(0, n)),
    gc: summarize(gcs.subarray(0, gcCount)),
    sources,
    embedder: catalog.embedder,
    fields,
  }
}
