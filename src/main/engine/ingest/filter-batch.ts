import type { ColumnBatch } from './chunk-worker.js'
import { ByteColumnBuilder, type ByteColumn } from './columns.js'

function pick(column: ByteColumn, rows: readonly number[]): ByteColumn {
  const out = new ByteColumnBuilder()
  for (const row of rows) out.push(column.data, column.offsets[row]!, column.offsets[row + 1]!)
  return out.build()
}

/** The rows of a batch whose `keep` flag is set (used to drop skipped duplicates). */
export function filterBatch(batch: ColumnBatch, keep: Uint8Array): ColumnBatch {
  const rows: number[] = []
  const newIndex = new Int32Array(batch.count).fill(-1)
  for (let i = 0; i < batch.count; i++) {
    if (keep[i]) {
      newIndex[i] = rows.length
      rows.push(i)
    }
  }
  const dims = batch.embeddings.length / Math.max(1, batch.count)
  const embeddings = new Float32Array(rows.length * dims)
  rows.forEach((row, i) =>
    embeddings.set(batch.embeddings.subarray(row * dims, (row + 1) * dims), i * dims),
  )
  const windowRows: number[] = []
  for (let i = 0; i < batch.windowRecords.length; i++)
    if (keep[batch.windowRecords[i]!]) windowRows.push(i)
  const windowEmbeddings = new Float32Array(windowRows.length * dims)
  windowRows.forEach((row, i) =>
    windowEmbeddings.set(batch.windowEmbeddings.subarray(row * dims, (row + 1) * dims), i * dims),
  )
  return {
    count: rows.length,
    ids: rows.map((r) => batch.ids[r]!),
    descriptions: pick(batch.descriptions, rows),
    sequences: pick(batch.sequences, rows),
    qualities: batch.qualities ? pick(batch.qualities, rows) : null,
    lengths: Int32Array.from(rows, (r) => batch.lengths[r]!),
    gc: Float32Array.from(rows, (r) => batch.gc[r]!),
    alphabets: Uint8Array.from(rows, (r) => batch.alphabets[r]!),
    checksums: pick(batch.checksums, rows),
    embeddings,
    windowRecords: Int32Array.from(windowRows, (w) => newIndex[batch.windowRecords[w]!]!),
    windowStarts: Int32Array.from(windowRows, (w) => batch.windowStarts[w]!),
    windowEmbeddings,
    headerFields: batch.headerFields
      .filter(([row]) => keep[row])
      .map(([row, key, value]) => [newIndex[row]!, key, value] as const),
  }
}
