import {
  Binary,
  Bool,
  DateDay,
  Field,
  FixedSizeList,
  Float32,
  Float64,
  Int32,
  Int64,
  Schema,
  Utf8,
  type DataType,
} from './arrow.js'
import type { FieldType } from '../../../shared/catalog-types.js'

/** Lance tables of a catalog. `records` is what search and filters scan; `sequences` holds
 * the residues and qualities apart, so adding metadata never rewrites them. */
export const TABLES = ['records', 'sequences', 'windows'] as const
export type TableName = (typeof TABLES)[number]

function vector(dimensions: number): FixedSizeList {
  return new FixedSizeList(dimensions, new Field('item', new Float32(), true))
}

export function recordsSchema(dimensions: number): Schema {
  return new Schema([
    new Field('rid', new Int64(), false),
    new Field('id', new Utf8(), false),
    new Field('description', new Utf8(), false),
    new Field('alphabet', new Utf8(), false),
    new Field('length', new Int32(), false),
    new Field('gc', new Float32(), true),
    new Field('checksum', new Utf8(), false),
    new Field('source_id', new Int32(), false),
    new Field('embedding', vector(dimensions), false),
  ])
}

export function sequencesSchema(): Schema {
  return new Schema([
    new Field('rid', new Int64(), false),
    new Field('sequence', new Utf8(), false),
    // Phred scores, one byte per base; null for FASTA records.
    new Field('quality', new Binary(), true),
  ])
}

export function windowsSchema(dimensions: number): Schema {
  return new Schema([
    new Field('rid', new Int64(), false),
    new Field('offset', new Int32(), false),
    new Field('embedding', vector(dimensions), false),
  ])
}

/**
 * Arrow columns of one metadata field. Dates keep the text as written (partial dates such as
 * `2013-12-XX` stay readable) plus the first and last day it can mean, for range filters.
 */
export function metadataFields(column: string, type: FieldType): Field[] {
  const base: Record<FieldType, DataType> = {
    integer: new Int64(),
    number: new Float64(),
    boolean: new Bool(),
    text: new Utf8(),
    date: new Utf8(),
  }
  const fields = [new Field(column, base[type], true)]
  if (type === 'date') {
    fields.push(
      new Field(`${column}_lo`, new DateDay(), true),
      new Field(`${column}_hi`, new DateDay(), true),
    )
  }
  return fields
}
