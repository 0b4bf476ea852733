import { slabUint8 } from './typed-slab.js'
import type { AlignmentScoring } from './types.js'

/** Alignment columns in a {@link LocalPath}: a query/subject pair, or a gap on one side. */
export const OP_PAIR = 0
/** A query base against a gap in the subject. */
export const OP_INSERT = 1
/** A subject base against a gap in the query. */
export const OP_DELETE = 2

/** The best local path found by {@link bandedLocalAlign}, in the coordinates of its inputs. */
export interface LocalPath {
  readonly score: number
  readonly queryStart: number
  readonly queryEnd: number
  readonly subjectStart: number
  readonly subjectEnd: number
  /** Columns from first to last: OP_PAIR, OP_INSERT or OP_DELETE. */
  readonly ops: Uint8Array
  /** Pairs whose codes are equal: counted as the path is followed, it is not in its score alone. */
  readonly matches: number
}

/** Query code of a base other than A, C, G, T/U (see nucleotides.ts). */
const QUERY_AMBIGUOUS = 4

/**
 * The score of a pair of codes: match where they are equal, `queryAmbiguous` where the query's
 * stands for N or another code than A, C, G, T/U, mismatch otherwise.
 */
function pairScore(query: number, subject: number, scoring: AlignmentScoring): number {
  if (query === subject) return scoring.match
  if (query === QUERY_AMBIGUOUS) return scoring.queryAmbiguous ?? 0
  return scoring.mismatch
}

/**
 * {@link pairScore} of query code q and subject code s at `(q << 8) | s`, for the last scoring
 * asked: one load per cell in the scalar loop, where comparing codes took five operations.
 */
function pairTable(scoring: AlignmentScoring): Int32Array {
  const { match, mismatch, queryAmbiguous = 0 } = scoring
  const last = pairTableFor
  const same = last && last.match === match && last.mismatch === mismatch
  if (same && last.queryAmbiguous === queryAmbiguous) return last.table
  const table = new Int32Array(1 << 16)
  for (let q = 0; q < 256; q++) {
    for (let t = 0; t < 256; t++) table[(q << 8) | t] = pairScore(q, t, scoring)
  }
  pairTableFor = { match, mismatch, queryAmbiguous, table }
  return table
}

let pairTableFor: {
  match: number
  mismatch: number
  queryAmbiguous: number
  table: Int32Array
} | null = null

/** Minus "infinity" for gap scores, far enough from int32 overflow to subtract from safely. */
const NEG = -0x40000000

// Traceback byte per cell. H's source is E if H_FROM_E, else the diagonal if DIAG_BEATS_F, else F;
// the E_EXTENDED / F_EXTENDED bits say whether that cell's E / F extended a gap or opened one.
// Where the alignment starts is not stored: the traceback carries the running score and stops
// when the diagonal predecessor's H is 0.
const DIAG_BEATS_F = 1
const H_FROM_E = 2
const E_EXTENDED = 4
const F_EXTENDED = 8

// Scratch reused across calls; alignment is synchronous, and each worker thread has its own copy.
let hRow = new Int32Array(0)
let fRow = new Int32Array(0)
let trace = new Uint8Array(0)
let rowStart = new Int32Array(0)
let rowKStart = new Int32Array(0)
let rowKEnd = new Int32Array(0)
let opsScratch = new Uint8Array(0)

/**
 * A band that follows a seed chain: query row `i` may use diagonals `lo[i] <= j - i <= hi[i]`
 * (in the subject window's coordinates), inside the overall `[dLo, dHi]`. Where a read drifts
 * by an indel only the rows around it need both diagonals, so a row band is far narrower than
 * one band wide enough for every row.
 */
export interface RowBand {
  readonly lo: Int32Array
  readonly hi: Int32Array
}

/**
 * Smith-Waterman local alignment with affine gaps (Gotoh) restricted to the diagonals
 * `dLo <= j - i <= dHi` of query `i` and subject `j`, and per row to `rows` when given. With
 * `dLo = -(n - 1)` and `dHi = m - 1` it is the full, unbanded algorithm.
 *
 * Cells are stored by band offset `k = j - i - dLo`, one row per query base, updated in place: in
 * increasing `k`, `h[k]` still holds the diagonal predecessor (i-1, j-1) and `h[k + 1]` the one
 * above (i-1, j). Only cells with `0 <= j < m` (and inside the row's band) are computed, so the
 * cost is the band's area inside the subject, and the traceback takes one byte per computed cell.
 * A cell outside the previous row's range reads as H = 0 and F = -infinity, as if out of band.
 *
 * @param query codes of the query (see nucleotides.ts); `n` of them are used
 * @param subject codes of the subject window; `m` of them are used
 * @returns null when no cell scores above zero
 */
