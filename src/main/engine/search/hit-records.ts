import type { Table as ArrowTable } from 'apache-arrow'
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
 * bench's catalogs), and 3 ms at a million records even through the rid index: most of a single
 * read's search in an open catalog, whose ranking takes 0.3 to 0.5 ms. So once a catalog has
 * answered a few lookups, as the app and `genocat serve` do a search at a time, its records'
 * fields are read whole (50 ms for the bench's 19,900 genes, 0.5 s for a million reads) and
 * kept as Arrow columns while it is open; a catalog object is pinned to one committed version,
 * so they stay true. The read goes on beside the searches: until it is done they are answered
 * by lookups, so the search that starts it does not wait half a second at a million records
 * (lookups made meanwhile share LanceDB's threads with the read: ~10 ms there, not 3). A single
 * `genocat search` makes one lookup per batch, and never pays for the whole table.
 */

/** When a catalog's record fields are read whole and kept. */
export interface HitRecordLimits {
  /** Lookups a catalog answers from LanceDB before its fields are kept. */
  readonly lookupsBeforeKeeping: number
  /** A catalog whose fields would take more memory than this is always looked up. */
  readonly maxKeptBytes: number
}

export const HIT_RECORD_LIMITS: HitRecordLimits = {
  lookupsBeforeKeeping: 4,
  // The fields of the bench's million 150 bp reads (ids, descriptions, checksums, lengths, GC)
  // take 86 MB as Arrow columns.
  maxKeptBytes: 256 << 20,
}

/** Rows read to estimate what a catalog's fields take per record. */
const SAMPLE_ROWS = 1_000

/** Rids per `IN (…)` lookup. */
const RID_BATCH = 2_000

/** A catalog's record fields read whole, with the row of each rid. */
interface KeptViews {
  /** The row holding a rid, or -1. */
  readonly rowOf: (rid: bigint) => number
  readonly reader: ViewReader
}

/** A catalog's fields for the columns they were read for (a field added since is not there). */
interface KeptEntry {
  readonly columns: string
  readonly views: Promise<KeptViews | null>
  /** Once read: the fields, or null when they take too much memory to keep. */
  ready?: KeptViews | null
}

interface CatalogViews {
  lookups: number
  kept: KeptEntry | null
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
      const entry: KeptEntry = { columns, views: keepViews(catalog, fields, limits.maxKeptBytes) }
      void entry.views.then(
        (views) => {
          entry.ready = views
        },
        // A failed read is not kept: a later search tries again.
        () => {
          if (state.kept === entry) state.kept = null
        },
      )
      state.kept = entry
    }
  }
  const kept = state.kept?.ready
  if (!kept) return lookUpViews(catalog, fields, rids)
  const out = new Map<bigint, RecordView>()
  for (const rid of rids) {
    const row = kept.rowOf(rid)
    if (row >= 0) out.set(rid, kept.reader.view(row))
  }
  return out
}

/**
 * Settles once the read of a catalog's fields that its searches started, if any, is done (or
 * has failed): searches after it are answered from the kept fields when they fit the budget.
 * For measurements of a warm catalog and for tests.
 */
export async function hitRecordsKept(catalog: Catalog): Promise<void> {
  await byCatalog.get(catalog)?.kept?.views.catch(() => null)
}

async function keepViews(
  catalog: Catalog,
  fields: readonly FilterField[],
  maxBytes: number,
): Promise<KeptViews | null> {
  const table = catalog.tables.records
  const columns = viewColumns(fields)
  const rows = await table.countRows()
  if (rows === 0) return null
  // A sample tells what the whole would take before it is read: metadata tables differ.
  const sample = await table.query().select(columns).limit(SAMPLE_ROWS).toArrow()
  if (sample.numRows > 0 && (arrowBytes(sample) / sample.numRows) * rows > maxBytes) return null
  const whole = await table.query().select(columns).toArrow()
  const reader = viewReader(fields, whole)
  return { rowOf: rowFinder(whole.getChild('rid')!.toArray() as BigInt64Array), reader }
}

/** The bytes of a table's column buffers. */
function arrowBytes(table: ArrowTable): number {
  let bytes = 0
  for (const batch of table.batches) {
    for (const column of batch.data.children) {
      bytes += (column.values as ArrayBufferView | undefined)?.byteLength ?? 0
      bytes += (column.valueOffsets as ArrayBufferView | undefined)?.byteLength ?? 0
      bytes += column.nullBitmap?.byteLength ?? 0
    }
  }
  return bytes
}

/**
 * The row of a rid, found by binary search: records are stored in rid order (ingest assigns
 * them rising) unless an update moved some, and then the rows are ordered by rid once. A map
 * of a million bigint keys would take some 100 MB and half a second to build.
 */
export function rowFinder(rids: BigInt64Array): (rid: bigint) => number {
  let ascending = true
  for (let i = 1; i < rids.length && ascending; i++) ascending = rids[i - 1]! < rids[i]!
  const order = ascending
    ? null
    : Uint32Array.from(rids.keys()).sort((a, b) => (rids[a]! < rids[b]! ? -1 : 1))
  const at = order ? (i: number): bigint => rids[order[i]!]! : (i: number): bigint => rids[i]!
  return (rid) => {
    let lo = 0
    let hi = rids.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const value = at(mid)
      if (value === rid) return order ? order[mid]! : mid
      if (value < rid) lo = mid + 1
      else hi = mid - 1
    }
    return -1
  }
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
