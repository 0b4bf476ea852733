/** Sequences laid out as in GenBank flat files: 60 residues a line in blocks of 10, numbered. */

export interface SequenceLayout {
  /** Residues per line. */
  readonly lineWidth: number
  /** Residues per block; blocks are separated by a space. */
  readonly block: number
}

export const GENBANK_LAYOUT: SequenceLayout = { lineWidth: 60, block: 10 }

/**
 * The text of `sequence` (or of its first `limit` residues), each line starting with the
 * 1-based position of its first residue, right-aligned. Built as one string so a 30 kb
 * genome is one text node, not thousands of elements.
 */
export function formatSequence(
  sequence: string,
  layout: SequenceLayout = GENBANK_LAYOUT,
  limit = sequence.length,
): string {
  const length = Math.min(limit, sequence.length)
  if (length === 0) return ''
  const lastStart = Math.floor((length - 1) / layout.lineWidth) * layout.lineWidth + 1
  const pad = String(lastStart).length
  const lines: string[] = []
  for (let start = 0; start < length; start += layout.lineWidth) {
    const end = Math.min(start + layout.lineWidth, length)
    const blocks: string[] = []
    for (let b = start; b < end; b += layout.block)
      blocks.push(sequence.slice(b, Math.min(b + layout.block, end)))
    lines.push(`${String(start + 1).padStart(pad)} ${blocks.join(' ')}`)
  }
  return lines.join('\n')
}
