/**
 * The rows of the ingest panel, one per file, updated from engine events. Pure state
 * transitions, kept apart from React so they can be tested without a browser.
 */
import type { ApiEvent } from '../../../shared/api'

export type RowStatus =
  | 'uploading'
  | 'queued'
  | 'reading'
  | 'indexing'
  | 'done'
  | 'already-present'
  | 'failed'
  | 'cancelled'

export interface IngestRow {
  /** Stable key for React and for cancel. */
  readonly key: string
  readonly name: string
  /** The path the engine reads (the desktop file, or where serve mode stored the upload). */
  readonly path: string | null
  readonly jobId: string | null
  readonly status: RowStatus
  readonly kind: 'sequences' | 'metadata' | null
  /** 0..1, or null while unknown. */
  readonly fraction: number | null
  readonly records: number
  readonly rate: number
  readonly etaSeconds: number | null
  readonly message: string | null
}

export const FINISHED: ReadonlySet<RowStatus> = new Set([
  'done',
  'already-present',
  'failed',
  'cancelled',
])

export function newRow(key: string, name: string, status: RowStatus): IngestRow {
  return {
    key,
    name,
    path: null,
    jobId: null,
    status,
    kind: null,
    fraction: status === 'uploading' ? 0 : null,
    records: 0,
    rate: 0,
    etaSeconds: null,
    message: null,
  }
}

/**
 * Serve mode stores uploads under a temp folder; messages name the file as the user knows it.
 */
function named(row: IngestRow, message: string | null): string | null {
  return message && row.path ? message.replaceAll(row.path, row.name) : message
}

function update(
  rows: readonly IngestRow[],
  match: (row: IngestRow) => boolean,
  change: (row: IngestRow) => Partial<IngestRow>,
): IngestRow[] {
  return rows.map((row) => (match(row) ? { ...row, ...change(row) } : row))
}

/** Applies one engine event to the rows of its job. */
export function applyEvent(rows: readonly IngestRow[], event: ApiEvent): IngestRow[] {
  if (event.type === 'ingest') {
    const inJob = (row: IngestRow) => row.jobId === event.jobId
    const e = event.event
    switch (e.type) {
      case 'file-start':
        return update(
          rows,
          (r) => inJob(r) && r.path === e.path,
          () => ({
            status: 'reading',
            fraction: 0,
          }),
        )
      case 'progress':
        return update(
          rows,
          (r) => inJob(r) && r.path === e.path,
          () => ({
            status: 'reading',
            fraction: e.totalBytes > 0 ? Math.min(1, e.bytesRead / e.totalBytes) : null,
            records: e.records,
            rate: e.rate,
            etaSeconds: e.etaSeconds,
          }),
        )
      case 'file-done': {
        const report = e.report
        const status: RowStatus = report.status === 'added' ? 'done' : report.status
        return update(
          rows,
          (r) => inJob(r) && r.path === report.path,
          (row) => ({
            status,
            // A stopped file keeps a still bar at 0: an empty indeterminate bar looks busy.
            fraction: status === 'done' || status === 'already-present' ? 1 : 0,
            records: report.records,
            etaSeconds: null,
            message: named(
              row,
              report.error?.message ??
                (report.status === 'already-present'
                  ? 'Already in the catalog (same checksum); nothing added.'
                  : report.unmatchedCount
                    ? `${report.unmatchedCount} rows matched no sequence id.`
                    : null),
            ),
          }),
        )
      }
      case 'indexing':
        return update(
          rows,
          (r) => inJob(r) && r.status === 'done',
          () => ({ status: 'indexing', message: e.message }),
        )
      default:
        return [...rows]
    }
  }
  if (event.type === 'ingest-failed') {
    return update(
      rows,
      (r) => r.jobId === event.jobId && !FINISHED.has(r.status),
      (row) => ({ status: 'failed', message: named(row, event.error.message), fraction: 0 }),
    )
  }
  if (event.type === 'ingest-done') {
    const indexed = update(
      rows,
      (r) => r.jobId === event.jobId && r.status === 'indexing',
      () => ({ status: 'done', message: null }),
    )
    // Files the engine never reached (a cancel stops the rest of the job) end as cancelled.
    return update(
      indexed,
      (r) => r.jobId === event.jobId && !FINISHED.has(r.status),
      () => ({
        status: 'cancelled',
        message: 'Not read: the ingest was cancelled.',
        fraction: 0,
      }),
    )
  }
  return [...rows]
}

/** An event of an ingest job, which rows match by its id. */
export type JobEvent = Extract<ApiEvent, { type: 'ingest' | 'ingest-done' | 'ingest-failed' }>

/**
 * Events of jobs whose rows do not know the job's id yet. A small file's events can arrive
 * before `ingest:start` answers with the id (serve mode's event stream races the call's reply),
 * and rows that miss its `file-done` ended as cancelled. They are held until the job is known,
 * then given back in order. A window also hears other windows' jobs, whose ids it never learns,
 * so only the last `limit` are held.
 */
export class EarlyJobEvents {
  private readonly known = new Set<string>()
  private held: JobEvent[] = []

  constructor(private readonly limit = 1_000) {}

  /** Whether the event's job is known; if it is not, the event is held. */
  admit(event: JobEvent): boolean {
    if (this.known.has(event.jobId)) return true
    this.held.push(event)
    if (this.held.length > this.limit) this.held = this.held.slice(-this.limit)
    return false
  }

  /** Marks the job known and returns its held events, in the order they came. */
  release(jobId: string): JobEvent[] {
    this.known.add(jobId)
    const mine = this.held.filter((e) => e.jobId === jobId)
    this.held = this.held.filter((e) => e.jobId !== jobId)
    return mine
  }
}
