export type SequenceFormat = 'fasta' | 'fastq'

export interface Chunk {
  /** Whole records only; owns its ArrayBuffer so it can be transferred to a worker. */
  readonly bytes: Uint8Array
  readonly index: number
}

const NEWLINE = 0x0a
const GT = 0x3e
const AT = 0x40
const PLUS = 0x2b
const CR = 0x0d

/**
 * Cuts a decompressed stream into chunks of whole records, so worker threads can parse them
 * in parallel. FASTA records start at any line beginning with '>'. FASTQ needs a light state
 * machine because '@' is also a quality character: a record ends when its quality string is
 * as long as its sequence (Cock et al. 2010), which also handles wrapped records. The
 * parser in the worker applies the same rules and reports malformed input precisely.
 */
export class RecordChunker {
  private pending: Uint8Array[] = []
  private pendingSize = 0
  private nextIndex = 0
  /** Offset (within pending) of the latest record start seen; 0 means none usable. */
  private cut = 0
  // FASTQ line state, carried across pushed buffers.
  private state: 'title' | 'seq' | 'qual' = 'title'
  private seqLen = 0
  private qualLen = 0
  private lineStart = 0
  private lineFirst = -1
  private lineLen = 0
  private prevEndedWithNewline = true
  /** Offset within pending of the buffer being scanned; moves when a chunk is cut mid-scan. */
  private scanBase = 0
  private readonly ready: Chunk[] = []

  constructor(
    private readonly format: SequenceFormat,
    private readonly targetSize = 4 << 20,
  ) {}

  push(buffer: Uint8Array): Chunk[] {
    const base = this.pendingSize
    this.pending.push(buffer)
    this.pendingSize += buffer.length
    if (this.format === 'fasta') this.scanFasta(buffer, base)
    else this.scanFastq(buffer, base)
    const out = this.ready.splice(0)
    if (this.format === 'fasta' && this.pendingSize >= this.targetSize && this.cut > 0)
      out.push(this.emit(this.cut))
    return out
  }

  finish(): Chunk | null {
    if (this.pendingSize === 0) return null
    return this.emit(this.pendingSize)
  }

  private emit(at: number): Chunk {
    // Copy exactly the chunk's bytes into a buffer of its own; the rest stays as views.
    const bytes = new Uint8Array(at)
    const rest: Uint8Array[] = []
    let offset = 0
    for (const part of this.pending) {
      const take = Math.min(part.length, at - offset)
      if (take > 0) bytes.set(take === part.length ? part : part.subarray(0, take), offset)
      if (take < part.length) rest.push(part.subarray(Math.max(0, take)))
      offset += take
    }
    this.pending = rest
    this.pendingSize -= at
    this.lineStart -= at
    this.scanBase -= at
    this.cut = 0
    return { bytes, index: this.nextIndex++ }
  }

  private scanFasta(buffer: Uint8Array, base: number): void {
    if (this.prevEndedWithNewline && buffer[0] === GT && base > 0) this.cut = base
    const at = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.length).lastIndexOf('\n>')
    if (at >= 0 && base + at + 1 > 0) this.cut = base + at + 1
    this.prevEndedWithNewline = buffer[buffer.length - 1] === NEWLINE
  }

  private scanFastq(buffer: Uint8Array, base: number): void {
    this.scanBase = base
    const view = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.length)
    let pos = 0
    while (pos < buffer.length) {
      if (this.lineFirst < 0) {
        this.lineFirst = buffer[pos]!
        this.lineStart = this.scanBase + pos
      }
      const newline = view.indexOf(NEWLINE, pos)
      const end = newline < 0 ? buffer.length : newline
      this.lineLen += end - pos
      if (newline < 0) return
      const length = this.lineLen > 0 && buffer[end - 1] === CR ? this.lineLen - 1 : this.lineLen
      this.onFastqLine(this.lineFirst, length)
      this.lineFirst = -1
      this.lineLen = 0
      pos = newline + 1
    }
  }

  private onFastqLine(first: number, length: number): void {
    switch (this.state) {
      case 'title':
        if (first === AT) {
          if (this.lineStart >= this.targetSize) this.pendingCut(this.lineStart)
          this.state = 'seq'
          this.seqLen = 0
        }
        return
      case 'seq':
        if (first === PLUS) {
          this.qualLen = 0
          this.state = this.seqLen === 0 ? 'title' : 'qual'
        } else this.seqLen += length
        return
      case 'qual':
        this.qualLen += length
        if (this.qualLen >= this.seqLen) this.state = 'title'
        return
    }
  }

  /** FASTQ cuts are made as soon as a record start past the target size is seen. */
  private pendingCut(at: number): void {
    this.ready.push(this.emit(at))
  }
}
