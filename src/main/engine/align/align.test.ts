import { describe, expect, it } from 'vitest'
import { xorshift32 } from '../testing/random-dna.js'
import {
  alignPrepared,
  alignPreparedMany,
  alignQuery,
  chainRows,
  countSharedKmers,
  DEFAULT_SCORING,
  prepareQuery,
  type Alignment,
  type AlignmentScoring,
} from './align.js'
import type { SeedCluster } from './seeds.js'

function randomDna(rand: () => number, length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += 'ACGT'[rand() >>> 30]!
  return out
}

/** A base other than `base`, so a substitution is always a real mismatch. */
function substitute(rand: () => number, base: string): string {
  const others = 'ACGT'.replace(base, '')
  return others[rand() % others.length]!
}

const PAIR: Record<string, string> = { A: 'T', C: 'G', G: 'C', T: 'A', U: 'A', N: 'N' }
function reverseComplementString(seq: string): string {
  let out = ''
  for (let i = seq.length - 1; i >= 0; i--) {
    const c = seq[i]!
    const upper = PAIR[c.toUpperCase()]!
    out += c === c.toUpperCase() ? upper : upper.toLowerCase()
  }
  return out
}

const bytes = (seq: string): Uint8Array => new TextEncoder().encode(seq)

const norm = (c: string): string => c.toUpperCase().replace('U', 'T')
const isMatch = (a: string, b: string): boolean => norm(a) === norm(b) && 'ACGT'.includes(norm(a))

/**
 * Scoring rule written independently of the module: ACGT (U = T) match themselves only, and a
 * query's other codes (N) score `queryAmbiguous` against anything.
 */
function pairScore(query: string, subject: string, scoring: AlignmentScoring): number {
  if (isMatch(query, subject)) return scoring.match
  return 'ACGT'.includes(norm(query)) ? scoring.mismatch : (scoring.queryAmbiguous ?? 0)
}

/** Plain O(nm) Gotoh local alignment score, the reference the banded aligner must agree with. */
function referenceScore(q: string, s: string, scoring = DEFAULT_SCORING): number {
  const n = q.length
  const m = s.length
  const NEG = -1e9
  const open = scoring.gapOpen + scoring.gapExtend
  const ext = scoring.gapExtend
  const H = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0))
  const E = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(NEG))
  const F = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(NEG))
  let best = 0
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      E[i]![j] = Math.max(E[i]![j - 1]! - ext, H[i]![j - 1]! - open)
      F[i]![j] = Math.max(F[i - 1]![j]! - ext, H[i - 1]![j]! - open)
      const diag = H[i - 1]![j - 1]! + pairScore(q[i - 1]!, s[j - 1]!, scoring)
      H[i]![j] = Math.max(0, diag, E[i]![j]!, F[i]![j]!)
      best = Math.max(best, H[i]![j]!)
    }
  }
  return best
}

/** Re-derives an alignment's coordinates, counts and score from its aligned strings. */
function expectConsistent(aln: Alignment, query: string, subject: string): void {
  const n = query.length
  const strandQuery = aln.strand === '+' ? query : reverseComplementString(query)
  const [from, to] =
    aln.strand === '+' ? [aln.queryStart, aln.queryEnd] : [n - aln.queryEnd, n - aln.queryStart]
  expect(aln.alignedQuery.replaceAll('-', '')).toBe(strandQuery.slice(from, to))
  expect(aln.alignedSubject.replaceAll('-', '')).toBe(
    subject.slice(aln.subjectStart, aln.subjectEnd),
  )
  let score = 0
  let matches = 0
  let mismatches = 0
  let gapOpenings = 0
  let previous = ''
  for (let c = 0; c < aln.alignedQuery.length; c++) {
    const a = aln.alignedQuery[c]!
    const b = aln.alignedSubject[c]!
    const kind = a === '-' ? 'd' : b === '-' ? 'i' : 'p'
    if (kind === 'p') {
      score += pairScore(a, b, DEFAULT_SCORING)
      if (isMatch(a, b)) matches++
      else mismatches++
    } else {
      score -= DEFAULT_SCORING.gapExtend
      if (kind !== previous) {
        gapOpenings++
        score -= DEFAULT_SCORING.gapOpen
      }
    }
    previous = kind
  }
  const columns = aln.alignedQuery.length
  expect(aln).toMatchObject({ score, matches, mismatches, gapOpenings, columns })
  expect(aln.identity).toBeCloseTo(matches / columns, 12)
  expect(aln.coverage).toBeCloseTo((aln.queryEnd - aln.queryStart) / n, 12)
}

