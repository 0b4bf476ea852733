import type { Statement } from 'better-sqlite3'
import type { DuplicatePolicy } from '../../../shared/catalog-types.js'
import { GenocatError } from '../../../shared/errors.js'
import { Table, type Schema } from '../catalog/arrow.js'
import { recordsSchema, sequencesSchema, windowsSchema } from '../catalog/lance-schema.js'
import type { Catalog } from '../catalog/catalog.js'
import { getInfo } from '../catalog/meta-db.js'
import { toArrow } from './arrow-batch.js'
import type { ChunkResult, ColumnBatch } from './chunk-worker.js'
import { filterBatch } from './filter-batch.js'
import type { HeaderFieldSpool } from './header-fields.js'

/** Rows buffered before one Lance append: fewer, larger fragments read faster later. */
const FLUSH_ROWS = 50_000
const FLUSH_BYTES = 48 << 20
const LISTED_DUPLICATES = 50
/** Ids inserted per SQLite statement (3 parameters each, well under SQLite's limit). */
const ID_BLOCK = 256

interface Schemas {
  records: Schema
  sequences: Schema
  windows: Schema
}

/**
 * The single writer: takes parsed chunks in file order, assigns row ids, enforces the
 * duplicate-id policy against the catalog's id index, and appends to Lance in large batches.
 */
export class SequenceWriter {
  records = 0
  nextRid: number
  private lines = 0
  private added = 0
  private skipped = 0
  private readonly replacedRids: bigint[] = []
  private readonly duplicates: string[] = []
  private duplicateCount = 0
  private pending: { records: Table[]; sequences: Table[]; windows: Table[] } = {
    records: [],
    sequences: [],
    windows: [],
  }
  private pendingRows = 0
  private pendingBytes = 0
  private readonly schemas: Schemas
  private readonly inserts = new Map<number, Statement>()
  private readonly findId
  private readonly replaceId

  constructor(
    private readonly catalog: Catalog,
    private readonly label: string,
    private readonly sourceId: number,
    private readonly policy: DuplicatePolicy,
    private readonly spool: HeaderFieldSpool,
  ) {
    this.nextRid = Number(getInfo(catalog.db, 'next_rid') ?? '1')
    const dims = catalog.embedder.dimensions
    this.schemas = {
      records: recordsSchema(dims),
      sequences: sequencesSchema(),
      windows: windowsSchema(dims),
    }
    const db = catalog.db
    this.findId = db.prepare('SELECT rid FROM seq_index WHERE id = ?').pluck()
    this.replaceId = db.prepare('UPDATE seq_index SET rid = ?, source_id = ? WHERE id = ?')
  }

  /** A prepared insert of `n` ids, made once per size (chunk tails come in many sizes). */
  private insertRows(n: number): Statement {
    let statement = this.inserts.get(n)
    if (!statement) {
      const values = new Array<string>(n).fill('(?, ?, ?)').join(', ')
      statement = this.catalog.db.prepare(
        `INSERT INTO seq_index (id, rid, source_id) VALUES ${values} ON CONFLICT(id) DO NOTHING`,
      )
      this.inserts.set(n, statement)
    }
    return statement
  }

  async write(result: ChunkResult): Promise<void> {
    if (!result.ok) {
      const { error } = result
      const record = error.recordId ?? `#${this.records + error.recordIndex + 1}`
      const line = this.lines + error.line
      throw new GenocatError(
        'PARSE_ERROR',
        `${this.label}, line ${line}, record ${record}: ${error.message}.`,
        {
          file: this.label,
          line,
          record,
        },
      )
    }
    let batch = result.batch
    this.lines += result.lines
    this.records += batch.count
    const { rids, keep, dropped } = this.assignIds(batch)
    if (this.duplicateCount > 0 && this.policy === 'error') return
    if (dropped > 0) batch = filterBatch(batch, keep)
    const keptRids = dropped > 0 ? rids.filter((_, i) => keep[i] === 1) : rids
    this.spoolHeaderFields(batch)
    await this.append(batch, keptRids)
  }

