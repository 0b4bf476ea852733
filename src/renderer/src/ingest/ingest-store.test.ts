import { describe, expect, it } from 'vitest'
import { applyEvent, EarlyJobEvents, newRow, type IngestRow, type JobEvent } from './ingest-store'

const queued = (path: string, jobId = 'j1'): IngestRow => ({
  ...newRow(path, path.split('/').pop()!, 'queued'),
  path,
  jobId,
})

describe('ingest rows follow engine events', () => {
  it('shows progress as a fraction of bytes, with rate and ETA', () => {
    const rows = applyEvent([queued('/a.fa'), queued('/b.fa')], {
      type: 'ingest',
      jobId: 'j1',
      event: {
        type: 'progress',
        path: '/a.fa',
        records: 10,
        bytesRead: 25,
        totalBytes: 100,
        rate: 5,
        etaSeconds: 3,
      },
    })
    expect(rows[0]).toMatchObject({ status: 'reading', fraction: 0.25, records: 10, etaSeconds: 3 })
    expect(rows[1]!.status).toBe('queued')
  })

  it('keeps the error text of a rejected file on its own row', () => {
    const rows = applyEvent([queued('/bad.fa')], {
      type: 'ingest',
      jobId: 'j1',
      event: {
        type: 'file-done',
        report: {
          path: '/bad.fa',
          kind: 'sequences',
          records: 0,
          status: 'failed',
          error: { code: 'PARSE_ERROR', message: '/bad.fa line 3: not a sequence' },
        },
      },
    })
    expect(rows[0]).toMatchObject({ status: 'failed', message: 'bad.fa line 3: not a sequence' })
  })

  it('marks files a cancelled job never reached as cancelled', () => {
    const rows = applyEvent([queued('/a.fa'), queued('/b.fa', 'j2')], {
      type: 'ingest-done',
      jobId: 'j1',
      report: { files: [], added: 0, skipped: 0, errors: [], recovered: [] },
    })
    expect(rows[0]!.status).toBe('cancelled')
    expect(rows[1]!.status).toBe('queued')
  })
})

describe('index maintenance after the files', () => {
  it('shows indexing on added files until the job is done, then clears the note', () => {
    const added: IngestRow = { ...queued('/a.fa'), status: 'done', fraction: 1 }
    const indexing = applyEvent([added], {
      type: 'ingest',
      jobId: 'j1',
      event: { type: 'indexing', message: 'Folding new rows into the records indexes…' },
    })
    expect(indexing[0]).toMatchObject({ status: 'indexing', fraction: 1 })
    const done = applyEvent(indexing, {
      type: 'ingest-done',
      jobId: 'j1',
      report: { files: [], added: 1, skipped: 0, errors: [], recovered: [] },
    })
    expect(done[0]).toMatchObject({ status: 'done', message: null })
  })
})

describe('messages in serve mode', () => {
  it('name the file as the user dropped it, not where the upload was stored', () => {
    const row: IngestRow = {
      ...queued('/tmp/genocat-uploads-x/1/broken.fasta'),
      name: 'broken.fasta',
    }
    const rows = applyEvent([row], {
      type: 'ingest',
      jobId: 'j1',
      event: {
        type: 'file-done',
        report: {
          path: row.path!,
          kind: 'sequences',
          records: 0,
          status: 'failed',
          error: { code: 'PARSE_ERROR', message: `${row.path!}, line 4: invalid character` },
        },
      },
    })
    expect(rows[0]).toMatchObject({
      message: 'broken.fasta, line 4: invalid character',
      fraction: 0,
    })
  })
})

describe('events that come before the job id', () => {
  const fileDone: JobEvent = {
    type: 'ingest',
    jobId: 'j2',
    event: {
      type: 'file-done',
      report: { path: '/meta.tsv', kind: 'metadata', records: 34, status: 'added' },
    },
  }
  const done: JobEvent = {
    type: 'ingest-done',
    jobId: 'j2',
    report: { files: [], added: 34, skipped: 0, errors: [], recovered: [] },
  }

  it('holds them until ingest:start answers, then the rows get them in order', () => {
    const early = new EarlyJobEvents()
    // A small table's job finished before the call that started it answered.
    expect(early.admit(fileDone)).toBe(false)
    expect(early.admit(done)).toBe(false)
    expect(early.admit({ ...done, jobId: 'other' })).toBe(false)
    const held = early.release('j2')
    expect(held).toEqual([fileDone, done])
    const rows = held.reduce(applyEvent, [queued('/meta.tsv', 'j2')])
    expect(rows[0]).toMatchObject({ status: 'done', fraction: 1 })
    // Known from now on: its events go straight to the rows, and nothing else of it is held.
    expect(early.admit(done)).toBe(true)
    expect(early.release('j2')).toEqual([])
  })

  it('keeps only the last events of jobs it never learns', () => {
    const early = new EarlyJobEvents(2)
    for (const jobId of ['a', 'b', 'c']) early.admit({ ...done, jobId })
    expect(early.release('a')).toEqual([])
    expect(early.release('c')).toEqual([{ ...done, jobId: 'c' }])
  })
})