const rand30k = xorshift32(0x5eed)
const genome = randomDna(rand30k, 30_000)

/** genome[10000, 10150) with 4 substitutions, a 2 bp deletion and a 3 bp insertion. */
function editedRead(): string {
  const slice = [...genome.slice(10_000, 10_150)]
  for (const p of [20, 45, 110, 130]) slice[p] = substitute(rand30k, slice[p]!)
  slice.splice(90, 0, 'G', 'A', 'C') // insertion first, so the deletion's positions are unchanged
  slice.splice(70, 2)
  return slice.join('')
}
const read = editedRead()
// 148 subject bases aligned, 4 of them mismatched; a 2-base and a 3-base gap.
const readScore = 144 * 2 - 4 * 3 - (5 + 2 * 2) - (5 + 3 * 2)

describe('alignQuery', () => {
  it('scores identical sequences as a full-length perfect match', () => {
    const seq = randomDna(xorshift32(1), 200)
    const aln = alignQuery(bytes(seq), bytes(seq))!
    expect(aln).toMatchObject({ score: 400, strand: '+', identity: 1, coverage: 1, columns: 200 })
    expect(aln).toMatchObject({ queryStart: 0, queryEnd: 200, subjectStart: 0, subjectEnd: 200 })
    expect(aln.alignedQuery).toBe(seq)
  })

  it('places a read with substitutions and indels at its origin in a 30 kb sequence', () => {
    const aln = alignQuery(bytes(read), bytes(genome))!
    expect(aln).toMatchObject({
      score: readScore,
      strand: '+',
      queryStart: 0,
      queryEnd: 151,
      subjectStart: 10_000,
      subjectEnd: 10_150,
      matches: 144,
      mismatches: 4,
      gapOpenings: 2,
      columns: 153,
    })
    expect(aln.identity).toBeCloseTo(144 / 153, 12)
    expectConsistent(aln, read, genome)
  })

  it('aligns a genome to its exact copy inside a long query of its relatives', () => {
    // A 40 kb "contig" of relatives with the genome in the middle: the copy scores in full.
    const rand = xorshift32(23)
    const genome = randomDna(rand, 2000)
    const relative = (): string =>
      [...genome].map((base) => (rand() % 100 === 0 ? 'ACGT'[rand() >>> 30]! : base)).join('')
    const copies = Array.from({ length: 20 }, relative)
    copies.splice(10, 0, genome)
    const aln = alignQuery(bytes(copies.join('')), bytes(genome))!
    expect(aln).toMatchObject({ score: 4000, identity: 1, queryStart: 20_000, queryEnd: 22_000 })
  })

  it('aligns a query longer than the kernel takes on the rows that reach the subject', () => {
    // A 3 kb gene with indels 40 kb into a 50 kb query, on either strand: the alignment is the
    // one the query's 5 kb around it gets, placed on the whole query.
    const rand = xorshift32(31)
    const subject = randomDna(rand, 3000)
    const chars = [...subject]
    for (let at = 200; at < chars.length - 200; at += 300 + (rand() % 200)) {
      if (rand() % 2) chars.splice(at, 1 + (rand() % 12))
      else chars[at] = substitute(rand, chars[at]!)
    }
    const around = randomDna(rand, 1000) + chars.join('') + randomDna(rand, 1000)
    const query = randomDna(rand, 39_000) + around + randomDna(rand, 6000)
    const best = referenceScore(around, subject)
    for (const reverse of [false, true]) {
      const q = reverse ? reverseComplementString(query) : query
      const part = reverse ? reverseComplementString(around) : around
      const long = alignQuery(bytes(q), bytes(subject))!
      const short = alignQuery(bytes(part), bytes(subject))!
      const shift = reverse ? 6000 : 39_000
      expect(long, `reverse ${reverse}`).toMatchObject({
        ...short,
        queryStart: short.queryStart + shift,
        queryEnd: short.queryEnd + shift,
        coverage: (short.queryEnd - short.queryStart) / q.length,
      })
      expect(short.score).toBe(best)
      expectConsistent(long, q, subject)
    }
  })

  it('aligns a reverse-complemented read on the minus strand, mapping coordinates back', () => {
    // Asymmetric N flanks (which never score positively) make the mapping visible.
    const query = reverseComplementString('N'.repeat(25) + read + 'N'.repeat(15))
    const aln = alignQuery(bytes(query), bytes(genome))!
    expect(aln).toMatchObject({
      score: readScore,
      strand: '-',
      queryStart: 15,
      queryEnd: 166,
      subjectStart: 10_000,
      subjectEnd: 10_150,
      gapOpenings: 2,
    })
    expect(aln.alignedQuery.replaceAll('-', '')).toBe(read)
    expectConsistent(aln, query, genome)
  })

  it('carries its aligned strings through cloning and JSON, as a search thread returns it', () => {
    // The strings are built on first read; a worker's result is structured-cloned, a CLI's
    // printed as JSON, and both must hold them.
    const aln = alignQuery(bytes(read), bytes(genome))!
    const copies: Alignment[] = [structuredClone(aln), JSON.parse(JSON.stringify(aln)), { ...aln }]
    for (const copy of copies) {
      expect(copy.alignedQuery.replaceAll('-', '')).toBe(read)
      expect(copy.alignedSubject).toBe(aln.alignedSubject)
      expect(copy).toEqual(aln)
    }
  })

  it('treats lowercase bases and U like their uppercase DNA forms', () => {
    const rna = read.toLowerCase().replaceAll('t', 'u')
    const upper = alignQuery(bytes(read), bytes(genome))!
    const aln = alignQuery(bytes(rna), bytes(genome.toLowerCase()))!
    expect(aln).toMatchObject({ score: upper.score, subjectStart: 10_000, matches: 144 })
    expect(aln.alignedQuery).toContain('u')
    expectConsistent(aln, rna, genome.toLowerCase())
  })

  it("scores a query's N as 0, even against N, and a subject's N as a mismatch", () => {
    const seq = randomDna(xorshift32(2), 100)
    const withN = seq.slice(0, 50) + 'N' + seq.slice(51)
    const aln = alignQuery(bytes(withN), bytes(withN))!
    expect(aln).toMatchObject({ score: 99 * 2, matches: 99, mismatches: 1, columns: 100 })
    expect(alignQuery(bytes(seq), bytes(withN))).toMatchObject({ score: 99 * 2 - 3, matches: 99 })
    expect(alignQuery(bytes('NNNNNNNN'), bytes('NNNNNNNN'))).toBeNull()
    // A custom score for it is taken too.
    const scoring = { ...DEFAULT_SCORING, queryAmbiguous: -1 }
    expect(alignQuery(bytes(withN), bytes(seq), { scoring })!.score).toBe(99 * 2 - 1)
  })

  it('aligns across an amplicon the query lost to Ns, for the matches it hides', () => {
    // A genome whose 240 bases at 12,000 failed to sequence: the alignment crosses the run end
    // to end and loses only those bases' matches. A record with the run pays for it as
    // mismatches, and still aligns across it.
    const part = genome.slice(0, 20_000)
    const dropped = part.slice(0, 12_000) + 'N'.repeat(240) + part.slice(12_240)
    const aln = alignQuery(bytes(dropped), bytes(part))!
    expect(aln).toMatchObject({ score: 2 * (20_000 - 240), queryStart: 0, queryEnd: 20_000 })
    expect(aln).toMatchObject({ matches: 20_000 - 240, mismatches: 240, gapOpenings: 0 })
    expectConsistent(aln, dropped, part)
    const against = alignQuery(bytes(part), bytes(dropped))!
    expect(against).toMatchObject({ score: 2 * (20_000 - 240) - 3 * 240, queryEnd: 20_000 })
    expectConsistent(against, part, dropped)
  })

  it('counts matches from the residues when a mismatch scores like a match', () => {
    // The traceback counts them: the score cannot tell them apart.
    const seq = randomDna(xorshift32(3), 120)
    const changed = seq.slice(0, 40) + substitute(xorshift32(4), seq[40]!) + seq.slice(41)
    const scoring = { match: 1, mismatch: 1, gapOpen: 5, gapExtend: 2 }
    const aln = alignQuery(bytes(changed), bytes(seq), { scoring })!
    expect(aln).toMatchObject({ score: 120, matches: 119, mismatches: 1, columns: 120 })
  })

  it('gives an unrelated random query a low score or nothing', () => {
    const query = randomDna(xorshift32(3), 150)
    const aln = alignQuery(bytes(query), bytes(genome))
    expect(aln === null || aln.score < 40).toBe(true)
    const prepared = prepareQuery(bytes(query))
    expect(countSharedKmers(prepared, bytes(genome))).toBeLessThan(5)
    // The read's 7 edits break about half of its 141 forward k-mers; the rest are shared.
    expect(countSharedKmers(prepareQuery(bytes(read)), bytes(genome))).toBeGreaterThan(60)
  })

  it('matches a full Smith-Waterman on random pairs with small indels, on both strands', () => {
    const rand = xorshift32(4)
    for (let trial = 0; trial < 50; trial++) {
      const subject = randomDna(rand, 200 + (rand() % 400))
      const from = rand() % 60
      const chars = [...subject.slice(from, from + 80 + (rand() % 100))]
      for (let p = 0; p < chars.length; p++) {
        if (rand() % 100 < 6) chars[p] = substitute(rand, chars[p]!)
      }
      for (let indels = rand() % 4; indels > 0; indels--) {
        const at = rand() % chars.length
        const len = 1 + (rand() % 4)
        if (rand() & 1) chars.splice(at, len)
        else chars.splice(at, 0, ...randomDna(rand, len))
      }
      const forward = chars.join('')
      const query = trial % 3 === 0 ? reverseComplementString(forward) : forward
      const expected = Math.max(
        referenceScore(query, subject),
        referenceScore(reverseComplementString(query), subject),
      )
      const aln = alignQuery(bytes(query), bytes(subject))!
      expect(aln.score, `trial ${trial}`).toBe(expected)
      expect(aln.strand).toBe(trial % 3 === 0 ? '-' : '+')
      expectConsistent(aln, query, subject)
    }
  })

  it('searches only within subjectStart..subjectEnd and reports absolute coordinates', () => {
    const copy = genome.slice(5_000, 5_150)
    const subject = genome.slice(0, 20_000) + copy + genome.slice(20_150)
    const query = bytes(copy.slice(0, 60) + substitute(rand30k, copy[60]!) + copy.slice(61))
    const late = alignQuery(query, bytes(subject), { subjectStart: 15_000, subjectEnd: 30_000 })
    expect(late).toMatchObject({ subjectStart: 20_000, subjectEnd: 20_150, score: 149 * 2 - 3 })
    const early = alignQuery(query, bytes(subject), { subjectEnd: 15_000 })
    expect(early).toMatchObject({ subjectStart: 5_000, subjectEnd: 5_150 })
    const neither = alignQuery(query, bytes(subject), { subjectStart: 6_000, subjectEnd: 19_000 })
    expect(neither === null || neither.score < 40).toBe(true)
    expect(alignQuery(query, bytes(subject), { subjectStart: 900, subjectEnd: 900 })).toBeNull()
  })

  it('aligns a query shorter than the seed length through the unbanded fallback', () => {
    const subject = randomDna(xorshift32(5), 2_000)
    const query = subject.slice(300, 308)
    const aln = alignQuery(bytes(query), bytes(subject))!
    expect(aln).toMatchObject({ score: 16, columns: 8, coverage: 1 })
    expectConsistent(aln, query, subject)
    // Past maxFullCells an unseeded query is given up on rather than guessed at.
    expect(alignQuery(bytes(query), bytes(subject), { maxFullCells: 1_000 })).toBeNull()
  })

  it('honours a strand restriction', () => {
    const query = bytes(reverseComplementString(read))
    expect(alignQuery(query, bytes(genome), { strands: '-' })).toMatchObject({ strand: '-' })
    const plus = alignQuery(query, bytes(genome), { strands: '+' })
    expect(plus === null || (plus.strand === '+' && plus.score < 40)).toBe(true)
  })

  it('rejects invalid scoring and seed options with the field named', () => {
    const q = bytes('ACGT')
    expect(() => alignQuery(q, q, { seedK: 16 })).toThrow(/seedK/)
    expect(() => alignQuery(q, q, { bandPadding: -1 })).toThrow(/bandPadding/)
    expect(() => alignQuery(q, q, { endPadding: 1.5 })).toThrow(/endPadding/)
    expect(() => alignQuery(q, q, { scoring: { ...DEFAULT_SCORING, match: 0.5 } })).toThrow(
      /scoring/,
    )
    expect(() => alignPrepared(prepareQuery(q, 8), q, { seedK: 11 })).toThrow(/seedK/)
  })
})

