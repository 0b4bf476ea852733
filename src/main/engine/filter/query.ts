import type { FilterNode } from '../../../shared/filter/index.js'
import { parseFilter } from '../../../shared/filter/index.js'
import type { Type as TypeId } from 'apache-arrow'
import { Type, type Vector } from '../catalog/arrow.js'
import type { Catalog } from '../catalog/catalog.js'
import { checkFilter, type CheckedFilter } from './check.js'
import { compileFilter } from './compile.js'
import { catalogFields, type FilterField } from './fields.js'

/** A filter ready to run: checked against the catalog and compiled to SQL. */
export interface PreparedFilter {
  readonly checked: CheckedFilter
  readonly sql: string
}

/** Accepts the text form or a tree (from the query builder); checks and compiles it. */
export function prepareFilter(
  fields: readonly FilterField[],
  filter: string | FilterNode,
): PreparedFilter {
  const tree = typeof filter === 'string' ? parseFilter(filter) : filter
  const checked = checkFilter(tree, fields)
  return { checked, sql: compileFilter(checked) }
}

/** A record as users see it: built-in fields plus metadata by field name. */
export type RecordView = Readonly<Record<string, string | number | boolean | null>>

/** Lance columns to read for a record view, and how to name them. */
export function viewColumns(fields: readonly FilterField[]): string[] {
  return ['rid', ...fields.map((f) => f.column)]
}

export function toRecordView(
  fields: readonly FilterField[],
  row: Readonly<Record<string, unknown>>,
): RecordView {
  const view: Record<string, string | number | boolean | null> = {}
  for (const f of fields) view[f.name] = viewValue(f, row[f.column])
  return view
}

function viewValue(field: FilterField, v: unknown): string | number | boolean | null {
  return v === null || v === undefined
    ? null
    : typeof v === 'bigint'
      ? Number(v)
      : // GC is stored as float32; print the digits it actually holds, not 0.5102183222770691.
        field.column === 'gc'
        ? Number((v as number).toPrecision(6))
        : (v as string | number | boolean)
}

/** The part of an Arrow batch or table {@link recordViewsOf} reads. */
export interface ViewColumns {
  readonly numRows: number
  getChild(name: string): Vector | null
}

/** Record views read out of a batch of {@link viewColumns}, one row at a time. */
export interface ViewReader {
  readonly rows: number
  rid(row: number): bigint
  view(row: number): RecordView
}

/**
 * Reads the batch column by column: Arrow's row objects are proxies that cost microseconds per
 * field, which a search's thousands of hits felt. A numeric column is read out once, as its
 * typed array; text is decoded a value at a time, as asked: a million records' ids,
 * descriptions and checksums as JavaScript strings would take some 200 MB more than their
 * Arrow bytes, which is all a search keeps of them (hit-records.ts).
 */
export function viewReader(fields: readonly FilterField[], batch: ViewColumns): ViewReader {
  const read = (column: string): ((row: number) => unknown) => {
    const vector = batch.getChild(column)
    if (!vector) throw new Error(`the catalog's records have no column ${column}`)
    // toArray() gives numeric columns' raw buffers, where a missing value reads as 0.
    const typeId = (vector.type as { readonly typeId: TypeId }).typeId
    if (vector.nullCount > 0 || (typeId !== Type.Int && typeId !== Type.Float))
      return (row) => vector.get(row) as unknown
    const values = vector.toArray() as ArrayLike<unknown>
    return (row) => values[row]
  }
  const rids = read('rid')
  const columns = fields.map((f) => read(f.column))
  return {
    rows: batch.numRows,
    rid: (row) => rids(row) as bigint,
    view: (row) => {
      const view: Record<string, string | number | boolean | null> = {}
      fields.forEach((f, c) => (view[f.name] = viewValue(f, columns[c]!(row))))
      return view
    },
  }
}

/** Every record view of a batch of {@link viewColumns}, in its order. */
export function recordViewsOf(
  fields: readonly FilterField[],
  batch: ViewColumns,
): { rid: bigint; view: RecordView }[] {
  // LanceDB answers a query that matches nothing with a table without columns.
  if (batch.numRows === 0) return []
  const reader = viewReader(fields, batch)
  const out: { rid: bigint; view: RecordView }[] = []
  for (let row = 0; row < reader.rows; row++)
    out.push({ rid: reader.rid(row), view: reader.view(row) })
  return out
}

export interface QueryOptions {
  readonly limit?: number
  readonly offset?: number
}

/**
 * Lists the records matching `filter` (all records when it is undefined), in catalog order,
 * streaming from LanceDB batch by batch. The filter is checked now, so a bad filter throws
 * before the first row is asked for.
 */
export function queryRecords(
  catalog: Catalog,
  filter: string | FilterNode | undefined,
  options: QueryOptions = {},
): AsyncIterable<RecordView> {
  const fields = catalogFields(catalog.db)
  let query = catalog.tables.records.query().select(viewColumns(fields))
  if (filter !== undefined) query = query.where(prepareFilter(fields, filter).sql)
  if (options.limit !== undefined) query = query.limit(options.limit)
  if (options.offset !== undefined) query = query.offset(options.offset)
  return (async function* () {
    for await (const batch of query) {
      for (const { view } of recordViewsOf(fields, batch)) yield view
    }
  })()
}
