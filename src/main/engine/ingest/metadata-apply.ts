import type { FieldType } from '../../../shared/catalog-types.js'
import { GenocatError } from '../../../shared/errors.js'
import {
  Bool,
  DateDay,
  Float64,
  Int64,
  Table,
  Utf8,
  vectorFromArray,
  type DataType,
  type Vector,
} from '../catalog/arrow.js'
import type { Catalog } from '../catalog/catalog.js'
import { metadataFields } from '../catalog/lance-schema.js'
import { fits, parseValue, TypeInference, type FieldValue } from '../formats/field-types.js'
import type { RowSource } from '../formats/metadata-table.js'

const BATCH_ROWS = 20_000
const LISTED_UNMATCHED = 20

interface TargetField {
  readonly name: string
  readonly column: string
  readonly type: FieldType
  readonly index: number
}

export interface MetadataResult {
  readonly rows: number
  readonly matched: number
  readonly unmatched: readonly string[]
  readonly unmatchedCount: number
}

const ARROW_TYPE: Record<FieldType, () => DataType> = {
  integer: () => new Int64(),
  number: () => new Float64(),
  boolean: () => new Bool(),
  text: () => new Utf8(),
  date: () => new Utf8(),
}

/** Pass 1: types of the table's columns, and its ids checked (present, unique). */
async function inferColumns(source: RowSource): Promise<FieldType[]> {
  const inference = source.columns.map((name) => new TypeInference(name))
  const ids = new Map<string, number>()
  const repeated: string[] = []
  for await (const row of source.rows()) {
    const id = row.values[source.idIndex]?.trim() ?? ''
    if (id === '') {
      throw new GenocatError(
        'METADATA_ERROR',
        `${source.label}, line ${row.line}: the id column "${source.columns[source.idIndex]}" is empty.`,
        { file: source.label, line: row.line },
      )
    }
    if (ids.has(id)) repeated.push(`"${id}" (lines ${ids.get(id)} and ${row.line})`)
    else ids.set(id, row.line)
    row.values.forEach((value, i) => inference[i]!.add(value))
  }
  if (repeated.length > 0) {
    throw new GenocatError(
      'DUPLICATE_IDS',
      `${source.label}: ${repeated.length} id(s) appear more than once: ${repeated.slice(0, 20).join(', ')}.`,
      { file: source.label },
    )
  }
  return inference.map((i) => i.result())
}

/** Finds or creates each column's field; new fields become new Lance columns (schema evolution). */
async function resolveFields(
  catalog: Catalog,
  source: RowSource,
  types: FieldType[],
): Promise<TargetField[]> {
  const db = catalog.db
  const existing = new Map(
    (
      db.prepare('SELECT name, column_name, type FROM fields').all() as {
        name: string
        column_name: string
        type: FieldType
      }[]
    ).map((f) => [f.name, f]),
  )
  let position =
    (db.prepare('SELECT COALESCE(MAX(position), 0) FROM fields').pluck().get() as number) + 1
  const targets: TargetField[] = []
  const added: TargetField[] = []
  source.columns.forEach((name, index) => {
    if (index === source.idIndex) return
    const known = existing.get(name)
    const inferred = types[index]!
    if (known) {
      if (!fits(known.type, inferred) && inferred !== 'text') {
        throw new GenocatError(
          'METADATA_ERROR',
          `${source.label}: field "${name}" holds ${known.type} values in the catalog, but this table has ${inferred} values.`,
          { file: source.label, field: name },
        )
      }
      targets.push({ name, column: known.column_name, type: known.type, index })
    } else {
      const field = { name, column: `m${position++}`, type: inferred, index }
      targets.push(field)
      added.push(field)
    }
  })
  if (added.length > 0) {
    await catalog.tables.records.addColumns(added.flatMap((f) => metadataFields(f.column, f.type)))
    const insert = db.prepare(
      'INSERT INTO fields (name, column_name, type, position) VALUES (?, ?, ?, ?)',
    )
    for (const f of added) insert.run(f.name, f.column, f.type, Number(f.column.slice(1)))
  }
  return targets
}

