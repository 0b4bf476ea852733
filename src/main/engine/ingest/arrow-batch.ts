import type { FixedSizeList } from '../catalog/arrow.js'
import {
  Binary,
  Float32,
  Int32,
  Int64,
  RecordBatch,
  Struct,
  Table,
  Utf8,
  makeData,
  type Data,
  type Schema,
} from '../catalog/arrow.js'
import { ALPHABET_CODES, type ColumnBatch } from './chunk-worker.js'
import type { ByteColumn } from './columns.js'

function utf8(column: ByteColumn, length: number): Data {
  return makeData({
    type: new Utf8(),
    length,
    nullCount: 0,
    valueOffsets: column.offsets,
    data: column.data,
  })
}

function int64(values: BigInt64Array): Data {
  return makeData({ type: new Int64(), length: values.length, nullCount: 0, data: values })
}

function vectors(schema: Schema, values: Float32Array, length: number): Data {
  const type = schema.fields.find((f) => f.name === 'embedding')!.type as FixedSizeList
  const child = makeData({ type: new Float32(), length: values.length, nullCount: 0, data: values })
  return makeData({ type, length, nullCount: 0, child })
}

/** Validity bitmap (1 = present) for a float column where NaN means missing. */
function nanBitmap(values: Float32Array): { bitmap: Uint8Array; nulls: number } {
  const bitmap = new Uint8Array(Math.ceil(values.length / 8))
  let nulls = 0
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) nulls++
    else bitmap[i >> 3]! |= 1 << (i & 7)
  }
  return { bitmap, nulls }
}

function table(schema: Schema, children: Data[], length: number): Table {
  const struct = makeData({ type: new Struct(schema.fields), length, nullCount: 0, children })
  return new Table(schema, [new RecordBatch(schema, struct)])
}

export interface ArrowPieces {
  readonly records: Table
  readonly sequences: Table
  readonly windows: Table | null
}

/** Builds the three tables' rows for a batch, columns zero-copy from the worker's buffers. */
export function toArrow(
  batch: ColumnBatch,
  rids: BigInt64Array,
  sourceId: number,
  schemas: { records: Schema; sequences: Schema; windows: Schema },
): ArrowPieces {
  const n = batch.count
  const ids = new TextEncoder().encode(batch.ids.join(''))
  const idOffsets = new Int32Array(n + 1)
  let offset = 0
  for (let i = 0; i < n; i++) {
    offset += Buffer.byteLength(batch.ids[i]!)
    idOffsets[i + 1] = offset
  }
  const alphabetNames = new Array<string>(n)
  for (let i = 0; i < n; i++) alphabetNames[i] = ALPHABET_CODES[batch.alphabets[i]!]!
  const alphabet = new TextEncoder().encode(alphabetNames.join(''))
  const alphabetOffsets = new Int32Array(n + 1)
  for (let i = 0, at = 0; i < n; i++) alphabetOffsets[i + 1] = at += alphabetNames[i]!.length
  const gc = nanBitmap(batch.gc)
  const sourceIds = new Int32Array(n).fill(sourceId)

  const records = table(
    schemas.records,
    [
      int64(rids),
      utf8({ data: ids, offsets: idOffsets }, n),
      utf8(batch.descriptions, n),
      utf8({ data: alphabet, offsets: alphabetOffsets }, n),
      makeData({ type: new Int32(), length: n, nullCount: 0, data: batch.lengths }),
      makeData({
        type: new Float32(),
        length: n,
        nullCount: gc.nulls,
        nullBitmap: gc.bitmap,
        data: batch.gc,
      }),
      utf8(batch.checksums, n),
      makeData({ type: new Int32(), length: n, nullCount: 0, data: sourceIds }),
      vectors(schemas.records, batch.embeddings, n),
    ],
    n,
  )
  const quality = batch.qualities
    ? makeData({
        type: new Binary(),
        length: n,
        nullCount: 0,
        valueOffsets: batch.qualities.offsets,
        data: batch.qualities.data,
      })
    : makeData({
        type: new Binary(),
        length: n,
        nullCount: n,
        nullBitmap: new Uint8Array(Math.ceil(n / 8)),
        valueOffsets: new Int32Array(n + 1),
        data: new Uint8Array(0),
      })
  const sequences = table(schemas.sequences, [int64(rids), utf8(batch.sequences, n), quality], n)

  const w = batch.windowRecords.length
  let windows: Table | null = null
  if (w > 0) {
    const windowRids = new BigInt64Array(w)
    for (let i = 0; i < w; i++) windowRids[i] = rids[batch.windowRecords[i]!]!
    windows = table(
      schemas.windows,
      [
        int64(windowRids),
        makeData({ type: new Int32(), length: w, nullCount: 0, data: batch.windowStarts }),
        vectors(schemas.windows, batch.windowEmbeddings, w),
      ],
      w,
    )
  }
  return { records, sequences, windows }
}
