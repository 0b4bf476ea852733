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

const upper = (ch: string): number => ch.charCodeAt(0)
const A = upper('A'),
  C = upper('C'),
  G = upper('G'),
  T = upper('T'),
  U = upper('U')
const S = upper('S'),
  W = upper('W')

export interface Composition {
  readonly alphabet: Alphabet
  /** (G+C+S) / (A+C+G+T+U+S+W): ambiguity codes that fix GC content count, others do not. */
  readonly gc: number | null
  readonly hasLowercase: boolean
}

/** Alphabet and GC of a validated sequence. */
export function composition(seq: Uint8Array, start: number, end: number): Composition {
  let proteinOnly = false
  let gcCount = 0
  let atCount = 0
  let hasT = false
  let hasU = false
  let hasLowercase = false
  for (let i = start; i < end; i++) {
    let byte = seq[i]!
    if (byte >= 0x61) {
      hasLowercase = true
      byte -= 0x20
    }
    if (byte === G || byte === C || byte === S) gcCount++
    else if (byte === A || byte === W) atCount++
    else if (byte === T) {
      atCount++
      hasT = true
    } else if (byte === U) {
      atCount++
      hasU = true
    } else if (RESIDUE_CLASS[byte] === PROTEIN_ONLY) proteinOnly = true
  }
  if (proteinOnly) return { alphabet: 'protein', gc: null, hasLowercase }
  const alphabet: Alphabet = hasU && !hasT ? 'rna' : 'dna'
  const total = gcCount + atCount
  return { alphabet, gc: total > 0 ? gcCount / total : null, hasLowercase }
}
