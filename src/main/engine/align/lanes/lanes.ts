import { bandedLocalAlign, type LocalPath, type RowBand } from '../banded-sw.js'
import { encodeWindow } from '../nucleotides.js'
import type { AlignmentScoring } from '../types.js'
import {
  alignLanes,
  laneKernelAvailable,
  LANES,
  MAX_KERNEL_QUERY_CODE,
  releaseLargeKernelMemory,
  TRACE_BYTES_PER_CELL,
  type LaneInput,
} from './kernel.js'

/** One subject window for {@link bandedLocalAlignMany}: bandedLocalAlign's arguments. */
export interface LaneTask {
  /**
   * The subject window, its first `m` bytes: residues as stored, or subject codes (either reads
   * the same through WINDOW_CODE). A search passes a view of the record's residues, which the
   * kernel encodes as it lays out its lanes.
   */
  readonly subject: Uint8Array
  readonly m: number
  /** Band of diagonals j - i, in the window's coordinates, as bandedLocalAlign takes them. */
  readonly dLo: number
  readonly dHi: number
  /** Optional per-row band (window coordinates), as bandedLocalAlign's `rows`. */
  readonly rows?: RowBand
}

/** Largest |match|, |mismatch|, gap open and extend cost the int16 kernel takes. */
const MAX_KERNEL_COST = 16000
/** H never exceeds this: the kernel holds scores offset by -32768 in int16 (see wasm/lanes.ts). */
const MAX_KERNEL_SCORE = 65535
/** Band offsets and row numbers are int16 in the kernel. */
const MAX_KERNEL_INDEX = 32000
/** Window offsets are int32 in the kernel, with room to subtract the band's dLo. */
const MAX_KERNEL_WINDOW = 2 ** 30
/** A batch's traceback takes at most n × width × 16 bytes; beyond this the scalar code runs. */
const MAX_KERNEL_TRACE_BYTES = 2 ** 28

/**
 * For each task, what `bandedLocalAlign(query, n, codes, t.m, t.dLo, t.dHi, scoring, t.rows)`
 * returns, `codes` being `encodeWindow(t.subject, t.m)`: same score, coordinates and ops; null
 * for a path scoring below `traceFrom`, whose traceback (a quarter of a genome's alignment) is
 * skipped. Windows are aligned eight at a time, one per int16 lane of a WebAssembly SIMD
 * kernel; a task goes to the scalar code instead when its scores could pass 65535, its band is
 * empty, or the runtime has no WebAssembly SIMD.
 *
 * @example
 * const paths = bandedLocalAlignMany(queryCodes, queryCodes.length, windows, DEFAULT_SCORING)
 */
export function bandedLocalAlignMany(
  query: Uint8Array,
  n: number,
  tasks: readonly LaneTask[],
  scoring: AlignmentScoring,
  traceFrom = 1,
): (LocalPath | null)[] {
  // Grown by push, not `new Array(n).fill(null)`: inlined into its callers, that fill met an
  // array of another elements kind than it was optimized for, and deoptimized once a query for
  // a thread's first ~1,100 reads (node --trace-deopt).
  const results: (LocalPath | null)[] = []
  for (let t = 0; t < tasks.length; t++) results.push(null)
  const scalar = (t: LaneTask): LocalPath | null => {
    const codes = encodeWindow(t.subject, t.m)
    const path = bandedLocalAlign(query, n, codes, t.m, t.dLo, t.dHi, scoring, t.rows)
    return path && path.score >= traceFrom ? path : null
  }
  const kernelOk =
    tasks.length > 0 &&
    scoringFitsKernel(scoring) &&
    queryFitsKernel(query, n) &&
    laneKernelAvailable()
  // Clamped bands of the kernel's tasks, with their places in `results`.
  const pending: { index: number; lane: LaneInput }[] = []
  tasks.forEach((t, index) => {
    const lane = kernelOk ? kernelLane(query, n, t, scoring) : null
    if (lane) pending.push({ index, lane })
    else results[index] = scalar(t)
  })
  // Lanes of similar width share a batch: every lane pays for the widest band in it.
  pending.sort((a, b) => bandWidth(a.lane) - bandWidth(b.lane))
  for (let from = 0; from < pending.length; from += LANES) {
    const batch = pending.slice(from, from + LANES)
    const paths = alignLanes(
      query,
      n,
      batch.map((p) => p.lane),
      scoring,
      traceFrom,
    )
    batch.forEach(({ index }, l) => (results[index] = paths[l]!))
  }
  releaseLargeKernelMemory()
  return results
}

