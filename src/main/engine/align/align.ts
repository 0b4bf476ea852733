import {
  bandedLocalAlign,
  OP_DELETE,
  OP_INSERT,
  OP_PAIR,
  type LocalPath,
  type RowBand,
} from './banded-sw.js'
import { prepareQuery, type PreparedQuery } from './kmer-index.js'
import { encodeWindow } from './nucleotides.js'
import type { BandMemo } from './band-memo.js'
import { bandedLocalAlignMany, kernelFitsRows, type LaneTask } from './lanes/lanes.js'
import { findSeedClusters, type SeedCluster, type StrandIndex } from './seeds.js'
import type { Alignment, AlignmentScoring, AlignmentSummary, AlignOptions } from './types.js'
import { slabInt32, slabUint8 } from './typed-slab.js'

export type {
  Alignment,
  AlignmentScoring,
  AlignmentSummary,
  AlignOptions,
  Strand,
} from './types.js'
export { countSharedKmers, DEFAULT_SEED_K, prepareQuery, type PreparedQuery } from './kmer-index.js'
export { reverseComplement } from './nucleotides.js'

/**
 * BLASTN-like scores: match 2, mismatch -3, and a gap of length L costs 5 + 2L. A query's N
 * scores 0 (see AlignmentScoring.queryAmbiguous).
 */
export const DEFAULT_SCORING: AlignmentScoring = {
  match: 2,
  mismatch: -3,
  gapOpen: 5,
  gapExtend: 2,
  queryAmbiguous: 0,
}
/** Diagonals added on each side of the seed chain: room for indels the seeds did not see. */
export const DEFAULT_BAND_PADDING = 32
/**
 * Diagonals on each side of an exact stretch of the chain, past EXACT_MARGIN rows from its ends
 * (see chainRows): room for a path to wander off the diagonal and back, which costs two gaps.
 */
const EXACT_PAD = 8
/** Rows at each end of an exact stretch that keep the full padding, for the indels beyond it. */
const EXACT_MARGIN = 32
/** The most an unseeded candidate may cost: 4 MB of traceback and ~20 ms per strand. */
export const DEFAULT_MAX_FULL_CELLS = 4_000_000
/**
 * The other strand is aligned too when its best seed chain scores at least this fraction of the
 * best strand's: chain scores only approximate alignment scores, so a near tie is settled by
 * aligning both. Below it the weaker strand is seed noise and aligning it would be wasted work.
 */
const CLOSE_CHAIN_RATIO = 0.5
/**
 * A best chain worth less than this many non-overlapping seeds (22 exactly matching bases at
 * k = 11) is as likely chance as homology: such a query gets the full matrix when it is small
 * enough, as if it had no seeds, rather than a band around a seed that may be noise.
 */
const WEAK_CHAIN_SEEDS = 2
/** Bounds on the scoring parameters, so DP values stay well inside int32 (see banded-sw.ts). */
const MAX_SCORE_MAGNITUDE = 1000
/** The best possible score, min(query, range) × match, must stay below this. */
const MAX_SCORE = 2 ** 29

const latin1 = new TextDecoder('latin1')

/**
 * Best local alignment of `query` (either strand) against `subject[subjectStart, subjectEnd)`.
 * Returns null when no positive-scoring alignment exists. Same as
 * `alignPrepared(prepareQuery(query, options.seedK), subject, options)`.
 */
export function alignQuery(
  query: Uint8Array,
  subject: Uint8Array,
  options: AlignOptions = {},
): Alignment | null {
  return alignPrepared(prepareQuery(query, options.seedK), subject, options)
}

/**
 * Best local alignment of a prepared query against `subject[subjectStart, subjectEnd)`.
 *
 * Seeds (exact k-mers of either strand) are chained per strand; the banded Smith-Waterman then
 * runs along the best chain on the better strand (both, when their chains score within a factor
 * of two): each query row gets the diagonals of the chain's seeds on either side of it,
 * ± `bandPadding`. An indel between two seeds is thus inside the band, and the rows far from
 * one cost no more than the padding.
 *
 * Without seeds (or with only a chance-level chain, see WEAK_CHAIN_SEEDS) it runs the full,
 * unbanded Smith-Waterman on every requested strand if query length × range length is at most
 * `maxFullCells`. Past that, a seedless query gets null: with no shared k-mer there is no
 * diagonal worth guessing (a band around diagonal 0 of an arbitrary range would be a coin toss),
 * and a caller whose candidates are this large should narrow the range first; a weak chain still
 * gets its band. Either way the full matrix costs ~5 ns per cell per strand, so callers screening
 * many hopeless candidates should skip them with {@link countSharedKmers} first.
 */
