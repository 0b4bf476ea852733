import { describe, expect, it } from 'vitest'
import { RecordChunker, type SequenceFormat } from './chunker.js'
import { parseFasta } from './fasta.js'
import { parseFastq } from './fastq.js'

function chunkAll(
  text: string,
  format: SequenceFormat,
  target: number,
  pieceSize: number,
): Uint8Array[] {
  const chunker = new RecordChunker(format, target)
  const bytes = Buffer.from(text)
  const chunks: Uint8Array[] = []
  for (let i = 0; i < bytes.length; i += pieceSize) {
    chunks.push(...chunker.push(bytes.subarray(i, i + pieceSize)).map((c) => c.bytes))
  }
  const last = chunker.finish()
  if (last) chunks.push(last.bytes)
  return chunks
}

function ids(chunk: Uint8Array, format: SequenceFormat): string[] {
  const out: string[] = []
  const sink = { add: (title: string) => out.push(title) }
  if (format === 'fasta') parseFasta(chunk, sink)
  else parseFastq(chunk, sink, 'sanger')
  return out
}

// Quality lines that begin with '@' and '+' are the trap for naive FASTQ splitting.
const fastq = Array.from(
  { length: 200 },
  (_, i) => `@r${i}\nACGTACGTAC\nGTAC\n+\n@@@@@@@@@@\n++++\n`,
).join('')
const fasta = Array.from({ length: 200 }, (_, i) => `>s${i} d>x\nACGTACGTAC\nGT\n`).join('')

describe('record chunking', () => {
  for (const [format, text, prefix] of [
    ['fastq', fastq, 'r'],
    ['fasta', fasta, 's'],
  ] as const) {
    it(`cuts ${format} only between whole records, whatever the read sizes`, () => {
      for (const [target, piece] of <[number, number][]>[
        [64, 7],
        [300, 1000],
        [1 << 20, 13],
      ]) {
        const chunks = chunkAll(text, format, target, piece)
        if (target < 1000) expect(chunks.length).toBeGreaterThan(5)
        const all = chunks.flatMap((c) => ids(c, format).map((t) => t.split(' ')[0]))
        expect(all).toEqual(Array.from({ length: 200 }, (_, i) => `${prefix}${i}`))
      }
    })
  }

  it('gives each chunk its own buffer, so it can be transferred to a worker', () => {
    const chunks = chunkAll(fasta, 'fasta', 64, 1000)
    expect(new Set(chunks.map((c) => c.buffer)).size).toBe(chunks.length)
    for (const c of chunks) expect(c.byteOffset).toBe(0)
  })
})
