import { writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { GenocatError } from '../../../shared/errors.js'
import { tempDir } from '../testing/fixtures.js'
import { randomDna, seededRandom } from '../testing/random-dna.js'
import { queriesFromFile, type QuerySequence } from './query-input.js'

const dir = tempDir()
afterAll(() => dir.remove())

const reads = Array.from({ length: 300 }, (_, i) => ({
  id: `read${i}`,
  seq: randomDna(100 + (i % 50), seededRandom(i + 1)),
}))
const fastq = reads
  .map((r) => `@${r.id} run 7\n${r.seq}\n+\n${'I'.repeat(r.seq.length)}\n`)
  .join('')

/** Every group the file gives, or the error it stops with (and the groups before it). */
async function read(
  path: string,
  chunkBytes?: number,
): Promise<{ groups: QuerySequence[][]; error?: GenocatError }> {
  const groups: QuerySequence[][] = []
  try {
    for await (const group of queriesFromFile(path, 11, chunkBytes)) groups.push(group)
    return { groups }
  } catch (error) {
    if (!(error instanceof GenocatError)) throw error
    return { groups, error }
  }
}

const text = (q: QuerySequence): string => new TextDecoder().decode(q.sequence)

describe('queriesFromFile', () => {
  it('reads a gzip FASTQ a chunk at a time, every record in file order', async () => {
    const path = dir.file('reads.fq.gz')
    // Blank lines before the first record do not hide the format.
    writeFileSync(path, gzipSync('\n\n' + fastq))
    const whole = await read(path)
    const chunked = await read(path, 2_000)
    expect(whole.groups).toHaveLength(1)
    expect(chunked.groups.length).toBeGreaterThan(20)
    for (const { groups } of [whole, chunked]) {
      const queries = groups.flat()
      expect(queries.map((q) => q.id)).toEqual(reads.map((r) => r.id))
      expect(queries.map(text)).toEqual(reads.map((r) => r.seq))
    }
  })

  it('names the file and its line for an error in a later chunk, after the queries before it', async () => {
    const path = dir.file('bad.fq')
    // Record 201's sequence line (line 4 x 200 + 2 of the file) holds a '!'.
    const lines = fastq.split('\n')
    lines[801] = lines[801]!.slice(0, 10) + '!' + lines[801]!.slice(11)
    writeFileSync(path, lines.join('\n'))
    const { groups, error } = await read(path, 2_000)
    expect(error?.code).toBe('PARSE_ERROR')
    expect(error?.message).toContain(`${path}, line 802:`)
    expect(error?.message).toContain('invalid character')
    expect(groups.flat().length).toBeGreaterThan(150)
    expect(groups.flat().length).toBeLessThan(201)
  })

  it('names the file and the line its record starts on for a query the checks refuse', async () => {
    // Record 251 (title on line 4 x 250 + 1) is too short to search, in a later chunk.
    const short = dir.file('short.fq')
    const lines = fastq.split('\n')
    lines[1001] = 'ACGTA'
    lines[1003] = 'IIIII'
    writeFileSync(short, lines.join('\n'))
    const { groups, error } = await read(short, 2_000)
    expect(error?.code).toBe('INVALID_QUERY')
    expect(error?.message).toBe(
      `${short}, line 1001: Query read250 has 5 nucleotide(s); at least 11 are needed (the k-mer size of this catalog's embedding).`,
    )
    expect(error?.details).toMatchObject({ file: short, line: 1001, record: 'read250' })
    expect(groups.flat().length).toBeLessThan(251)
    // Wrapped FASTA after blank lines: the record's title line, not its sequence's.
    const wrapped = dir.file('wrapped.fa')
    writeFileSync(wrapped, `\n>gene1\n${reads[0]!.seq}\n\n>gene2 x\nACGT\nAC--GT\n>empty\n\n`)
    expect((await read(wrapped)).error?.message).toBe(
      `${wrapped}, line 5: Query gene2 has 8 nucleotide(s); at least 11 are needed (the k-mer size of this catalog's embedding).`,
    )
  })

  it('checks each query as FASTA records too, and refuses a file with none', async () => {
    const fasta = dir.file('genes.fa')
    writeFileSync(fasta, `>gene1\n${reads[0]!.seq}\n>protein\nMKVLAAGIVWWLLQ\n`)
    const { groups, error } = await read(fasta)
    expect(groups).toEqual([])
    expect(error?.code).toBe('INVALID_QUERY')
    expect(error?.message).toMatch(/protein looks like a protein/)
    writeFileSync(dir.file('empty.fa'), '')
    expect((await read(dir.file('empty.fa'))).error?.message).toBe(
      `${dir.file('empty.fa')} is empty.`,
    )
    writeFileSync(dir.file('blank.fa'), '\n  \n\t\n')
    expect((await read(dir.file('blank.fa'))).error?.message).toBe(
      `${dir.file('blank.fa')} holds no FASTA or FASTQ records.`,
    )
  })

  it('reads FASTQ behind a byte order mark, and names what a file that is neither starts with', async () => {
    // A Windows editor's UTF-8 mark before '@' was taken for FASTA, and every record failed.
    const marked = dir.file('marked.fq')
    writeFileSync(marked, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(fastq)]))
    const { groups, error } = await read(marked)
    expect(error).toBeUndefined()
    expect(groups.flat().map((q) => q.id)).toEqual(reads.map((r) => r.id))
    const table = dir.file('samples.tsv')
    writeFileSync(table, 'id\tcountry\nread1\tBrazil\n')
    const wrong = (await read(table)).error
    expect(wrong?.code).toBe('UNKNOWN_FORMAT')
    expect(wrong?.message).toBe(
      `${table} is not FASTA or FASTQ: it should start with '>' or '@', but starts with "id\tcountry".`,
    )
  })
})
