import { describe, expect, it, vi } from 'vitest'
import { xorshift32 } from '../../testing/random-dna.js'
import { bandedLocalAlign, type LocalPath, type RowBand } from '../banded-sw.js'
import type { AlignmentScoring } from '../types.js'
import { kernelMemoryBytes, laneKernelAvailable } from './kernel.js'
import { bandedLocalAlignMany, kernelFitsLengths, type LaneTask } from './lanes.js'

const SCORING: AlignmentScoring = { match: 2, mismatch: -3, gapOpen: 5, gapExtend: 2 }
// Small costs make ties between the diagonal, E and F common, which exercises the tie-breaking.
const TIE_PRONE: AlignmentScoring = { match: 1, mismatch: -1, gapOpen: 0, gapExtend: 1 }
const SCORINGS: readonly AlignmentScoring[] = [
  SCORING,
  TIE_PRONE,
  // An N scoring below and above a mismatch, which the default's 0 does not show.
  { match: 5, mismatch: -4, gapOpen: 10, gapExtend: 1, queryAmbiguous: -6 },
  { match: 1, mismatch: -2, gapOpen: -1, gapExtend: 3, queryAmbiguous: 1 },
  // Free extension, and free gaps altogether: E and F tie with their alternatives everywhere.
  { match: 2, mismatch: -1, gapOpen: 2, gapExtend: 0 },
  { match: 1, mismatch: -1, gapOpen: 0, gapExtend: 0 },
]

/** Query-side codes: 0..3, and 4 (an N) now and then; subject-side "N" is 5. */
function randomCodes(rand: () => number, length: number, other: number): Uint8Array {
  return Uint8Array.from({ length }, () => (rand() % 50 === 0 ? other : rand() >>> 30))
}

/** A subject sharing most of the query (its Ns recoded to the subject side), with edits. */
function relatedSubject(rand: () => number, query: Uint8Array, flank: number): Uint8Array {
  const out: number[] = Array.from(randomCodes(rand, flank, 5))
  for (const c of query) {
    const r = rand() % 100
    if (r < 3) continue
    out.push(r < 10 ? rand() >>> 30 : c === 4 ? 5 : c)
    if (r >= 97) out.push(rand() >>> 30)
  }
  out.push(...randomCodes(rand, rand() % (flank + 1), 5))
  return Uint8Array.from(out)
}

/** Row band values far outside any band, down to the int32 extremes the kernel must clamp. */
const FAR_ROW_VALUES = [-(2 ** 31), -(2 ** 30) - 1, -40_000, 40_000, 2 ** 30 + 70_000, 2 ** 31 - 1]

/**
 * A random walk of row bands inside [dLo, dHi]; now and then a row with none at all, and a
 * bound far outside the matrix (which leaves the row unnarrowed or empty on that side).
 */
function randomRows(rand: () => number, n: number, dLo: number, dHi: number): RowBand {
  const lo = new Int32Array(n)
  const hi = new Int32Array(n)
  let centre = Math.floor((dLo + dHi) / 2)
  const far = (): number => FAR_ROW_VALUES[rand() % FAR_ROW_VALUES.length]!
  for (let i = 0; i < n; i++) {
    centre = Math.max(dLo, Math.min(dHi, centre + (rand() % 5) - 2))
    const half = rand() % 8
    lo[i] = rand() % 30 === 0 ? far() : centre - half
    hi[i] = rand() % 25 === 0 ? centre - half - 1 : rand() % 30 === 0 ? far() : centre + half
  }
  return { lo, hi }
}

/** A window of a related or unrelated subject, with a band that may be clipped or empty. */
function randomTask(rand: () => number, q: Uint8Array): LaneTask {
  const flank = rand() % 20
  const subject =
    rand() % 3 ? relatedSubject(rand, q, flank) : randomCodes(rand, 1 + (rand() % 90), 5)
  // Now and then the window is a prefix of the array.
  const m = rand() % 6 === 0 ? rand() % (subject.length + 1) : subject.length
  const kind = rand() % 8
  let dLo: number
  let dHi: number
  if (kind === 0) {
    // The whole matrix, or more.
    dLo = -q.length - (rand() % 5)
    dHi = m + (rand() % 5)
  } else if (kind === 1) {
    // Likely off the matrix or inverted: empty.
    dLo = rand() % 2 ? m + (rand() % 10) : -q.length - 5 - (rand() % 10)
    dHi = rand() % 2 ? dLo + (rand() % 5) : dLo - 1 - (rand() % 3)
  } else {
    dLo = flank - 5 - (rand() % 40)
    dHi = dLo + (rand() % 45)
  }
  const rows = rand() % 3 === 0 ? randomRows(rand, q.length, dLo, dHi) : undefined
  return { subject, m, dLo, dHi, ...(rows ? { rows } : {}) }
}

