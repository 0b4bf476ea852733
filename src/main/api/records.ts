/** Reading handlers: the overview, the field schema, record pages and one record in full. */
import { parseFilter } from '../../shared/filter/index.js'
import { GenocatError } from '../../shared/errors.js'
import { sqlText } from '../engine/filter/compile.js'
import { catalogFields } from '../engine/filter/fields.js'
import { prepareFilter, queryRecords, toRecordView, viewColumns } from '../engine/filter/query.js'
import { fetchSequences } from '../engine/search/rerank.js'
import { histogram } from './bins.js'
import type { HandlerDeps, Handlers } from './handlers.js'
import { scanRecords, toFieldSchemas } from './scan.js'

type RecordMethods =
  'catalog:fields' | 'catalog:overview' | 'records:query' | 'records:get' | 'filter:check'

const DEFAULT_PAGE = 1_000

export function recordHandlers({ session }: HandlerDeps): Handlers<RecordMethods> {
  return {
    'catalog:fields': () => session.fields(),
    'catalog:overview': async ({ where }) => {
      const catalog = session.require()
      const all = await session.scan()
      const fields = catalogFields(catalog.db)
      const scan =
        where === undefined
          ? all
          : await scanRecords(catalog, fields, prepareFilter(fields, where).sql)
      return {
        sequences: all.matching,
        totalLength: all.totalLength,
        matching: scan.matching,
        lengthBins: histogram(scan.lengths, 24, true),
        gcBins: histogram(scan.gcs, 24),
        fields: toFieldSchemas(catalog, scan),
      }
    },
    'records:query': async ({ where, limit, offset }) => {
      const catalog = session.require()
      const fields = catalogFields(catalog.db)
      // Checked (and compiled) first, so a bad filter fails before any row is read.
      const sql = where === undefined ? undefined : prepareFilter(fields, where).sql
      const rows = []
      for await (const row of queryRecords(catalog, where, {
        limit: limit ?? DEFAULT_PAGE,
        ...(offset === undefined ? {} : { offset }),
      }))
        rows.push(row)
      const total = await catalog.tables.records.countRows(sql)
      return { rows, total, columns: fields.map((f) => f.name) }
    },
    'records:get': async ({ id }) => {
      const catalog = session.require()
      const fields = catalogFields(catalog.db)
      const found = (await catalog.tables.records
        .query()
        .where(`id = ${sqlText(id)}`)
        .select(viewColumns(fields))
        .limit(1)
        .toArray()) as Record<string, unknown>[]
      const row = found[0]
      if (!row)
        throw new GenocatError('NOT_FOUND', `There is no record "${id}" in this catalog.`, {
          record: id,
        })
      const rid = row['rid'] as bigint
      const residues = (await fetchSequences(catalog, [rid])).get(rid)
      return {
        record: toRecordView(fields, row),
        sequence: residues ? Buffer.from(residues).toString('latin1') : '',
      }
    },
    'filter:check': ({ text }) => {
      const catalog = session.require()
      const filter = parseFilter(text)
      prepareFilter(catalogFields(catalog.db), filter)
      return Promise.resolve({ filter })
    },
  }
}
