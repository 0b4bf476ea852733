import { openCatalog } from '../../main/engine/catalog/catalog.js'
import { catalogFields } from '../../main/engine/filter/fields.js'
import { queryRecords } from '../../main/engine/filter/query.js'
import { StdoutLines } from '../output/write-line.js'

export interface QueryCommandOptions {
  readonly where?: string
  readonly limit?: number
  readonly json?: boolean
}

const cell = (v: string | number | boolean | null): string =>
  v === null ? '' : String(v).replace(/[\t\r\n]/g, ' ')

/** `genocat query`: the records matching a filter, as TSV with a header or as a JSON array. */
export async function runQuery(location: string, opts: QueryCommandOptions): Promise<void> {
  const catalog = await openCatalog(location)
  try {
    const names = catalogFields(catalog.db).map((f) => f.name)
    const rows = queryRecords(catalog, opts.where, opts.limit ? { limit: opts.limit } : {})
    const out = new StdoutLines()
    // Rows stream out as they come, so a million matches never sit in memory at once.
    if (opts.json) {
      let first = true
      await out.write('[')
      for await (const row of rows) {
        await out.write((first ? '' : ',') + JSON.stringify(row))
        first = false
      }
      await out.write(']')
      await out.flush()
      return
    }
    await out.write(names.join('\t'))
    for await (const row of rows) await out.write(names.map((n) => cell(row[n] ?? null)).join('\t'))
    await out.flush()
  } finally {
    catalog.close()
  }
}
