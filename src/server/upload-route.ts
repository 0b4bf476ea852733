import { createWriteStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { basename, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { UploadedFile } from '../shared/api.js'
import { toErrorData } from '../shared/errors.js'
import { sendError, sendJson } from './responses.js'
import type { UploadStore } from './upload-store.js'

/** Most file systems refuse longer names; refusing here gives a clearer message. */
const MAX_NAME_BYTES = 255

/**
 * The bare file name to store an upload under, or null when nothing usable is left. Keeps
 * only the last path segment (either slash, since browsers on Windows may send `C:\…`) and
 * drops control characters, so a name can neither climb out of its folder nor forge a line.
 */
export function sanitizeFileName(name: string): string | null {
  const clean = basename(name.replace(/\\/g, '/'))
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
  if (clean === '' || clean === '.' || clean === '..') return null
  if (Buffer.byteLength(clean) > MAX_NAME_BYTES) return null
  return clean
}

/**
 * `POST /api/upload?name=<file name>`: streams the body to `<uploadDir>/<random>/<name>`
 * without holding it in memory (sequence files run to gigabytes). The user's file name is
 * kept because ingest detects formats and reports files by name. An aborted upload leaves
 * nothing behind.
 */
export async function handleUpload(
  store: UploadStore,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const name = sanitizeFileName(url.searchParams.get('name') ?? '')
  if (name === null) {
    sendError(
      res,
      400,
      'INVALID_ARGUMENT',
      'The upload needs a file name (?name=) that is a plain name, not a path.',
    )
    return
  }
  const folder = await store.newFolder()
  const path = join(folder, name)
  try {
    await pipeline(req, createWriteStream(path, { flags: 'wx' }))
    const { size } = await stat(path)
    const value: UploadedFile = { path, name, bytes: size }
    sendJson(res, 200, { ok: true, value })
  } catch (error) {
    await store.discard(folder)
    // An aborted client has no socket left to answer; anyone else hears what went wrong.
    if (!res.headersSent && !res.destroyed) {
      const reason = toErrorData(error).message
      sendError(res, 500, 'INTERNAL', `The upload of ${name} failed: ${reason}`)
    }
  }
}
