import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { QualityEncoding } from '../../../shared/catalog-types.js'
import { hasShared, sharedFile } from '../testing/fixtures.js'
import { parseFasta } from './fasta.js'
import { parseFastq } from './fastq.js'
import { ParseError } from './parse-error.js'
import type { RecordSink } from './record-sink.js'

interface Parsed {
  title: string
  seq: string
  qual: number[] | null
}

function collect(): { sink: RecordSink; out: Parsed[] } {
  const out: Parsed[] = []
  return {
    out,
    sink: {
      add: (title, seq, length, quality) =>
        out.push({
          title,
          seq: Buffer.from(seq.subarray(0, length)).toString('latin1'),
          qual: quality ? [...quality] : null,
        }),
    },
  }
}

function parse(text: string | Uint8Array, encoding: QualityEncoding = 'sanger'): Parsed[] {
  const { sink, out } = collect()
  parseFastq(typeof text === 'string' ? Buffer.from(text) : text, sink, encoding)
  return out
}

function parseError(text: string, encoding: QualityEncoding = 'sanger'): ParseError {
  try {
    parse(text, encoding)
  } catch (error) {
    if (error instanceof ParseError) return error
    throw error
  }
  throw new Error('expected a parse error')
}

describe('FASTQ parsing (Cock et al. 2010)', () => {
  it('converts Sanger qualities to Phred scores', () => {
    expect(parse('@r1 desc\nACGT\n+\n!+5I\n')).toEqual([
      { title: 'r1 desc', seq: 'ACGT', qual: [0, 10, 20, 40] },
    ])
  })

  it("reads wrapped records whose quality lines start with '@' or '+'", () => {
    const text = '@r1\nACGTA\nCGTAC\n+\n@@@@@\n+++++\n@r2\nAC\n+r2\n@+\n'
    const records = parse(text)
    expect(records.map((r) => r.seq)).toEqual(['ACGTACGTAC', 'AC'])
    expect(records[0]!.qual).toEqual([31, 31, 31, 31, 31, 10, 10, 10, 10, 10])
    expect(records[1]!.qual).toEqual([31, 10])
  })

  it('accepts a repeated title after + only when it matches', () => {
    expect(parse('@r1 x\nAC\n+r1 x\nII\n')).toHaveLength(1)
    const error = parseError('@r1\nAC\n+r2\nII\n')
    expect(error.line).toBe(3)
    expect(error.recordId).toBe('r1')
    expect(error.message).toMatch(/does not match/)
  })

  it('rejects quality strings longer or shorter than the sequence', () => {
    expect(parseError('@r1\nACG\n+\nIIII\n').message).toMatch(/longer than the sequence \(4 > 3\)/)
    expect(parseError('@r1\nACG\n+\nII\n').message).toMatch(/shorter than the sequence/)
  })

  it('rejects a truncated record and a record without its + line', () => {
    expect(parseError('@r1\nACGT\n+\nIIII\n@r2\nAC\n').message).toMatch(/before its '\+' line/)
    expect(parseError('@r1\nACGT\n+\nIIII\n@r2\nAC\n').recordIndex).toBe(1)
  })

  it('rejects bad sequence and quality characters, naming line and column', () => {
    const seq = parseError('@r1\nAC1T\n+\nIIII\n')
    expect([seq.line, seq.message]).toEqual([2, "invalid character '1' in the sequence (column 3)"])
    const qual = parseError('@r1\nACGT\n+\nII I\n')
    expect(qual.line).toBe(4)
    expect(qual.message).toMatch(/invalid quality character byte 0x20/)
  })

  it('rejects a record that does not start with @', () => {
    expect(parseError('>r1\nACGT\n').message).toMatch(/starting with '@'/)
  })

  it('converts Illumina 1.3+ and Solexa encodings, and rejects characters outside them', () => {
    expect(parse('@r\nACG\n+\n@Jh\n', 'illumina')[0]!.qual).toEqual([0, 10, 40])
    // Solexa -5 is Phred 1, Solexa 0 is Phred 3, Solexa 10 is Phred 10 (rounded).
    expect(parse('@r\nACG\n+\n;@J\n', 'solexa')[0]!.qual).toEqual([1, 3, 10])
    expect(parseError('@r\nA\n+\n!\n', 'illumina').message).toMatch(/illumina qualities are/)
  })

  it('reads empty records', () => {
    expect(parse('@empty\n\n+\n\n@r\nA\n+\nI\n').map((r) => r.seq)).toEqual(['', 'A'])
  })

  it.skipIf(!hasShared('htslib/fastq/multiline.fq'))(
    'reads the htslib FASTQ files to the same sequences as their FASTA twins',
    () => {
      for (const name of ['multiline', 'minimal', 'single', 'r1', 'interleaved']) {
        const fastq = parse(readFileSync(sharedFile(`htslib/fastq/${name}.fq`)))
        const { sink, out: fasta } = collect()
        parseFasta(readFileSync(sharedFile(`htslib/fastq/${name}.fa`)), sink)
        expect(
          fastq.map((r) => r.seq),
          name,
        ).toEqual(fasta.map((r) => r.seq))
        for (const r of fastq) expect(r.qual).toHaveLength(r.seq.length)
      }
    },
  )
})
