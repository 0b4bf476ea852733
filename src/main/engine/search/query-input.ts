import { GenocatError } from '../../../shared/errors.js'
import { parseFasta } from '../formats/fasta.js'
import { parseFastq } from '../formats/fastq.js'
import { headerId } from '../formats/header.js'
import { openInput } from '../formats/open-input.js'
import { ParseError } from '../formats/parse-error.js'
import type { RecordSink } from '../formats/record-sink.js'
import { GAP, INVALID, NUCLEOTIDE, PROTEIN_ONLY, RESIDUE_CLASS, SKIP } from '../formats/residues.js'

/** One query sequence, validated: nucleotides only, gaps and whitespace removed. */
export interface QuerySequence {
  readonly id: string
  readonly sequence: Uint8Array
}

/** Query files are small next to catalogs; past this, ask for a catalog and a join instead. */
const MAX_QUERY_FILE_BYTES = 256 * 1024 * 1024

/**
 * Checks one query and strips gaps and whitespace. Errors name the query, and for a stray
 * character its position, in words: a protein query, an empty one, one too short to embed.
 */
/** The query typed on the command line is called "query"; file queries go by their ids. */
const COMMAND_LINE_QUERY = 'query'
const name = (id: string): string => (id === COMMAND_LINE_QUERY ? 'The query' : `Query ${id}`)

export function validateQuery(id: string, raw: Uint8Array, minLength: number): QuerySequence {
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
      throw new GenocatError(
        'INVALID_QUERY',
        `${name(id)}: ${shown} at position ${i + 1} is not a nucleotide (A, C, G, T, U or an IUPAC code).`,
        { record: id, position: i + 1 },
      )
    } else if (kind !== GAP && kind !== SKIP) out[n++] = byte
  }
  if (proteinAt >= 0) {
    throw new GenocatError(
      'INVALID_QUERY',
      `${name(id)} looks like a protein ("${String.fromCharCode(raw[proteinAt]!)}" at position ${proteinAt + 1}); this catalog is searched with nucleotide queries.`,
      { record: id, position: proteinAt + 1 },
    )
  }
  if (n === 0) throw new GenocatError('INVALID_QUERY', `${name(id)} is empty.`, { record: id })
  if (n < minLength) {
    throw new GenocatError(
      'INVALID_QUERY',
      `${name(id)} has ${n} nucleotide(s); at least ${minLength} are needed (the k-mer size of this catalog's embedding).`,
      { record: id },
    )
  }
  return { id, sequence: out.slice(0, n) }
}

function collect(): { sink: RecordSink; records: { title: string; seq: Uint8Array }[] } {
  const records: { title: string; seq: Uint8Array }[] = []
  return {
    records,
    sink: { add: (title, seq, length) => records.push({ title, seq: seq.slice(0, length) }) },
  }
}

function parseRecords(bytes: Uint8Array, label: string): { title: string; seq: Uint8Array }[] {
  const { sink, records } = collect()
  let first = 0
  while (first < bytes.length && /\s/.test(String.fromCharCode(bytes[first]!))) first++
  try {
    if (bytes[first] === 0x40) parseFastq(bytes, sink, 'sanger')
    else parseFasta(bytes, sink)
  } catch (error) {
    if (error instanceof ParseError) {
      throw new GenocatError('PARSE_ERROR', `${label}, line ${error.line}: ${error.message}`, {
        file: label,
        line: error.line,
      })
    }
    throw error
  }
  return records
}

/**
 * The query given on the command line: bare residues, or FASTA/FASTQ text (so a record
 * pasted whole works too).
 */
export function queryFromText(text: string, minLength: number): QuerySequence[] {
  const trimmed = text.trim()
  if (trimmed.startsWith('>') || trimmed.startsWith('@')) {
    const records = parseRecords(new TextEncoder().encode(trimmed + '\n'), 'the query')
    if (records.length === 0) throw new GenocatError('INVALID_QUERY', 'The query is empty.')
    return records.map((r) => validateQuery(headerId(r.title), r.seq, minLength))
  }
  return [validateQuery(COMMAND_LINE_QUERY, new TextEncoder().encode(text), minLength)]
}

/** Every record of a FASTA or FASTQ file (plain or gzip) as a query. */
export async function queriesFromFile(path: string, minLength: number): Promise<QuerySequence[]> {
  const input = await openInput(path)
  const parts: Buffer[] = []
  let total = 0
  for await (const part of input.chunks) {
    total += part.length
    if (total > MAX_QUERY_FILE_BYTES)
      throw new GenocatError(
        'INVALID_QUERY',
        `${path} is over 256 MB; split the queries into smaller files.`,
        { file: path },
      )
    parts.push(part)
  }
  const records = parseRecords(Buffer.concat(parts), path)
  if (records.length === 0)
    throw new GenocatError('INVALID_QUERY', `${path} holds no FASTA or FASTQ records.`, {
      file: path,
    })
  return records.map((r) => validateQuery(headerId(r.title), r.seq, minLength))
}
