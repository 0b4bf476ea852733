import type { Catalog } from '../catalog/catalog.js'
import type { FilterField } from '../filter/fields.js'
import {
  recordViewsOf,
  viewColumns,
  viewReader,
  type RecordView,
  type ViewReader,
} from '../filter/query.js'

/*
 * Where a search's hits get their record fields. Each LanceDB lookup costs about 1.3 ms however
 * few rows it returns (`rid IN (…)`, `takeRowIds` and `takeOffsets` alike, 10 rows of the
 * bench's catalogs): most of a single read's search in an open catalog, whose ranking takes
 * 0.3 ms. So once a catalog has answered a few lookups, as the app and `genocat serve` do a
 * search at a time, its records' fields are read whole (50 ms for the bench's 19,900 genes)
 * and kept while it is open; a catalog object is pinned to one committed version, so they stay
 * true.
 * A single `genocat search` makes one lookup per batch, and never pays for the whole table.
 */

/** When a catalog's record fields are read whole and kept. */
export interface HitRecordLimits {
  /** Lookups a catalog answers from LanceDB before its fields are kept. */
  readonly lookupsBeforeKeeping: number
  /** Catalogs with more records are always looked up: their fields would take too much memory. */
  readonly maxKeptRecords: number
}

export const HIT_RECORD_LIMITS: HitRecordLimits = {
  lookupsBeforeKeeping: 4,
  // The bench's 19,900 genes' fields take 6 MB kept (4.2 MB of JavaScript values), so this
  // many about 30 MB.
  maxKeptRecords: 100_000,
}

/** Rids per `IN (…)` lookup. */
const RID_BATCH = 2_000

/** A catalog's record fields read whole, by rid; null when it holds too many records. */
interface KeptViews {
  readonly rowOf: Map<bigint, number>
  readonly reader: ViewReader
}

interface CatalogViews {
  lookups: number
  /** The fields kept, for the columns they were read for (a field added since is not there). */
  kept: { readonly columns: string; readonly views: Promise<KeptViews | null> } | null
}

const byCatalog = new WeakMap<Catalog, CatalogViews>()

/**
 * The record views of `rids` in `catalog`, by rid. A rid the catalog version does not hold
 * (deleted after a seed index was loaded) is absent.
 */
export async function hitRecordViews(
  catalog: Catalog,
  fields: readonly FilterField[],
  rids: readonly bigint[],
  limits: HitRecordLimits = HIT_RECORD_LIMITS,
): Promise<Map<bigint, RecordView>> {
  let state = byCatalog.get(catalog)
  if (!state) byCatalog.set(catalog, (state = { lookups: 0, kept: null }))
  const columns = viewColumns(fields).join('\u0000')
  if (state.kept?.columns !== columns) {
    state.kept = null
    if (++state.lookups > limits.lookupsBeforeKeeping) {
      const views = keepViews(catalog, fields, limits.maxKeptRecords)
      const entry = { columns, views }
      // A failed read is not kept: the next search tries again.
      views.catch(() => {
        if (state.kept === entry) state.kept = null
      })
      state.kept = entry
    }
  }
  const kept = state.kept ? await state.kept.views : null
  if (!kept) return lookUpViews(catalog, fields, rids)
  const out = new Map<bigint, RecordView>()
  for (const rid of rids) {
    const row = kept.rowOf.get(rid)
    if (row !== undefined) out.set(rid, kept.reader.view(row))
  }
  return out
}

async function keepViews(
  catalog: Catalog,
  fields: readonly FilterField[],
  maxRecords: number,
): Promise<KeptViews | null> {
  const table = catalog.tables.records
  if ((await table.countRows()) > maxRecords) return null
  const reader = viewReader(fields, await table.query().select(viewColumns(fields)).toArrow())
  const rowOf = new Map<bigint, number>()
  for (let row = 0; row < reader.rows; row++) rowOf.set(reader.rid(row), row)
  return { rowOf, reader }
}

/** The views asked of LanceDB, in lookups of {@link RID_BATCH} rids. */
async function lookUpViews(
  catalog: Catalog,
  fields: readonly FilterField[],
  rids: readonly bigint[],
): Promise<Map<bigint, RecordView>> {
  const chunks: (readonly bigint[])[] = []
  for (let from = 0; from < rids.length; from += RID_BATCH)
    chunks.push(rids.slice(from, from + RID_BATCH))
  // Asked all at once: LanceDB answers them on its own threads, and the ~4,300 records hit by
  // 500 genes came back in 15 ms instead of 27 one lookup after another.
  const lookups = chunks.map((chunk) =>
    catalog.tables.records
      .query()
      .where(`rid IN (${chunk.join(', ')})`)
      .select(viewColumns(fields))
      .toArrow(),
  )
  for (const lookup of lookups) lookup.catch(() => {}) // thrown below, where it is awaited
  const out = new Map<bigint, RecordView>()
  for (const lookup of lookups) {
    for (const { rid, view } of recordViewsOf(fields, await lookup)) out.set(rid, view)
  }
  return out
}
