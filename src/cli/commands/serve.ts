/**
 * `genocat serve`: the workbench in a browser. The same API host as the desktop app,
 * behind the HTTP adapter on loopback with a random token that the printed URL carries.
 */
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ApiResult, CatalogSummary } from '../../shared/api.js'
import { GenocatError } from '../../shared/errors.js'
import { findDemoSource } from '../../main/api/demo.js'
import { createApiHost, type ApiHost } from '../../main/api/host.js'
import { startServer } from '../../server/start-server.js'
import { version } from '../version.js'

export interface ServeOptions {
  port?: number
  host?: string
  renderer?: string
}

/** The app's settings and demo catalog: GENOCAT_HOME, else ~/.genocat. */
export function settingsDir(): string {
  return process.env['GENOCAT_HOME'] ?? join(homedir(), '.genocat')
}

/** out/renderer of this install, found from src/cli/commands or out/node/cli/commands. */
function findRenderer(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'out', 'renderer')
    if (existsSync(join(candidate, 'index.html'))) return candidate
    dir = dirname(dir)
  }
  throw new GenocatError(
    'FILE_NOT_FOUND',
    'The workbench page is not built; run `npm run build` first (it writes out/renderer).',
  )
}

async function openFirst(host: ApiHost, catalog: string | undefined): Promise<CatalogSummary> {
  if (catalog === undefined)
    console.error('Opening the demo catalog (built from resources/demo on first run)…')
  const result = (await (catalog === undefined
    ? host.call('catalog:open-demo', {})
    : host.call('catalog:open', { location: resolve(catalog) }))) as ApiResult<CatalogSummary>
  if (!result.ok) throw new GenocatError(result.error.code, result.error.message)
  return result.value
}

export async function runServe(catalog: string | undefined, opts: ServeOptions): Promise<void> {
  const hostname = opts.host ?? '127.0.0.1'
  const rendererDir = opts.renderer ? resolve(opts.renderer) : findRenderer()
  const host = createApiHost({
    app: { name: 'Genocat', version: version(), shell: 'serve', nativeFiles: false },
    settingsDir: settingsDir(),
    demoSource: findDemoSource(import.meta.url),
  })
  let summary: CatalogSummary
  try {
    summary = await openFirst(host, catalog)
  } catch (error) {
    await host.close()
    throw error
  }
  let server: Awaited<ReturnType<typeof startServer>>
  try {
    server = await startServer({
      host,
      rendererDir,
      hostname,
      ...(opts.port === undefined ? {} : { port: opts.port }),
    })
  } catch (error) {
    await host.close()
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL')
      throw new GenocatError(
        'INVALID_ARGUMENT',
        `Cannot listen on ${hostname}:${opts.port ?? 0} (${code}); choose another --port or --host, or leave --port out for a free one.`,
        {},
        { cause: error },
      )
    throw error
  }
  if (!['127.0.0.1', 'localhost', '::1'].includes(hostname))
    console.error(
      `Warning: listening on ${hostname}; anyone who can reach this machine and has the URL's token can use the catalog.`,
    )
  console.error(`Serving ${summary.name} (${summary.sequences.toLocaleString('en-US')} sequences).`)
  console.error('Open this address in a browser; press Ctrl+C to stop:')
  console.log(server.url)
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      void server
        .close()
        .then(() => host.close())
        .then(done)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}