function scalarPaths(
  q: Uint8Array,
  n: number,
  tasks: readonly LaneTask[],
  scoring: AlignmentScoring,
): (LocalPath | null)[] {
  return tasks.map((t) => bandedLocalAlign(q, n, t.subject, t.m, t.dLo, t.dHi, scoring, t.rows))
}

/**
 * Random queries (`queryOther` for the odd N) against random windows, each compared with the
 * scalar code; returns how many windows had a path.
 */
function compareWithScalar(seed: number, trials: number, queryOther: number): number {
  const rand = xorshift32(seed)
  let paths = 0
  for (let trial = 0; trial < trials; trial++) {
    const q = randomCodes(rand, 1 + (rand() % 80), queryOther)
    const tasks = Array.from({ length: 1 + (rand() % 17) }, () => randomTask(rand, q))
    const scoring = SCORINGS[trial % SCORINGS.length]!
    const expected = scalarPaths(q, q.length, tasks, scoring)
    expect(bandedLocalAlignMany(q, q.length, tasks, scoring), `trial ${trial}`).toEqual(expected)
    paths += expected.filter((p) => p !== null).length
  }
  return paths
}

describe('bandedLocalAlignMany', () => {
  it('runs on the SIMD kernel here, so the other tests exercise it', () => {
    expect(laneKernelAvailable()).toBe(true)
  })

  it('returns what bandedLocalAlign returns for each window: score, coordinates and ops', () => {
    // Most windows align somewhere: the comparison is not just of nulls.
    expect(compareWithScalar(21, 400, 4)).toBeGreaterThan(2000)
  })

  it('reads a window of residues, either case and with IUPAC codes, as its subject codes', () => {
    const rand = xorshift32(23)
    // Each subject code as residues that encode to it: 5 is every byte but ACGTU, and 4 is the
    // query's own code for such bytes, which no subject holds.
    const residuesOf = ['Aa', 'Cc', 'Gg', 'TtUu', '', 'NnRYKMSWBDHV-*.']
    let paths = 0
    for (let trial = 0; trial < 200; trial++) {
      const q = randomCodes(rand, 1 + (rand() % 80), 4)
      const tasks = Array.from({ length: 1 + (rand() % 17) }, () => randomTask(rand, q))
      const asResidues = tasks.map((t) => ({
        ...t,
        subject: Uint8Array.from(t.subject, (code) => {
          const choices = residuesOf[code]!
          if (!choices) throw new Error(`no residue encodes to ${code}`)
          return choices.charCodeAt(rand() % choices.length)
        }),
      }))
      const scoring = SCORINGS[trial % SCORINGS.length]!
      const expected = scalarPaths(q, q.length, tasks, scoring)
      const found = bandedLocalAlignMany(q, q.length, asResidues, scoring)
      expect(found, `trial ${trial}`).toEqual(expected)
      paths += expected.filter((p) => p !== null).length
    }
    expect(paths).toBeGreaterThan(1000)
  })

  it('leaves a query with codes past 4 to the scalar code, whose equality test still holds', () => {
    // The kernel scores a cell from a profile of query codes 0..4; a caller with its own
    // encoding may pass a 5, which matches a subject's 5 in bandedLocalAlign.
    expect(compareWithScalar(29, 100, 5)).toBeGreaterThan(300)
  })

  it('uses only the first n query codes, as bandedLocalAlign does', () => {
    const rand = xorshift32(22)
    for (let trial = 0; trial < 50; trial++) {
      const q = randomCodes(rand, 10 + (rand() % 60), 4)
      const n = 1 + (rand() % q.length)
      const tasks = Array.from({ length: 1 + (rand() % 12) }, () => randomTask(rand, q))
      const expected = scalarPaths(q, n, tasks, SCORING)
      expect(bandedLocalAlignMany(q, n, tasks, SCORING), `trial ${trial}`).toEqual(expected)
    }
  })

  it('matches on realistic sizes: long queries against 8 to 16 windows with narrow bands', () => {
    const rand = xorshift32(23)
    for (let trial = 0; trial < 12; trial++) {
      const q = randomCodes(rand, 150 + (rand() % 850), 4)
      const tasks = Array.from({ length: 8 + (rand() % 9) }, (): LaneTask => {
        const flank = rand() % 50
        const subject = rand() % 4 ? relatedSubject(rand, q, flank) : randomCodes(rand, 1100, 5)
        const dLo = flank - 8 - (rand() % 16)
        const dHi = dLo + 15 + (rand() % 26)
        const rows = rand() % 2 ? randomRows(rand, q.length, dLo, dHi) : undefined
        return { subject, m: subject.length, dLo, dHi, ...(rows ? { rows } : {}) }
      })
      const scoring = SCORINGS[trial % 2]!
      const expected = scalarPaths(q, q.length, tasks, scoring)
      expect(bandedLocalAlignMany(q, q.length, tasks, scoring), `trial ${trial}`).toEqual(expected)
    }
  })

  it('aligns scores past int16 in the kernel, up to its limit of 65535', () => {
    const rand = xorshift32(24)
    // A genome-sized query: about 38,000 at the default scores, as a 20 kb genome query scores.
    const genome = randomCodes(rand, 20_000, 4)
    // At match 15, 4,369 bases (no Ns) against themselves score exactly the limit.
    const edge = randomCodes(rand, 4369, 0)
    const edgeScoring: AlignmentScoring = { match: 15, mismatch: -15, gapOpen: 40, gapExtend: 10 }
    for (const [q, scoring, top] of [
      [genome, SCORING, 32767],
      [edge, edgeScoring, 65534],
    ] as const) {
      expect(kernelFitsLengths(q.length, q.length, scoring)).toBe(true)
      const tasks = Array.from({ length: 9 }, (_, t): LaneTask => {
        const subject = t === 0 ? q.map((c) => (c === 4 ? 5 : c)) : relatedSubject(rand, q, 10)
        return { subject, m: subject.length, dLo: -20, dHi: 40 }
      })
      const expected = scalarPaths(q, q.length, tasks, scoring)
      expect(Math.max(...expected.map((p) => p?.score ?? 0))).toBeGreaterThan(top)
      expect(bandedLocalAlignMany(q, q.length, tasks, scoring)).toEqual(expected)
    }
  })

  it('gives no path for a window scoring below traceFrom, and the same path for the rest', () => {
    const rand = xorshift32(29)
    let dropped = 0
    let kept = 0
    for (let trial = 0; trial < 60; trial++) {
      const q = randomCodes(rand, 20 + (rand() % 200), 4)
      const tasks = Array.from({ length: 1 + (rand() % 17) }, () => randomTask(rand, q))
      const expected = scalarPaths(q, q.length, tasks, SCORING)
      const scores = expected.map((p) => p?.score ?? 0).sort((a, b) => a - b)
      // A threshold equal to one of the scores: that window keeps its path.
      const traceFrom = Math.max(1, scores[scores.length >> 1]!)
      const found = bandedLocalAlignMany(q, q.length, tasks, SCORING, traceFrom)
      expected.forEach((path, t) => {
        if (path && path.score >= traceFrom) kept++
        else if (path) dropped++
        expect(found[t], `trial ${trial} task ${t}`).toEqual(
          path && path.score >= traceFrom ? path : null,
        )
      })
    }
    expect(dropped).toBeGreaterThan(100)
    expect(kept).toBeGreaterThan(100)
  })

  it('falls back to the scalar code where scores could pass 65535', () => {
    const rand = xorshift32(28)
    const q = randomCodes(rand, 5000, 4)
    const big: AlignmentScoring = { match: 30, mismatch: -40, gapOpen: 60, gapExtend: 30 }
    expect(kernelFitsLengths(q.length, q.length, big)).toBe(false)
    const tasks = Array.from({ length: 9 }, (): LaneTask => {
      const subject = relatedSubject(rand, q, 10)
      return { subject, m: subject.length, dLo: -20, dHi: 40 }
    })
    const expected = scalarPaths(q, q.length, tasks, big)
    // The best alignments score beyond what the kernel holds.
    expect(Math.max(...expected.map((p) => p?.score ?? 0))).toBeGreaterThan(65535)
    expect(bandedLocalAlignMany(q, q.length, tasks, big)).toEqual(expected)
    // The scalar code honours traceFrom too.
    const traceFrom = 65536
    expect(bandedLocalAlignMany(q, q.length, tasks, big, traceFrom)).toEqual(
      expected.map((p) => (p && p.score >= traceFrom ? p : null)),
    )
  })

  it('aligns whole matrices that need tens of megabytes, and goes on working after', () => {
    vi.useFakeTimers()
    const rand = xorshift32(26)
    const q = randomCodes(rand, 1500, 4)
    const tasks = Array.from({ length: 2 }, (): LaneTask => {
      const subject = relatedSubject(rand, q, 30)
      return { subject, m: subject.length, dLo: -q.length, dHi: subject.length }
    })
    expect(bandedLocalAlignMany(q, q.length, tasks, SCORING)).toEqual(
      scalarPaths(q, q.length, tasks, SCORING),
    )
    // The memory is kept for the next batch, and given back once the kernel has been idle.
    expect(kernelMemoryBytes()).toBeGreaterThan(32 << 20)
    vi.advanceTimersByTime(1000)
    const small = tasks.map((t) => ({ ...t, dLo: 20, dHi: 40 }))
    expect(bandedLocalAlignMany(q, q.length, small, SCORING)).toEqual(
      scalarPaths(q, q.length, small, SCORING),
    )
    vi.advanceTimersByTime(1500)
    expect(kernelMemoryBytes()).toBeGreaterThan(32 << 20)
    vi.advanceTimersByTime(1000)
    expect(kernelMemoryBytes()).toBe(0)
    vi.useRealTimers()
    expect(bandedLocalAlignMany(q, q.length, small, SCORING)).toEqual(
      scalarPaths(q, q.length, small, SCORING),
    )
  })

  it('runs the scalar code where the runtime has no WebAssembly SIMD', async () => {
    vi.stubGlobal('WebAssembly', { validate: () => false })
    vi.resetModules()
    try {
      const fresh = await import('./lanes.js')
      const kernel = await import('./kernel.js')
      expect(kernel.laneKernelAvailable()).toBe(false)
      const rand = xorshift32(27)
      const q = randomCodes(rand, 80, 4)
      const tasks = Array.from({ length: 10 }, () => randomTask(rand, q))
      expect(fresh.bandedLocalAlignMany(q, q.length, tasks, SCORING)).toEqual(
        scalarPaths(q, q.length, tasks, SCORING),
      )
    } finally {
      vi.unstubAllGlobals()
      vi.resetModules()
    }
  })

  it('gives an empty list for no tasks, and nulls for an empty query', () => {
    const q = Uint8Array.of(0, 1, 2, 3)
    expect(bandedLocalAlignMany(q, 4, [], SCORING)).toEqual([])
    const task: LaneTask = { subject: q, m: 4, dLo: -3, dHi: 3 }
    expect(bandedLocalAlignMany(q, 0, [task, task], SCORING)).toEqual([null, null])
  })

  it('returns fresh ops arrays, not views into the kernel memory', () => {
    const rand = xorshift32(25)
    const q = randomCodes(rand, 60, 4)
    const subject = relatedSubject(rand, q, 5)
    const task: LaneTask = { subject, m: subject.length, dLo: -10, dHi: 20 }
    const [first] = bandedLocalAlignMany(q, q.length, [task], SCORING)
    const copy = first!.ops.slice()
    bandedLocalAlignMany(q, q.length, [task, task, task], TIE_PRONE)
    // A view into the kernel's memory would now hold the later call's path.
    expect(first!.ops).toEqual(copy)
  })
})
