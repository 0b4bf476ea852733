import type { QualityEncoding } from '../../../shared/catalog-types.js'
import { headerId } from './header.js'
import { describeByte, ParseError } from './parse-error.js'
import { QUALITY_RANGES, qualityTable } from './quality.js'
import { decodeUtf8, LineReader, Scratch, type RecordSink } from './record-sink.js'
import { INVALID, RESIDUE_CLASS, SKIP } from './residues.js'

const AT = 0x40
const PLUS = 0x2b

/**
 * Parses whole FASTQ records as specified by Cock et al. 2010: the title line starts with '@';
 * sequence lines run until a line starting with '+', whose optional title must repeat the
 * first; quality lines run until the quality string is exactly as long as the sequence, so
 * wrapped records and quality lines starting with '@' or '+' are read correctly. Qualities are
 * converted to Phred scores. Returns the number of lines read.
 */
export function parseFastq(bytes: Uint8Array, sink: RecordSink, encoding: QualityEncoding): number {
  const table = qualityTable(encoding)
  const seq = new Scratch()
  const qual = new Scratch()
  let state: 'title' | 'seq' | 'qual' = 'title'
  let title = ''
  let records = 0
  let lineNo = 0
  let titleLine = 0
  const fail = (message: string): never => {
    throw new ParseError(message, lineNo, records, state === 'title' ? null : headerId(title))
  }
  const emit = (): void => {
    sink.add(title, seq.bytes, seq.length, qual.bytes.subarray(0, qual.length), titleLine)
    records++
    state = 'title'
  }

  const reader = new LineReader(bytes)
  while (reader.next()) {
    const { start, end } = reader
    lineNo++
    if (state === 'title') {
      if (start === end) continue
      if (bytes[start] !== AT)
        fail(`expected a FASTQ title line starting with '@', found ${describeByte(bytes[start]!)}`)
      title = decodeUtf8(bytes, start + 1, end)
      titleLine = lineNo
      if (title.trim() === '') fail("the title line has no sequence id after '@'")
      seq.length = 0
      qual.length = 0
      state = 'seq'
    } else if (state === 'seq') {
      if (bytes[start] === PLUS) {
        const repeated = decodeUtf8(bytes, start + 1, end)
        if (repeated !== '' && repeated !== title) {
          fail(`the title after '+' ("${repeated}") does not match the record title ("${title}")`)
        }
        state = 'qual'
        if (seq.length === 0) emit()
        continue
      }
      seq.ensure(end - start)
      for (let i = start; i < end; i++) {
        const byte = bytes[i]!
        const kind = RESIDUE_CLASS[byte]!
        if (kind === SKIP) continue
        if (kind === INVALID)
          fail(`invalid character ${describeByte(byte)} in the sequence (column ${i - start + 1})`)
        seq.bytes[seq.length++] = byte
      }
    } else {
      qual.ensure(end - start)
      for (let i = start; i < end; i++) {
        const score = table[bytes[i]!]!
        if (score < 0) {
          fail(
            `invalid quality character ${describeByte(bytes[i]!)} (column ${i - start + 1}); ${encoding} qualities are ${QUALITY_RANGES[encoding]}`,
          )
        }
        qual.bytes[qual.length++] = score
      }
      if (qual.length > seq.length) {
        fail(`the quality string is longer than the sequence (${qual.length} > ${seq.length})`)
      }
      if (qual.length === seq.length) emit()
    }
  }
  if (state === 'seq') fail(`the record ends before its '+' line (file truncated?)`)
  if (state === 'qual') {
    fail(
      `the quality string is shorter than the sequence (${qual.length} < ${seq.length}); the record is truncated`,
    )
  }
  return lineNo
}
