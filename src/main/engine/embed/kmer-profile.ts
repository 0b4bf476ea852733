import type { EmbedderSpec } from '../../../shared/catalog-types.js'
import type { Embedder } from './embedder.js'

/**
 * The default embedding: a profile of canonical k-mers (a k-mer and its reverse complement
 * count as one, so a sequence and its reverse complement get the same vector), hashed with
 * random signs into a fixed number of dimensions and L2-normalised. Signed feature hashing
 * keeps inner products unbiased, so cosine similarity still tracks shared k-mers while the
 * vectors stay small enough to index millions of them.
 */
export const KMER_PROFILE_DEFAULTS: EmbedderSpec = {
  name: 'kmer-profile',
  version: 1,
  dimensions: 128,
  params: { k: 7, proteinK: 3, window: 500, step: 250 },
}

const NUCLEOTIDE_CODE = new Int8Array(256).fill(-1)
for (const [chars, code] of [
  ['Aa', 0],
  ['Cc', 1],
  ['Gg', 2],
  ['TtUu', 3],
] as const) {
  for (const ch of chars) NUCLEOTIDE_CODE[ch.charCodeAt(0)] = code
}
/** Gap characters are skipped, so k-mers span the gaps of an aligned sequence. */
const IS_GAP = new Uint8Array(256)
IS_GAP['-'.charCodeAt(0)] = 1
IS_GAP['.'.charCodeAt(0)] = 1

const AMINO_CODE = new Int8Array(256).fill(-1)
'ACDEFGHIKLMNPQRSTVWY'.split('').forEach((ch, i) => {
  AMINO_CODE[ch.charCodeAt(0)] = i
  AMINO_CODE[ch.toLowerCase().charCodeAt(0)] = i
})

/** A 32-bit integer mixer (from the murmur3 finaliser family) for bucket and sign. */
function mix(x: number): number {
  let h = Math.imul(x ^ (x >>> 16), 0x7feb352d)
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b)
  return h ^ (h >>> 16)
}

function numberParam(spec: EmbedderSpec, key: string): number {
  const value = spec.params[key]
  if (typeof value !== 'number') throw new Error(`embedder parameter ${key} must be a number`)
  return value
}

export function createKmerProfile(spec: EmbedderSpec): Embedder {
  const k = numberParam(spec, 'k')
  const proteinK = numberParam(spec, 'proteinK')
  const window = numberParam(spec, 'window')
  const step = numberParam(spec, 'step')
  const dims = spec.dimensions
  if ((dims & (dims - 1)) !== 0) throw new Error('embedder dimensions must be a power of two')
  const mask = (1 << (2 * k)) - 1
  const topShift = 2 * (k - 1)

  // The hash of every nucleotide k-mer is looked up, not computed (4^k entries, so k is
  // capped): entry = (bucket + 1) * sign.
  if (k > 12) throw new Error('k must be at most 12')
  const signedBucket = new Int16Array(1 << (2 * k))
  for (let value = 0; value < signedBucket.length; value++) {
    const h = mix(value)
    signedBucket[value] = (((h >>> 8) & (dims - 1)) + 1) * ((h & 1) === 0 ? 1 : -1)
  }

  function addFeature(value: number, out: Float32Array, outOffset: number): void {
    const h = mix(value)
    out[outOffset + ((h >>> 8) & (dims - 1))]! += (h & 1) === 0 ? 1 : -1
  }

  function embedNucleotide(
    seq: Uint8Array,
    start: number,
    end: number,
    out: Float32Array,
    off: number,
  ): void {
    let fwd = 0
    let rev = 0
    let valid = 0
    for (let i = start; i < end; i++) {
      const byte = seq[i]!
      const code = NUCLEOTIDE_CODE[byte]!
      if (code < 0) {
        if (IS_GAP[byte] === 0) valid = 0
        continue
      }
      fwd = ((fwd << 2) | code) & mask
      rev = (rev >>> 2) | ((3 - code) << topShift)
      if (++valid >= k) {
        // The bucket and sign of every nucleotide k-mer are precomputed (see `signedBucket`).
        const feature = signedBucket[fwd < rev ? fwd : rev]!
        if (feature > 0) out[off + feature - 1]! += 1
        else out[off - feature - 1]! -= 1
      }
    }
  }

  function embedProtein(
    seq: Uint8Array,
    start: number,
    end: number,
    out: Float32Array,
    off: number,
  ): void {
    let value = 0
    let valid = 0
    const modulus = 20 ** proteinK
    for (let i = start; i < end; i++) {
      const code = AMINO_CODE[seq[i]!]!
      if (code < 0) {
        valid = 0
        continue
      }
      value = (value * 20 + code) % modulus
      // Offset protein features so they never share a hash input with nucleotide ones.
      if (++valid >= proteinK) addFeature(value + 0x40000000, out, off)
    }
  }

  return {
    spec,
    windowLength: window,
    embed(seq, start, end, alphabet, out, outOffset) {
      out.fill(0, outOffset, outOffset + dims)
      if (alphabet === 'protein') embedProtein(seq, start, end, out, outOffset)
      else embedNucleotide(seq, start, end, out, outOffset)
      let norm = 0
      for (let d = 0; d < dims; d++) norm += out[outOffset + d]! ** 2
      if (norm > 0) {
        const scale = 1 / Math.sqrt(norm)
        for (let d = 0; d < dims; d++) out[outOffset + d]! *= scale
      }
    },
    windowStarts(length) {
      if (length <= 2 * window) return []
      const starts: number[] = []
      for (let s = 0; s + window < length; s += step) starts.push(s)
      starts.push(length - window)
      return starts
    },
  }
}
