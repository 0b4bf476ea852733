import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { SECURITY_HEADERS, sendText } from './responses.js'

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
}

const BUILD_HINT =
  'The workbench page has not been built yet: run `npm run build:app`, then start the server again.\n'

/** The Content-Type for a file name; unknown kinds are bytes (nosniff keeps them inert). */
export function contentTypeFor(fileName: string): string {
  return CONTENT_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The file a URL path names inside `root`, or null when it would land outside it (`..`,
 * encoded `%2e%2e` or `%2f`, NUL bytes) or cannot be decoded. Checked after decoding and
 * resolving, so no spelling of a parent directory gets through.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const base = resolve(root)
  const target = resolve(join(base, decoded))
  const rel = relative(base, target)
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null
  return target
}

/**
 * Serves the built renderer: files by path, `index.html` for `/` and for extensionless
 * paths (the page's own routes), 404 for anything else that is not there. Needs no token:
 * the page holds nothing secret and reads the token from its own URL.
 */
export async function serveStatic(
  rendererDir: string,
  urlPath: string,
  res: ServerResponse,
  headOnly: boolean,
): Promise<void> {
  const target = resolveInside(rendererDir, urlPath)
  if (target === null) {
    sendText(res, 404, 'Not found.\n')
    return
  }
  if (await isFile(target)) {
    await sendFile(target, res, headOnly)
    return
  }
  if (extname(target) !== '') {
    sendText(res, 404, 'Not found.\n')
    return
  }
  const index = join(resolve(rendererDir), 'index.html')
  if (!(await isFile(index))) {
    sendText(res, 503, BUILD_HINT)
    return
  }
  await sendFile(index, res, headOnly)
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

async function sendFile(path: string, res: ServerResponse, headOnly: boolean): Promise<void> {
  const { size } = await stat(path)
  const isIndex = extname(path) === '.html'
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': contentTypeFor(path),
    'Content-Length': size,
    // The page names the hashed assets of one build; a cached page would load a stale build.
    ...(isIndex ? { 'Cache-Control': 'no-store' } : {}),
  })
  if (headOnly) {
    res.end()
    return
  }
  try {
    await pipeline(createReadStream(path), res)
  } catch (error) {
    // A browser that leaves mid-file (navigation, reload) closes the socket: not a fault here.
    if (res.destroyed) return
    throw error
  }
}
