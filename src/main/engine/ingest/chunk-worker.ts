import { hash } from 'node:crypto'
import type { EmbedderSpec, QualityEncoding } from '../../../shared/catalog-types.js'
import { createEmbedder, type Embedder } from '../embed/embedder.js'
import type { SequenceFormat } from '../formats/chunker.js'
import { parseFasta } from '../formats/fasta.js'
import { parseFastq } from '../formats/fastq.js'
import { parseHeader } from '../formats/header.js'
import { ParseError, type ParseErrorData } from '../formats/parse-error.js'
import type { RecordSink } from '../formats/record-sink.js'
import { composition } from '../formats/residues.js'
import { ByteColumnBuilder, GrowableFloat32, GrowableInt32, type ByteColumn } from './columns.js'

export interface ChunkTask {
  readonly format: SequenceFormat
  readonly bytes: Uint8Array
  readonly qualityEncoding: QualityEncoding
  readonly embedder: EmbedderSpec
}

export const ALPHABET_CODES = ['dna', 'rna', 'protein'] as const

/** One chunk's records as columns, ready to become Arrow record batches. */
export interface ColumnBatch {
  readonly count: number
  readonly ids: readonly string[]
  readonly descriptions: ByteColumn
  readonly sequences: ByteColumn
  readonly qualities: ByteColumn | null
  readonly lengths: Int32Array
  /** GC fraction per record; NaN where it does not apply (proteins, no A/C/G/T). */
  readonly gc: Float32Array
  /** Index into ALPHABET_CODES. */
  readonly alphabets: Uint8Array
  readonly checksums: ByteColumn
  readonly embeddings: Float32Array
  /** Windows of long sequences: the record index within this batch and the window start. */
  readonly windowRecords: Int32Array
  readonly windowStarts: Int32Array
  readonly windowEmbeddings: Float32Array
  /** `key=value` pairs from titles: [record index, key, value]. */
  readonly headerFields: readonly (readonly [number, string, string])[]
}

export type ChunkResult =
  | { readonly ok: true; readonly batch: ColumnBatch; readonly lines: number }
  | { readonly ok: false; readonly error: ParseErrorData; readonly records: number }

const UPPER = new Uint8Array(256).map((_, i) => (i >= 0x61 && i <= 0x7a ? i - 0x20 : i))

/**
 * The GA4GH refget checksum (sha512t24u) of the upper-cased sequence: the identifier other
 * tools (refget servers, seqcol) compute for the same residues.
 */
function refgetChecksum(
  seq: Uint8Array,
  length: number,
  hasLowercase: boolean,
  scratch: Uint8Array,
): string {
  let data = seq.subarray(0, length)
  if (hasLowercase) {
    for (let i = 0; i < length; i++) scratch[i] = UPPER[seq[i]!]!
    data = scratch.subarray(0, length)
  }
  // 24 bytes are exactly 32 base64url characters, so truncating the encoded digest is exact.
  return 'SQ.' + hash('sha512', data, 'base64url').slice(0, 32)
}

class BatchBuilder implements RecordSink {
  readonly ids: string[] = []
  readonly descriptions = new ByteColumnBuilder()
  readonly sequences = new ByteColumnBuilder()
  readonly qualities = new ByteColumnBuilder()
  readonly lengths = new GrowableInt32()
  readonly gc: number[] = []
  readonly alphabets: number[] = []
  readonly checksums = new ByteColumnBuilder()
  readonly embeddings = new GrowableFloat32()
  readonly windowRecords = new GrowableInt32()
  readonly windowStarts = new GrowableInt32()
  readonly windowEmbeddings = new GrowableFloat32()
  readonly headerFields: [number, string, string][] = []
  private upper = new Uint8Array(1 << 16)
  private embedder!: Embedder
  private hasQualities = false

  /** Prepares the (reused) builder for a new chunk. */
  start(embedder: Embedder, hasQualities: boolean): this {
    this.embedder = embedder
    this.hasQualities = hasQualities
    this.ids.length = 0
    this.gc.length = 0
    this.alphabets.length = 0
    this.headerFields.length = 0
    for (const b of [
      this.descriptions,
      this.sequences,
      this.qualities,
      this.lengths,
      this.checksums,
      this.embeddings,
      this.windowRecords,
      this.windowStarts,
      this.windowEmbeddings,
    ]) {
      b.reset()
    }
    return this
  }

