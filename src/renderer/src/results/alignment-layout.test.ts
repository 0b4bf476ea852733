import { describe, expect, it } from 'vitest'
import { alignmentLines, formatAlignment, matchLine, type AlignmentInput } from './alignment-layout'

function hit(partial: Partial<AlignmentInput>): AlignmentInput {
  return {
    strand: '+',
    queryStart: 0,
    queryEnd: 0,
    subjectStart: 0,
    alignedQuery: '',
    alignedSubject: '',
    ...partial,
  }
}

describe('matchLine', () => {
  it('marks identical residues, ignoring case and treating U as T', () => {
    expect(matchLine('ACGTu', 'AcGAT')).toBe('||| |')
  })

  it('never marks gaps or N', () => {
    expect(matchLine('A-CN', 'AACN')).toBe('| | ')
  })
})

describe('alignmentLines', () => {
  it('numbers plus-strand lines from the 1-based start and counts only residues', () => {
    const lines = alignmentLines(
      hit({
        queryStart: 9,
        queryEnd: 16,
        subjectStart: 99,
        alignedQuery: 'ACG-TAC',
        alignedSubject: 'ACGGTA-',
      }),
      4,
    )
    expect(lines).toEqual([
      {
        query: 'ACG-',
        match: '||| ',
        subject: 'ACGG',
        queryFrom: 10,
        queryTo: 12,
        subjectFrom: 100,
        subjectTo: 103,
      },
      {
        query: 'TAC',
        match: '|| ',
        subject: 'TA-',
        queryFrom: 13,
        queryTo: 15,
        subjectFrom: 104,
        subjectTo: 105,
      },
    ])
  })

  it('counts query positions down from the end on the minus strand', () => {
    // A 20 bp query whose reverse complement's residues 3..10 aligned: as given, 11..18.
    const lines = alignmentLines(
      hit({
        strand: '-',
        queryStart: 10,
        queryEnd: 18,
        subjectStart: 0,
        alignedQuery: 'AAAACCCC',
        alignedSubject: 'AAAACCCC',
      }),
      5,
    )
    expect(lines.map((l) => [l.queryFrom, l.queryTo])).toEqual([
      [18, 14],
      [13, 11],
    ])
    expect(lines.map((l) => [l.subjectFrom, l.subjectTo])).toEqual([
      [1, 5],
      [6, 8],
    ])
  })

  it('shows the previous position on a line that is all gaps', () => {
    const lines = alignmentLines(
      hit({ queryStart: 0, subjectStart: 0, alignedQuery: 'AC--', alignedSubject: 'ACGT' }),
      2,
    )
    expect(lines[1]).toMatchObject({ queryFrom: 2, queryTo: 2, subjectFrom: 3, subjectTo: 4 })
  })
})

describe('formatAlignment', () => {
  it('lines up the three rows with positions at both ends', () => {
    const text = formatAlignment(
      alignmentLines(
        hit({ queryStart: 0, subjectStart: 1199, alignedQuery: 'ACGT', alignedSubject: 'ACCT' }),
      ),
    )
    expect(text).toBe(['Query    1 ACGT 4', '           || |', 'Sbjct 1200 ACCT 1203'].join('\n'))
  })
})
