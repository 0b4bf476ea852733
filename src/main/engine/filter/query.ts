import type { FilterNode } from '../../../shared/filter/index.js'
import { parseFilter } from '../../../shared/filter/index.js'
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
  for (const f of fields) {
    const v = row[f.column]
    view[f.name] =
      v === null || v === undefined
        ? null
        : typeof v === 'bigint'
          ? Number(v)
          : // GC is stored as float32; print the digits it actually holds, not 0.5102183222770691.
            f.column === 'gc'
            ? Number((v as number).toPrecision(6))
            : (v as string)
  }
  return view
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
      for (const row of batch.toArray() as Record<string, unknown>[]) {
        yield toRecordView(fields, row)
      }
    }
  })()
}