export function bandedLocalAlign(
  query: Uint8Array,
  n: number,
  subject: Uint8Array,
  m: number,
  dLo: number,
  dHi: number,
  scoring: AlignmentScoring,
  rows?: RowBand,
): LocalPath | null {
  dLo = Math.max(dLo, -(n - 1))
  dHi = Math.min(dHi, m - 1)
  if (n <= 0 || m <= 0 || dLo > dHi) return null
  const width = dHi - dLo + 1
  prepareScratch(n, m, width, dLo, rows)

  const openCost = scoring.gapOpen + scoring.gapExtend
  const extendCost = scoring.gapExtend
  const pairs = pairTable(scoring)
  const h = hRow
  const f = fRow
  const tb = trace
  // Module constants are context loads on every use in a hot loop: use locals and literals.
  const negative = NEG
  let best = 0
  let bestI = -1
  let bestK = -1
  // The previous row's computed range: at first every cell holds its initial out-of-band value.
  let previousStart = 0
  let previousEnd = width
  // The inner loop is written for V8: one induction variable, `| 0` so int32 arithmetic needs no
  // overflow checks, and no data-dependent branches except the rare E-wins and new-best cases
  // (most band cells score noise, where such branches mispredict). max(a, b) is
  // a - (t & (t >> 31)) with t = a - b, and (x >>> 31) is 1 exactly when x < 0. Both need t to
  // fit in int32: H <= MAX_SCORE (2^29, checked in align.ts) and E, F >= NEG keep |t| < 2^31.
  for (let i = 0; i < n; i++) {
    const kStart = rowKStart[i]!
    const kEnd = rowKEnd[i]!
    // The row reads h and f at [kStart, kEnd + 1]; cells the previous row did not write may
    // hold an older row's values, so they are reset to out-of-band.
    for (let k = kStart, stop = Math.min(kEnd + 1, previousStart - 1); k <= stop; k++) {
      h[k] = 0
      f[k] = negative
    }
    for (let k = Math.max(kStart, previousEnd + 1); k <= kEnd + 1; k++) {
      h[k] = 0
      f[k] = negative
    }
    previousStart = kStart
    previousEnd = kEnd
    if (kStart > kEnd) continue
    const row = query[i]! << 8 // the row's pair scores start here in `pairs`
    const jOffset = i + dLo // j = k + jOffset
    const cellOffset = rowStart[i]! - kStart // traceback index = k + cellOffset
    let e = negative
    let hLeft = 0
    let hDiag = h[kStart]!
    for (let k = kStart; k <= kEnd; k++) {
      const hUp = h[k + 1]!
      const fOpen = (hUp - openCost) | 0
      let t = (fOpen - ((f[k + 1]! - extendCost) | 0)) | 0
      const fk = (fOpen - (t & (t >> 31))) | 0
      let bits = (t >>> 31) << 3 // F_EXTENDED
      const d = (hDiag + pairs[row | subject[k + jOffset]!]!) | 0
      hDiag = hUp // the cell above is the next cell's diagonal predecessor
      t = (d - fk) | 0
      bits |= (t >>> 31) ^ 1 // DIAG_BEATS_F
      let hk = (d - (t & (t >> 31))) | 0
      hk &= ~(hk >> 31) // local alignment: never below 0
      const eOpen = (hLeft - openCost) | 0
      t = (eOpen - ((e - extendCost) | 0)) | 0
      e = (eOpen - (t & (t >> 31))) | 0
      bits |= (t >>> 31) << 2 // E_EXTENDED
      if (e > hk) {
        hk = e
        bits |= 2 // H_FROM_E
      }
      if (hk > best) {
        best = hk
        bestI = i
        bestK = k
      }
      h[k] = hk
      f[k] = fk
      hLeft = hk
      tb[k + cellOffset] = bits
    }
  }
  const path =
    best > 0 ? traceBack(query, subject, best, bestI, bestI + dLo + bestK, dLo, scoring) : null
  releaseLargeScratch()
  return path
}

/** Scratch beyond this many elements (from a rare huge fallback) is not kept between calls. */
const KEEP_SCRATCH = 1 << 22

