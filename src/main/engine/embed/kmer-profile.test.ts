import { describe, expect, it } from 'vitest'
import { createEmbedder, defaultEmbedderSpec } from './embedder.js'

const embedder = createEmbedder(defaultEmbedderSpec())
const dims = embedder.spec.dimensions

function embed(seq: string, alphabet: 'dna' | 'protein' = 'dna'): Float32Array {
  const out = new Float32Array(dims)
  embedder.embed(Buffer.from(seq), 0, seq.length, alphabet, out, 0)
  return out
}

function reverseComplement(seq: string): string {
  const pair: Record<string, string> = { A: 'T', C: 'G', G: 'C', T: 'A', N: 'N' }
  return [...seq]
    .reverse()
    .map((c) => pair[c]!)
    .join('')
}

const cosine = (a: Float32Array, b: Float32Array): number => a.reduce((s, v, i) => s + v * b[i]!, 0)

function randomSequence(length: number, seed: number): string {
  let x = seed
  return Array.from({ length }, () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0
    return 'ACGT'[x >>> 30]!
  }).join('')
}

describe('the k-mer profile embedder', () => {
  it('gives a sequence and its reverse complement the same vector', () => {
    const seq = randomSequence(1000, 7)
    expect(Array.from(embed(reverseComplement(seq)))).toEqual(Array.from(embed(seq)))
  })

  it('ignores case and produces unit vectors', () => {
    const seq = randomSequence(300, 3)
    expect(Array.from(embed(seq.toLowerCase()))).toEqual(Array.from(embed(seq)))
    expect(cosine(embed(seq), embed(seq))).toBeCloseTo(1, 5)
  })

  it('scores a read against its source higher than against an unrelated sequence', () => {
    const genome = randomSequence(500, 11)
    const read = genome.slice(100, 250)
    expect(cosine(embed(read), embed(genome))).toBeGreaterThan(
      cosine(embed(read), embed(randomSequence(500, 12))) + 0.2,
    )
  })

  it('leaves a vector of zeros for sequences shorter than k', () => {
    expect(embed('ACG').every((v) => v === 0)).toBe(true)
  })

  it('windows only long sequences, covering them to the end', () => {
    expect(embedder.windowStarts(900)).toEqual([])
    const starts = embedder.windowStarts(10_000)
    expect(starts[0]).toBe(0)
    expect(starts.at(-1)).toBe(10_000 - embedder.windowLength)
  })
})