function toTable(rids: bigint[], fields: readonly TargetField[], values: FieldValue[][]): Table {
  const columns: Record<string, Vector> = { rid: vectorFromArray(rids, new Int64()) }
  fields.forEach((field, f) => {
    const column = values[f]!
    if (field.type === 'date') {
      const dates = column as ({ text: string; lo: Date; hi: Date } | null)[]
      columns[field.column] = vectorFromArray(
        dates.map((d) => d?.text ?? null),
        new Utf8(),
      )
      columns[`${field.column}_lo`] = vectorFromArray(
        dates.map((d) => d?.lo ?? null),
        new DateDay(),
      )
      columns[`${field.column}_hi`] = vectorFromArray(
        dates.map((d) => d?.hi ?? null),
        new DateDay(),
      )
    } else {
      columns[field.column] = vectorFromArray(column, ARROW_TYPE[field.type]())
    }
  })
  return new Table(columns)
}

/**
 * Applies a metadata table to the records it names: two streamed passes (infer, then write),
 * rows matched by sequence id, values merged into the records table by row id. Sequences are
 * never rewritten. Must run inside a Job.
 */
export async function applyMetadata(catalog: Catalog, source: RowSource): Promise<MetadataResult> {
  const types = await inferColumns(source)
  const fields = await resolveFields(catalog, source, types)
  const findRid = catalog.db.prepare('SELECT rid FROM seq_index WHERE id = ?').pluck()
  const unmatched: string[] = []
  let unmatchedCount = 0
  let rows = 0
  let matched = 0
  let rids: bigint[] = []
  let values: FieldValue[][] = fields.map(() => [])
  const flush = async (): Promise<void> => {
    if (rids.length === 0) return
    await catalog.tables.records
      .mergeInsert('rid')
      .whenMatchedUpdateAll()
      .execute(toTable(rids, fields, values))
    rids = []
    values = fields.map(() => [])
  }
  for await (const row of source.rows()) {
    rows++
    const id = row.values[source.idIndex]!.trim()
    const rid = findRid.get(id) as number | undefined
    if (rid === undefined) {
      unmatchedCount++
      if (unmatched.length < LISTED_UNMATCHED) unmatched.push(id)
      continue
    }
    matched++
    rids.push(BigInt(rid))
    fields.forEach((field, f) => {
      const text = row.values[field.index] ?? ''
      const value = parseValue(field.type, text)
      if (value === undefined) {
        throw new GenocatError(
          'METADATA_ERROR',
          `${source.label}, line ${row.line}, field "${field.name}": "${text}" is not a valid ${field.type} value.`,
          { file: source.label, line: row.line, field: field.name, record: id },
        )
      }
      values[f]!.push(value)
    })
    if (rids.length >= BATCH_ROWS) await flush()
  }
  await flush()
  await refreshFieldStats(
    catalog,
    fields.map((f) => f.name),
  )
  return { rows, matched, unmatched, unmatchedCount }
}

/** Recounts present and distinct values of fields from the records table. */
export async function refreshFieldStats(catalog: Catalog, names: readonly string[]): Promise<void> {
  const db = catalog.db
  const update = db.prepare('UPDATE fields SET present = ?, distinct_count = ? WHERE name = ?')
  for (const name of names) {
    const column = db.prepare('SELECT column_name FROM fields WHERE name = ?').pluck().get(name) as
      string | undefined
    if (!column) continue
    const distinct = new Set<unknown>()
    let present = 0
    for await (const batch of catalog.tables.records.query().select([column])) {
      const vector = batch.getChild(column)
      if (!vector) continue
      for (const value of vector) {
        if (value === null || value === undefined) continue
        present++
        distinct.add(typeof value === 'bigint' ? value.toString() : value)
      }
    }
    update.run(present, distinct.size, name)
  }
}
