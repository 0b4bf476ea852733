import { describe, expect, it } from 'vitest'
import type { FieldSchema, SearchResponse } from '../../../shared/api'
import type { SearchHit } from '../../../shared/search-types'
import { cellText } from '../results/column'
import { hitColumns, hitRows, telling } from './hit-columns'

function hit(rank: number, id: string): SearchHit {
  return {
    rank,
    id,
    score: 1234,
    identity: 0.987,
    coverage: 1,
    strand: '-',
    queryStart: 0,
    queryEnd: 200,
    subjectStart: 2999,
    subjectEnd: 3199,
    subjectLength: 10_807,
    alignedQuery: 'A',
    alignedSubject: 'A',
    record: {
      id,
      length: 10_807,
      gc: 0.51,
      country: 'Brazil',
      year: 2015,
      host: 'human',
      lab: 'X',
    },
  }
}

const RESPONSE: SearchResponse = {
  results: [
    { query: 'read1', queryLength: 200, hits: [hit(1, 'A'), hit(2, 'B')] },
    { query: 'read2', queryLength: 200, hits: [hit(1, 'A')] },
  ],
  plan: { records: 'flat', windows: 'none', eligible: 3 },
  milliseconds: 12,
}

function field(name: string, distinct: number, type: FieldSchema['type'] = 'text'): FieldSchema {
  const builtin = ['id', 'description', 'alphabet', 'length', 'gc'].includes(name)
  return { name, type, builtin, missing: 0, distinct, topValues: [], range: null }
}

// 100 records: "virus" is the same for all, "accession" differs for each.
const FIELDS = [
  field('id', 100),
  field('description', 100),
  field('length', 80, 'integer'),
  field('gc', 90, 'number'),
  field('virus', 1),
  field('accession', 100),
  field('country', 12),
  field('year', 5, 'integer'),
  field('host', 3),
  field('lab', 20),
]

describe('hit table', () => {
  it('gives each hit a key unique across queries', () => {
    const keys = hitRows(RESPONSE).map((r) => r.key)
    expect(new Set(keys).size).toBe(3)
  })

  it('adds a Query column only when several queries were searched', () => {
    expect(hitColumns(FIELDS, true)[0]!.header).toBe('Query')
    expect(hitColumns(FIELDS, false)[0]!.header).toBe('ID')
  })

  it('shows scores as percentages and the subject range 1-based and inclusive', () => {
    const columns = new Map(hitColumns(FIELDS, false).map((c) => [c.header, c]))
    const row = hitRows(RESPONSE)[0]!
    expect(cellText(columns.get('Identity')!, row)).toBe('98.7%')
    expect(cellText(columns.get('Coverage')!, row)).toBe('100.0%')
    expect(cellText(columns.get('Subject range')!, row)).toBe('3,000–3,199')
    expect(columns.get('Subject range')!.value(row)).toBe(2999)
  })

  it('picks metadata that tells hits apart, skipping constant and one-per-record fields', () => {
    expect(telling(FIELDS)).toEqual(new Set(['country', 'year', 'host']))
    expect(telling(FIELDS, 6)).toEqual(
      new Set(['country', 'year', 'host', 'lab', 'virus', 'accession']),
    )
  })

  it('shows length and the telling metadata fields, and offers the rest', () => {
    const shown = hitColumns(FIELDS, false)
      .filter((c) => !c.hiddenByDefault)
      .map((c) => c.header)
    expect(shown).toEqual([
      'ID',
      'Identity',
      'Coverage',
      'Score',
      'Strand',
      'Subject range',
      'Length',
      'country',
      'year',
      'host',
    ])
  })
})
