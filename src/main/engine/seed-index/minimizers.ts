import { SUBJECT_CODE } from '../align/nucleotides.js'

/**
 * (k, w) minimizers (Roberts et al. 2004; as in minimap2): of every w consecutive k-mers, the one
 * with the smallest hash is kept. Two sequences sharing a stretch of k + w - 1 bases share that
 * stretch's minimizer, so an index of ~2/(w + 1) of a catalog's k-mers still finds every
 * similar region, and the query needs only the same sampling.
 *
 * k-mers are canonical (the smaller of the k-mer and its reverse complement), so one index
 * serves both strands; each minimizer remembers which orientation was canonical.
 */

/** Seed length: 15 bases is specific at 10^9 residues yet survives 5% divergence half the time. */
export const SEED_K = 15
/** Window: one seed per ~5.5 bases, so a 150 bp read has ~25 of them. */
export const SEED_W = 10

const KEY_BITS = 2 * SEED_K
const KEY_MASK = 2 ** KEY_BITS - 1

/**
 * An invertible mix of a 30-bit k-mer into a 30-bit key: odd multipliers and xor-shifts are
 * bijections mod 2^30, so keys stay unique per k-mer (the index stores keys, not k-mers) while
 * their order is pseudo-random, and poly-A runs are not everyone's minimizer.
 */
export function seedKey(kmer: number): number {
  let h = kmer
  h = (h ^ (h >>> 15)) & KEY_MASK
  h = Math.imul(h, 0x2c1b3c6d) & KEY_MASK
  h = (h ^ (h >>> 13)) & KEY_MASK
  h = Math.imul(h, 0x297a2d39) & KEY_MASK
  return (h ^ (h >>> 16)) & KEY_MASK
}

/** Growable output of {@link collectMinimizers}: keys, and `position * 2 + strand`. */
export class MinimizerList {
  keys = new Int32Array(64)
  places = new Int32Array(64)
  count = 0

  clear(): void {
    this.count = 0
  }

  push(key: number, place: number): void {
    if (this.count === this.keys.length) {
      const keys = new Int32Array(this.count * 2)
      keys.set(this.keys)
      this.keys = keys
      const places = new Int32Array(this.count * 2)
      places.set(this.places)
      this.places = places
    }
    this.keys[this.count] = key
    this.places[this.count++] = place
  }
}

// Ring buffer of the current window, reused (minimizer collection is synchronous).
const ringKey = new Int32Array(SEED_W)
const ringPlace = new Int32Array(SEED_W)

/**
 * Appends the minimizers of `seq[start, end)` to `out`, in order of position. A place is
 * `position * 2 + strand`, position relative to `start`, strand 1 when the reverse complement
 * was the canonical k-mer. Runs of N or IUPAC codes split the sequence; a run too short for a
 * whole window still yields its smallest k-mer, so short records and queries get a seed.
 */
export function collectMinimizers(
  seq: Uint8Array,
  start: number,
  end: number,
  out: MinimizerList,
): void {
  const k = SEED_K
  const w = SEED_W
  const codeOf = SUBJECT_CODE
  const shift = 2 * (k - 1)
  const mask = KEY_MASK
  let forward = 0
  let reverse = 0
  let valid = 0 // consecutive ACGT bases
  let filled = 0 // k-mers in the ring since the last break
  let slot = 0 // where the next k-mer goes in the ring
  let minKey = -1
  let minPlace = -1
  let lastPlace = -1
  for (let p = start; p < end; p++) {
    const c = codeOf[seq[p]!]!
    if (c > 3) {
      if (filled > 0 && filled < w && minPlace !== lastPlace) out.push(minKey, minPlace)
      valid = 0
      filled = 0
      minKey = -1
      minPlace = lastPlace = -1
      continue
    }
    forward = ((forward << 2) | c) & mask
    reverse = (reverse >>> 2) | ((3 - c) << shift)
    if (++valid < k) continue
    // k is odd, so a k-mer never equals its reverse complement.
    const strand = forward < reverse ? 0 : 1
    // seedKey, inlined: this loop runs once per residue of the catalog.
    let key = strand === 0 ? forward : reverse
    key = (key ^ (key >>> 15)) & mask
    key = Math.imul(key, 0x2c1b3c6d) & mask
    key = (key ^ (key >>> 13)) & mask
    key = Math.imul(key, 0x297a2d39) & mask
    key = (key ^ (key >>> 16)) & mask
    const place = (p - k + 1 - start) * 2 + strand
    ringKey[slot] = key
    ringPlace[slot] = place
    slot = slot === w - 1 ? 0 : slot + 1
    filled++
    if (minKey < 0 || key <= minKey) {
      minKey = key
      minPlace = place
    } else if (filled > w && minPlace >> 1 <= (place >> 1) - w) {
      // The minimum left the window: rescan it, oldest first (ties go to the rightmost).
      minKey = 0x7fffffff
      for (let i = 0, s = slot; i < w; i++, s = s === w - 1 ? 0 : s + 1) {
        if (ringKey[s]! <= minKey) {
          minKey = ringKey[s]!
          minPlace = ringPlace[s]!
        }
      }
    }
    if (filled >= w && minPlace !== lastPlace) {
      out.push(minKey, minPlace)
      lastPlace = minPlace
    }
  }
  if (filled > 0 && filled < w && minPlace !== lastPlace) out.push(minKey, minPlace)
}
