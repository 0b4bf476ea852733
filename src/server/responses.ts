import type { ServerResponse } from 'node:http'
import type { ErrorCode, ErrorData } from '../shared/errors.js'

/** The failure half of an `ApiResult`, as the HTTP layer writes it. */
export interface HttpErrorBody {
  readonly ok: false
  readonly error: ErrorData
}

/**
 * Sent with every response. The page is the renderer Vite built: no inline scripts, no remote
 * origins; inline styles stay allowed because React and D3 set `style` attributes.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
    "img-src 'self' data: blob:; connect-src 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
}

/** Writes `body` as JSON with `status`; API answers are never cached (they carry catalog data). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  })
  res.end(text)
}

/** Writes an error as data (`{ ok: false, error }`), the shape every API client already reads. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
): void {
  const body: HttpErrorBody = { ok: false, error: { code, message } }
  sendJson(res, status, body)
}

/** Writes a plain-text sentence, for the static side where a browser shows the body as is. */
export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  })
  res.end(text)
}
