import cliProgress from 'cli-progress'
import { ingest } from '../../main/engine/ingest/ingest.js'
import type {
  DuplicatePolicy,
  FileReport,
  IngestEvent,
  QualityEncoding,
} from '../../shared/catalog-types.js'
import { GenocatError } from '../../shared/errors.js'

export interface IngestFlags {
  metadata: string[]
  idColumn?: string
  onDuplicate: DuplicatePolicy
  qualityEncoding: QualityEncoding
  threads?: number
  json?: boolean
  /** commander's --no-index */
  index?: boolean
}

const MB = 1024 * 1024

function progressPrinter(): { onEvent: (event: IngestEvent) => void; stop: () => void } {
  const interactive = process.stderr.isTTY
  let bar: cliProgress.SingleBar | null = null
  const stopBar = (): void => {
    bar?.stop()
    bar = null
  }
  return {
    stop: stopBar,
    onEvent(event) {
      if (event.type === 'recovered') console.error(`Recovered: ${event.message}`)
      else if (event.type === 'indexing') console.error(event.message)
      else if (event.type === 'file-start' && interactive) {
        bar = new cliProgress.SingleBar(
          {
            format: `${event.path} [{bar}] {percentage}% | {records} records | {rate} rec/s | ETA {eta_formatted}`,
            hideCursor: true,
            stream: process.stderr,
          },
          cliProgress.Presets.shades_classic,
        )
        bar.start(Math.max(1, Math.round(event.totalBytes / MB)), 0, { records: 0, rate: 0 })
      } else if (event.type === 'progress') {
        bar?.update(Math.round(event.bytesRead / MB), {
          records: event.records.toLocaleString('en-US'),
          rate: Math.round(event.rate).toLocaleString('en-US'),
        })
      } else if (event.type === 'file-done') {
        stopBar()
        console.error(describe(event.report))
      }
    },
  }
}

function describe(report: FileReport): string {
  switch (report.status) {
    case 'added': {
      const extra = [
        report.skippedDuplicates ? `${report.skippedDuplicates} duplicate id(s) skipped` : '',
        report.replaced ? `${report.replaced} record(s) replaced` : '',
        report.unmatchedCount
          ? `${report.unmatchedCount} row(s) match no sequence: ${report.unmatchedIds?.join(', ')}${(report.unmatchedCount ?? 0) > (report.unmatchedIds?.length ?? 0) ? ', …' : ''}`
          : '',
      ].filter(Boolean)
      const what = report.kind === 'sequences' ? 'sequences added' : 'records annotated'
      return `✔ ${report.path}: ${report.records.toLocaleString('en-US')} ${what}${extra.length ? ` (${extra.join('; ')})` : ''}`
    }
    case 'already-present':
      return `= ${report.path}: already in the catalog (same checksum); nothing to do`
    case 'cancelled':
      return `✖ ${report.path}: cancelled; the catalog is as it was before this file`
    case 'failed':
      return `✖ ${report.error?.message ?? report.path}`
  }
}

export async function runIngest(
  location: string,
  files: string[],
  flags: IngestFlags,
): Promise<void> {
  if (files.length === 0 && flags.metadata.length === 0) {
    throw new GenocatError(
      'INVALID_ARGUMENT',
      'Nothing to ingest: give FASTA/FASTQ files and/or --metadata tables.',
    )
  }
  const controller = new AbortController()
  // First Ctrl-C cancels cleanly (the current file is rolled back); a second one quits at once.
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(130)
    controller.abort()
    if (!flags.json) console.error('\nCancelling… (press Ctrl-C again to quit at once)')
  }
  process.on('SIGINT', onSigint)
  const printer = flags.json ? null : progressPrinter()
  try {
    const report = await ingest(location, {
      files,
      metadata: flags.metadata,
      ...(flags.idColumn ? { idColumn: flags.idColumn } : {}),
      onDuplicate: flags.onDuplicate,
      qualityEncoding: flags.qualityEncoding,
      ...(flags.threads ? { threads: flags.threads } : {}),
      signal: controller.signal,
      ...(printer ? { onEvent: printer.onEvent } : {}),
      index: flags.index !== false,
    })
    if (flags.json) {
      console.log(JSON.stringify(report))
    } else {
      console.error(
        `Added ${report.added.toLocaleString('en-US')} sequence(s); ${report.skipped.toLocaleString('en-US')} skipped; ${report.errors.length} file(s) failed.`,
      )
      const built = (report.indexes ?? []).filter(
        (r) => (r.kind === 'ivf-pq' || r.kind === 'seeds') && r.action !== 'none',
      )
      for (const r of built) {
        const what = r.kind === 'seeds' ? 'Seed index' : `Vector index on ${r.table}`
        console.error(`${what}: ${r.action} in ${r.seconds.toFixed(1)} s.`)
      }
    }
    if (report.errors.length > 0 || report.files.some((f) => f.status === 'cancelled'))
      process.exitCode = 1
  } finally {
    printer?.stop()
    process.off('SIGINT', onSigint)
  }
}
