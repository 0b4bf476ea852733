import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ApiHost } from '../main/api/host.js'
import { createEventStreams } from './event-stream.js'
import { bracketIpv6, guardConfig } from './request-guard.js'
import { sendError } from './responses.js'
import { routeRequest, type RouteContext } from './route-request.js'
import { openUploadStore } from './upload-store.js'

/** How to start serve mode. */
export interface ServerOptions {
  /** The API every route calls into. */
  readonly host: ApiHost
  /** The built renderer (`out/renderer`), served as static files. */
  readonly rendererDir: string
  /** 0 (the default) picks a free port. */
  readonly port?: number
  /** The address to listen on; loopback by default, since the API reads and writes files. */
  readonly hostname?: string
  /** Where uploads land; a fresh temporary folder by default. */
  readonly uploadDir?: string
  /** The API's secret; 24 random bytes by default. */
  readonly token?: string
}

/** A listening server: where to open it and how to stop it. */
export interface RunningServer {
  /** The page to open, token included: `http://127.0.0.1:PORT/?token=…`. */
  readonly url: string
  /** `http://127.0.0.1:PORT`, without the token. */
  readonly origin: string
  readonly port: number
  readonly token: string
  /** Ends event streams and open connections, waits for uploads, removes the upload folder. */
  close(): Promise<void>
}

/**
 * Starts serve mode: the renderer and the API over HTTP for a browser on this machine.
 *
 * @example
 * const server = await startServer({ host, rendererDir: 'out/renderer' })
 * console.log(`Open ${server.url}`)
 * await server.close()
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const hostname = options.hostname ?? '127.0.0.1'
  const token = options.token ?? randomBytes(24).toString('base64url')
  const uploads = await openUploadStore(options.uploadDir)
  const streams = createEventStreams(options.host)
  let context: RouteContext | null = null

  const server = createServer((req, res) => {
    if (context === null) {
      sendError(res, 503, 'INTERNAL', 'The server is still starting; try again.')
      return
    }
    void answer(context, req, res)
  })
  const port = await listen(server, options.port ?? 0, hostname).catch(async (error: unknown) => {
    await uploads.close()
    throw error
  })
  context = {
    host: options.host,
    rendererDir: options.rendererDir,
    guard: guardConfig(hostname, port, token),
    streams,
    uploads,
  }
  const origin = `http://${bracketIpv6(displayHost(hostname))}:${port}`
  let closing: Promise<void> | null = null
  return {
    url: `${origin}/?token=${encodeURIComponent(token)}`,
    origin,
    port,
    token,
    close: () =>
      (closing ??= stop(
        server,
        () => streams.closeAll(),
        () => uploads.close(),
      )),
  }
}

/** Runs one request; anything thrown becomes a 500 with data, never a stack trace. */
async function answer(context: RouteContext, req: IncomingMessage, res: ServerResponse) {
  try {
    await routeRequest(context, req, res)
  } catch (error) {
    // The operator sees the cause in the terminal; the browser sees only a sentence.
    console.error('genocat serve:', error)
    if (!res.headersSent) {
      sendError(res, 500, 'INTERNAL', 'The server failed to answer this request.')
    } else {
      res.destroy()
    }
  }
}

function listen(server: Server, port: number, hostname: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, hostname, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

/** A wildcard address is not somewhere a browser can go; loopback reaches it. */
function displayHost(hostname: string): string {
  if (hostname === '0.0.0.0') return '127.0.0.1'
  if (hostname === '::') return '::1'
  return hostname
}

async function stop(
  server: Server,
  endStreams: () => void,
  closeUploads: () => Promise<void>,
): Promise<void> {
  endStreams()
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  // Keep-alive sockets and unfinished requests would hold close() open indefinitely.
  server.closeAllConnections()
  await closed
  await closeUploads()
}
