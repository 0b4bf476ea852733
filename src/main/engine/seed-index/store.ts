import { closeSync, fstatSync, openSync, readSync, renameSync, writeSync } from 'node:fs'
import { GenocatError } from '../../../shared/errors.js'
import type { SeedIndex } from './seed-index.js'

/**
 * A seed index on disk: a magic line, a JSON header, then each typed array as raw
 * little-endian bytes at an 8-byte boundary. Loading reads each array straight into its own
 * buffer, so a segment opens at disk speed with nothing to parse or rebuild.
 */
const MAGIC = 'GENOCAT-SEEDS 1\n'

interface Header {
  readonly k: number
  readonly w: number
  readonly records: number
  readonly residues: number
  readonly entries: number
  readonly buckets: number
  readonly bucketShift: number
}

type Arrays = Pick<
  SeedIndex,
  'rids' | 'starts' | 'entryKeys' | 'entryRecords' | 'entryPlaces' | 'bucketStarts' | 'residues'
>

/** The arrays in file order, with their lengths from the header. */
function layout(h: Header): [keyof Arrays, number, number][] {
  return [
    ['rids', h.records, 8],
    ['starts', h.records + 1, 8],
    ['entryKeys', h.entries, 4],
    ['entryRecords', h.entries, 4],
    ['entryPlaces', h.entries, 4],
    ['bucketStarts', h.buckets + 1, 4],
    ['residues', h.residues, 1],
  ]
}

const align8 = (n: number): number => Math.ceil(n / 8) * 8
/** Reads and writes go in pieces: one call moves at most 2 GB. */
const PIECE = 1 << 30

function headerBytes(header: Header): Buffer {
  const json = JSON.stringify(header)
  const bytes = Buffer.alloc(align8(MAGIC.length + 4 + Buffer.byteLength(json)))
  bytes.write(MAGIC, 0, 'latin1')
  bytes.writeUInt32LE(Buffer.byteLength(json), MAGIC.length)
  bytes.write(json, MAGIC.length + 4, 'utf8')
  return bytes
}

/** Writes the index to `path` through a temporary name, so a crash never leaves half a file. */
export function writeSeedIndex(path: string, index: SeedIndex): number {
  const header: Header = {
    k: index.k,
    w: index.w,
    records: index.rids.length,
    residues: index.residues.length,
    entries: index.entryKeys.length,
    buckets: index.bucketStarts.length - 1,
    bucketShift: index.bucketShift,
  }
  const temporary = `${path}.partial`
  const fd = openSync(temporary, 'w')
  let position = 0
  try {
    const head = headerBytes(header)
    writeSync(fd, head, 0, head.length, position)
    position += head.length
    for (const [name] of layout(header)) {
      const array = index[name]
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
      for (let done = 0; done < bytes.length;) {
        const n = writeSync(fd, bytes, done, Math.min(PIECE, bytes.length - done), position)
        done += n
        position += n
      }
      position = align8(position)
    }
  } finally {
    closeSync(fd)
  }
  renameSync(temporary, path)
  return position
}

/** Reads an index written by {@link writeSeedIndex}; a damaged file is an error naming it. */
export function readSeedIndex(path: string): SeedIndex {
  const fd = openSync(path, 'r')
  try {
    const size = fstatSync(fd).size
    const damaged = (why: string): GenocatError =>
      new GenocatError('INDEX_DAMAGED', `Seed index ${path} is damaged: ${why}.`)
    const start = Buffer.alloc(Math.min(size, 64 * 1024))
    readSync(fd, start, 0, start.length, 0)
    if (start.toString('latin1', 0, MAGIC.length) !== MAGIC) throw damaged('not a seed index')
    const length = start.readUInt32LE(MAGIC.length)
    if (MAGIC.length + 4 + length > start.length) throw damaged('header cut short')
    const header = JSON.parse(
      start.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + length),
    ) as Header
    let position = align8(MAGIC.length + 4 + length)
    const arrays: Partial<Record<keyof Arrays, ArrayBufferView>> = {}
    for (const [name, count, width] of layout(header)) {
      // Shared, so search workers are sent the index without a copy.
      const buffer = new SharedArrayBuffer(count * width)
      const bytes = new Uint8Array(buffer)
      for (let done = 0; done < bytes.length;) {
        const n = readSync(fd, bytes, done, Math.min(PIECE, bytes.length - done), position)
        if (n === 0) throw damaged(`${name} cut short`)
        done += n
        position += n
      }
      position = align8(position)
      arrays[name] =
        width === 8
          ? new Float64Array(buffer)
          : width === 4
            ? new Int32Array(buffer)
            : new Uint8Array(buffer)
    }
    if (position !== align8(size)) throw damaged(`${size - position} unexpected bytes at its end`)
    return {
      k: header.k,
      w: header.w,
      bucketShift: header.bucketShift,
      ...(arrays as Arrays),
    }
  } finally {
    closeSync(fd)
  }
}
