/**
 * Columns for catalog records, shared by Browse (rows are records) and Search (rows are hits
 * that carry their record): built-ins get proper headers and formats, metadata its own name.
 */
import type { RecordRow } from '../../../shared/api'
import type { FieldType } from '../../../shared/catalog-types'
import { formatCount, formatFraction } from '../lib/format'
import type { CellValue, Column } from './column'

interface BuiltIn {
  readonly header: string
  readonly width?: number
  readonly align?: 'right'
  readonly hidden?: boolean
  readonly format?: (value: string | number | boolean) => string
}

const BUILT_INS: Readonly<Record<string, BuiltIn>> = {
  id: { header: 'ID', width: 170 },
  description: { header: 'Description', width: 320, hidden: true },
  alphabet: { header: 'Alphabet', width: 90 },
  length: {
    header: 'Length',
    width: 100,
    align: 'right',
    format: (v) => (typeof v === 'number' ? formatCount(v) : String(v)),
  },
  gc: {
    header: 'GC',
    width: 80,
    align: 'right',
    format: (v) => (typeof v === 'number' ? formatFraction(v) : String(v)),
  },
}

const numeric = (type: FieldType | undefined): boolean => type === 'integer' || type === 'number'

/**
 * A field's value as people read it: GC as a percentage, lengths with separators. Metadata
 * numbers stay as stored: a year is 2016, not 2,016.
 */
export function formatFieldValue(name: string, value: CellValue): string {
  if (value === null || value === '') return '—'
  const format = BUILT_INS[name]?.format
  return format ? format(value) : String(value)
}

export interface RecordColumnOptions {
  /** Field types, to right-align numbers. */
  readonly types?: ReadonlyMap<string, FieldType>
  /** Whether a metadata field starts hidden (built-ins decide for themselves). */
  readonly hideMetadata?: (name: string, position: number) => boolean
  /** Prefix for column ids, when records are not the table's only columns. */
  readonly idPrefix?: string
}

/** One column per field name, reading the record out of each row. */
export function recordColumns<Row>(
  names: readonly string[],
  record: (row: Row) => RecordRow,
  options: RecordColumnOptions = {},
): Column<Row>[] {
  let metadataPosition = 0
  return names.map((name) => {
    const builtIn = BUILT_INS[name]
    const value = (row: Row): CellValue => record(row)[name] ?? null
    const id = `${options.idPrefix ?? ''}${name}`
    if (builtIn) {
      return {
        id,
        header: builtIn.header,
        value,
        width: builtIn.width,
        align: builtIn.align,
        format: builtIn.format,
        hiddenByDefault: builtIn.hidden,
      }
    }
    const type = options.types?.get(name)
    return {
      id,
      header: name,
      value,
      align: numeric(type) ? 'right' : 'left',
      width: numeric(type) ? 100 : type === 'date' ? 110 : 140,
      hiddenByDefault: options.hideMetadata?.(name, metadataPosition++) ?? false,
    }
  })
}