export function alignPrepared(
  prepared: PreparedQuery,
  subject: Uint8Array,
  options: AlignOptions = {},
): Alignment | null {
  const { bands, scoring } = planBands(prepared, subject, options)
  let best: DraftAlignment | null = null
  for (const band of bands) {
    const { task } = band
    const path = bandedLocalAlign(
      bandQuery(prepared, band),
      band.rowCount,
      encodeWindow(task.subject, task.m),
      task.m,
      task.dLo,
      task.dHi,
      scoring,
      task.rows,
    )
    best = better(
      best,
      path && draftOf(prepared, band.strand, subject, band.colStart, onQuery(band, path)),
    )
  }
  return best && best.complete()
}

/** A subject (range) to align a prepared query against, with its own options. */
export interface AlignRequest {
  readonly subject: Uint8Array
  readonly options?: AlignOptions
}

/**
 * For each request, what {@link alignPrepared} returns for it. The bands of all requests are
 * planned first and then aligned together, up to eight at a time in the SIMD lanes of
 * {@link bandedLocalAlignMany}, which is where a search spends its time.
 */
export function alignPreparedMany(
  prepared: PreparedQuery,
  requests: readonly AlignRequest[],
): (Alignment | null)[] {
  return draftPreparedMany(prepared, requests).map((draft) => draft && draft.complete())
}

/**
 * An alignment without its aligned strings, which is all a ranking needs to order candidates:
 * it aligns more than it reports, and writing the strings of those it drops (kilobytes each for
 * a gene, sixty for a genome) took a tenth of its time.
 */
export interface DraftAlignment {
  readonly summary: AlignmentSummary
  /** The alignment with its strings written. */
  readonly complete: () => Alignment
}

/**
 * {@link alignPreparedMany}, as drafts. With a `memo`, a band like one it holds (from this call
 * or an earlier one for the same query) takes that band's path instead of being aligned.
 *
 * A band scoring below `traceFrom` gets no path (it is not traced back), so a request whose
 * best scores below it gets null: a ranking passes the k-th best score it has, below which a
 * candidate cannot enter its top. The memo keeps such a band as null, which serves a caller
 * whose `traceFrom` only rises.
 */
export function draftPreparedMany(
  prepared: PreparedQuery,
  requests: readonly AlignRequest[],
  memo?: BandMemo,
  traceFrom = 1,
): (DraftAlignment | null)[] {
  const planned = requests.map((r) => planBands(prepared, r.subject, r.options))
  // Bands sharing a strand and a scoring run in one call; results go back to their requests.
  const groups = new Map<string, { scoring: AlignmentScoring; at: Band[] }>()
  for (const { bands, scoring } of planned) {
    for (const band of bands) {
      // Bands of a query cut to their rows (see planBands) share a call only with the same rows.
      const key = `${band.strand} ${band.rowStart} ${band.rowCount} ${scoring.match} ${scoring.mismatch} ${scoring.gapOpen} ${scoring.gapExtend} ${scoring.queryAmbiguous ?? 0}`
      let group = groups.get(key)
      if (!group) groups.set(key, (group = { scoring, at: [] }))
      group.at.push(band)
    }
  }
  const paths = new Map<Band, LocalPath | null>()
  for (const [key, { scoring, at }] of groups) {
    // Without a memo every band is aligned, with no list made for it (reads take this path).
    const leaders = memo ? at.map((band) => memo.leader(key, band.task)) : null
    const aligned = leaders ? at.filter((band, i) => leaders[i] === band.task) : at
    const found = bandedLocalAlignMany(
      bandQuery(prepared, at[0]!),
      at[0]!.rowCount,
      aligned.map((b) => b.task),
      scoring,
      traceFrom,
    )
    aligned.forEach((band, i) => {
      const path = found[i]!
      paths.set(band, path && onQuery(band, path))
      memo?.settle(band.task, path)
    })
    leaders?.forEach((leader, i) => {
      const band = at[i]!
      if (leader === band.task) return
      const path = memo!.pathOf(leader)
      paths.set(band, path ? onQuery(band, path) : null)
    })
  }
  return planned.map(({ bands }, r) => {
    let best: DraftAlignment | null = null
    for (const band of bands) {
      const path = paths.get(band)!
      const subject = requests[r]!.subject
      best = better(best, path && draftOf(prepared, band.strand, subject, band.colStart, path))
    }
    return best
  })
}

