import { statSync } from 'node:fs'
import type { FileReport, IngestEvent } from '../../../shared/catalog-types.js'
import type { Catalog } from '../catalog/catalog.js'
import { openMetadataTable } from '../formats/metadata-table.js'
import { fileChecksum } from '../formats/open-input.js'
import { Job } from './job.js'
import { applyMetadata } from './metadata-apply.js'

export interface MetadataFileOptions {
  readonly idColumn: string | undefined
  readonly emit: (event: IngestEvent) => void
}

/** Ingests one metadata table as its own all-or-nothing job. */
export async function ingestMetadataFile(
  catalog: Catalog,
  label: string,
  options: MetadataFileOptions,
): Promise<FileReport> {
  const source = await openMetadataTable(label, label, options.idColumn)
  // Unlike sequence files, a table is applied again even if seen before: which records it
  // annotates depends on the sequences present now, and applying it twice changes nothing.
  const checksum = await fileChecksum(label)
  const size = statSync(label).size
  options.emit({ type: 'file-start', path: label, totalBytes: size })
  const job = Job.start(catalog, label, 'metadata')
  try {
    const result = await applyMetadata(catalog, source)
    catalog.db
      .prepare(
        "INSERT INTO sources (id, path, kind, checksum, size, records, added_at, job_id) VALUES (?, ?, 'metadata', ?, ?, ?, ?, ?)",
      )
      .run(job.id, label, checksum, size, result.matched, new Date().toISOString(), job.id)
    await job.commit()
    return {
      path: label,
      kind: 'metadata',
      records: result.matched,
      status: 'added',
      ...(result.unmatchedCount > 0
        ? { unmatchedIds: result.unmatched, unmatchedCount: result.unmatchedCount }
        : {}),
    }
  } catch (error) {
    await job.abandon('failed', error instanceof Error ? error.message : String(error))
    throw error
  }
}