function scoringFitsKernel(scoring: AlignmentScoring): boolean {
  const { match, mismatch, gapOpen, gapExtend, queryAmbiguous = 0 } = scoring
  const open = gapOpen + gapExtend
  return (
    [match, mismatch, gapOpen, gapExtend, queryAmbiguous].every(Number.isInteger) &&
    Math.abs(match) <= MAX_KERNEL_COST &&
    Math.abs(mismatch) <= MAX_KERNEL_COST &&
    Math.abs(queryAmbiguous) <= MAX_KERNEL_COST &&
    open >= 0 &&
    open <= MAX_KERNEL_COST &&
    gapExtend >= 0 &&
    gapExtend <= MAX_KERNEL_COST
  )
}

/**
 * Whether the query's first n codes are ones the kernel's score profile has (encodeQuery's 0..4).
 * Others, which only a caller with its own encoding would pass, go to the scalar code.
 */
function queryFitsKernel(query: Uint8Array, n: number): boolean {
  // A ranking passes the same prepared codes (read-only) for every round: checked once.
  if (query === fitted.query && n <= fitted.upTo) return true
  const end = Math.min(n, query.length)
  for (let i = 0; i < end; i++) if (query[i]! > MAX_KERNEL_QUERY_CODE) return false
  fitted.query = query
  fitted.upTo = end
  return true
}

/** The query codes last found to fit the kernel, through `upTo`. */
const fitted: { query: Uint8Array | null; upTo: number } = { query: null, upTo: 0 }

const bandWidth = (lane: LaneInput): number => lane.dHi - lane.dLo + 1

/** Whether the kernel takes `n` query rows (band offsets and row numbers are int16 in it). */
export function kernelFitsRows(n: number): boolean {
  return n <= MAX_KERNEL_INDEX
}

/**
 * Whether a query of `n` bases against a window of `m` keeps its rows and scores within the
 * kernel's int16: past that (a query over 32,000 bases, or scores over 65535: 32 kb of matches
 * at match 2) the scalar code aligns it, at several times the cost per cell.
 */
export function kernelFitsLengths(n: number, m: number, scoring: AlignmentScoring): boolean {
  const bestPair = Math.max(scoring.match, scoring.mismatch, scoring.queryAmbiguous ?? 0, 0)
  return n <= MAX_KERNEL_INDEX && Math.min(n, m) * bestPair <= MAX_KERNEL_SCORE
}

/**
 * The task's band clamped as bandedLocalAlign clamps it, or null when the scalar code should
 * run it: an empty band (it returns null at once), or values that do not fit the kernel's int16.
 * With gaps that cost, a cell's H is at most min(n, m) × the best pair score.
 */
function kernelLane(
  query: Uint8Array,
  n: number,
  t: LaneTask,
  scoring: AlignmentScoring,
): LaneInput | null {
  const dLo = Math.max(t.dLo, -(n - 1))
  const dHi = Math.min(t.dHi, t.m - 1)
  if (n <= 0 || t.m <= 0 || dLo > dHi) return null
  // Odd inputs the scalar code tolerates in its own way: fractional bounds, short arrays.
  if (![n, t.m, dLo, dHi].every(Number.isInteger)) return null
  if (query.length < n || t.subject.length < t.m) return null
  const width = dHi - dLo + 1
  if (
    !kernelFitsLengths(n, t.m, scoring) ||
    width > MAX_KERNEL_INDEX ||
    t.m > MAX_KERNEL_WINDOW ||
    n * width * TRACE_BYTES_PER_CELL > MAX_KERNEL_TRACE_BYTES
  ) {
    return null
  }
  if (t.rows && (t.rows.lo.length < n || t.rows.hi.length < n)) return null
  return { subject: t.subject, m: t.m, dLo, dHi, rows: t.rows }
}
