import { createHash } from 'node:crypto'
import { createReadStream, statSync } from 'node:fs'
import { createGunzip } from 'node:zlib'
import { GenocatError } from '../../../shared/errors.js'
import { pump } from './stream-util.js'

export type Compression = 'none' | 'gzip' | 'bgzf'

export interface InputFile {
  /** The path as the user gave it; every message names the file this way. */
  readonly label: string
  readonly size: number
  readonly compression: Compression
  /** Decompressed content, in chunks, streamed. */
  readonly chunks: AsyncIterable<Buffer>
  /** Bytes of the file (compressed) read so far. */
  bytesRead(): number
  /** SHA-256 of the file's bytes; complete once `chunks` is exhausted. */
  checksum(): string
}

const READ_SIZE = 1 << 20

/** Size check and gzip/BGZF detection by content (magic bytes), never by file name. */
export function sniffCompression(head: Uint8Array): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    // BGZF is gzip whose FEXTRA field carries a 'BC' subfield (SAM/BAM spec, section 4.1).
    const hasExtra = head.length > 3 && (head[3]! & 0x04) !== 0
    if (hasExtra && head.length >= 14 && head[12] === 0x42 && head[13] === 0x43) return 'bgzf'
    return 'gzip'
  }
  return 'none'
}

function statInput(label: string, path: string): number {
  try {
    const stat = statSync(path)
    if (stat.isDirectory())
      throw new GenocatError('INVALID_ARGUMENT', `${label} is a folder, not a file.`, {
        file: label,
      })
    return stat.size
  } catch (error) {
    if (error instanceof GenocatError) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT')
      throw new GenocatError('FILE_NOT_FOUND', `${label}: no such file.`, { file: label })
    throw new GenocatError('FILE_NOT_FOUND', `${label}: cannot read (${code ?? String(error)}).`, {
      file: label,
    })
  }
}

async function readHead(path: string): Promise<Buffer> {
  const stream = createReadStream(path, { start: 0, end: 15 })
  const parts: Buffer[] = []
  for await (const part of stream) parts.push(part as Buffer)
  return Buffer.concat(parts)
}

/**
 * Opens a file for streaming: plain, gzip or multi-member gzip (BGZF included; Node's gunzip
 * reads concatenated members). Corrupt or truncated gzip becomes a COMPRESSION_ERROR that
 * names the file.
 */
export async function openInput(path: string, label = path): Promise<InputFile> {
  const size = statInput(label, path)
  if (size === 0) throw new GenocatError('EMPTY_FILE', `${label} is empty.`, { file: label })
  const compression = sniffCompression(await readHead(path))
  const hash = createHash('sha256')
  let bytesRead = 0
  let digest: string | null = null

  async function* raw(): AsyncGenerator<Buffer> {
    for await (const part of createReadStream(path, { highWaterMark: READ_SIZE })) {
      const buffer = part as Buffer
      bytesRead += buffer.length
      hash.update(buffer)
      yield buffer
    }
    digest = hash.digest('hex')
  }

  async function* decompressed(): AsyncGenerator<Buffer> {
    if (compression === 'none') {
      yield* raw()
      return
    }
    const gunzip = createGunzip({ chunkSize: READ_SIZE })
    const feed = pump(raw(), gunzip)
    try {
      for await (const part of gunzip) yield part as Buffer
    } catch (error) {
      throw new GenocatError(
        'COMPRESSION_ERROR',
        `${label}: the gzip data is corrupt or truncated (${(error as Error).message}).`,
        { file: label },
        { cause: error },
      )
    } finally {
      gunzip.destroy()
      await feed
    }
  }

  return {
    label,
    size,
    compression,
    chunks: decompressed(),
    bytesRead: () => bytesRead,
    checksum: () => {
      if (digest === null) throw new Error('checksum requested before the file was read to the end')
      return digest
    },
  }
}

/** SHA-256 of a file's bytes, streamed. */
export async function fileChecksum(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const part of createReadStream(path, { highWaterMark: READ_SIZE }))
    hash.update(part as Buffer)
  return hash.digest('hex')
}
