import { GenocatError } from '../../../shared/errors.js'
import type { SequenceFormat } from './chunker.js'

/**
 * Where a sequence file's content starts in its first bytes: past a UTF-8 byte order mark
 * (Windows editors write one, and the parsers skip it too) and any whitespace. -1 when the
 * bytes hold none yet.
 */
export function contentStart(head: Uint8Array): number {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0
  for (; i < head.length; i++) {
    const b = head[i]!
    if (b !== 0x20 && (b < 0x09 || b > 0x0d)) return i
  }
  return -1
}

/**
 * A sequence file's format from its first bytes: FASTA starts with '>' (or ';', an old comment
 * line), FASTQ with '@'. Anything else is refused with the text it starts with, so a metadata
 * table or a protein file given by mistake is named as such; `hint` says where such a file goes.
 */
export function sniffSequenceFormat(head: Uint8Array, label: string, hint = ''): SequenceFormat {
  const i = contentStart(head)
  if (head[i] === 0x3e || head[i] === 0x3b) return 'fasta'
  if (head[i] === 0x40) return 'fastq'
  const preview =
    Buffer.from(head.subarray(Math.max(i, 0), Math.max(i, 0) + 40))
      .toString('utf8')
      .split(/\r?\n/)[0] ?? ''
  throw new GenocatError(
    'UNKNOWN_FORMAT',
    `${label} is not FASTA or FASTQ: it should start with '>' or '@', but starts with "${preview}".${hint ? ` ${hint}` : ''}`,
    { file: label, line: 1 },
  )
}
