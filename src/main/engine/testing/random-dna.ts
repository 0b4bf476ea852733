/** Deterministic DNA for tests: a seeded PRNG, random sequences and light mutation. */

export function seededRandom(seed: number): () => number {
  let x = seed >>> 0 || 1
  return () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return (x >>> 0) / 4294967296
  }
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

const COMPLEMENT: Record<string, string> = { A: 'T', C: 'G', G: 'C', T: 'A', N: 'N' }

export function reverseComplementDna(seq: string): string {
  let out = ''
  for (let i = seq.length - 1; i >= 0; i--) out += COMPLEMENT[seq[i]!] ?? 'N'
  return out
}
