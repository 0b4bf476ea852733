import type {
  DuplicatePolicy,
  FileReport,
  IngestEvent,
  IndexReport,
  IngestReport,
  QualityEncoding,
} from '../../../shared/catalog-types.js'
import { GenocatError, toErrorData } from '../../../shared/errors.js'
import { openCatalog } from '../catalog/catalog.js'
import { maintainIndexes } from '../vector-index/maintain.js'
import { ingestMetadataFile } from './metadata-file.js'
import { createChunkPool } from './pool.js'
import { ingestSequenceFile } from './sequence-file.js'

export interface IngestOptions {
  readonly files: readonly string[]
  readonly metadata?: readonly string[]
  readonly idColumn?: string
  readonly onDuplicate?: DuplicatePolicy
  readonly qualityEncoding?: QualityEncoding
  readonly threads?: number
  readonly signal?: AbortSignal
  readonly onEvent?: (event: IngestEvent) => void
  /** Build or refresh indexes after the files (default true). */
  readonly index?: boolean
}

/**
 * Ingests sequence files, then metadata tables, into a catalog. Each file is its own
 * all-or-nothing job: a bad file is reported and the others go on; a cancel stops at once.
 */
export async function ingest(location: string, options: IngestOptions): Promise<IngestReport> {
  const emit = options.onEvent ?? (() => undefined)
  const catalog = await openCatalog(location, { write: true })
  const files: FileReport[] = []
  const errors: { path: string; code: string; message: string }[] = []
  for (const message of catalog.recovered) emit({ type: 'recovered', message })
  let pool = options.files.length > 0 ? createChunkPool(options.threads) : null
  const record = (report: FileReport): void => {
    files.push(report)
    if (report.error) errors.push({ path: report.path, ...report.error })
    emit({ type: 'file-done', report })
  }
  let indexes: IndexReport[] | undefined
  const fail = (path: string, kind: FileReport['kind'], error: unknown): boolean => {
    const data = toErrorData(error)
    const cancelled = data.code === 'CANCELLED'
    record({
      path,
      kind,
      records: 0,
      status: cancelled ? 'cancelled' : 'failed',
      error: { code: data.code, message: data.message },
    })
    return cancelled
  }
  try {
    for (const path of options.files) {
      try {
        record(
          await ingestSequenceFile(catalog, pool!, path, {
            onDuplicate: options.onDuplicate ?? 'error',
            qualityEncoding: options.qualityEncoding ?? 'sanger',
            emit,
            ...(options.signal ? { signal: options.signal } : {}),
          }),
        )
      } catch (error) {
        if (!(error instanceof GenocatError) && !(error instanceof Error)) throw error
        if (fail(path, 'sequences', error)) break
      }
    }
    for (const path of options.metadata ?? []) {
      if (options.signal?.aborted) break
      try {
        record(await ingestMetadataFile(catalog, path, { idColumn: options.idColumn, emit }))
      } catch (error) {
        if (fail(path, 'metadata', error)) break
      }
    }
    await pool?.close()
    pool = null
    const changed = files.some((f) => f.status === 'added' || (f.replaced ?? 0) > 0)
    if (changed && options.index !== false && !options.signal?.aborted) {
      // Indexes are a separate job: the files above are committed whatever happens here.
      indexes = await maintainIndexes(catalog, {
        onProgress: (message) => emit({ type: 'indexing', message }),
      })
    }
  } finally {
    await pool?.close()
    catalog.close()
  }
  const added = files.reduce(
    (sum, f) => sum + (f.kind === 'sequences' && f.status === 'added' ? f.records : 0),
    0,
  )
  const skipped = files.reduce(
    (sum, f) =>
      sum +
      (f.status === 'already-present' && f.kind === 'sequences' ? f.records : 0) +
      (f.skippedDuplicates ?? 0),
    0,
  )
  return {
    files,
    added,
    skipped,
    errors,
    recovered: catalog.recovered,
    ...(indexes ? { indexes } : {}),
  }
}
