/**
 * Pairwise alignments laid out as BLAST shows them: query, match and subject lines of 60
 * columns with 1-based positions at both ends. For a hit on the minus strand the aligned
 * query is the query's reverse complement, so query positions count down from `queryEnd`.
 */
import type { SearchHit } from '../../../shared/search-types'

export type AlignmentInput = Pick<
  SearchHit,
  'strand' | 'queryStart' | 'queryEnd' | 'subjectStart' | 'alignedQuery' | 'alignedSubject'
>

export interface AlignmentLine {
  readonly query: string
  readonly match: string
  readonly subject: string
  /** 1-based positions of the first and last residue on the line (as given, both strands). */
  readonly queryFrom: number
  readonly queryTo: number
  readonly subjectFrom: number
  readonly subjectTo: number
}

const same = (a: string, b: string): boolean => {
  if (a === '-' || b === '-') return false
  const x = a.toUpperCase().replace('U', 'T')
  const y = b.toUpperCase().replace('U', 'T')
  return x === y && 'ACGT'.includes(x)
}

/**
 * `|` where the two aligned residues are the same base, a space elsewhere. N and the other
 * IUPAC codes match nothing, as in the engine's scoring.
 */
export function matchLine(query: string, subject: string): string {
  let line = ''
  for (let i = 0; i < query.length; i++) line += same(query[i]!, subject[i] ?? '-') ? '|' : ' '
  return line
}

/** A coordinate walker: `step` per residue; a line of only gaps shows the previous position. */
function walker(first: number, step: 1 | -1) {
  let next = first
  return (segment: string): { from: number; to: number } => {
    let residues = 0
    for (const ch of segment) if (ch !== '-') residues++
    if (residues === 0) return { from: next - step, to: next - step }
    const from = next
    next += residues * step
    return { from, to: next - step }
  }
}

export function alignmentLines(hit: AlignmentInput, width = 60): AlignmentLine[] {
  const minus = hit.strand === '-'
  const queryWalk = minus ? walker(hit.queryEnd, -1) : walker(hit.queryStart + 1, 1)
  const subjectWalk = walker(hit.subjectStart + 1, 1)
  const lines: AlignmentLine[] = []
  for (let at = 0; at < hit.alignedQuery.length; at += width) {
    const query = hit.alignedQuery.slice(at, at + width)
    const subject = hit.alignedSubject.slice(at, at + width)
    const q = queryWalk(query)
    const s = subjectWalk(subject)
    lines.push({
      query,
      match: matchLine(query, subject),
      subject,
      queryFrom: q.from,
      queryTo: q.to,
      subjectFrom: s.from,
      subjectTo: s.to,
    })
  }
  return lines
}

/** The alignment as monospace text, with positions right-aligned in a shared column. */
export function formatAlignment(lines: readonly AlignmentLine[]): string {
  const pad = Math.max(
    1,
    ...lines.map((l) => Math.max(String(l.queryFrom).length, String(l.subjectFrom).length)),
  )
  const labelled = (label: string, from: number, text: string, to: number): string =>
    `${label} ${String(from).padStart(pad)} ${text} ${to}`
  const blank = ' '.repeat('Query'.length + pad + 2)
  return lines
    .map((l) =>
      [
        labelled('Query', l.queryFrom, l.query, l.queryTo),
        `${blank}${l.match}`,
        labelled('Sbjct', l.subjectFrom, l.subject, l.subjectTo),
      ].join('\n'),
    )
    .join('\n\n')
}
