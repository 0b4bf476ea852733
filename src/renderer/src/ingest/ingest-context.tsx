/**
 * Adding files, from anywhere in the window: drops, "Add files", the desktop menu. On the
 * desktop the engine gets the files' paths; in a browser each file is first streamed to the
 * server (serve mode) and the engine gets where it landed. Rows then follow engine events.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react'
import { ApiError, call, isDesktop, onEvent, pathForFile, uploadFile } from '../lib/api'
import { baseName } from '../lib/format'
import { useAppState } from '../state/app-state'
import { applyEvent, EarlyJobEvents, FINISHED, newRow, type IngestRow } from './ingest-store'

export interface IngestControls {
  readonly rows: readonly IngestRow[]
  readonly addFiles: (files: readonly File[]) => void
  readonly addPaths: (paths: readonly string[]) => void
  readonly cancel: (key: string) => void
  readonly clearFinished: () => void
}

const IngestContext = createContext<IngestControls | null>(null)

export function useIngest(): IngestControls {
  const value = useContext(IngestContext)
  if (!value) throw new Error('useIngest outside IngestProvider')
  return value
}

let nextKey = 0
const makeKey = () => `file-${++nextKey}`

export function IngestProvider(props: { children: React.ReactNode }): React.JSX.Element {
  const { catalog } = useAppState()
  const [rows, setRows] = useState<readonly IngestRow[]>([])
  const uploads = useRef(new Map<string, AbortController>())
  const early = useRef(new EarlyJobEvents())

  useEffect(
    () =>
      onEvent((event) => {
        if (
          (event.type === 'ingest' ||
            event.type === 'ingest-done' ||
            event.type === 'ingest-failed') &&
          early.current.admit(event)
        )
          setRows((current) => applyEvent(current, event))
      }),
    [],
  )

  const patch = useCallback((keys: readonly string[], change: Partial<IngestRow>) => {
    setRows((current) => current.map((r) => (keys.includes(r.key) ? { ...r, ...change } : r)))
  }, [])

  /** Hands paths to the engine as one job (sequences are read before metadata tables). */
  const start = useCallback(
    async (entries: readonly { key: string; path: string }[]) => {
      const keys = entries.map((e) => e.key)
      try {
        const job = await call('ingest:start', { paths: entries.map((e) => e.path) })
        const before = early.current.release(job.jobId)
        setRows((current) =>
          before.reduce(
            applyEvent,
            current.map((r) => {
              const i = keys.indexOf(r.key)
              if (i < 0) return r
              return { ...r, path: entries[i]!.path, jobId: job.jobId, kind: job.files[i]!.kind }
            }),
          ),
        )
      } catch (error) {
        patch(keys, { status: 'failed', message: (error as Error).message, fraction: null })
      }
    },
    [patch],
  )

  const noCatalog = useCallback((names: readonly string[]) => {
    const failed = names.map((name) => ({
      ...newRow(makeKey(), name, 'failed'),
      message: 'Open or create a catalog first, then add files to it.',
    }))
    setRows((current) => [...current, ...failed])
  }, [])

  const addPaths = useCallback(
    (paths: readonly string[]) => {
      if (paths.length === 0) return
      if (!catalog) return noCatalog(paths.map(baseName))
      const entries = paths.map((path) => ({ key: makeKey(), path }))
      setRows((current) => [
        ...current,
        ...entries.map((e) => ({ ...newRow(e.key, baseName(e.path), 'queued'), path: e.path })),
      ])
      void start(entries)
    },
    [catalog, noCatalog, start],
  )

  const addFiles = useCallback(
    (files: readonly File[]) => {
      if (files.length === 0) return
      if (!catalog) return noCatalog(files.map((f) => f.name))
      if (isDesktop()) {
        const paths = files.map(pathForFile).filter((p) => p !== '')
        return addPaths(paths)
      }
      const entries = files.map((file) => ({ key: makeKey(), file }))
      setRows((current) => [
        ...current,
        ...entries.map((e) => newRow(e.key, e.file.name, 'uploading')),
      ])
      void (async () => {
        const uploaded: { key: string; path: string }[] = []
        for (const { key, file } of entries) {
          const controller = new AbortController()
          uploads.current.set(key, controller)
          try {
            const stored = await uploadFile(
              file,
              (sent, total) => patch([key], { fraction: total > 0 ? sent / total : null }),
              controller.signal,
            )
            patch([key], { status: 'queued', path: stored.path, fraction: null })
            uploaded.push({ key, path: stored.path })
          } catch (error) {
            const cancelled = error instanceof ApiError && error.code === 'CANCELLED'
            patch([key], {
              status: cancelled ? 'cancelled' : 'failed',
              message: (error as Error).message,
              fraction: null,
            })
          } finally {
            uploads.current.delete(key)
          }
        }
        if (uploaded.length > 0) await start(uploaded)
      })()
    },
    [catalog, addPaths, noCatalog, patch, start],
  )

  const cancel = useCallback(
    (key: string) => {
      const upload = uploads.current.get(key)
      if (upload) return upload.abort()
      const row = rows.find((r) => r.key === key)
      if (row?.jobId) void call('ingest:cancel', { jobId: row.jobId })
      else if (row && !FINISHED.has(row.status)) patch([key], { status: 'cancelled' })
    },
    [rows, patch],
  )

  const clearFinished = useCallback(
    () => setRows((current) => current.filter((r) => !FINISHED.has(r.status))),
    [],
  )

  const value = useMemo(
    () => ({ rows, addFiles, addPaths, cancel, clearFinished }),
    [rows, addFiles, addPaths, cancel, clearFinished],
  )
  return <IngestContext.Provider value={value}>{props.children}</IngestContext.Provider>
}
