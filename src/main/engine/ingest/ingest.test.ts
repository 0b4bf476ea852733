import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeReadSet } from '../../../bench/synthetic-reads.js'
import { initCatalog, openCatalog } from '../catalog/catalog.js'
import { sniffCompression } from '../formats/open-input.js'
import { bgzf, catalogState } from '../testing/catalog-state.js'
import { hasShared, sharedFile, tempDir, type TempDir } from '../testing/fixtures.js'
import { ingest } from './ingest.js'

let dir: TempDir
let catalog: string

beforeEach(async () => {
  dir = tempDir()
  catalog = dir.file('catalog')
  await initCatalog(catalog)
})
afterEach(() => dir.remove())

const FASTQ =
  '@r1 sample=S1 depth=12\nACGTACGTAA\n+\nIIIIIIIIII\n@r2 sample=S2 depth=7\nGGGCCCAAAT\n+\n!!!!!!!!!!\n'

/** Ingests one file and expects it to fail: returns the error, after checking nothing changed. */
async function rejected(
  path: string,
  extra: Parameters<typeof ingest>[1] = { files: [] },
): Promise<{ code: string; message: string }> {
  const before = await catalogState(catalog)
  const report = await ingest(catalog, { ...extra, files: [path] })
  expect(report.files[0]!.status).toBe('failed')
  expect(report.errors).toHaveLength(1)
  expect(await catalogState(catalog)).toEqual(before)
  return report.errors[0]!
}

describe('ingesting sequence files', () => {
  it('stores every record field, FASTQ qualities and key=value title fields', async () => {
    writeFileSync(dir.file('reads.fq'), FASTQ)
    const report = await ingest(catalog, { files: [dir.file('reads.fq')] })
    expect(report).toMatchObject({ added: 2, errors: [], files: [{ records: 2, status: 'added' }] })
    const c = await openCatalog(catalog)
    try {
      const rows = await c.tables.records.query().toArray()
      const r1 = rows.find((r) => r.id === 'r1')
      expect(r1).toMatchObject({ description: 'sample=S1 depth=12', alphabet: 'dna', length: 10 })
      expect(r1.gc).toBeCloseTo(0.4)
      expect(r1.checksum).toMatch(/^SQ\.[A-Za-z0-9_-]{32}$/)
      const seqs = await c.tables.sequences.query().toArray()
      const s2 = seqs.find((s) => s.rid === rows.find((r) => r.id === 'r2').rid)
      expect(s2.sequence).toBe('GGGCCCAAAT')
      expect([...(s2.quality as Uint8Array)]).toEqual(new Array(10).fill(0))
      const fields = c.db.prepare('SELECT name, type, present FROM fields ORDER BY position').all()
      expect(fields).toEqual([
        { name: 'sample', type: 'text', present: 2 },
        { name: 'depth', type: 'integer', present: 2 },
      ])
    } finally {
      c.close()
    }
  })

  it('sniffs gzip and BGZF from content, not from the file name', async () => {
    const fasta = Array.from({ length: 3000 }, (_, i) => `>s${i}\n${'ACGT'.repeat(10)}\n`).join('')
    const block = bgzf(Buffer.from(fasta))
    expect(sniffCompression(block)).toBe('bgzf')
    writeFileSync(dir.file('blocks.txt'), block)
    // Multi-member gzip: two gzip files concatenated.
    writeFileSync(
      dir.file('members.fa'),
      Buffer.concat([gzipSync('>m1\nAC\n'), gzipSync('>m2\nGT\n')]),
    )
    const report = await ingest(catalog, {
      files: [dir.file('blocks.txt'), dir.file('members.fa')],
    })
    expect(report.files.map((f) => [f.records, f.status])).toEqual([
      [3000, 'added'],
      [2, 'added'],
    ])
  })

  it('does nothing for a file already in the catalog, and says so', async () => {
    writeFileSync(dir.file('reads.fq'), FASTQ)
    await ingest(catalog, { files: [dir.file('reads.fq')] })
    const again = await ingest(catalog, { files: [dir.file('reads.fq')] })
    expect(again).toMatchObject({ added: 0, files: [{ status: 'already-present', records: 2 }] })
  })

  it('rejects duplicate ids by default, listing them, and skips or replaces them on request', async () => {
    writeFileSync(dir.file('a.fa'), '>x\nAAAA\n>y\nCCCC\n')
    writeFileSync(dir.file('b.fa'), '>y\nGGGG\n>z\nTTTT\n>z\nTTTA\n')
    await ingest(catalog, { files: [dir.file('a.fa')] })
    const error = await rejected(dir.file('b.fa'))
    expect(error.code).toBe('DUPLICATE_IDS')
    expect(error.message).toContain('b.fa: 2 sequence id(s)')
    expect(error.message).toMatch(/"y", "z"/)

    const skip = await ingest(catalog, { files: [dir.file('b.fa')], onDuplicate: 'skip' })
    expect(skip.files[0]).toMatchObject({ records: 1, skippedDuplicates: 2 })
    expect((await catalogState(catalog)).ids).toEqual(['x', 'y', 'z'])

    writeFileSync(dir.file('c.fa'), '>y\nGGGA\n>w\nA\n')
    const replace = await ingest(catalog, { files: [dir.file('c.fa')], onDuplicate: 'replace' })
    expect(replace.files[0]).toMatchObject({ records: 1, replaced: 1 })
    const c = await openCatalog(catalog)
    const y = (await c.tables.records.query().where("id = 'y'").toArray())[0]
    const seq = (await c.tables.sequences.query().where(`rid = ${y.rid}`).toArray())[0]
    c.close()
    expect(seq.sequence).toBe('GGGA')
    expect((await catalogState(catalog)).ids).toEqual(['w', 'x', 'y', 'z'])
  })

  it.skipIf(!hasShared('htslib/fastq/interleaved_casava.fq'))(
    'finds the repeated ids of a real interleaved CASAVA file',
    async () => {
      const error = await rejected(sharedFile('htslib/fastq/interleaved_casava.fq'))
      expect(error.code).toBe('DUPLICATE_IDS')
    },
  )
})

