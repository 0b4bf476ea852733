/**
 * One pass over the records a filter selects, collecting what the overview and the query
 * builder show: lengths and GC for histograms, the most frequent values of each text and
 * yes/no field, and the range of each number and date field.
 */
import type { FieldSchema } from '../../shared/api.js'
import type { Catalog } from '../engine/catalog/catalog.js'
import type { FilterField } from '../engine/filter/fields.js'

/** Counting stops for a field past this many distinct values: ids and free text suggest nothing. */
const MAX_DISTINCT = 50_000
export const TOP_VALUES = 12

interface FieldTally {
  readonly field: FilterField
  counts: Map<string, number> | null
  present: number
  min: number | string | null
  max: number | string | null
}

export interface RecordScan {
  readonly matching: number
  readonly totalLength: number
  readonly lengths: Float64Array
  readonly gcs: Float64Array
  readonly tallies: ReadonlyMap<string, FieldTally>
}

const SKIPPED = new Set(['id', 'description', 'length', 'gc'])

function tallied(fields: readonly FilterField[]): FieldTally[] {
  return fields
    .filter((f) => !(f.builtin && SKIPPED.has(f.name)))
    .map((field) => ({
      field,
      counts: field.type === 'text' || field.type === 'boolean' ? new Map() : null,
      present: 0,
      min: null,
      max: null,
    }))
}

function add(tally: FieldTally, raw: unknown): void {
  if (raw === null || raw === undefined) return
  tally.present++
  const value = typeof raw === 'bigint' ? Number(raw) : typeof raw === 'boolean' ? String(raw) : raw
  if (tally.counts) {
    const key = typeof value === 'string' ? value : JSON.stringify(value)
    tally.counts.set(key, (tally.counts.get(key) ?? 0) + 1)
    if (tally.counts.size > MAX_DISTINCT) tally.counts = null
  }
  if (tally.field.type === 'integer' || tally.field.type === 'number') {
    const n = value as number
    if (tally.min === null || n < (tally.min as number)) tally.min = n
    if (tally.max === null || n > (tally.max as number)) tally.max = n
  } else if (tally.field.type === 'date') {
    // Partial dates ("2016-XX-XX") sort after full ones of the same year; ranges use full ones.
    const s = value as string
    if (s.includes('X')) return
    if (tally.min === null || s < (tally.min as string)) tally.min = s
    if (tally.max === null || s > (tally.max as string)) tally.max = s
  }
}

/** Scans the records matching `where` (SQL from the filter compiler), or all of them. */
export async function scanRecords(
  catalog: Catalog,
  fields: readonly FilterField[],
  where: string | undefined,
): Promise<RecordScan> {
  const tallies = tallied(fields)
  let query = catalog.tables.records
    .query()
    .select(['length', 'gc', ...tallies.map((t) => t.field.column)])
  if (where !== undefined) query = query.where(where)
  const lengths: number[] = []
  const gcs: number[] = []
  let totalLength = 0
  for await (const batch of query) {
    const length = batch.getChild('length')!
    const gc = batch.getChild('gc')!
    const columns = tallies.map((t) => batch.getChild(t.field.column)!)
    for (let i = 0; i < batch.numRows; i++) {
      const len = Number(length.get(i))
      lengths.push(len)
      totalLength += len
      const g = gc.get(i) as number | null
      if (g !== null) gcs.push(g)
      for (let t = 0; t < tallies.length; t++) add(tallies[t]!, columns[t]!.get(i))
    }
  }
  return {
    matching: lengths.length,
    totalLength,
    lengths: Float64Array.from(lengths),
    gcs: Float64Array.from(gcs),
    tallies: new Map(tallies.map((t) => [t.field.name, t])),
  }
}

function topValues(counts: Map<string, number> | null, present: number): FieldSchema['topValues'] {
  // A field whose every value is different (accessions, strain names) has no top values.
  if (!counts || (counts.size === present && present > TOP_VALUES)) return []
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, TOP_VALUES)
    .map(([value, count]) => ({ value, count }))
}

function extent(values: Float64Array): { min: number; max: number } | null {
  if (values.length === 0) return null
  let min = Infinity
  let max = -Infinity
  for (const v of values) {
    if (v < min) min = v
    if (v > max) max = v
  }
  return { min, max }
}

/** The field schema the query builder offers, from a scan of the whole catalog. */
export function toFieldSchemas(catalog: Catalog, scan: RecordScan): FieldSchema[] {
  const stored = new Map(
    (
      catalog.db.prepare('SELECT column_name, present, distinct_count FROM fields').all() as {
        column_name: string
        present: number
        distinct_count: number
      }[]
    ).map((r) => [r.column_name, r]),
  )
  const schemas: FieldSchema[] = []
  const builtin = (name: string, type: FieldSchema['type'], range: FieldSchema['range']) =>
    schemas.push({
      name,
      type,
      builtin: true,
      missing: 0,
      distinct: scan.matching,
      topValues: [],
      range,
    })
  const fromTally = (tally: FieldTally): FieldSchema => {
    const f = tally.field
    const counts = tally.counts
    return {
      name: f.name,
      type: f.type,
      builtin: f.builtin,
      missing: scan.matching - tally.present,
      distinct: counts ? counts.size : (stored.get(f.column)?.distinct_count ?? MAX_DISTINCT),
      topValues: topValues(counts, tally.present),
      range: tally.min === null || tally.max === null ? null : { min: tally.min, max: tally.max },
    }
  }
  const tallies = [...scan.tallies.values()]
  builtin('id', 'text', null)
  builtin('description', 'text', null)
  for (const tally of tallies) if (tally.field.builtin) schemas.push(fromTally(tally))
  builtin('length', 'integer', extent(scan.lengths))
  builtin('gc', 'number', extent(scan.gcs))
  for (const tally of tallies) if (!tally.field.builtin) schemas.push(fromTally(tally))
  return schemas
}
