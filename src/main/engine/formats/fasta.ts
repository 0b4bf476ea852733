import { headerId } from './header.js'
import { describeByte, ParseError } from './parse-error.js'
import { decodeUtf8, LineReader, Scratch, type RecordSink } from './record-sink.js'
import { INVALID, RESIDUE_CLASS, SKIP } from './residues.js'

const GT = 0x3e
const SEMICOLON = 0x3b

function isBlank(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (RESIDUE_CLASS[bytes[i]!] !== SKIP) return false
  return true
}

/**
 * Parses whole FASTA records: wrapped or not, CRLF, lowercase (kept as written), IUPAC codes,
 * gaps, empty sequences; '>' only starts a record at the beginning of a line, so it may appear
 * inside descriptions. Returns the number of lines read.
 */
export function parseFasta(bytes: Uint8Array, sink: RecordSink): number {
  const seq = new Scratch()
  let title: string | null = null
  let id: string | null = null
  let records = 0
  let lineNo = 0
  let titleLine = 0

  const flush = (): void => {
    if (title === null) return
    sink.add(title, seq.bytes, seq.length, null, titleLine)
    records++
    seq.length = 0
  }

  const reader = new LineReader(bytes)
  while (reader.next()) {
    const { start, end } = reader
    lineNo++
    if (bytes[start] === GT) {
      flush()
      titleLine = lineNo
      title = decodeUtf8(bytes, start + 1, end)
      id = headerId(title)
      if (id === '')
        throw new ParseError("the header line has no sequence id after '>'", lineNo, records, null)
      continue
    }
    if (title === null) {
      // Blank lines and old-style ';' comments may precede the first record.
      if (isBlank(bytes, start, end) || bytes[start] === SEMICOLON) continue
      throw new ParseError("expected a FASTA header line starting with '>'", lineNo, records, null)
    }
    seq.ensure(end - start)
    const out = seq.bytes
    let length = seq.length
    for (let i = start; i < end; i++) {
      const byte = bytes[i]!
      const kind = RESIDUE_CLASS[byte]!
      if (kind === SKIP) continue
      if (kind === INVALID) {
        throw new ParseError(
          `invalid character ${describeByte(byte)} in the sequence (column ${i - start + 1})`,
          lineNo,
          records,
          id,
        )
      }
      out[length++] = byte
    }
    seq.length = length
  }
  flush()
  return lineNo
}