describe('alignPrepared', () => {
  it('gives the same answers as alignQuery when one prepared query is reused', () => {
    const prepared = prepareQuery(bytes(read))
    const subjects = [genome, genome.slice(9_000, 12_000), randomDna(xorshift32(6), 5_000)]
    for (const subject of [...subjects, ...subjects]) {
      expect(alignPrepared(prepared, bytes(subject))).toEqual(
        alignQuery(bytes(read), bytes(subject)),
      )
    }
  })
})

describe('alignPreparedMany', () => {
  it('gives each request what alignPrepared gives it alone, whatever else is in the batch', () => {
    const rand = xorshift32(0xba7c4)
    for (let trial = 0; trial < 20; trial++) {
      const source = randomDna(rand, 600 + (rand() % 600))
      // Relatives of the source (point edits, an indel), on either strand, and strangers.
      const subjects = Array.from({ length: 3 + (rand() % 12) }, (_, s) => {
        if (s % 5 === 4) return randomDna(rand, 800)
        let copy = source
        for (let e = 0; e < 30; e++) {
          const at = rand() % copy.length
          copy = copy.slice(0, at) + substitute(rand, copy[at]!) + copy.slice(at + 1)
        }
        const cut = rand() % (copy.length - 10)
        copy = copy.slice(0, cut) + copy.slice(cut + 1 + (rand() % 6))
        return s % 2 ? reverseComplementString(copy) : copy
      })
      const query = source.slice(rand() % 200, 400 + (rand() % 200))
      const prepared = prepareQuery(bytes(query))
      const requests = subjects.map((subject, s) => ({
        subject: bytes(subject),
        options: {
          subjectStart: s % 3 === 0 ? rand() % 100 : 0,
          subjectEnd: s % 3 === 1 ? subject.length - (rand() % 100) : subject.length,
          bandPadding: s % 2 ? 12 : 32,
          ...(s % 4 === 3 ? { strands: '+' as const } : {}),
        },
      }))
      const alone = requests.map((r) => alignPrepared(prepared, r.subject, r.options))
      expect(alignPreparedMany(prepared, requests), `trial ${trial}`).toEqual(alone)
      expect(alone.filter((a) => a !== null && a.score > 200).length).toBeGreaterThan(1)
    }
  })
})

