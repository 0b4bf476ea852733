import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ApiHost } from '../main/api/host.js'
import { handleCall } from './call-route.js'
import type { EventStreams } from './event-stream.js'
import { refuseApiRequest, type GuardConfig } from './request-guard.js'
import { sendError, sendText } from './responses.js'
import { serveStatic } from './static-files.js'
import { handleUpload } from './upload-route.js'
import type { UploadStore } from './upload-store.js'

/** Everything a request may need, built once when the server starts listening. */
export interface RouteContext {
  readonly host: ApiHost
  readonly rendererDir: string
  readonly guard: GuardConfig
  readonly streams: EventStreams
  readonly uploads: UploadStore
}

const CALL_PREFIX = '/api/call/'

/**
 * Sends a request where it belongs: `/api/…` behind the Host, Origin and token checks,
 * everything else to the static renderer files.
 */
export async function routeRequest(
  context: RouteContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  // The base only fills in what a request line lacks; the Host header is checked separately.
  const url = new URL(req.url ?? '/', 'http://localhost')
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
    await routeApi(context, url, req, res)
    return
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Only GET and HEAD are served here.\n')
    return
  }
  await serveStatic(context.rendererDir, url.pathname, res, req.method === 'HEAD')
}

async function routeApi(
  context: RouteContext,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const refusal = refuseApiRequest(req, url, context.guard)
  if (refusal !== null) {
    sendError(res, refusal.status, refusal.code, refusal.message)
    return
  }
  const { pathname } = url
  if (pathname.startsWith(CALL_PREFIX)) {
    if (!expectMethod(req, res, 'POST')) return
    const method = decodeMethod(pathname.slice(CALL_PREFIX.length))
    if (method === null) {
      sendError(res, 400, 'INVALID_ARGUMENT', 'The method name in the URL cannot be decoded.')
      return
    }
    await handleCall(context.host, method, req, res)
    return
  }
  if (pathname === '/api/events') {
    if (expectMethod(req, res, 'GET')) context.streams.open(req, res)
    return
  }
  if (pathname === '/api/upload') {
    if (!expectMethod(req, res, 'POST')) return
    await context.uploads.track(handleUpload(context.uploads, url, req, res))
    return
  }
  sendError(res, 404, 'NOT_FOUND', `There is no API route ${pathname}.`)
}

/** Answers 405 unless the request uses `method`; returns whether it does. */
function expectMethod(req: IncomingMessage, res: ServerResponse, method: string): boolean {
  if (req.method === method) return true
  sendError(res, 405, 'INVALID_ARGUMENT', `Use ${method} for ${req.url?.split('?')[0] ?? ''}.`)
  return false
}

/** `catalog%3Aopen` → `catalog:open`; null when the escape is malformed. */
function decodeMethod(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded)
  } catch {
    return null
  }
}
