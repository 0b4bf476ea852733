/**
 * Receives parsed records. `seq` and `quality` are scratch buffers: copy what you keep. `line`
 * is the record's title line, counted from 1 at the start of the parsed text.
 */
export interface RecordSink {
  add(
    title: string,
    seq: Uint8Array,
    seqLength: number,
    quality: Uint8Array | null,
    line: number,
  ): void
}

/** A growable byte buffer reused across records, so parsing allocates per chunk, not per line. */
export class Scratch {
  bytes = new Uint8Array(1 << 16)
  length = 0

  ensure(extra: number): void {
    if (this.length + extra <= this.bytes.length) return
    let capacity = this.bytes.length * 2
    while (capacity < this.length + extra) capacity *= 2
    const grown = new Uint8Array(capacity)
    grown.set(this.bytes.subarray(0, this.length))
    this.bytes = grown
  }
}

/**
 * Walks the lines of a chunk: after `next()` returns true, [start, end) is the line without
 * its newline or a trailing '\r'. A class with fields, not a generator, because a generator
 * allocating a pair per line showed up in profiles at millions of lines.
 */
export class LineReader {
  start = 0
  end = 0
  private pos: number
  private readonly view: Buffer

  constructor(private readonly bytes: Uint8Array) {
    this.view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
    // A UTF-8 byte order mark at the very start of a file is not content.
    this.pos = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  }

  next(): boolean {
    const { bytes, pos } = this
    if (pos >= bytes.length) return false
    const newline = this.view.indexOf(0x0a, pos)
    let end = newline < 0 ? bytes.length : newline
    if (end > pos && bytes[end - 1] === 0x0d) end--
    this.start = pos
    this.end = end
    this.pos = newline < 0 ? bytes.length : newline + 1
    return true
  }
}

export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8', start, end)
}