describe('bad sequence input leaves the catalog as it was', () => {
  beforeEach(async () => {
    writeFileSync(dir.file('good.fa'), '>keep\nACGT\n')
    await ingest(catalog, { files: [dir.file('good.fa')] })
  })

  it('a malformed record late in a large file, after earlier batches were written', async () => {
    await writeReadSet(dir.file('big.fq'), { reads: 120_000, length: 40, gzip: false })
    const text = readFileSync(dir.file('big.fq'), 'utf8') + '@broken\nACGT\n+\nIII\n'
    writeFileSync(dir.file('big.fq'), text)
    const error = await rejected(dir.file('big.fq'), { files: [], threads: 2 })
    expect(error.code).toBe('PARSE_ERROR')
    expect(error.message).toBe(
      `${dir.file('big.fq')}, line 480004, record broken: the quality string is shorter than the sequence (3 < 4); the record is truncated.`,
    )
  })

  it('a truncated gzip file', async () => {
    const gz = gzipSync(Buffer.from('>a\n' + 'ACGT'.repeat(20000) + '\n'))
    writeFileSync(dir.file('cut.fa.gz'), gz.subarray(0, gz.length - 100))
    const error = await rejected(dir.file('cut.fa.gz'))
    expect(error.code).toBe('COMPRESSION_ERROR')
    expect(error.message).toMatch(/cut\.fa\.gz: the gzip data is corrupt or truncated/)
  })

  it('an empty file, a missing file, a folder and a metadata table given as sequences', async () => {
    writeFileSync(dir.file('empty.fa'), '')
    expect((await rejected(dir.file('empty.fa'))).message).toBe(`${dir.file('empty.fa')} is empty.`)
    expect((await rejected(dir.file('nope.fa'))).code).toBe('FILE_NOT_FOUND')
    mkdirSync(dir.file('folder'))
    expect((await rejected(dir.file('folder'))).message).toMatch(/is a folder/)
    writeFileSync(dir.file('table.tsv'), 'strain\tcountry\nA\tBrazil\n')
    const wrong = await rejected(dir.file('table.tsv'))
    expect(wrong.code).toBe('UNKNOWN_FORMAT')
    expect(wrong.message).toMatch(/starts with "strain\tcountry"/)
  })

  it('a huge line of garbage', async () => {
    writeFileSync(dir.file('huge.fa'), '>a\n' + 'ACGT'.repeat(3_000_000) + '#\n')
    const error = await rejected(dir.file('huge.fa'))
    expect(error.message).toMatch(
      /line 2, record a: invalid character '#' in the sequence \(column 12000001\)/,
    )
  })

  it('a FASTQ record with mismatched titles names file, line and record', async () => {
    writeFileSync(dir.file('bad.fq'), FASTQ + '@r3\nAC\n+r4\nII\n')
    const error = await rejected(dir.file('bad.fq'))
    expect(error.message).toBe(
      `${dir.file('bad.fq')}, line 11, record r3: the title after '+' ("r4") does not match the record title ("r3").`,
    )
  })
})