/**
 * One band to align: the query on one strand, or the rows of it the band can reach, against a
 * window of the subject.
 */
interface Band {
  readonly strand: StrandIndex
  /** Where the window starts in the subject. */
  readonly colStart: number
  /** The query rows aligned, [rowStart, rowStart + rowCount): all of them but for a long query. */
  readonly rowStart: number
  readonly rowCount: number
  /** The window's codes and the band in its coordinates (those of the rows aligned). */
  readonly task: LaneTask
}

/** The codes of the rows a band aligns. */
function bandQuery(prepared: PreparedQuery, band: Band): Uint8Array {
  const codes = band.strand === 0 ? prepared.forwardCodes : prepared.reverseCodes
  const { rowStart, rowCount } = band
  return rowCount === prepared.length ? codes : codes.subarray(rowStart, rowStart + rowCount)
}

/** A band's path with its query coordinates on the whole query (strand) again. */
function onQuery(band: Band, path: LocalPath): LocalPath {
  const { rowStart } = band
  if (rowStart === 0) return path
  return { ...path, queryStart: path.queryStart + rowStart, queryEnd: path.queryEnd + rowStart }
}

/**
 * The bands {@link alignPrepared} aligns, in order (the better one wins, the first on a tie):
 * the options checked, the range seeded and chained, then either every requested strand over
 * the full matrix or a band along each strong chain.
 */
function planBands(
  prepared: PreparedQuery,
  subject: Uint8Array,
  options: AlignOptions = {},
): { bands: Band[]; scoring: AlignmentScoring } {
  const scoring = checkScoring(options.scoring ?? DEFAULT_SCORING)
  const pad = nonNegativeInteger('bandPadding', options.bandPadding ?? DEFAULT_BAND_PADDING)
  const endPad = nonNegativeInteger('endPadding', options.endPadding ?? pad)
  const maxFullCells = nonNegativeInteger(
    'maxFullCells',
    options.maxFullCells ?? DEFAULT_MAX_FULL_CELLS,
  )
  if (options.seedK !== undefined && options.seedK !== prepared.seedK) {
    throw new RangeError(
      `seedK ${options.seedK} differs from the prepared query's (${prepared.seedK})`,
    )
  }
  const start = clampedBound('subjectStart', options.subjectStart ?? 0, 0, subject.length)
  const end = clampedBound(
    'subjectEnd',
    options.subjectEnd ?? subject.length,
    start,
    subject.length,
  )
  const n = prepared.length
  const bands: Band[] = []
  if (n === 0 || start >= end) return { bands, scoring }
  if (Math.min(n, end - start) * scoring.match > MAX_SCORE) {
    throw new RangeError(`query of ${n} bases is too long to score in 32 bits; split it`)
  }
  const strands: StrandIndex[] =
    options.strands === '+' ? [0] : options.strands === '-' ? [1] : [0, 1]
  const add = (band: Band | null): void => {
    if (band) bands.push(band)
  }

  const clusters = findSeedClusters(
    prepared,
    subject,
    start,
    end,
    strands,
    CLOSE_CHAIN_RATIO,
    options.blocks,
  )
  const strongest = clusters[0]?.score ?? 0
  if (strongest < WEAK_CHAIN_SEEDS * prepared.seedK && n * (end - start) <= maxFullCells) {
    const full = { dLo: start - (n - 1), dHi: end - 1 }
    for (const strand of strands) add(bandIn(n, strand, subject, start, end, full))
    return { bands, scoring }
  }
  // Only strands whose chains are close to the best come back (CLOSE_CHAIN_RATIO).
  const widest = Math.max(pad, endPad)
  for (const cluster of clusters) {
    const band = { dLo: cluster.minDiag - widest, dHi: cluster.maxDiag + widest }
    const rows = (colStart: number, rowStart: number, rowCount: number): RowBand =>
      chainRows(cluster, n, pad, prepared.seedK, colStart, endPad, rowStart, rowCount)
    add(bandIn(n, cluster.strand, subject, start, end, band, rows))
  }
  return { bands, scoring }
}

/**
 * Segments of rows longer than this are filled by TypedArray fill, shorter ones by a loop: most
 * of a read's segments are an entry's own row or a few rows between two seeds, and a call of
 * the builtin costs tens of nanoseconds (two of them per segment were 5% of a read's ranking).
 */
