import { GenocatError } from '../../../shared/errors.js'
import { RecordChunker, type Chunk } from '../formats/chunker.js'
import { parseFasta } from '../formats/fasta.js'
import { parseFastq } from '../formats/fastq.js'
import { headerId } from '../formats/header.js'
import { openInput } from '../formats/open-input.js'
import { ParseError } from '../formats/parse-error.js'
import { contentStart, sniffSequenceFormat } from '../formats/sniff-format.js'
import type { RecordSink } from '../formats/record-sink.js'
import { GAP, INVALID, NUCLEOTIDE, PROTEIN_ONLY, RESIDUE_CLASS, SKIP } from '../formats/residues.js'

/** One query sequence, validated: nucleotides only, gaps and whitespace removed. */
export interface QuerySequence {
  readonly id: string
  readonly sequence: Uint8Array
}

/**
 * Bytes of a query file parsed at a time: a file is read as it is searched, so a sequencing
 * run's reads are searched in the memory of a few chunks, whatever the file's size.
 */
const QUERY_CHUNK_BYTES = 4 << 20

/** The query typed on the command line is called "query"; file queries go by their ids. */
const COMMAND_LINE_QUERY = 'query'
const name = (id: string): string => (id === COMMAND_LINE_QUERY ? 'The query' : `Query ${id}`)

/** Where a query from a file starts: the file and its title line. */
export interface QuerySource {
  readonly file: string
  readonly line: number
}

/**
 * Checks one query and strips gaps and whitespace. Errors name the query (and for one read from
 * a file, the file and the line its record starts on), and for a stray character its position,
 * in words: a protein query, an empty one, one too short to embed.
 */
export function validateQuery(
  id: string,
  raw: Uint8Array,
  minLength: number,
  source?: QuerySource,
): QuerySequence {
  const fail = (message: string, position?: number): never => {
    const details = {
      record: id,
      ...(position !== undefined ? { position } : {}),
      ...(source ? { file: source.file, line: source.line } : {}),
    }
    const where = source ? `${source.file}, line ${source.line}: ` : ''
    throw new GenocatError('INVALID_QUERY', where + message, details)
  }
  const out = new Uint8Array(raw.length)
  let n = 0
  let proteinAt = -1
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i]!
    const kind = RESIDUE_CLASS[byte]!
    if (kind === NUCLEOTIDE) out[n++] = byte
    else if (byte === 0x0a || byte === 0x0d) continue
    else if (kind === PROTEIN_ONLY) {
      if (proteinAt < 0) proteinAt = i
    } else if (kind === INVALID) {
      const shown =
        byte >= 0x21 && byte < 0x7f
          ? `"${String.fromCharCode(byte)}"`
          : `byte 0x${byte.toString(16)}`
      fail(
        `${name(id)}: ${shown} at position ${i + 1} is not a nucleotide (A, C, G, T, U or an IUPAC code).`,
        i + 1,
      )
    } else if (kind !== GAP && kind !== SKIP) out[n++] = byte
  }
  if (proteinAt >= 0) {
    fail(
      `${name(id)} looks like a protein ("${String.fromCharCode(raw[proteinAt]!)}" at position ${proteinAt + 1}); this catalog is searched with nucleotide queries.`,
      proteinAt + 1,
    )
  }
  if (n === 0) fail(`${name(id)} is empty.`)
  if (n < minLength) {
    fail(
      `${name(id)} has ${n} nucleotide(s); at least ${minLength} are needed (the k-mer size of this catalog's embedding).`,
    )
  }
  return { id, sequence: out.slice(0, n) }
}

/** A parsed record: its title, residues and title line in the parsed text. */
interface ParsedRecord {
  readonly title: string
  readonly seq: Uint8Array
  readonly line: number
}

function collect(): { sink: RecordSink; records: ParsedRecord[] } {
  const records: ParsedRecord[] = []
  return {
    records,
    sink: {
      add: (title, seq, length, _quality, line) =>
        records.push({ title, seq: seq.slice(0, length), line }),
    },
  }
}

/**
 * The records of whole FASTA or FASTQ records' text, and its line count; a parse error names
 * `label` and the line, counted from `lineBase` lines before the text (where it sits in its file).
 */
function parseRecords(
  bytes: Uint8Array,
  label: string,
  fastq: boolean,
  lineBase = 0,
): { records: ParsedRecord[]; lines: number } {
  const { sink, records } = collect()
  try {
    const lines = fastq ? parseFastq(bytes, sink, 'sanger') : parseFasta(bytes, sink)
    return { records, lines }
  } catch (error) {
    if (error instanceof ParseError) {
      const line = lineBase + error.line
      throw new GenocatError('PARSE_ERROR', `${label}, line ${line}: ${error.message}`, {
        file: label,
        line,
      })
    }
    throw error
  }
}

/**
 * The query given on the command line: bare residues, or FASTA/FASTQ text (so a record
 * pasted whole works too).
 */
export function queryFromText(text: string, minLength: number): QuerySequence[] {
  const trimmed = text.trim()
  if (trimmed.startsWith('>') || trimmed.startsWith('@')) {
    const bytes = new TextEncoder().encode(trimmed + '\n')
    const { records } = parseRecords(bytes, 'the query', trimmed.startsWith('@'))
    if (records.length === 0) throw new GenocatError('INVALID_QUERY', 'The query is empty.')
    return records.map((r) => validateQuery(headerId(r.title), r.seq, minLength))
  }
  return [validateQuery(COMMAND_LINE_QUERY, new TextEncoder().encode(text), minLength)]
}

/**
 * The records of a FASTA or FASTQ file (plain or gzip) as queries, in file order, a chunk of
 * records at a time: each chunk is parsed and checked as it is read, so an error names the
 * file and its line, and the queries before the chunk holding it have been given out already.
 */
export async function* queriesFromFile(
  path: string,
  minLength: number,
  chunkBytes = QUERY_CHUNK_BYTES,
): AsyncGenerator<QuerySequence[]> {
  const input = await openInput(path)
  let chunker: RecordChunker | null = null
  let fastq = false
  let head: Uint8Array = new Uint8Array(0)
  let lineBase = 0
  let found = 0
  const parse = (chunk: Chunk): QuerySequence[] => {
    const { records, lines } = parseRecords(chunk.bytes, path, fastq, lineBase)
    const base = lineBase
    lineBase += lines
    found += records.length
    return records.map((r) =>
      validateQuery(headerId(r.title), r.seq, minLength, { file: path, line: base + r.line }),
    )
  }
  for await (const part of input.chunks) {
    let bytes: Uint8Array = part
    if (!chunker) {
      // The format is known at the first byte past a byte order mark and whitespace.
      bytes = head = head.length === 0 ? part : Buffer.concat([head, part])
      if (contentStart(head) < 0) continue
      fastq = sniffSequenceFormat(head, path) === 'fastq'
      chunker = new RecordChunker(fastq ? 'fastq' : 'fasta', chunkBytes)
    }
    for (const chunk of chunker.push(bytes)) yield parse(chunk)
  }
  const last = chunker?.finish()
  if (last) yield parse(last)
  if (found === 0)
    throw new GenocatError('INVALID_QUERY', `${path} holds no FASTA or FASTQ records.`, {
      file: path,
    })
}