describe('chainRows', () => {
  /** A chain on diagonals 5 to 7 from its entries: query position, diagonal, run. */
  const chainOf = (entries: readonly (readonly number[])[]): SeedCluster => ({
    strand: 0,
    score: 0,
    minDiag: 5,
    maxDiag: 7,
    anchors: 0,
    anchorQuery: Int32Array.from(entries, (e) => e[0]!),
    anchorDiag: Int32Array.from(entries, (e) => e[1]!),
    anchorRun: Int32Array.from(entries, (e) => e[2]!),
  })

  it('narrows the band deep inside exact stretches of the chain, and nowhere else', () => {
    const entries = [
      // One run, rows 0..110 on diagonal 5; then a run of one seed and a two-piece run, which
      // follow each other seed by seed on diagonal 7 (rows 120..311).
      [0, 5, 0],
      [100, 5, 0],
      [120, 7, 1],
      [121, 7, 2],
      [300, 7, 2],
    ]
    const chain = chainOf(entries)
    const { lo, hi } = chainRows(chain, 400, 32, 11, 3)
    const band = (i: number): string => `${lo[i]! + 3}..${hi[i]! + 3}`
    const expected = (i: number): string => {
      if (i >= 32 && i < 79) return '-3..13' // 5 ± 8: 32 rows in from either end of 0..110
      if (i <= 100) return '-27..37'
      if (i < 120) return '-27..39' // between the stretches: both diagonals
      if (i >= 152 && i < 279) return '-1..15' // 7 ± 8
      return '-25..39'
    }
    for (let i = 0; i < 400; i++) expect(band(i), `row ${i}`).toBe(expected(i))
  })

  it('gives a range of rows what it gives those rows of the whole query, counted from 0', () => {
    const entries = [
      [0, 5, 0],
      [100, 5, 0],
      [120, 7, 1],
      [300, 7, 1],
    ]
    const chain = chainOf(entries)
    const whole = chainRows(chain, 400, 12, 11, 3, 32)
    const [lo, hi] = [Array.from(whole.lo), Array.from(whole.hi)]
    const part = chainRows(chain, 400, 12, 11, 3, 32, 90, 250)
    expect(part.lo).toHaveLength(250)
    // Diagonals j - i grow by 90 when rows are counted from row 90.
    expect(Array.from(part.lo)).toEqual(lo.slice(90, 340).map((d) => d + 90))
    expect(Array.from(part.hi)).toEqual(hi.slice(90, 340).map((d) => d + 90))
  })

  it('finds the best alignment of a long relative whose stretches get the narrow band', () => {
    const rand = xorshift32(11)
    for (let trial = 0; trial < 3; trial++) {
      const subject = randomDna(rand, 1_800)
      const chars = [...subject]
      // Events every 150-350 bases: substitutions, and indels up to 20 bases, wider than the
      // narrow band, some of them within a few bases of each other.
      for (let at = 100; at < chars.length - 100; at += 150 + (rand() % 200)) {
        const kind = rand() % 3
        const len = 1 + (rand() % 20)
        if (kind === 0) chars[at] = substitute(rand, chars[at]!)
        else if (kind === 1) chars.splice(at, len)
        else chars.splice(at, 0, ...randomDna(rand, len))
        if (rand() % 4 === 0) chars[at + 3] = substitute(rand, chars[at + 3]!)
      }
      const query = chars.join('')
      const aln = alignQuery(bytes(query), bytes(subject), { strands: '+' })!
      expect(aln.score, `trial ${trial}`).toBe(referenceScore(query, subject))
      expectConsistent(aln, query, subject)
    }
  })
})

