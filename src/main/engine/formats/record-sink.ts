/** Receives parsed records. `seq` and `quality` are scratch buffers: copy what you keep. */
export interface RecordSink {
  add(title: string, seq: Uint8Array, seqLength: number, quality: Uint8Array | null): void
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

/** Iterates the lines of a chunk: [start, end) without the newline or a trailing '\r'. */
export function* lines(bytes: Uint8Array): Generator<[start: number, end: number]> {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
  let pos = 0
  // A UTF-8 byte order mark at the very start of a file is not content.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) pos = 3
  while (pos < bytes.length) {
    const newline = view.indexOf(0x0a, pos)
    let end = newline < 0 ? bytes.length : newline
    if (end > pos && bytes[end - 1] === 0x0d) end--
    yield [pos, end]
    pos = newline < 0 ? bytes.length : newline + 1
  }
}

export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8', start, end)
}
