/**
 * Ingest handlers: files (paths, never contents) go to the engine's ingest in the
 * background; progress streams out as events; jobs run one after another because a
 * catalog has one writer. After each file the open catalog is reloaded, so the UI shows
 * records as soon as their file is committed.
 */
import { randomUUID } from 'node:crypto'
import type { ApiEvent, IngestStart } from '../../shared/api.js'
import { GenocatError, toErrorData } from '../../shared/errors.js'
import { openInput } from '../engine/formats/open-input.js'
import { ingest } from '../engine/ingest/ingest.js'
import type { HandlerDeps, Handlers } from './handlers.js'

/**
 * Sequences or a metadata table, by content: FASTA starts with '>', FASTQ with '@' (after
 * decompression). A file that cannot be read is handed to the sequence reader, which
 * reports the problem on that file's row.
 */
export async function classifyInput(path: string): Promise<'sequences' | 'metadata'> {
  try {
    const input = await openInput(path)
    for await (const chunk of input.chunks) {
      const text = chunk.subarray(0, 4096).toString('latin1').trimStart()
      if (text.length === 0) continue
      return text.startsWith('>') || text.startsWith('@') ? 'sequences' : 'metadata'
    }
  } catch {
    // Fall through: the ingest names the file and what is wrong with it.
  }
  return 'sequences'
}

export interface IngestJobs extends Handlers<'ingest:start' | 'ingest:cancel'> {
  /** Cancels every job and waits for them to stop. */
  cancelAll(): Promise<void>
}

export function ingestHandlers(deps: HandlerDeps): IngestJobs {
  const { session } = deps
  const emit = (event: ApiEvent): void => deps.emit(event)
  const running = new Map<string, AbortController>()
  let queue: Promise<void> = Promise.resolve()

  const reload = async (location: string): Promise<void> => {
    if (session.location !== location) return
    await session.reload()
    emit({ type: 'catalog-changed', catalog: await session.summary() })
  }

  const run = async (jobId: string, location: string, plan: IngestStart['files']) => {
    const controller = running.get(jobId)!
    try {
      const report = await ingest(location, {
        files: plan.filter((f) => f.kind === 'sequences').map((f) => f.path),
        metadata: plan.filter((f) => f.kind === 'metadata').map((f) => f.path),
        signal: controller.signal,
        onEvent: (event) => {
          emit({ type: 'ingest', jobId, event })
          if (event.type === 'file-done' && event.report.status === 'added')
            void reload(location).catch(() => undefined)
        },
      })
      await reload(location)
      emit({ type: 'ingest-done', jobId, report })
    } catch (error) {
      emit({ type: 'ingest-failed', jobId, error: toErrorData(error) })
    } finally {
      running.delete(jobId)
    }
  }

  return {
    'ingest:start': async ({ paths }) => {
      const catalog = session.require()
      if (!catalog.path)
        throw new GenocatError('UNSUPPORTED', 'This catalog cannot be written from here.')
      const files = await Promise.all(
        paths.map(async (path) => ({ path, kind: await classifyInput(path) })),
      )
      const jobId = randomUUID()
      running.set(jobId, new AbortController())
      const location = catalog.path
      queue = queue.then(() => run(jobId, location, files))
      return { jobId, files }
    },
    'ingest:cancel': ({ jobId }) => {
      const controller = running.get(jobId)
      controller?.abort()
      return Promise.resolve({ cancelled: controller !== undefined })
    },
    cancelAll: async () => {
      for (const controller of running.values()) controller.abort()
      await queue
    },
  }
}
