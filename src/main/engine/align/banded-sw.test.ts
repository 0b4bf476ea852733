import { describe, expect, it } from 'vitest'
import { xorshift32 } from '../testing/random-dna.js'
import {
  bandedLocalAlign,
  OP_DELETE,
  OP_INSERT,
  type LocalPath,
  type RowBand,
} from './banded-sw.js'
import type { AlignmentScoring } from './types.js'

const SCORING: AlignmentScoring = { match: 2, mismatch: -3, gapOpen: 5, gapExtend: 2 }

/** A pair's score: a query's N (code 4) scores 0 against anything, a subject's a mismatch. */
const pairOf = (q: number, s: number): number =>
  q === s ? SCORING.match : q === 4 ? 0 : SCORING.mismatch

/** Query-side codes: 0..3, and 4 (an N) now and then; subject-side "N" is 5. */
function randomCodes(rand: () => number, length: number, other: number): Uint8Array {
  return Uint8Array.from({ length }, () => (rand() % 50 === 0 ? other : rand() >>> 30))
}

/** A subject sharing most of the query (its Ns recoded to the subject side), with a few edits. */
function relatedSubject(rand: () => number, query: Uint8Array): Uint8Array {
  const out: number[] = []
  for (const c of query) {
    const r = rand() % 100
    if (r < 3) continue
    out.push(r < 10 ? rand() >>> 30 : c === 4 ? 5 : c)
    if (r >= 97) out.push(rand() >>> 30)
  }
  return Uint8Array.from(out)
}

/**
 * Textbook Gotoh over the whole matrix, with cells outside dLo <= j - i <= dHi (and outside the
 * row's own band, when given) unreachable.
 */
function referenceBanded(
  q: Uint8Array,
  s: Uint8Array,
  dLo: number,
  dHi: number,
  rows?: RowBand,
): number {
  const NEG = -1e9
  const open = SCORING.gapOpen + SCORING.gapExtend
  const ext = SCORING.gapExtend
  const cols = s.length + 1
  const H = new Array<number>((q.length + 1) * cols).fill(0)
  const E = new Array<number>(H.length).fill(NEG)
  const F = new Array<number>(H.length).fill(NEG)
  let best = 0
  for (let i = 1; i <= q.length; i++) {
    for (let j = 1; j <= s.length; j++) {
      if (j - i < dLo || j - i > dHi) continue
      if (rows && (j - i < rows.lo[i - 1]! || j - i > rows.hi[i - 1]!)) continue
      const c = i * cols + j
      E[c] = Math.max(E[c - 1]! - ext, H[c - 1]! - open)
      F[c] = Math.max(F[c - cols]! - ext, H[c - cols]! - open)
      const pair = pairOf(q[i - 1]!, s[j - 1]!)
      H[c] = Math.max(0, H[c - cols - 1]! + pair, E[c], F[c])
      best = Math.max(best, H[c])
    }
  }
  return best
}

/** Replays a path's columns and checks they stay in the band and add up to its score. */
function expectValidPath(path: LocalPath, q: Uint8Array, s: Uint8Array, dLo: number, dHi: number) {
  let i = path.queryStart
  let j = path.subjectStart
  let score = 0
  let matches = 0
  let previous = -1
  for (const op of path.ops) {
    if (op === OP_INSERT || op === OP_DELETE) {
      score -= SCORING.gapExtend + (op === previous ? 0 : SCORING.gapOpen)
      if (op === OP_INSERT) i++
      else j++
    } else {
      if (q[i] === s[j]) matches++
      score += pairOf(q[i++]!, s[j++]!)
    }
    expect(j - i).toBeGreaterThanOrEqual(dLo - 1)
    expect(j - i).toBeLessThanOrEqual(dHi + 1)
    previous = op
  }
  expect([i, j, score, matches]).toEqual([path.queryEnd, path.subjectEnd, path.score, path.matches])
}

describe('bandedLocalAlign', () => {
  it('equals a textbook Gotoh restricted to the same band, also where the band is clipped', () => {
    const rand = xorshift32(11)
    for (let trial = 0; trial < 200; trial++) {
      const q = randomCodes(rand, 5 + (rand() % 60), 4)
      const s = trial % 2 ? relatedSubject(rand, q) : randomCodes(rand, 5 + (rand() % 60), 5)
      const dLo = (rand() % 80) - 60
      const dHi = dLo + (rand() % 30)
      const path = bandedLocalAlign(q, q.length, s, s.length, dLo, dHi, SCORING)
      const expected = referenceBanded(q, s, dLo, dHi)
      expect(path?.score ?? 0, `trial ${trial}`).toBe(expected)
      if (path) expectValidPath(path, q, s, dLo, dHi)
    }
  })

  it('keeps each row inside its own band, which may move, narrow or vanish from row to row', () => {
    const rand = xorshift32(13)
    for (let trial = 0; trial < 200; trial++) {
      const q = randomCodes(rand, 5 + (rand() % 60), 4)
      const s = trial % 2 ? relatedSubject(rand, q) : randomCodes(rand, 5 + (rand() % 60), 5)
      const dLo = -10 - (rand() % 10)
      const dHi = dLo + 10 + (rand() % 30)
      // A random walk of row bands inside [dLo, dHi]; now and then a row with none at all.
      const lo = new Int32Array(q.length)
      const hi = new Int32Array(q.length)
      let centre = (dLo + dHi) >> 1
      for (let i = 0; i < q.length; i++) {
        centre = Math.max(dLo, Math.min(dHi, centre + (rand() % 5) - 2))
        const half = rand() % 6
        lo[i] = centre - half
        hi[i] = rand() % 25 === 0 ? centre - half - 1 : centre + half
      }
      const rows = { lo, hi }
      const path = bandedLocalAlign(q, q.length, s, s.length, dLo, dHi, SCORING, rows)
      expect(path?.score ?? 0, `trial ${trial}`).toBe(referenceBanded(q, s, dLo, dHi, rows))
      if (path) expectValidPath(path, q, s, dLo, dHi)
    }
  })

  it('is the full Smith-Waterman when the band spans every diagonal', () => {
    const rand = xorshift32(12)
    for (let trial = 0; trial < 50; trial++) {
      const q = randomCodes(rand, 20 + (rand() % 80), 4)
      const s = relatedSubject(rand, q)
      const path = bandedLocalAlign(q, q.length, s, s.length, -q.length, s.length, SCORING)
      expect(path?.score ?? 0).toBe(referenceBanded(q, s, -Infinity, Infinity))
    }
  })

  it('returns null for empty input or a band that misses the matrix', () => {
    const q = Uint8Array.of(0, 1, 2, 3)
    expect(bandedLocalAlign(q, 0, q, 4, -3, 3, SCORING)).toBeNull()
    expect(bandedLocalAlign(q, 4, q, 4, 10, 20, SCORING)).toBeNull()
    expect(bandedLocalAlign(q, 4, Uint8Array.of(5, 5, 5, 5), 4, -3, 3, SCORING)).toBeNull()
  })
})
