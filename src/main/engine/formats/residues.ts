import type { Alphabet } from '../../../shared/catalog-types.js'

/** Byte classes for sequence lines. */
export const INVALID = 0
export const NUCLEOTIDE = 1 // IUPAC nucleotide codes, which are also amino-acid letters
export const PROTEIN_ONLY = 2 // letters (and '*') that only occur in proteins
export const GAP = 3
export const SKIP = 4 // whitespace inside a sequence line

export const RESIDUE_CLASS = new Uint8Array(256)
for (const ch of 'ACGTUNRYSWKMBDHV') {
  RESIDUE_CLASS[ch.charCodeAt(0)] = NUCLEOTIDE
  RESIDUE_CLASS[ch.toLowerCase().charCodeAt(0)] = NUCLEOTIDE
}
for (const ch of 'EFIJLOPQXZ') {
  RESIDUE_CLASS[ch.charCodeAt(0)] = PROTEIN_ONLY
  RESIDUE_CLASS[ch.toLowerCase().charCodeAt(0)] = PROTEIN_ONLY
}
RESIDUE_CLASS['*'.charCodeAt(0)] = PROTEIN_ONLY
RESIDUE_CLASS['-'.charCodeAt(0)] = GAP
RESIDUE_CLASS['.'.charCodeAt(0)] = GAP
for (const ch of ' \t\r\v\f') RESIDUE_CLASS[ch.charCodeAt(0)] = SKIP

// What each byte counts towards, case-insensitively: 1 G/C/S, 2 A/W, 3 T, 4 U, 5 protein-only.
const COUNT_CLASS = new Uint8Array(256)
for (const [chars, cls] of [
  ['GCS', 1],
  ['AW', 2],
  ['T', 3],
  ['U', 4],
] as const) {
  for (const ch of chars) {
    COUNT_CLASS[ch.charCodeAt(0)] = cls
    COUNT_CLASS[ch.toLowerCase().charCodeAt(0)] = cls
  }
}
for (let b = 0; b < 256; b++) if (RESIDUE_CLASS[b] === PROTEIN_ONLY) COUNT_CLASS[b] = 5

export interface Composition {
  readonly alphabet: Alphabet
  /** (G+C+S) / (A+C+G+T+U+S+W): ambiguity codes that fix GC content count, others do not. */
  readonly gc: number | null
  readonly hasLowercase: boolean
}

/** Alphabet and GC of a validated sequence. */
export function composition(seq: Uint8Array, start: number, end: number): Composition {
  const counts = [0, 0, 0, 0, 0, 0]
  let hasLowercase = false
  for (let i = start; i < end; i++) {
    const byte = seq[i]!
    counts[COUNT_CLASS[byte]!]!++
    if (byte >= 0x61) hasLowercase = true
  }
  const [, gcCount = 0, aw = 0, t = 0, u = 0, proteinOnly = 0] = counts
  if (proteinOnly > 0) return { alphabet: 'protein', gc: null, hasLowercase }
  const alphabet: Alphabet = u > 0 && t === 0 ? 'rna' : 'dna'
  const total = gcCount + aw + t + u
  return { alphabet, gc: total > 0 ? gcCount / total : null, hasLowercase }
}
