/**
 * The contract behind every adapter. `createApiHost` wires each feature's handlers to one
 * `call` that validates input against the method's schema and turns every failure into
 * error data ({ code, message, details }); adapters (IPC, HTTP, tests) add only transport.
 */
import {
  API_METHODS,
  type ApiEvent,
  type ApiMethod,
  type ApiResult,
  type AppInfo,
} from '../../shared/api.js'
import { GenocatError, toErrorData } from '../../shared/errors.js'
import { catalogHandlers } from './catalogs.js'
import type { Dialogs, HandlerDeps, Handlers } from './handlers.js'
import { ingestHandlers } from './ingest-jobs.js'
import { recordHandlers } from './records.js'
import { INPUT_SCHEMAS, tooDeep } from './schemas.js'
import { searchHandlers } from './search.js'
import { Session } from './session.js'

/** The contract behind every adapter (IPC, HTTP, tests): validated calls and pushed events. */
export interface ApiHost {
  /** Validates `input` against the method's schema; never throws: errors come back as data. */
  call(method: string, input: unknown): Promise<ApiResult<unknown>>
  /** Subscribes to engine events (ingest progress, catalog changes); returns an unsubscribe. */
  onEvent(listener: (event: ApiEvent) => void): () => void
  /** Cancels running ingests and closes the catalog. */
  close(): Promise<void>
}

export interface ApiHostOptions {
  readonly app: AppInfo
  readonly settingsDir: string
  readonly demoSource: string
  readonly dialogs?: Dialogs
}

const KNOWN = new Set<string>(API_METHODS)

function isMethod(method: string): method is ApiMethod {
  return KNOWN.has(method)
}

/** Schema failures as one sentence naming the field, e.g. "location: Give a folder …". */
function invalidInput(method: string, issues: readonly { path: PropertyKey[]; message: string }[]) {
  const first = issues[0]
  const field = first?.path.map(String).join('.') ?? ''
  return new GenocatError(
    'INVALID_ARGUMENT',
    `Invalid input to ${method}: ${field ? `${field}: ` : ''}${first?.message ?? 'not accepted'}.`,
    field ? { field } : {},
  )
}

export function createApiHost(options: ApiHostOptions): ApiHost {
  const listeners = new Set<(event: ApiEvent) => void>()
  const session = new Session()
  const deps: HandlerDeps = {
    session,
    app: options.app,
    settingsDir: options.settingsDir,
    demoSource: options.demoSource,
    dialogs: options.dialogs ?? null,
    emit: (event) => {
      for (const listener of listeners) listener(event)
    },
  }
  const jobs = ingestHandlers(deps)
  const handlers: Handlers<ApiMethod> = {
    ...catalogHandlers(deps),
    ...recordHandlers(deps),
    ...searchHandlers(deps),
    'ingest:start': jobs['ingest:start'],
    'ingest:cancel': jobs['ingest:cancel'],
  }

  return {
    async call(method, input) {
      try {
        if (!isMethod(method))
          throw new GenocatError('INVALID_ARGUMENT', `There is no API method "${method}".`)
        if (tooDeep(input))
          throw new GenocatError(
            'INVALID_ARGUMENT',
            `Invalid input to ${method}: nested too deeply.`,
          )
        const parsed = INPUT_SCHEMAS[method].safeParse(input ?? {})
        if (!parsed.success) throw invalidInput(method, parsed.error.issues)
        const handler = handlers[method] as (input: unknown) => Promise<unknown>
        return { ok: true, value: await handler(parsed.data) }
      } catch (error) {
        return { ok: false, error: toErrorData(error) }
      }
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async close() {
      await jobs.cancelAll()
      session.close()
      listeners.clear()
    },
  }
}
