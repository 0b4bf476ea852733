import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { genocat } from './run-cli.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasShared, sharedFile, tempDir, type TempDir } from '../main/engine/testing/fixtures.js'
import { reverseComplementDna } from '../main/engine/testing/random-dna.js'

/*
 * The zika tutorial genomes (Nextstrain, ~10.7 kb each) with their metadata: real sequences
 * and fields nobody here wrote. Reads are cut from one genome and searched through the CLI.
 */
const ZIKA = 'nextstrain-zika-tutorial/data/sequences.fasta'
const ZIKA_META = 'nextstrain-zika-tutorial/data/metadata.tsv'
const present = hasShared(ZIKA)
let dir: TempDir
let catalog: string
let genome: string

beforeAll(async () => {
  dir = tempDir()
  catalog = dir.file('c')
  if (!present) return
  await genocat('init', catalog)
  await genocat('ingest', catalog, sharedFile(ZIKA), '--metadata', sharedFile(ZIKA_META))
  const fasta = (await import('node:fs')).readFileSync(sharedFile(ZIKA), 'utf8')
  const record = fasta.split('>').find((r) => r.startsWith('PRVABC59'))!
  genome = record.split('\n').slice(1).join('').toUpperCase()
})
afterAll(() => dir.remove())

describe.runIf(present)('genocat search, query and index on real genomes', () => {
  it('prints TSV hits: query, id, rank, score, identity, coverage, strand', async () => {
    const read = genome.slice(5000, 5150)
    writeFileSync(
      dir.file('reads.fa.gz'),
      gzipSync(`>fwd\n${read}\n>rev\n${reverseComplementDna(read)}\n`),
    )
    const out = await genocat(
      'search',
      catalog,
      '--query-file',
      dir.file('reads.fa.gz'),
      '--tsv',
      '--k',
      '3',
    )
    expect(out.code).toBe(0)
    const lines = out.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t'))
    expect(lines).toHaveLength(6)
    expect(lines[0]).toEqual(['fwd', expect.any(String), '1', '300', '1.0000', '1.0000', '+'])
    expect(lines[3]).toEqual(['rev', expect.any(String), '1', '300', '1.0000', '1.0000', '-'])
    expect(lines.map((l) => l[2])).toEqual(['1', '2', '3', '1', '2', '3'])
  })

  it('writes an output of many writes whole and in query order', async () => {
    // 300 reads x 10 hits: some 140 kB of TSV, more than two of the chunks stdout is written in.
    const reads = Array.from({ length: 300 }, (_, i) => genome.slice(i * 30, i * 30 + 150))
    writeFileSync(dir.file('many.fa'), reads.map((r, i) => `>read${i}\n${r}\n`).join(''))
    const out = await genocat('search', catalog, '--query-file', dir.file('many.fa'), '--tsv')
    expect(out.code).toBe(0)
    expect(out.stdout.length).toBeGreaterThan(2 * 64 * 1024)
    const lines = out.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(3000)
    const expected = reads.flatMap((_, i) =>
      Array.from({ length: 10 }, (_, r) => `read${i} ${r + 1}`),
    )
    expect(
      lines.map((l) =>
        l
          .split('\t')
          .filter((_, c) => c === 0 || c === 2)
          .join(' '),
      ),
    ).toEqual(expected)
  })

  it('prints JSON with the alignment, and searches under a filter', async () => {
    const read = genome.slice(9000, 9150)
    const out = await genocat(
      'search',
      catalog,
      '--query',
      read,
      '--where',
      'country = Brazil',
      '--json',
    )
    expect(out.code).toBe(0)
    const results = JSON.parse(out.stdout) as { query: string; hits: Record<string, unknown>[] }[]
    expect(results).toHaveLength(1)
    expect(results[0]!.hits.length).toBeGreaterThan(0)
    for (const hit of results[0]!.hits) {
      expect(hit['record']).toMatchObject({ country: 'Brazil' })
      const aligned = String(hit['alignedQuery']).replaceAll('-', '')
      const part = read.slice(hit['queryStart'] as number, hit['queryEnd'] as number)
      expect(aligned).toBe(hit['strand'] === '+' ? part : reverseComplementDna(part))
      expect(hit['subjectEnd'] as number).toBeGreaterThan(hit['subjectStart'] as number)
    }
  })

  it('ends the JSON array with the error of a bad record found after hits were written', async () => {
    // A first batch of 4,096 reads (the batch size), padded past the 4 MB the file is read in
    // by a long title, is searched and written before the next chunk's bad record is parsed.
    const reads = Array.from({ length: 4096 }, (_, i) => genome.slice(i * 2, i * 2 + 40))
    const padding = ' '.padEnd(4 << 20, 'x')
    const records = reads.map((r, i) => `>read${i}${i === 4095 ? padding : ''}\n${r}\n`)
    writeFileSync(dir.file('late.fa'), `${records.join('')}>bad\nACGT\n`)
    const out = await genocat(
      'search',
      catalog,
      '--query-file',
      dir.file('late.fa'),
      '--json',
      '--k',
      '1',
    )
    expect(out.code).toBe(1)
    const output = JSON.parse(out.stdout) as (
      { query: string; hits: unknown[] } | { error: unknown }
    )[]
    const results = output.slice(0, -1) as { query: string; hits: unknown[] }[]
    expect(results.map((r) => r.query)).toEqual(reads.map((_, i) => `read${i}`))
    expect(results.every((r) => r.hits.length === 1)).toBe(true)
    expect(output.at(-1)).toEqual({
      error: expect.objectContaining({
        code: expect.any(String),
        message: expect.stringMatching(/line 8193: Query bad has 4 nucleotide\(s\)/),
        details: expect.objectContaining({ record: 'bad', line: 8193 }),
      }),
    })
  })

  it('lists records with genocat query, and explains a bad filter with its position', async () => {
    const out = await genocat(
      'query',
      catalog,
      '--where',
      'country = Brazil and date >= 2016-01-01',
    )
    expect(out.code).toBe(0)
    const [header, ...rows] = out.stdout.trim().split('\n')
    const columns = header!.split('\t')
    expect(columns.slice(0, 5)).toEqual(['id', 'description', 'alphabet', 'length', 'gc'])
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      const cells = row.split('\t')
      expect(cells[columns.indexOf('country')]).toBe('Brazil')
      expect(cells[columns.indexOf('date')]! >= '2016').toBe(true)
    }
    const bad = await genocat('query', catalog, '--where', 'country = Brazil and date >=')
    expect(bad.code).toBe(1)
    expect(bad.stdout).toBe('')
    expect(bad.stderr).toMatch(/position 29: expected a value, found the end of the filter/)
  })

  it('stops quietly when the reader closes the pipe, as `| head` does', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', 'query', catalog])
    child.stdout.destroy() // the reader is gone before the first line is written
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const [code] = (await once(child, 'close')) as [number]
    expect(stderr).toBe('')
    expect(code).toBe(0)
  })

  it('reports what genocat index did, and rejects a protein query', async () => {
    const out = await genocat('index', catalog)
    expect(out.code).toBe(0)
    expect(out.stdout).toMatch(/records\.embedding\s+flat\s+34 rows/)
    expect(out.stdout).toMatch(/windows\.embedding\s+flat/)
    expect(out.stdout).toMatch(/sequences\.rid\s+btree\s+34 rows {2}up to date/)
    const protein = await genocat('search', catalog, '--query', 'MKTAYIAKQRQISFVKSHFSRQ')
    expect(protein.code).toBe(1)
    expect(protein.stderr).toMatch(/looks like a protein/)
  })
})