const FILL_BUILTIN_FROM = 32

/**
 * Diagonals for each query row from a chain: those of the nearest seeds at or before and at or
 * after the row (one of them before the first seed and after the last), ± `pad`, less `shift`
 * (the window's first column, so that they are in its coordinates). The rows up to the first
 * seed's and after the last seed's get ± `endPad` instead.
 *
 * Rows deep inside an exact stretch (the chain's seeds cover them on one diagonal, base for
 * base) get ± EXACT_PAD instead, past EXACT_MARGIN rows from the stretch's ends: there every
 * column of the diagonal scores a match, so a path leaves it only around the indels at its
 * ends, and those rows keep the full pad. A genome against a relative is such stretches nearly
 * end to end, and their rows are a quarter as wide.
 *
 * Filled a segment at a time: rows between two entries share their diagonals.
 */
export function chainRows(
  chain: SeedCluster,
  n: number,
  pad: number,
  k: number,
  shift: number,
  endPad = pad,
  rowStart = 0,
  rowCount = n,
): RowBand {
  const { anchorQuery: q, anchorDiag: d, anchorRun: run } = chain
  const lo = slabInt32(rowCount)
  const hi = slabInt32(rowCount)
  const last = q.length - 1
  // Rows [rowStart, rowStart + rowCount) alone, as rows 0, 1, ...: diagonals j - i grow by
  // rowStart when i is counted from it.
  const fill = (fromRow: number, toRow: number, dLo: number, dHi: number, by: number): void => {
    const from = Math.max(fromRow - rowStart, 0)
    const to = Math.min(toRow - rowStart, rowCount)
    const rowLo = dLo - by - shift + rowStart
    const rowHi = dHi + by - shift + rowStart
    if (to - from > FILL_BUILTIN_FROM) {
      lo.fill(rowLo, from, to)
      hi.fill(rowHi, from, to)
    } else {
      for (let i = from; i < to; i++) {
        lo[i] = rowLo
        hi[i] = rowHi
      }
    }
  }
  // Up to and including the first entry's row, and from the last entry's row on: its diagonal.
  fill(0, Math.min(n, q[0]! + 1), d[0]!, d[0]!, endPad)
  // Rows between two entries: both diagonals; an entry's own row: its diagonal alone.
  for (let a = 0; a < last; a++) {
    const dA = d[a]!
    const dB = d[a + 1]!
    fill(q[a]! + 1, Math.min(n, q[a + 1]!), Math.min(dA, dB), Math.max(dA, dB), pad)
    fill(q[a + 1]!, Math.min(n, q[a + 1]! + 1), dB, dB, pad)
  }
  fill(q[last]! + 1, n, d[last]!, d[last]!, endPad)
  // Exact stretches: entries of one run, or of runs that follow each other seed by seed on one
  // diagonal, from the first entry's row to the last entry's plus k - 1.
  const narrow = Math.min(pad, EXACT_PAD)
  for (let a = 0; a <= last;) {
    let b = a
    while (b < last && d[b + 1] === d[a] && (run[b + 1] === run[b] || q[b]! + 1 === q[b + 1])) b++
    const from = q[a]! + EXACT_MARGIN
    const to = Math.min(n, q[b]! + k - EXACT_MARGIN, b < last ? q[b + 1]! : n)
    fill(from, to, d[a]!, d[a]!, narrow)
    a = b + 1
  }
  return { lo, hi }
}

function better(a: DraftAlignment | null, b: DraftAlignment | null): DraftAlignment | null {
  return b !== null && (a === null || b.summary.score > a.summary.score) ? b : a
}

/** The band clipped to the subject columns it can reach inside [start, end), as a window. */
function bandIn(
  n: number,
  strand: StrandIndex,
  subject: Uint8Array,
  start: number,
  end: number,
  band: { dLo: number; dHi: number },
  rowsAt?: (colStart: number, rowStart: number, rowCount: number) => RowBand,
): Band | null {
  const dLo = Math.max(band.dLo, start - (n - 1))
  const dHi = Math.min(band.dHi, end - 1)
  const colStart = Math.max(start, dLo)
  const colEnd = Math.min(end, dHi + n)
  const m = colEnd - colStart
  if (dLo > dHi || m <= 0) return null
  // A query too long for the kernel's rows is cut to the rows that reach the window: a 1 Mb
  // contig against 10 kb records then aligns some 10,000 rows a band, in the kernel, where all
  // of its rows were aligned by the scalar code, each band with a million-row band list.
  let rowStart = 0
  let rowCount = n
  if (!kernelFitsRows(n)) {
    rowStart = Math.max(0, colStart - dHi)
    rowCount = Math.min(n, colEnd - dLo) - rowStart
  }
  // One shape whether or not the band has rows: a spread of an optional field cost
  // microseconds a band. The window is a view of the residues: the kernel encodes them.
  const task: LaneTask = {
    subject: subject.subarray(colStart, colEnd),
    m,
    dLo: dLo - colStart + rowStart,
    dHi: dHi - colStart + rowStart,
    rows: rowsAt?.(colStart, rowStart, rowCount),
  }
  return { strand, colStart, rowStart, rowCount, task }
}

