import type { Alphabet, EmbedderSpec } from '../../../shared/catalog-types.js'
import { GenocatError } from '../../../shared/errors.js'
import { createKmerProfile, KMER_PROFILE_DEFAULTS } from './kmer-profile.js'

/**
 * Turns a sequence (or a window of it) into a fixed-length vector. Implementations must be
 * pure and cheap to construct: each worker thread builds its own from the catalog's spec.
 */
export interface Embedder {
  readonly spec: EmbedderSpec
  /** Writes the vector for `seq[start, end)` into `out` at `outOffset`. */
  embed(
    seq: Uint8Array,
    start: number,
    end: number,
    alphabet: Alphabet,
    out: Float32Array,
    outOffset: number,
  ): void
  /** Window starts for a sequence of this length; empty when it is short enough to embed whole. */
  windowStarts(length: number): number[]
  /** Window length in residues (the last window may be clipped at the sequence's end). */
  readonly windowLength: number
}

export function defaultEmbedderSpec(): EmbedderSpec {
  return KMER_PROFILE_DEFAULTS
}

export function createEmbedder(spec: EmbedderSpec): Embedder {
  if (spec.name === KMER_PROFILE_DEFAULTS.name && spec.version === KMER_PROFILE_DEFAULTS.version) {
    return createKmerProfile(spec)
  }
  throw new GenocatError(
    'EMBEDDER_MISMATCH',
    `This catalog's vectors were made by embedder ${spec.name} v${spec.version}, which this Genocat does not provide.`,
  )
}

export function sameEmbedder(a: EmbedderSpec, b: EmbedderSpec): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
