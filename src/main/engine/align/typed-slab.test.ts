import { describe, expect, it } from 'vitest'
import { slabInt32, slabUint32, slabUint8 } from './typed-slab.js'

describe('typed slab', () => {
  it('hands out zeroed arrays that never share a byte, across chunks and past them', () => {
    // Sizes from a byte to past the own-buffer limit, enough to fill several chunks.
    const sizes = [1, 3, 7, 150, 1000, 4096, 20_000, 70_000, 5, 300_000]
    const arrays = Array.from({ length: 60 }, (_, i) => {
      const n = sizes[i % sizes.length]!
      const a = i % 3 === 0 ? slabInt32(n) : i % 3 === 1 ? slabUint32(n) : slabUint8(n)
      expect(a.length).toBe(n)
      expect(a.every((v) => v === 0)).toBe(true)
      expect(a.byteOffset % 8).toBe(0)
      return a
    })
    // Each array filled with its own number: an overlap would overwrite another's.
    arrays.forEach((a, i) => a.fill(i + 1))
    arrays.forEach((a, i) => expect(a.every((v) => v === i + 1)).toBe(true))
  })
})