function releaseLargeScratch(): void {
  if (trace.length > KEEP_SCRATCH) trace = new Uint8Array(0)
  if (hRow.length > KEEP_SCRATCH >> 2) {
    hRow = new Int32Array(0)
    fRow = new Int32Array(0)
  }
  if (rowStart.length > KEEP_SCRATCH >> 2) rowStart = new Int32Array(0)
  if (rowKStart.length > KEEP_SCRATCH >> 2) {
    rowKStart = new Int32Array(0)
    rowKEnd = new Int32Array(0)
  }
  if (opsScratch.length > KEEP_SCRATCH) opsScratch = new Uint8Array(0)
}

/** Sizes the scratch and sets each row's band-offset range (empty rows get [0, -1]). */
function prepareScratch(
  n: number,
  m: number,
  width: number,
  dLo: number,
  rows: RowBand | undefined,
): void {
  if (hRow.length < width + 1) {
    hRow = new Int32Array(width + 1)
    fRow = new Int32Array(width + 1)
  }
  // Index `width` is never written: it is the out-of-band cell above the band's last diagonal.
  hRow.fill(0, 0, width + 1)
  fRow.fill(NEG, 0, width + 1)
  if (rowStart.length < n) {
    rowStart = new Int32Array(n)
    rowKStart = new Int32Array(n)
    rowKEnd = new Int32Array(n)
  }
  let cells = 0
  for (let i = 0; i < n; i++) {
    rowStart[i] = cells
    let kStart = Math.max(0, -i - dLo)
    let kEnd = Math.min(width - 1, m - 1 - i - dLo)
    if (rows) {
      kStart = Math.max(kStart, rows.lo[i]! - dLo)
      kEnd = Math.min(kEnd, rows.hi[i]! - dLo)
    }
    if (kEnd >= kStart) cells += kEnd - kStart + 1
    else [kStart, kEnd] = [0, -1]
    rowKStart[i] = kStart
    rowKEnd[i] = kEnd
  }
  if (trace.length < cells) trace = new Uint8Array(cells)
  if (opsScratch.length < n + m) opsScratch = new Uint8Array(n + m)
}

/**
 * Follows the traceback bytes from the best cell back to where the alignment starts, carrying
 * the H, E or F value of the current cell so the start is found without storing it: it is the
 * pair column whose diagonal predecessor has H = 0. Every step lands on a computed cell: a
 * diagonal step goes to a positive predecessor, and a gap that H chose scored above zero, so it
 * was opened from a positive H inside the band.
 */
function traceBack(
  query: Uint8Array,
  subject: Uint8Array,
  score: number,
  endI: number,
  endJ: number,
  dLo: number,
  scoring: AlignmentScoring,
): LocalPath {
  const { gapExtend } = scoring
  const openCost = scoring.gapOpen + gapExtend
  const pairs = pairTable(scoring)
  const ops = opsScratch
  let count = 0
  let matches = 0
  let i = endI
  let j = endJ
  let value = score
  let state: 'H' | 'E' | 'F' = 'H'
  for (;;) {
    // Unreachable by the argument above; a loud failure beats a silent infinite loop.
    if (i < 0 || j < 0) throw new Error('banded traceback left the matrix')
    const t = trace[rowStart[i]! + j - i - dLo - rowKStart[i]!]!
    if (state === 'E') {
      ops[count++] = OP_DELETE
      const extended = (t & E_EXTENDED) !== 0
      value += extended ? gapExtend : openCost
      if (!extended) state = 'H'
      j--
    } else if (state === 'F') {
      ops[count++] = OP_INSERT
      const extended = (t & F_EXTENDED) !== 0
      value += extended ? gapExtend : openCost
      if (!extended) state = 'H'
      i--
    } else if ((t & H_FROM_E) !== 0) {
      state = 'E'
    } else if ((t & DIAG_BEATS_F) === 0) {
      state = 'F'
    } else {
      ops[count++] = OP_PAIR
      const q = query[i]!
      const s = subject[j]!
      value -= pairs[(q << 8) | s]!
      if (q === s) matches++
      if (value === 0) break
      i--
      j--
    }
  }
  return {
    score,
    queryStart: i,
    queryEnd: endI + 1,
    subjectStart: j,
    subjectEnd: endJ + 1,
    ops: reversed(ops, count),
    matches,
  }
}

/** The first `count` ops, last first: the traceback collects them from the path's end. */
function reversed(ops: Uint8Array, count: number): Uint8Array {
  const out = slabUint8(count)
  for (let c = 0; c < count; c++) out[c] = ops[count - 1 - c]!
  return out
}
