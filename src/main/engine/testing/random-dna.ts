/** Deterministic DNA for tests: a seeded PRNG, random sequences and light mutation. */

import { reverseComplement } from '../align/align.js'

/** Marsaglia's xorshift32: a deterministic stream of unsigned 32-bit integers. */
export function xorshift32(seed: number): () => number {
  let x = seed >>> 0 || 1
  return () => {
    x = (x ^ (x << 13)) >>> 0
    x = (x ^ (x >>> 17)) >>> 0
    x = (x ^ (x << 5)) >>> 0
    return x
  }
}

/** The same stream as fractions in [0, 1). */
export function seededRandom(seed: number): () => number {
  const next = xorshift32(seed)
  return () => next() / 4294967296
}

export function randomDna(length: number, random: () => number): string {
  let s = ''
  for (let i = 0; i < length; i++) s += 'ACGT'[Math.floor(random() * 4)]
  return s
}

/** Substitutions at `rate` per base, and one-base indels at a tenth of it. */
export function mutateDna(seq: string, rate: number, random: () => number): string {
  let out = ''
  for (const base of seq) {
    const r = random()
    if (r < rate) out += 'ACGT'.replace(base, '')[Math.floor(random() * 3)]
    else if (r < rate * 1.05) continue
    else if (r < rate * 1.1) out += base + 'ACGT'[Math.floor(random() * 4)]
    else out += base
  }
  return out
}

export function reverseComplementDna(seq: string): string {
  return Buffer.from(reverseComplement(Buffer.from(seq, 'latin1'))).toString('latin1')
}
