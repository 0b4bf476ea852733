/** A malformed record found by a parser, located within the chunk it parsed. The ingest
 * coordinator turns it into a GenocatError naming the file, the file-wide line and record. */
export class ParseError extends Error {
  constructor(
    message: string,
    /** 1-based line within the chunk. */
    readonly line: number,
    /** 0-based index within the chunk of the record being read. */
    readonly recordIndex: number,
    /** The record's id when its title had been read. */
    readonly recordId: string | null,
  ) {
    super(message)
    this.name = 'ParseError'
  }
}

export interface ParseErrorData {
  readonly message: string
  readonly line: number
  readonly recordIndex: number
  readonly recordId: string | null
}

export function describeByte(byte: number): string {
  if (byte >= 0x21 && byte < 0x7f) return `'${String.fromCharCode(byte)}'`
  return `byte 0x${byte.toString(16).padStart(2, '0')}`
}
