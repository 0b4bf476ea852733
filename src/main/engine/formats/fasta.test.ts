import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { hasShared, sharedFile } from '../testing/fixtures.js'
import { parseFasta } from './fasta.js'
import { parseHeader } from './header.js'
import { ParseError } from './parse-error.js'
import type { RecordSink } from './record-sink.js'

interface Parsed {
  title: string
  seq: string
}

function parse(text: string | Uint8Array): Parsed[] {
  const out: Parsed[] = []
  const sink: RecordSink = {
    add: (title, seq, length) =>
      out.push({ title, seq: Buffer.from(seq.subarray(0, length)).toString('latin1') }),
  }
  parseFasta(typeof text === 'string' ? Buffer.from(text) : text, sink)
  return out
}

function parseError(text: string): ParseError {
  try {
    parse(text)
  } catch (error) {
    if (error instanceof ParseError) return error
    throw error
  }
  throw new Error('expected a parse error')
}

describe('FASTA parsing', () => {
  it('joins wrapped lines and keeps lowercase, IUPAC codes and gaps as written', () => {
    expect(parse('>a one\nACGTN\nacgtryk\n--..\n>b\nMKV*\n')).toEqual([
      { title: 'a one', seq: 'ACGTNacgtryk--..' },
      { title: 'b', seq: 'MKV*' },
    ])
  })

  it('reads CRLF line endings and a byte order mark like plain LF', () => {
    expect(parse('\uFEFF>a\r\nAC\r\nGT\r\n')).toEqual([{ title: 'a', seq: 'ACGT' }])
  })

  it('accepts empty sequences and a file without a final newline', () => {
    expect(parse('>empty\n>b\nAC')).toEqual([
      { title: 'empty', seq: '' },
      { title: 'b', seq: 'AC' },
    ])
  })

  it("treats '>' inside a description as text, not as a new record", () => {
    expect(parse('>a x>y >z\nAC\n')).toEqual([{ title: 'a x>y >z', seq: 'AC' }])
  })

  it('rejects digits in a sequence line, naming the line and record', () => {
    const error = parseError('>a\nACGT\nAC1GT\n')
    expect(error.line).toBe(3)
    expect(error.recordId).toBe('a')
    expect(error.message).toMatch(/invalid character '1'.*column 3/)
  })

  it('rejects sequence data before the first header', () => {
    expect(parseError('ACGT\n>a\nAC\n').line).toBe(1)
  })

  it('rejects a header without an id', () => {
    expect(parseError('>a\nAC\n> \nAC\n').message).toMatch(/no sequence id/)
  })

  it.skipIf(!hasShared('biopython/Fasta/f002'))(
    'reads the Biopython FASTA files, wrapped and unwrapped alike',
    () => {
      const wrapped = parse(readFileSync(sharedFile('biopython/Fasta/aster.pro')))
      const unwrapped = parse(readFileSync(sharedFile('biopython/Fasta/aster_no_wrap.pro')))
      expect(wrapped.length).toBeGreaterThan(0)
      expect(wrapped.map((r) => r.seq)).toEqual(unwrapped.map((r) => r.seq))
      for (const name of ['f002', 'fa01', 'lupine.nu', 'rose.pro', 'nucleotide_lib.fa']) {
        expect(parse(readFileSync(sharedFile(`biopython/Fasta/${name}`))).length).toBeGreaterThan(0)
      }
    },
  )
})

describe('FASTA and FASTQ titles', () => {
  it('split into id and description, and key=value pairs become fields', () => {
    expect(parseHeader('seq1 country=Brazil date=2016-01-XX; host=human')).toEqual({
      id: 'seq1',
      description: 'country=Brazil date=2016-01-XX; host=human',
      fields: [
        ['country', 'Brazil'],
        ['date', '2016-01-XX'],
        ['host', 'human'],
      ],
    })
  })

  it('read NCBI bracketed and quoted values with spaces', () => {
    expect(parseHeader('x [organism=Zika virus] note="a b"').fields).toEqual([
      ['organism', 'Zika virus'],
      ['note', 'a b'],
    ])
  })

  it('have no fields when the description has no pairs', () => {
    expect(parseHeader('id only a description').fields).toEqual([])
  })
})
