import { statSync } from 'node:fs'
import type { Piscina } from 'piscina'
import type {
  DuplicatePolicy,
  FileReport,
  IngestEvent,
  QualityEncoding,
} from '../../../shared/catalog-types.js'
import { GenocatError } from '../../../shared/errors.js'
import type { Catalog } from '../catalog/catalog.js'
import { setInfo } from '../catalog/meta-db.js'
import { RecordChunker } from '../formats/chunker.js'
import { fileChecksum, openInput } from '../formats/open-input.js'
import { sniffSequenceFormat } from '../formats/sniff-format.js'
import type { ChunkResult, ChunkTask } from './chunk-worker.js'
import { HeaderFieldSpool, spoolRows } from './header-fields.js'
import { applyMetadata } from './metadata-apply.js'
import { Job } from './job.js'
import { ProgressMeter } from './progress.js'
import { SequenceWriter } from './sequence-writer.js'

export interface SequenceFileOptions {
  readonly onDuplicate: DuplicatePolicy
  readonly qualityEncoding: QualityEncoding
  readonly signal?: AbortSignal
  readonly emit: (event: IngestEvent) => void
}

/** Chunks in flight per worker thread: enough to keep threads busy, little enough to bound memory. */
const IN_FLIGHT_PER_THREAD = 2

/** A file whose bytes are already a source of the catalog, or null. */
async function alreadyIngested(
  catalog: Catalog,
  path: string,
): Promise<{ records: number } | null> {
  const size = statSync(path).size
  const candidates = catalog.db
    .prepare("SELECT checksum, records FROM sources WHERE kind = 'sequences' AND size = ?")
    .all(size) as { checksum: string; records: number }[]
  // Hashing the whole file only when a source of the same size exists keeps the common case fast.
  if (candidates.length === 0) return null
  const checksum = await fileChecksum(path)
  return candidates.find((c) => c.checksum === checksum) ?? null
}

export async function ingestSequenceFile(
  catalog: Catalog,
  pool: Piscina,
  label: string,
  options: SequenceFileOptions,
): Promise<FileReport> {
  const input = await openInput(label, label)
  const present = await alreadyIngested(catalog, label)
  if (present) {
    return { path: label, kind: 'sequences', records: present.records, status: 'already-present' }
  }
  options.emit({ type: 'file-start', path: label, totalBytes: input.size })
  const job = Job.start(catalog, label, 'sequences')
  const sourceId = job.id
  const spool = new HeaderFieldSpool(catalog.path, job.id)
  const writer = new SequenceWriter(catalog, label, sourceId, options.onDuplicate, spool)
  const meter = new ProgressMeter(label, input.size, options.emit)
  const queue: Promise<ChunkResult>[] = []
  try {
    const iterator = input.chunks[Symbol.asyncIterator]()
    const first = await iterator.next()
    if (first.done)
      throw new GenocatError('EMPTY_FILE', `${label} has no content.`, { file: label })
    const format = sniffSequenceFormat(first.value, label, 'Metadata tables go with --metadata.')
    const chunker = new RecordChunker(format)
    const maxInFlight = IN_FLIGHT_PER_THREAD * pool.threads.length
    const submit = (bytes: Uint8Array): void => {
      const task: ChunkTask = {
        format,
        bytes,
        qualityEncoding: options.qualityEncoding,
        embedder: catalog.embedder,
      }
      queue.push(
        pool.run(task, { transferList: [bytes.buffer as ArrayBuffer] }) as Promise<ChunkResult>,
      )
    }
    // Results are written strictly in file order, so line numbers and "first occurrence"
    // are those a person reading the file would see.
    const drain = async (limit: number): Promise<void> => {
      while (queue.length > limit) {
        await writer.write(await queue.shift()!)
        meter.update(writer.records, input.bytesRead())
      }
    }
    let next: IteratorResult<Buffer> = first
    while (!next.done) {
      if (options.signal?.aborted)
        throw new GenocatError('CANCELLED', `Ingest of ${label} was cancelled.`, { file: label })
      for (const chunk of chunker.push(next.value)) submit(chunk.bytes)
      await drain(maxInFlight)
      next = await iterator.next()
    }
    const last = chunker.finish()
    if (last) submit(last.bytes)
    await drain(0)
    if (options.signal?.aborted)
      throw new GenocatError('CANCELLED', `Ingest of ${label} was cancelled.`, { file: label })
    const summary = await writer.finish()
    const headerTable = spool.finish()
    if (headerTable) await applyMetadata(catalog, spoolRows(label, headerTable))
    catalog.db
      .prepare(
        "INSERT INTO sources (id, path, kind, checksum, size, records, added_at, job_id) VALUES (?, ?, 'sequences', ?, ?, ?, ?, ?)",
      )
      .run(
        sourceId,
        label,
        input.checksum(),
        input.size,
        summary.added,
        new Date().toISOString(),
        job.id,
      )
    setInfo(catalog.db, 'next_rid', String(writer.nextRid))
    await job.commit()
    meter.finish(writer.records)
    return {
      path: label,
      kind: 'sequences',
      records: summary.added,
      status: 'added',
      ...(summary.skipped > 0 ? { skippedDuplicates: summary.skipped } : {}),
      ...(summary.replaced > 0 ? { replaced: summary.replaced } : {}),
    }
  } catch (error) {
    const cancelled = error instanceof GenocatError && error.code === 'CANCELLED'
    // Let tasks still in the pool settle; their results are simply dropped.
    await Promise.allSettled(queue)
    await job.abandon(
      cancelled ? 'cancelled' : 'failed',
      error instanceof Error ? error.message : String(error),
    )
    throw error
  } finally {
    spool.dispose()
  }
}
