import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/** Why a request was refused, or null when it may go on. */
export interface Refusal {
  readonly status: 401 | 403
  readonly code: 'UNAUTHORIZED' | 'FORBIDDEN'
  readonly message: string
}

/** Who the server is: the names it answers to and the secret API requests must carry. */
export interface GuardConfig {
  /** `host:port` values the `Host` header may hold. */
  readonly allowedHosts: ReadonlySet<string>
  /** `http://host:port` values the `Origin` header may hold, when a browser sends one. */
  readonly allowedOrigins: ReadonlySet<string>
  readonly token: string
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]']

/**
 * The `Host` values a loopback server on `port` answers to: the loopback names plus the
 * hostname it was started with. A page on evil.example whose DNS is rebound to 127.0.0.1
 * still sends `Host: evil.example`, which is what this list stops.
 */
export function guardConfig(hostname: string, port: number, token: string): GuardConfig {
  const names = new Set([...LOOPBACK_NAMES, bracketIpv6(hostname).toLowerCase()])
  const allowedHosts = new Set([...names].map((name) => `${name}:${port}`))
  const allowedOrigins = new Set([...allowedHosts].map((host) => `http://${host}`))
  return { allowedHosts, allowedOrigins, token }
}

/** `::1` → `[::1]`: how an IPv6 address appears in `Host` headers and URLs. */
export function bracketIpv6(hostname: string): string {
  return hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname
}

/**
 * Checks an API request: the `Host` header (DNS rebinding), the `Origin` header (another site's
 * page calling in), then the token, in that order so a foreign page learns nothing about tokens.
 */
export function refuseApiRequest(
  req: IncomingMessage,
  url: URL,
  config: GuardConfig,
): Refusal | null {
  const host = (req.headers.host ?? '').toLowerCase()
  if (!config.allowedHosts.has(host)) {
    return forbidden(`This server answers only to ${[...config.allowedHosts].join(', ')}.`)
  }
  const origin = req.headers.origin
  if (origin !== undefined && !config.allowedOrigins.has(origin.toLowerCase())) {
    return forbidden('Requests from other web pages are not allowed.')
  }
  const token = requestToken(req, url)
  if (token === null) {
    return unauthorized('This request needs the access token from the URL genocat serve printed.')
  }
  if (!tokensMatch(token, config.token)) {
    return unauthorized('The access token is wrong; open the URL genocat serve printed.')
  }
  return null
}

/**
 * The token a request carries: `Authorization: Bearer <token>`, or `?token=` because
 * EventSource cannot set headers.
 */
export function requestToken(req: IncomingMessage, url: URL): string | null {
  const header = req.headers.authorization
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header)
  if (match?.[1] !== undefined) return match[1]
  return url.searchParams.get('token')
}

/**
 * Constant-time comparison. Hashing first gives both sides the same length, which
 * `timingSafeEqual` requires, without leaking the token's length through an early return.
 */
export function tokensMatch(given: string, expected: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest()
  return timingSafeEqual(digest(given), digest(expected))
}

function forbidden(message: string): Refusal {
  return { status: 403, code: 'FORBIDDEN', message }
}

function unauthorized(message: string): Refusal {
  return { status: 401, code: 'UNAUTHORIZED', message }
}
