import { describe, expect, it } from 'vitest'
import type { RecordRow } from '../../../shared/api'
import { cellText } from './column'
import { formatFieldValue, recordColumns } from './record-columns'

const ROW: RecordRow = {
  id: 'MN908947.3',
  description: 'Severe acute respiratory syndrome coronavirus 2',
  length: 29903,
  gc: 0.379736,
  country: 'China',
  year: 2019,
  host: null,
}

describe('recordColumns', () => {
  const columns = recordColumns(Object.keys(ROW), (row: RecordRow) => row, {
    types: new Map([
      ['year', 'integer'],
      ['country', 'text'],
    ]),
    hideMetadata: (_name, position) => position >= 2,
  })
  const byId = new Map(columns.map((c) => [c.id, c]))

  it('names built-in fields for people and formats length and GC', () => {
    expect(byId.get('id')!.header).toBe('ID')
    expect(byId.get('length')).toMatchObject({ header: 'Length', align: 'right' })
    expect(cellText(byId.get('length')!, ROW)).toBe('29,903')
    expect(cellText(byId.get('gc')!, ROW)).toBe('38.0%')
    expect(byId.get('description')!.hiddenByDefault).toBe(true)
  })

  it('keeps metadata names, right-aligns numbers and hides the ones asked to', () => {
    expect(byId.get('country')).toMatchObject({ header: 'country', align: 'left' })
    expect(byId.get('year')).toMatchObject({ align: 'right', hiddenByDefault: false })
    expect(byId.get('host')!.hiddenByDefault).toBe(true)
  })

  it('reads values from the row and shows missing ones as a dash', () => {
    expect(byId.get('country')!.value(ROW)).toBe('China')
    expect(cellText(byId.get('host')!, ROW)).toBe('—')
  })
})

describe('formatFieldValue', () => {
  it('keeps metadata numbers as stored, so years read as years', () => {
    expect(formatFieldValue('year', 2016)).toBe('2016')
    expect(formatFieldValue('length', 10807)).toBe('10,807')
    expect(formatFieldValue('host', null)).toBe('—')
  })
})
