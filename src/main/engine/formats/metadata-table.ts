import { parse } from 'csv-parse'
import { GenocatError } from '../../../shared/errors.js'
import { openInput } from './open-input.js'
import { pump } from './stream-util.js'

export interface MetadataRow {
  readonly line: number
  readonly values: readonly string[]
}

/** A table of metadata rows keyed by an id column, readable more than once (streamed each time). */
export interface RowSource {
  readonly label: string
  readonly columns: readonly string[]
  readonly idIndex: number
  rows(): AsyncIterable<MetadataRow>
}

const ID_CANDIDATES = ['id', 'strain', 'accession', 'name']

async function firstLine(path: string, label: string): Promise<string> {
  const input = await openInput(path, label)
  let text = ''
  for await (const chunk of input.chunks) {
    text += chunk.toString('utf8')
    if (text.includes('\n') || text.length > 1 << 20) break
  }
  return text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? ''
}

/** Opens a TSV or CSV table (sniffed from its header line; plain or gzip). */
export async function openMetadataTable(
  path: string,
  label: string,
  idColumn?: string,
): Promise<RowSource> {
  const header = await firstLine(path, label)
  const tabs = header.split('\t').length - 1
  const commas = header.split(',').length - 1
  if (tabs === 0 && commas === 0) {
    throw new GenocatError(
      'METADATA_ERROR',
      `${label}: the first line has a single column; a metadata table needs tab- or comma-separated columns with a header row.`,
      { file: label, line: 1 },
    )
  }
  const delimiter = tabs >= commas ? '\t' : ','
  const readRows = async function* (): AsyncGenerator<MetadataRow> {
    const input = await openInput(path, label)
    const parser = parse({
      delimiter,
      // TSV has no quoting (IANA text/tab-separated-values), so a value may start with '"'.
      quote: delimiter === ',' ? '"' : false,
      bom: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
    })
    const feed = pump(input.chunks, parser)
    try {
      for await (const item of parser) {
        const { record, info } = item as { record: string[]; info: { lines: number } }
        yield { line: info.lines, values: record }
      }
    } catch (error) {
      if (error instanceof GenocatError) throw error
      const line = (error as { lines?: number }).lines
      throw new GenocatError(
        'METADATA_ERROR',
        `${label}${line ? `, line ${line}` : ''}: ${(error as Error).message}`,
        { file: label, ...(line ? { line } : {}) },
      )
    } finally {
      parser.destroy()
      await feed
    }
  }
  let columns: string[] | null = null
  for await (const row of readRows()) {
    columns = row.values.map((c) => c.trim())
    break
  }
  if (!columns) throw new GenocatError('EMPTY_FILE', `${label} has no header row.`, { file: label })
  const seen = new Set<string>()
  columns.forEach((name, i) => {
    if (name === '')
      throw new GenocatError('METADATA_ERROR', `${label}, line 1: column ${i + 1} has no name.`, {
        file: label,
        line: 1,
      })
    if (seen.has(name))
      throw new GenocatError(
        'METADATA_ERROR',
        `${label}, line 1: column "${name}" appears twice.`,
        { file: label, line: 1, field: name },
      )
    seen.add(name)
  })
  const found = columns
  let idIndex: number
  if (idColumn !== undefined) {
    idIndex = found.indexOf(idColumn)
    if (idIndex < 0) {
      throw new GenocatError(
        'METADATA_ERROR',
        `${label}: there is no column "${idColumn}" (columns: ${found.join(', ')}).`,
        { file: label, field: idColumn },
      )
    }
  } else {
    const lower = found.map((c) => c.toLowerCase())
    idIndex = Math.max(0, ID_CANDIDATES.map((c) => lower.indexOf(c)).find((i) => i >= 0) ?? 0)
  }
  return {
    label,
    columns: found,
    idIndex,
    async *rows() {
      let first = true
      for await (const row of readRows()) {
        if (first) {
          first = false
          continue
        }
        if (row.values.length !== found.length) {
          throw new GenocatError(
            'METADATA_ERROR',
            `${label}, line ${row.line}: ${row.values.length} columns where the header has ${found.length}.`,
            { file: label, line: row.line },
          )
        }
        yield row
      }
    },
  }
}
