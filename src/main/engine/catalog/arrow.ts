/**
 * apache-arrow, loaded as the same CommonJS instance that @lancedb/lancedb uses. Importing it
 * as an ES module gives a second copy whose classes fail LanceDB's `instanceof` checks
 * (`addColumns` then reports "Missing field valueSql"), so every Arrow value the engine hands
 * to LanceDB must come from here.
 */
import { createRequire } from 'node:module'
import type * as ArrowModule from 'apache-arrow'

const arrow = createRequire(import.meta.url)('apache-arrow') as typeof ArrowModule

export const {
  Binary,
  Bool,
  DateDay,
  Field,
  FixedSizeList,
  Float32,
  Float64,
  Int32,
  Int64,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Utf8,
  makeData,
  Type,
} = arrow

export const vectorFromArray = arrow.vectorFromArray as (
  values: unknown[],
  type: ArrowModule.DataType,
) => ArrowModule.Vector

export type DataType = ArrowModule.DataType
export type FixedSizeList = ArrowModule.FixedSizeList
export type Field = ArrowModule.Field
export type Schema = ArrowModule.Schema
export type Table = ArrowModule.Table
export type RecordBatch = ArrowModule.RecordBatch
export type Data = ArrowModule.Data
export type Vector = ArrowModule.Vector

/**
 * Calls `visit(row, bytes)` for each value of a Utf8 column of one batch, with `bytes` a view
 * into the batch's own buffer: residues are ASCII, so nothing is decoded or copied.
 */
export function forEachUtf8Bytes(
  column: ArrowModule.Vector,
  visit: (row: number, bytes: Uint8Array) => void,
): void {
  let row = 0
  for (const data of column.data as Data[]) {
    const offsets = data.valueOffsets as Int32Array
    const values = data.values as Uint8Array
    for (let i = 0; i < data.length; i++, row++)
      visit(row, values.subarray(offsets[data.offset + i], offsets[data.offset + i + 1]))
  }
}
