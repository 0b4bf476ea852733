import { describe, expect, it } from 'vitest'
import { binInRange } from './bin-range'

const bin = (x0: number, x1: number): { x0: number; x1: number; count: number } => ({
  x0,
  x1,
  count: 1,
})

describe('binInRange', () => {
  it('covers the bin a length click selected and neither neighbour', () => {
    const range = { x0: 10000, x1: 11999 }
    expect(binInRange(bin(10000, 12000), range, false)).toBe(true)
    expect(binInRange(bin(8000, 10000), range, false)).toBe(false)
    expect(binInRange(bin(12000, 14000), range, false)).toBe(false)
  })

  it('does not light the next GC bin when the range ends on its lower edge', () => {
    const range = { x0: 0.4, x1: 0.45 }
    expect(binInRange(bin(0.4, 0.45), range, false)).toBe(true)
    expect(binInRange(bin(0.45, 0.5), range, false)).toBe(false)
  })

  it('ignores overlaps that are only floating-point noise', () => {
    expect(binInRange(bin(0.3, 0.35000000000000003), { x0: 0.35, x1: 0.4 }, false)).toBe(false)
  })

  it('covers every bin a wide or open-ended range reaches', () => {
    const range = { x0: 500, x1: Infinity }
    expect(binInRange(bin(0, 1000), range, false)).toBe(true)
    expect(binInRange(bin(9000, 10000), range, true)).toBe(true)
    expect(binInRange(bin(0, 500), range, false)).toBe(false)
  })

  it('places a single value in the bin that holds it, the last bin including its top edge', () => {
    expect(binInRange(bin(400, 600), { x0: 500, x1: 500 }, false)).toBe(true)
    expect(binInRange(bin(400, 500), { x0: 500, x1: 500 }, false)).toBe(false)
    expect(binInRange(bin(400, 500), { x0: 500, x1: 500 }, true)).toBe(true)
  })

  it('treats a bin whose edges coincide as the one value it holds', () => {
    expect(binInRange(bin(500, 500), { x0: 500, x1: 500 }, true)).toBe(true)
    expect(binInRange(bin(500, 500), { x0: 400, x1: 600 }, true)).toBe(true)
    expect(binInRange(bin(500, 500), { x0: 501, x1: 600 }, true)).toBe(false)
  })
})