  private assignIds(batch: ColumnBatch): {
    rids: BigInt64Array
    keep: Uint8Array
    dropped: number
  } {
    const rids = new BigInt64Array(batch.count)
    const keep = new Uint8Array(batch.count).fill(1)
    let dropped = 0
    const firstRid = this.nextRid
    for (let i = 0; i < batch.count; i++) rids[i] = BigInt(firstRid + i)
    this.nextRid += batch.count
    // Insert ids a block at a time; only a block that hit a conflict is examined row by row
    // (a row is a duplicate when the index holds another rid for its id).
    const params: (string | number)[] = []
    for (let start = 0; start < batch.count; start += ID_BLOCK) {
      const end = Math.min(batch.count, start + ID_BLOCK)
      params.length = 0
      for (let i = start; i < end; i++) params.push(batch.ids[i]!, firstRid + i, this.sourceId)
      const statement = this.insertRows(end - start)
      if (statement.run(params).changes === end - start) continue
      for (let i = start; i < end; i++) {
        const id = batch.ids[i]!
        const stored = this.findId.get(id) as number
        if (stored === firstRid + i) continue
        if (this.policy === 'error') {
          this.duplicateCount++
          if (this.duplicates.length < LISTED_DUPLICATES) this.duplicates.push(id)
        } else if (this.policy === 'skip') {
          keep[i] = 0
          dropped++
          this.skipped++
        } else {
          this.replacedRids.push(BigInt(stored))
          this.replaceId.run(firstRid + i, this.sourceId, id)
        }
      }
    }
    return { rids, keep, dropped }
  }

  private spoolHeaderFields(batch: ColumnBatch): void {
    if (batch.headerFields.length === 0) return
    let row = -1
    let fields: [string, string][] = []
    for (const [index, key, value] of batch.headerFields) {
      if (index !== row && row >= 0) {
        this.spool.add(batch.ids[row]!, fields)
        fields = []
      }
      row = index
      fields.push([key, value])
    }
    if (row >= 0) this.spool.add(batch.ids[row]!, fields)
  }

  private async append(batch: ColumnBatch, rids: BigInt64Array): Promise<void> {
    if (batch.count === 0) return
    const schemas = this.schemas
    const pieces = toArrow(batch, rids, this.sourceId, schemas)
    // Metadata columns are left out: LanceDB fills nullable columns a batch lacks with nulls.
    this.pending.records.push(pieces.records)
    this.pending.sequences.push(pieces.sequences)
    if (pieces.windows) this.pending.windows.push(pieces.windows)
    this.added += batch.count
    this.pendingRows += batch.count
    this.pendingBytes +=
      batch.sequences.data.length * 2 +
      batch.embeddings.byteLength +
      batch.windowEmbeddings.byteLength
    if (this.pendingRows >= FLUSH_ROWS || this.pendingBytes >= FLUSH_BYTES) await this.flush()
  }

  private async flush(): Promise<void> {
    const { tables } = this.catalog
    for (const name of ['records', 'sequences', 'windows'] as const) {
      const parts = this.pending[name]
      if (parts.length === 0) continue
      await tables[name].add(new Table(parts.flatMap((t) => t.batches)))
    }
    this.pending = { records: [], sequences: [], windows: [] }
    this.pendingRows = 0
    this.pendingBytes = 0
  }

  /** Writes what is buffered and removes replaced records. Throws on duplicate ids under 'error'. */
  async finish(): Promise<{ added: number; skipped: number; replaced: number }> {
    if (this.duplicateCount > 0) {
      const listed = this.duplicates.map((id) => `"${id}"`).join(', ')
      const more =
        this.duplicateCount > this.duplicates.length
          ? ` and ${this.duplicateCount - this.duplicates.length} more`
          : ''
      throw new GenocatError(
        'DUPLICATE_IDS',
        `${this.label}: ${this.duplicateCount} sequence id(s) already in the catalog or repeated in the file: ${listed}${more}. Nothing from this file was added; use --on-duplicate skip or replace to choose otherwise.`,
        { file: this.label, duplicates: this.duplicates, count: this.duplicateCount },
      )
    }
    await this.flush()
    for (let i = 0; i < this.replacedRids.length; i += 1000) {
      const list = this.replacedRids.slice(i, i + 1000).join(', ')
      for (const table of Object.values(this.catalog.tables)) await table.delete(`rid IN (${list})`)
    }
    return {
      added: this.added - this.replacedRids.length,
      skipped: this.skipped,
      replaced: this.replacedRids.length,
    }
  }
}