describe('endPadding', () => {
  /**
   * A read: 120 bases of a subject, then, past a 16-base deletion, 40 more with a mismatch every
   * 7 bases, so no seed lies past the deletion. Aligning that tail scores 34 × 2 - 6 × 3 = 50
   * against the deletion's 5 + 16 × 2 = 37, so the best path takes it: 240 + 13 = 253, or a
   * little more where a base beside the deletion happens to match.
   */
  const rand = xorshift32(29)
  const subject = randomDna(rand, 600)
  const tail = [...subject.slice(236, 276)]
  for (let i = 3; i < tail.length; i += 7) tail[i] = substitute(rand, tail[i]!)
  const query = subject.slice(100, 220) + tail.join('')

  it('gives the rows past the last seed room for an indel no seed saw', () => {
    const best = referenceScore(query, subject)
    expect(best).toBeGreaterThanOrEqual(253)
    const narrow = alignQuery(bytes(query), bytes(subject), { bandPadding: 12 })!
    expect(narrow.score).toBeLessThan(250)
    const ends = alignQuery(bytes(query), bytes(subject), { bandPadding: 12, endPadding: 32 })!
    expect(ends.score).toBe(best)
    expect(ends.queryEnd).toBeGreaterThan(150) // past the deletion, to the tail's last mismatch
    expectConsistent(ends, query, subject)
  })

  it('widens only the rows before the first seed and after the last', () => {
    const chain = {
      strand: 0 as const,
      score: 0,
      minDiag: 5,
      maxDiag: 9,
      anchors: 0,
      anchorQuery: Int32Array.of(40, 200),
      anchorDiag: Int32Array.of(5, 9),
      anchorRun: Int32Array.of(0, 1),
    }
    const { lo, hi } = chainRows(chain, 300, 12, 11, 0, 32)
    const band = (i: number): string => `${lo[i]}..${hi[i]}`
    for (let i = 0; i <= 40; i++) expect(band(i), `row ${i}`).toBe('-27..37')
    for (let i = 41; i < 200; i++) expect(band(i), `row ${i}`).toBe('-7..21')
    expect(band(200)).toBe('-3..21')
    for (let i = 201; i < 300; i++) expect(band(i), `row ${i}`).toBe('-23..41')
  })
})
