/**
 * The renderer's door to the engine. In the desktop app the preload puts the contract on
 * `window.genocat`; in a browser (serve mode) the same methods go over HTTP with the token
 * the printed URL carried, and events arrive over Server-Sent Events.
 */
import type {
  ApiEvent,
  ApiInput,
  ApiMethod,
  ApiOutput,
  ApiResult,
  GenocatBridge,
  UploadedFile,
} from '../../../shared/api'
import type { ErrorData, ErrorDetails } from '../../../shared/errors'

declare global {
  interface Window {
    genocat?: GenocatBridge
  }
}

/** An API error as the UI shows it: the engine's sentence, with its code and details kept. */
export class ApiError extends Error {
  readonly code: string
  readonly details: ErrorDetails | undefined
  constructor(data: ErrorData | { code: string; message: string; details?: ErrorDetails }) {
    super(data.message)
    this.name = 'ApiError'
    this.code = data.code
    this.details = data.details
  }
}

const TOKEN_KEY = 'genocat.token'

function serveToken(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    return fromUrl
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

/** True in the desktop app, where files have paths and dialogs are native. */
export function isDesktop(): boolean {
  return window.genocat !== undefined
}

async function httpCall(method: string, input: unknown): Promise<ApiResult<unknown>> {
  let response: Response
  try {
    response = await fetch(`/api/call/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${serveToken()}` },
      body: JSON.stringify(input ?? {}),
    })
  } catch {
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'The Genocat server is not answering. Is `genocat serve` still running?',
      },
    }
  }
  if (response.status === 401) {
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message:
          'This page has no valid access token. Open the full URL that `genocat serve` printed.',
      },
    }
  }
  return (await response.json()) as ApiResult<unknown>
}

/** Calls one contract method; resolves to its output or throws an `ApiError`. */
export async function call<M extends ApiMethod>(
  method: M,
  input: ApiInput<M>,
): Promise<ApiOutput<M>> {
  const bridge = window.genocat
  const result = bridge
    ? await (bridge.api[method] as (i: ApiInput<M>) => Promise<ApiResult<ApiOutput<M>>>)(input)
    : ((await httpCall(method, input)) as ApiResult<ApiOutput<M>>)
  if (!result.ok) throw new ApiError(result.error)
  return result.value
}

type Listener = (event: ApiEvent) => void
const listeners = new Set<Listener>()
let source: EventSource | null = null
let unsubscribeBridge: (() => void) | null = null

function dispatch(event: ApiEvent): void {
  for (const listener of listeners) listener(event)
}

/** Subscribes to engine events (ingest progress, catalog changes, menu actions). */
export function onEvent(listener: Listener): () => void {
  listeners.add(listener)
  if (listeners.size === 1) {
    const bridge = window.genocat
    if (bridge) unsubscribeBridge = bridge.onEvent(dispatch)
    else {
      source = new EventSource(`/api/events?token=${encodeURIComponent(serveToken())}`)
      source.onmessage = (message: MessageEvent<string>) =>
        dispatch(JSON.parse(message.data) as ApiEvent)
    }
  }
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0) {
      source?.close()
      source = null
      unsubscribeBridge?.()
      unsubscribeBridge = null
    }
  }
}

/** The path of a file dropped from the desktop, or '' in a browser (which must upload it). */
export function pathForFile(file: File): string {
  return window.genocat?.pathForFile(file) ?? ''
}

/**
 * Serve mode: streams one file to the server (never read whole into the page) and returns
 * the path the server stored it at. `onProgress` receives the bytes sent so far.
 */
export function uploadFile(
  file: File,
  onProgress?: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<UploadedFile> {
  // XMLHttpRequest, not fetch: only it reports upload progress.
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest()
    request.open('POST', `/api/upload?name=${encodeURIComponent(file.name)}`)
    request.setRequestHeader('Authorization', `Bearer ${serveToken()}`)
    request.upload.onprogress = (event) => onProgress?.(event.loaded, event.total)
    request.onerror = () =>
      reject(new ApiError({ code: 'INTERNAL', message: `Uploading ${file.name} failed.` }))
    request.onabort = () =>
      reject(new ApiError({ code: 'CANCELLED', message: `Upload of ${file.name} cancelled.` }))
    request.onload = () => {
      try {
        const result = JSON.parse(request.responseText) as ApiResult<UploadedFile>
        if (result.ok) resolve(result.value)
        else reject(new ApiError(result.error))
      } catch {
        reject(new ApiError({ code: 'INTERNAL', message: `Uploading ${file.name} failed.` }))
      }
    }
    signal?.addEventListener('abort', () => request.abort())
    request.send(file)
  })
}