describe.skipIf(!hasShared('nextstrain-zika-tutorial/data/sequences.fasta'))(
  'real Nextstrain data',
  () => {
    it('adds the 34 Zika genomes with metadata, then the 418 ncov genomes, and the Zika file again adds nothing', async () => {
      const zika = await ingest(catalog, {
        files: [sharedFile('nextstrain-zika-tutorial/data/sequences.fasta')],
        metadata: [sharedFile('nextstrain-zika-tutorial/data/metadata.tsv')],
      })
      expect(zika).toMatchObject({ added: 34, errors: [] })
      const ncov = await ingest(catalog, {
        files: [sharedFile('nextstrain-ncov/data/example_sequences.fasta.gz')],
        metadata: [sharedFile('nextstrain-ncov/data/example_metadata.tsv')],
      })
      expect(ncov).toMatchObject({ added: 418, errors: [] })
      const again = await ingest(catalog, {
        files: [sharedFile('nextstrain-zika-tutorial/data/sequences.fasta')],
      })
      expect(again.added).toBe(0)
      const state = await catalogState(catalog)
      expect(state.ids).toHaveLength(452)
      expect(state.fields).toEqual(
        expect.arrayContaining([
          { name: 'country', type: 'text', present: 452 },
          { name: 'date', type: 'date', present: 452 },
          { name: 'age', type: 'integer', present: expect.any(Number) as number },
        ]),
      )
    })
  },
)

describe('record checksums', () => {
  it('are GA4GH refget sha512t24u identifiers of the upper-cased sequence', async () => {
    writeFileSync(dir.file('acgt.fa'), '>upper\nACGT\n>lower\nacgt\n')
    await ingest(catalog, { files: [dir.file('acgt.fa')] })
    const c = await openCatalog(catalog)
    const rows = await c.tables.records.query().select(['id', 'checksum']).toArray()
    c.close()
    // The refget specification's example value for the sequence ACGT.
    expect(rows.map((r) => r.checksum)).toEqual([
      'SQ.aKF498dAxcJAqme6QYQ7EZ07-fiw8Kw2',
      'SQ.aKF498dAxcJAqme6QYQ7EZ07-fiw8Kw2',
    ])
  })

  it('large files with ids repeated across write blocks are still caught', async () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `>s${i}\nAC\n`).join('')
    writeFileSync(dir.file('rep.fa'), ids + '>s5\nAC\n>s999\nGG\n')
    const error = await rejected(dir.file('rep.fa'))
    expect(error.message).toMatch(/2 sequence id\(s\) .*"s5", "s999"/)
    const skip = await ingest(catalog, { files: [dir.file('rep.fa')], onDuplicate: 'skip' })
    expect(skip.files[0]).toMatchObject({ records: 1000, skippedDuplicates: 2 })
  })
})
