import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ApiEvent } from '../shared/api.js'
import type { ApiHost } from '../main/api/host.js'
import { SECURITY_HEADERS } from './responses.js'

/** How often an idle stream gets a comment, so proxies and browsers keep it open. */
export const HEARTBEAT_MS = 15_000

/** The open `GET /api/events` streams, so closing the server can end them. */
export interface EventStreams {
  /** Starts streaming `host` events to `res` until the client leaves or `closeAll` runs. */
  open(req: IncomingMessage, res: ServerResponse): void
  /** Ends every open stream; a server cannot close while they hang on. */
  closeAll(): void
}

/**
 * Server-Sent Events over the host's events: each event is one `data: <json>` message.
 * A comment is written at once so the client's fetch or EventSource resolves without waiting
 * for the first event.
 */
export function createEventStreams(host: ApiHost, heartbeatMs = HEARTBEAT_MS): EventStreams {
  const ends = new Set<() => void>()

  function open(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      // Tells a reverse proxy (nginx) not to buffer the stream into silence.
      'X-Accel-Buffering': 'no',
    })
    res.write(': connected\n\n')
    const unsubscribe = host.onEvent((event: ApiEvent) => {
      res.write(`data: ${JSON.stringify(event)}\n\n`)
    })
    const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs)
    let ended = false
    const end = (): void => {
      if (ended) return
      ended = true
      clearInterval(heartbeat)
      unsubscribe()
      ends.delete(end)
      res.end()
    }
    ends.add(end)
    // 'close' on the response fires when the client goes away as well as when we end it.
    res.on('close', end)
    req.on('error', end)
  }

  function closeAll(): void {
    for (const end of [...ends]) end()
  }

  return { open, closeAll }
}