/** A path's counts and its coordinates on the original query; its strings wait for `complete`. */
function draftOf(
  prepared: PreparedQuery,
  strand: StrandIndex,
  subject: Uint8Array,
  colStart: number,
  path: LocalPath,
): DraftAlignment {
  const { ops } = path
  const columns = ops.length
  let pairs = 0
  let gapOpenings = 0
  for (let c = 0; c < columns; c++) {
    const op = ops[c]!
    if (op === OP_PAIR) pairs++
    else if (c === 0 || ops[c - 1] !== op) gapOpenings++
  }
  // Counted by the traceback, which reads each pair's codes anyway: a pair may score match,
  // mismatch or a query's N, so the counts do not follow from the score.
  const { matches } = path
  const mismatches = pairs - matches
  const n = prepared.length
  const queryStart = strand === 0 ? path.queryStart : n - path.queryEnd
  const queryEnd = strand === 0 ? path.queryEnd : n - path.queryStart
  const summary: AlignmentSummary = {
    score: path.score,
    strand: strand === 0 ? '+' : '-',
    queryStart,
    queryEnd,
    subjectStart: colStart + path.subjectStart,
    subjectEnd: colStart + path.subjectEnd,
    matches,
    mismatches,
    gapOpenings,
    columns,
    identity: matches / columns,
    coverage: (queryEnd - queryStart) / n,
  }
  return {
    summary,
    // A closure, not getters: an object literal with accessors costs V8 ~0.6 µs to create.
    complete: () => ({ ...summary, ...alignedText(prepared, strand, subject, colStart, path) }),
  }
}

/** A path's two rows: the bytes as given ('-' for a gap), the query reverse-complemented for '-'. */
function alignedText(
  prepared: PreparedQuery,
  strand: StrandIndex,
  subject: Uint8Array,
  colStart: number,
  path: LocalPath,
): { alignedQuery: string; alignedSubject: string } {
  const bytes = strand === 0 ? prepared.bytes : prepared.reverseBytes
  const { ops } = path
  const columns = ops.length
  const alignedQuery = slabUint8(columns)
  const alignedSubject = slabUint8(columns)
  const gap = 0x2d // '-'
  let i = path.queryStart
  let j = colStart + path.subjectStart
  for (let c = 0; c < columns; c++) {
    const op = ops[c]!
    alignedQuery[c] = op === OP_DELETE ? gap : bytes[i++]!
    alignedSubject[c] = op === OP_INSERT ? gap : subject[j++]!
  }
  return {
    alignedQuery: latin1.decode(alignedQuery),
    alignedSubject: latin1.decode(alignedSubject),
  }
}

function checkScoring(scoring: AlignmentScoring): AlignmentScoring {
  const { match, mismatch, gapOpen, gapExtend, queryAmbiguous = 0 } = scoring
  const ok =
    [match, mismatch, gapOpen, gapExtend, queryAmbiguous].every(
      (v) => Number.isInteger(v) && Math.abs(v) <= MAX_SCORE_MAGNITUDE,
    ) &&
    match > 0 &&
    gapOpen >= 0 &&
    gapExtend > 0
  if (!ok) {
    throw new RangeError(
      `scoring ${JSON.stringify(scoring)} must be integers within ±${MAX_SCORE_MAGNITUDE}, ` +
        'with match > 0, gapOpen >= 0 and gapExtend > 0',
    )
  }
  return scoring
}

function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`)
  }
  return value
}

/** Range bounds are clamped, not rejected: a caller's window ± margin may overhang the subject. */
function clampedBound(name: string, value: number, lo: number, hi: number): number {
  if (Number.isNaN(value)) throw new RangeError(`${name} must be a number, got NaN`)
  return Math.min(hi, Math.max(lo, Math.trunc(value)))
}