  add(title: string, seq: Uint8Array, length: number, quality: Uint8Array | null): void {
    const index = this.ids.length
    const header = parseHeader(title)
    this.ids.push(header.id)
    this.descriptions.pushString(header.description)
    for (const [key, value] of header.fields) this.headerFields.push([index, key, value])
    this.sequences.push(seq, 0, length)
    if (this.hasQualities)
      this.qualities.push(quality ?? new Uint8Array(0), 0, quality?.length ?? 0)
    this.lengths.push(length)
    const comp = composition(seq, 0, length)
    this.gc.push(comp.gc ?? Number.NaN)
    this.alphabets.push(ALPHABET_CODES.indexOf(comp.alphabet))
    if (this.upper.length < length) this.upper = new Uint8Array(length)
    this.checksums.pushString(refgetChecksum(seq, length, comp.hasLowercase, this.upper))
    const dims = this.embedder.spec.dimensions
    // append() may grow the array, so take the offset before reading `.array`.
    const at = this.embeddings.append(dims)
    this.embedder.embed(seq, 0, length, comp.alphabet, this.embeddings.array, at)
    for (const start of this.embedder.windowStarts(length)) {
      const offset = this.windowEmbeddings.append(dims)
      const end = Math.min(length, start + this.embedder.windowLength)
      this.embedder.embed(seq, start, end, comp.alphabet, this.windowEmbeddings.array, offset)
      this.windowRecords.push(index)
      this.windowStarts.push(start)
    }
  }

  build(): ColumnBatch {
    return {
      count: this.ids.length,
      ids: this.ids.slice(),
      descriptions: this.descriptions.build(),
      sequences: this.sequences.build(),
      qualities: this.hasQualities ? this.qualities.build() : null,
      lengths: this.lengths.build(),
      gc: Float32Array.from(this.gc),
      alphabets: Uint8Array.from(this.alphabets),
      checksums: this.checksums.build(),
      embeddings: this.embeddings.build(),
      windowRecords: this.windowRecords.build(),
      windowStarts: this.windowStarts.build(),
      windowEmbeddings: this.windowEmbeddings.build(),
      headerFields: this.headerFields.slice(),
    }
  }
}

const embedders = new Map<string, Embedder>()
const builder = new BatchBuilder()

/** Parses, validates and embeds one chunk. Pure apart from a cache of embedders. */
export function processChunk(task: ChunkTask): ChunkResult {
  const key = JSON.stringify(task.embedder)
  let embedder = embedders.get(key)
  if (!embedder) {
    embedder = createEmbedder(task.embedder)
    embedders.set(key, embedder)
  }
  builder.start(embedder, task.format === 'fastq')
  try {
    const lines =
      task.format === 'fasta'
        ? parseFasta(task.bytes, builder)
        : parseFastq(task.bytes, builder, task.qualityEncoding)
    return { ok: true, batch: builder.build(), lines }
  } catch (error) {
    if (!(error instanceof ParseError)) throw error
    const { message, line, recordIndex, recordId } = error
    return {
      ok: false,
      error: { message, line, recordIndex, recordId },
      records: builder.ids.length,
    }
  }
}

/** The buffers of a result, to transfer instead of copy. */
export function transferables(result: ChunkResult): ArrayBuffer[] {
  if (!result.ok) return []
  const b = result.batch
  const views: ArrayBufferView[] = [
    b.descriptions.data,
    b.descriptions.offsets,
    b.sequences.data,
    b.sequences.offsets,
    b.lengths,
    b.gc,
    b.alphabets,
    b.checksums.data,
    b.checksums.offsets,
    b.embeddings,
    b.windowRecords,
    b.windowStarts,
    b.windowEmbeddings,
  ]
  if (b.qualities) views.push(b.qualities.data, b.qualities.offsets)
  return [...new Set(views.map((v) => v.buffer as ArrayBuffer))]
}
