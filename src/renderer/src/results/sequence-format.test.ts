import { describe, expect, it } from 'vitest'
import { formatSequence } from './sequence-format'

describe('formatSequence', () => {
  it('writes 60 residues a line in blocks of 10 with the start position first', () => {
    const seq = 'ACGTACGTAC'.repeat(13) // 130 residues
    const lines = formatSequence(seq).split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toBe(`  1 ${Array(6).fill('ACGTACGTAC').join(' ')}`)
    expect(lines[1]!.startsWith(' 61 ACGTACGTAC')).toBe(true)
    expect(lines[2]).toBe('121 ACGTACGTAC')
  })

  it('ends a short last block where the sequence ends', () => {
    expect(formatSequence('ACGTACGTACGTA')).toBe('1 ACGTACGTAC GTA')
  })

  it('stops at the limit', () => {
    expect(formatSequence('A'.repeat(200), undefined, 65).split('\n')).toEqual([
      ` 1 ${Array(6).fill('A'.repeat(10)).join(' ')}`,
      '61 AAAAA',
    ])
  })

  it('gives empty text for an empty sequence', () => {
    expect(formatSequence('')).toBe('')
  })

  it('formats a 30 kb genome fast enough to do while rendering', () => {
    const genome = 'ACGT'.repeat(7_500)
    const start = performance.now()
    const text = formatSequence(genome)
    expect(performance.now() - start).toBeLessThan(100)
    expect(text.split('\n')).toHaveLength(500)
    expect(text.split('\n')[499]!.startsWith('29941 ')).toBe(true)
  })
})
