// Banded Smith-Waterman (Gotoh), one query against eight subject windows at once: lane L of
// every i16x8 vector is window L. Each lane computes exactly what bandedLocalAlign in
// src/main/engine/align/banded-sw.ts computes for its window alone (same recurrence, same
// tie-breaking, same best cell) and follows the same traceback. Built into
// src/main/engine/align/lanes/kernel-wasm.ts by `npm run build:wasm`; driven by lanes/kernel.ts.
//
// There is no allocator: the caller lays out the memory from heapBase() on and passes one block
// of i32 parameters (the word offsets below, mirrored in lanes/kernel.ts).
//
// Scores are held offset by -32768 (SCORE_OFFSET), so that int16 holds H from 0 to 65535: a
// 30 kb genome against its relatives scores up to 60,000. The caller checks that no score
// passes 65535, so the adds are exact; the saturating subtracts stop at -32768, which is the
// floor: 0, and every value below it (minus infinity included). So the kernel holds max(x, 0)
// for each H, E and F the scalar code holds as x. That changes nothing it reports. H is
// max(d, E, F, 0) in the scalar code anyway, and a comparison of two clamped values differs
// only when both were <= 0. Such a pair never decides a traceback bit that is read: the path's
// running score, which is the H, E or F value of each cell it passes, stays above 0 until it
// stops.

// Header words.
const P_N = 0 // query length (rows)
const P_W = 1 // frame width: the widest lane's band, in diagonals
const P_MATCH = 2
const P_MISMATCH = 3
const P_OPEN = 4 // gapOpen + gapExtend
const P_EXTEND = 5 // gapExtend
const P_QUERY = 6 // n query codes (u8)
const P_SUBJECT = 7 // interleaved subject codes: (n + W) positions × 8 lanes (u8)
const P_HF = 8 // (W + 1) × (H, F) i16x8 pairs: the previous row, updated in place
const P_TRACE_FROM = 9 // traceBack() follows only the paths scoring at least this
const P_KSTART = 10 // n i16x8: each lane's first band offset k in the row (0 when empty)
const P_KEND = 11 // n i16x8: each lane's last k in the row (-1 when empty)
const P_ROW_LO = 12 // n i32: the row's computed k range, the union over lanes ([0, -1] if none)
const P_ROW_HI = 13
const P_MID_LO = 14 // n i32: the k range where every lane is in range (empty: [hi + 1, hi])
const P_MID_HI = 15
const P_ROW_START = 16 // n i32: the row's first cell in the traceback
const P_TRACE = 17 // 16 bytes per computed cell (see TRACE_* below)
const P_OUT = 18 // best (plus SCORE_OFFSET), bestI, bestK: 3 i16x8
const P_OPS = 19 // per lane, OPS_STRIDE bytes: the path's ops, written backwards from the end
const P_OPS_STRIDE = 20 // at least 2n + W: a path in the band has at most that many columns
const P_PATHS = 21 // per lane 4 i32: column count, queryStart, subjectStart, matches
const P_LANE_COUNT = 22 // lanes whose paths traceBack() follows
const P_WINDOW_CODE = 23 // 256 u8: a window byte's subject code (residues and codes alike)
const P_PROFILE = 24 // (n + W) positions × PROFILE_STRIDE bytes, written by prepare() (writeProfile)
const P_AMBIGUOUS = 25 // the score of a query's N (code 4) against anything
// Lane words, 8 per lane from P_LANES: dLo, band width (0: no band), window length m, the
// window's bytes (residues or codes) for j in [jLo, jHi), then the row band's lo and hi (i32 × n, or 0 for none).
const P_LANES = 26
const L_DLO = 0
const L_WIDTH = 1
const L_M = 2
const L_CODES = 3
const L_JLO = 4
const L_JHI = 5
const L_ROWS_LO = 6
const L_ROWS_HI = 7

const LANES = 8
// A cell's traceback is two bytes per lane, at L and 8 + L of its 16: what banded-sw.ts packs in
// one byte (H from E, F extended; E extended, and F beating the diagonal, the inverse of
// DIAG_BEATS_F), spread so that two narrows, an AND and a subtract build them from the masks.
const TRACE_H_FROM_E = 1 // byte L
const TRACE_F_EXTENDED = 8 // byte L
const TRACE_E_EXTENDED = 4 // byte 8 + L
const TRACE_F_BEATS_DIAG = 1 // byte 8 + L
// Alignment columns, as in banded-sw.ts.
const OP_PAIR: u8 = 0
const OP_INSERT: u8 = 1
const OP_DELETE: u8 = 2
/** Subject code for positions outside a window; such cells are masked, so any value works. */
const PAD: u8 = 0xff
/** Query codes the score profile has a row for: 0..3 (ACGT) and 4 (anything else). */
const QUERY_CODES = 5
/** Bytes per position of the score profile: an i16x8 of pair scores per query code. */
const PROFILE_STRIDE = QUERY_CODES * 16
/** What is added to a score to hold it in int16: a stored -32768 is a score of 0 (or below). */
const SCORE_OFFSET: i32 = -32768

function param(block: usize, word: i32): i32 {
  return load<i32>(block + ((<usize>word) << 2))
}

function laneParam(block: usize, lane: i32, word: i32): i32 {
  return param(block, P_LANES + lane * 8 + word)
}

/** Where the caller's memory layout may start. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~(<usize>15)
}

/**
 * Interleaves the windows' codes and writes their score profile, sets each row's per-lane k
 * range as bandedLocalAlign's prepareScratch does, and each row's union and common ranges and
 * traceback offset.
 * @returns the number of traceback cells, each 16 bytes, that align() will write
 */
export function prepare(block: usize): i32 {
  const n = param(block, P_N)
  const width = param(block, P_W)
  for (let lane = 0; lane < LANES; lane++) interleave(block, lane, n + width)
  writeProfile(block, n + width)
  return rowRanges(block, n, width)
}

/**
 * For each position and each query code c (0..4), the eight lanes' pair scores, as pairScore in
 * banded-sw.ts gives them: match where the lane's subject code there is c, else mismatch. A
 * cell then takes its pair score with one load, where comparing codes took four operations; a
 * row is tens of cells wide and a position costs some fifteen, once. The query's code 4 (N and
 * the rest) equals no subject code (those are 0..3, 5 and PAD): it scores P_AMBIGUOUS against
 * each, but against PAD, outside the window, a mismatch as every code does, which no path
 * reaches.
 */
function writeProfile(block: usize, positions: i32): void {
  const subject = <usize>param(block, P_SUBJECT)
  const mismatchV = i16x8.splat(<i16>param(block, P_MISMATCH))
  const bonusV = i16x8.splat(<i16>(param(block, P_MATCH) - param(block, P_MISMATCH)))
  const ambiguousV = i16x8.splat(<i16>param(block, P_AMBIGUOUS))
  const padV = i16x8.splat(<i16>PAD)
  let out = <usize>param(block, P_PROFILE)
  for (let p = 0; p < positions; p++) {
    const codes = v128.load8x8_u(subject + ((<usize>p) << 3))
    for (let c = 0; c < 4; c++) {
      const same = i16x8.eq(codes, i16x8.splat(<i16>c))
      v128.store(out + ((<usize>c) << 4), i16x8.add(mismatchV, v128.and(same, bonusV)))
    }
    v128.store(out, v128.bitselect(mismatchV, ambiguousV, i16x8.eq(codes, padV)), 64)
    out += PROFILE_STRIDE
  }
}

function interleave(block: usize, lane: i32, positions: i32): void {
  const subject = <usize>param(block, P_SUBJECT) + <usize>lane
  const dLo = laneParam(block, lane, L_DLO)
  const codes = <usize>laneParam(block, lane, L_CODES)
  const windowCode = <usize>param(block, P_WINDOW_CODE)
  const jLo = laneParam(block, lane, L_JLO)
  // Position p holds j = p + dLo: the code of the window's byte where jLo <= j < jHi, padding
  // elsewhere. Encoding here rather than in JavaScript spares a genome's band a pass over its
  // 30 kb window (5% of its ranking).
  const from = min(max(jLo - dLo, 0), positions)
  const to = max(min(laneParam(block, lane, L_JHI) - dLo, positions), from)
  for (let p = 0; p < from; p++) store<u8>(subject + ((<usize>p) << 3), PAD)
  const source = codes + <usize>(dLo - jLo)
  for (let p = from; p < to; p++) {
    store<u8>(subject + ((<usize>p) << 3), load<u8>(windowCode + <usize>load<u8>(source + p)))
  }
  for (let p = to; p < positions; p++) store<u8>(subject + ((<usize>p) << 3), PAD)
}

/** Per lane -dLo, then m - 1 - dLo, then width - 1: each as 8 i32. */
const laneConstants = memory.data(96, 16)

function laneMin(v: v128): i32 {
  v = i16x8.min_s(v, i16x8.shuffle(v, v, 4, 5, 6, 7, 0, 1, 2, 3))
  v = i16x8.min_s(v, i16x8.shuffle(v, v, 2, 3, 0, 1, 2, 3, 0, 1))
  return i16x8.extract_lane_s(i16x8.min_s(v, i16x8.shuffle(v, v, 1, 0, 1, 0, 1, 0, 1, 0)), 0)
}

function laneMax(v: v128): i32 {
  v = i16x8.max_s(v, i16x8.shuffle(v, v, 4, 5, 6, 7, 0, 1, 2, 3))
  v = i16x8.max_s(v, i16x8.shuffle(v, v, 2, 3, 0, 1, 2, 3, 0, 1))
  return i16x8.extract_lane_s(i16x8.max_s(v, i16x8.shuffle(v, v, 1, 0, 1, 0, 1, 0, 1, 0)), 0)
}

/**
 * Per lane, 4 i32 words: where its row band's lo values are read, where its hi values are, and
 * the step from one row's to the next (4; 0 for a lane without a row band, which reads the
 * constant pair below for every row).
 */
const rowBandLanes = memory.data(LANES * 16, 16)
/** Per lane without a row band: dLo - 32768 and dLo + 32767, which narrow no range. */
const openRowBand = memory.data(LANES * 8, 16)
/**
 * Row band values are clamped to [ROW_BAND_MIN, ROW_BAND_MAX] before dLo is subtracted, so the
 * difference stays in int32: dLo lies in [-32000, 2^30) (lanes.ts). The clamp changes no
 * range: below the minimum the difference is below -32768, above the maximum it is above 32767,
 * and either way narrowing to int16 saturates it to the same bound as the exact difference.
 */
const ROW_BAND_MIN: i32 = -(1 << 30)
const ROW_BAND_MAX: i32 = (1 << 30) + (1 << 16)

/**
 * The i32 at each of four addresses, as lanes 0-3 (a lane index must be a constant, so the
 * gather is written out; the optimizer inlines it).
 */
function gather4(a: usize, b: usize, c: usize, d: usize): v128 {
  const v = i32x4.splat(load<i32>(a))
  return i32x4.replace_lane(
    i32x4.replace_lane(i32x4.replace_lane(v, 1, load<i32>(b)), 2, load<i32>(c)),
    3,
    load<i32>(d),
  )
}

/** A row's band values of four lanes, clamped (see ROW_BAND_MIN), less their lanes' dLo. */
function rowBandK(values: v128, minusDLo: v128): v128 {
  const clamped = i32x4.max_s(
    i32x4.min_s(values, i32x4.splat(ROW_BAND_MAX)),
    i32x4.splat(ROW_BAND_MIN),
  )
  return i32x4.add(clamped, minusDLo)
}

/**
 * Each row's k range per lane, kStart = max(0, -i - dLo) and kEnd = min(width - 1,
 * m - 1 - i - dLo) narrowed to row bands where given, with empty ranges as [0, -1]; then the
 * row's union range, the range common to all lanes, and its traceback offset.
 *
 * A row band [lo, hi] narrows a lane's range to [max(kStart, lo - dLo), min(kEnd, hi - dLo)],
 * empty when the first passes the second, which is what bandedLocalAlign's row bands do. The
 * eight lanes' band values are gathered into vectors and narrowed together: a lane at a time,
 * through int16 stores and a reload, this took as long as half the alignment itself.
 */
function rowRanges(block: usize, n: i32, width: i32): i32 {
  const kStarts = <usize>param(block, P_KSTART)
  const kEnds = <usize>param(block, P_KEND)
  const rowLo = <usize>param(block, P_ROW_LO)
  const rowHi = <usize>param(block, P_ROW_HI)
  const midLo = <usize>param(block, P_MID_LO)
  const midHi = <usize>param(block, P_MID_HI)
  const rowStart = <usize>param(block, P_ROW_START)
  let withRows = false
  for (let lane = 0; lane < LANES; lane++) {
    const dLo = laneParam(block, lane, L_DLO)
    const at = laneConstants + ((<usize>lane) << 2)
    store<i32>(at, -dLo)
    store<i32>(at, laneParam(block, lane, L_M) - 1 - dLo, 32)
    store<i32>(at, laneParam(block, lane, L_WIDTH) - 1, 64)
    const entry = rowBandLanes + ((<usize>lane) << 4)
    const rowsLo = laneParam(block, lane, L_ROWS_LO)
    if (rowsLo != 0) {
      withRows = true
      store<i32>(entry, rowsLo)
      store<i32>(entry, laneParam(block, lane, L_ROWS_HI), 4)
      store<i32>(entry, 4, 8)
    } else {
      const open = openRowBand + ((<usize>lane) << 3)
      store<i32>(open, dLo - 32768)
      store<i32>(open, dLo + 32767, 4)
      store<i32>(entry, <i32>open)
      store<i32>(entry, <i32>open + 4, 4)
      store<i32>(entry, 0, 8)
    }
  }
  const zero = i32x4.splat(0)
  const startLow = v128.load(laneConstants)
  const startHigh = v128.load(laneConstants, 16)
  const endLow = v128.load(laneConstants, 32)
  const endHigh = v128.load(laneConstants, 48)
  const lastLow = v128.load(laneConstants, 64)
  const lastHigh = v128.load(laneConstants, 80)
  // Each lane's row band pointers and step, as locals: the gather below reads them every row.
  let lo0 = <usize>load<i32>(rowBandLanes, 0)
  let lo1 = <usize>load<i32>(rowBandLanes, 16)
  let lo2 = <usize>load<i32>(rowBandLanes, 32)
  let lo3 = <usize>load<i32>(rowBandLanes, 48)
  let lo4 = <usize>load<i32>(rowBandLanes, 64)
  let lo5 = <usize>load<i32>(rowBandLanes, 80)
  let lo6 = <usize>load<i32>(rowBandLanes, 96)
  let lo7 = <usize>load<i32>(rowBandLanes, 112)
  let hi0 = <usize>load<i32>(rowBandLanes, 4)
  let hi1 = <usize>load<i32>(rowBandLanes, 20)
  let hi2 = <usize>load<i32>(rowBandLanes, 36)
  let hi3 = <usize>load<i32>(rowBandLanes, 52)
  let hi4 = <usize>load<i32>(rowBandLanes, 68)
  let hi5 = <usize>load<i32>(rowBandLanes, 84)
  let hi6 = <usize>load<i32>(rowBandLanes, 100)
  let hi7 = <usize>load<i32>(rowBandLanes, 116)
  const step0 = <usize>load<i32>(rowBandLanes, 8)
  const step1 = <usize>load<i32>(rowBandLanes, 24)
  const step2 = <usize>load<i32>(rowBandLanes, 40)
  const step3 = <usize>load<i32>(rowBandLanes, 56)
  const step4 = <usize>load<i32>(rowBandLanes, 72)
  const step5 = <usize>load<i32>(rowBandLanes, 88)
  const step6 = <usize>load<i32>(rowBandLanes, 104)
  const step7 = <usize>load<i32>(rowBandLanes, 120)
  let cells = 0
  for (let i = 0; i < n; i++) {
    const iv = i32x4.splat(i)
    // Saturated to int16: a start above 32767 or an end below -32768 is an empty range anyway.
    let kStart = i16x8.narrow_i32x4_s(
      i32x4.max_s(zero, i32x4.sub(startLow, iv)),
      i32x4.max_s(zero, i32x4.sub(startHigh, iv)),
    )
    let kEnd = i16x8.narrow_i32x4_s(
      i32x4.min_s(lastLow, i32x4.sub(endLow, iv)),
      i32x4.min_s(lastHigh, i32x4.sub(endHigh, iv)),
    )
    if (withRows) {
      const loA = gather4(lo0, lo1, lo2, lo3)
      const loB = gather4(lo4, lo5, lo6, lo7)
      const hiA = gather4(hi0, hi1, hi2, hi3)
      const hiB = gather4(hi4, hi5, hi6, hi7)
      lo0 += step0
      lo1 += step1
      lo2 += step2
      lo3 += step3
      lo4 += step4
      lo5 += step5
      lo6 += step6
      lo7 += step7
      hi0 += step0
      hi1 += step1
      hi2 += step2
      hi3 += step3
      hi4 += step4
      hi5 += step5
      hi6 += step6
      hi7 += step7
      // startLow/High hold -dLo per lane.
      kStart = i16x8.max_s(
        kStart,
        i16x8.narrow_i32x4_s(rowBandK(loA, startLow), rowBandK(loB, startHigh)),
      )
      kEnd = i16x8.min_s(
        kEnd,
        i16x8.narrow_i32x4_s(rowBandK(hiA, startLow), rowBandK(hiB, startHigh)),
      )
    }
    const empty = i16x8.gt_s(kStart, kEnd)
    kStart = v128.andnot(kStart, empty)
    kEnd = v128.or(kEnd, empty)
    const vectorAt = (<usize>i) << 4
    v128.store(kStarts + vectorAt, kStart)
    v128.store(kEnds + vectorAt, kEnd)
    let lo = laneMin(v128.bitselect(i16x8.splat(<i16>width), kStart, empty))
    let hi = laneMax(kEnd) // an empty lane's -1 is below any other lane's end
    let common = laneMax(kStart)
    let commonEnd = laneMin(kEnd)
    if (hi < lo) {
      lo = 0
      hi = -1
    }
    if (v128.any_true(empty) || commonEnd < common) {
      common = hi + 1
      commonEnd = hi
    }
    const at = (<usize>i) << 2
    store<i32>(rowLo + at, lo)
    store<i32>(rowHi + at, hi)
    store<i32>(midLo + at, common)
    store<i32>(midHi + at, commonEnd)
    store<i32>(rowStart + at, cells)
    cells += hi - lo + 1
  }
  return cells
}

/** Resets H and F at k in [from, to] to out-of-band: H = 0, F = minus infinity (both the floor). */
function resetCells(hf: usize, from: i32, to: i32): void {
  const floor = i16x8.splat(-32768)
  for (let k = from; k <= to; k++) {
    v128.store(hf + ((<usize>k) << 5), floor)
    v128.store(hf + ((<usize>k) << 5), floor, 16)
  }
}

/**
 * Fills the traceback and the per-lane best cell. The rows go as in bandedLocalAlign, over each
 * row's union range. Where some lane is out of its own range, a cell is computed and then masked
 * to H = 0, F = minus infinity, which is what the scalar code reads for cells it did not compute
 * (and what it starts each row's left H with); in the range common to all lanes it is not.
 */
export function align(block: usize): void {
  const n = param(block, P_N)
  const width = param(block, P_W)
  const query = <usize>param(block, P_QUERY)
  const profile = <usize>param(block, P_PROFILE)
  const hf = <usize>param(block, P_HF)
  const kStarts = <usize>param(block, P_KSTART)
  const kEnds = <usize>param(block, P_KEND)
  const rowLo = <usize>param(block, P_ROW_LO)
  const rowHi = <usize>param(block, P_ROW_HI)
  const midLo = <usize>param(block, P_MID_LO)
  const midHi = <usize>param(block, P_MID_HI)
  const out = <usize>param(block, P_OUT)
  const openV = i16x8.splat(<i16>param(block, P_OPEN))
  const extendV = i16x8.splat(<i16>param(block, P_EXTEND))
  const zero = i16x8.splat(0)
  const floor = i16x8.splat(<i16>SCORE_OFFSET) // a score of 0, or of minus infinity
  const one = i16x8.splat(1)
  const two = i16x8.splat(2)
  // Bytes 0-7 from the F extension masks, 8-15 from the E ones.
  const traceBits = i64x2(0x0808080808080808, 0x0404040404040404)

  resetCells(hf, 0, width)
  let tp = <usize>param(block, P_TRACE)
  let best = floor
  let bestI = i16x8.splat(-1)
  let bestK = i16x8.splat(-1)
  let previousLo = 0
  let previousHi = width
  for (let i = 0; i < n; i++) {
    const at = (<usize>i) << 2
    const lo = load<i32>(rowLo + at)
    const hi = load<i32>(rowHi + at)
    // As in the scalar code: cells the previous row did not write may hold older rows' values.
    resetCells(hf, lo, min(hi + 1, previousLo - 1))
    resetCells(hf, max(lo, previousHi + 1), hi + 1)
    previousLo = lo
    previousHi = hi
    if (lo > hi) continue
    // The row's query code picks its scores in each position's profile (codes past 4 are
    // never passed: see lanes.ts).
    const code = <usize>load<u8>(query + <usize>i)
    // kv1 is k + 1; a lane is in range where kStart < k + 1 < kEnd + 2.
    const kStart = v128.load(kStarts + ((<usize>i) << 4))
    const kAbove = i16x8.add(v128.load(kEnds + ((<usize>i) << 4)), two)
    let kv1 = i16x8.splat(<i16>(lo + 1))
    let e = floor
    let hLeft = floor
    // Per lane, 1 + the k of the row's last strict improvement of best, or 0: that is the
    // first cell in row-major order holding the new best, as the scalar code's strict > keeps.
    let rowBestK1 = zero
    let p = hf + ((<usize>lo) << 5)
    let sp = profile + <usize>(i + lo) * PROFILE_STRIDE + (code << 4)
    let hDiag = v128.load(p)
    // Three runs: masked up to the common range, unmasked through it, masked after it.
    const commonFrom = load<i32>(midLo + at)
    const commonTo = load<i32>(midHi + at) + 1
    for (let run = 0; run < 3; run++) {
      const end = hf + ((<usize>(run == 0 ? commonFrom : run == 1 ? commonTo : hi + 1)) << 5)
      if (run == 1) {
        for (; p < end; p += 32) {
          const hUp = v128.load(p, 32)
          const fOpen = i16x8.sub_sat_s(hUp, openV)
          const fExtend = i16x8.sub_sat_s(v128.load(p, 48), extendV)
          const fk = i16x8.max_s(fOpen, fExtend)
          const d = i16x8.add_sat_s(hDiag, v128.load(sp))
          hDiag = hUp
          let hk = i16x8.max_s(d, fk)
          const eOpen = i16x8.sub_sat_s(hLeft, openV)
          const eExtend = i16x8.sub_sat_s(e, extendV)
          e = i16x8.max_s(eOpen, eExtend)
          const fromE = i16x8.gt_s(e, hk)
          const extended = i8x16.narrow_i16x8_s(
            i16x8.gt_s(fExtend, fOpen),
            i16x8.gt_s(eExtend, eOpen),
          )
          const won = i8x16.narrow_i16x8_s(fromE, i16x8.gt_s(fk, d))
          v128.store(tp, i8x16.sub(v128.and(extended, traceBits), won))
          hk = i16x8.max_s(hk, e)
          v128.store(p, hk)
          v128.store(p, fk, 16)
          hLeft = hk
          const better = i16x8.gt_s(hk, best)
          best = i16x8.max_s(best, hk)
          rowBestK1 = i16x8.max_s(rowBestK1, v128.and(better, kv1))
          kv1 = i16x8.add(kv1, one)
          sp += PROFILE_STRIDE
          tp += 16
        }
      } else {
        for (; p < end; p += 32) {
          const hUp = v128.load(p, 32)
          const fOpen = i16x8.sub_sat_s(hUp, openV)
          const fExtend = i16x8.sub_sat_s(v128.load(p, 48), extendV)
          let fk = i16x8.max_s(fOpen, fExtend)
          const d = i16x8.add_sat_s(hDiag, v128.load(sp))
          hDiag = hUp
          let hk = i16x8.max_s(d, fk)
          const eOpen = i16x8.sub_sat_s(hLeft, openV)
          const eExtend = i16x8.sub_sat_s(e, extendV)
          e = i16x8.max_s(eOpen, eExtend)
          const fromE = i16x8.gt_s(e, hk)
          const extended = i8x16.narrow_i16x8_s(
            i16x8.gt_s(fExtend, fOpen),
            i16x8.gt_s(eExtend, eOpen),
          )
          const won = i8x16.narrow_i16x8_s(fromE, i16x8.gt_s(fk, d))
          v128.store(tp, i8x16.sub(v128.and(extended, traceBits), won))
          hk = i16x8.max_s(hk, e)
          // The mask: a lane out of its range gets H = 0 and F = minus infinity, both the floor.
          // E needs none: before a lane's range the H to its left is the floor, so its E is too,
          // and at the range's first cell opening a gap from H = 0 ties with extending and is
          // taken, as from the scalar code's minus infinity; after the range, it is never read.
          const inRange = v128.and(i16x8.gt_s(kv1, kStart), i16x8.lt_s(kv1, kAbove))
          const cap = v128.xor(inRange, floor) // 32767 in range, the floor outside
          hk = i16x8.min_s(hk, cap)
          fk = i16x8.min_s(fk, cap)
          v128.store(p, hk)
          v128.store(p, fk, 16)
          hLeft = hk
          const better = i16x8.gt_s(hk, best)
          best = i16x8.max_s(best, hk)
          rowBestK1 = i16x8.max_s(rowBestK1, v128.and(better, kv1))
          kv1 = i16x8.add(kv1, one)
          sp += PROFILE_STRIDE
          tp += 16
        }
      }
    }
    const improved = i16x8.gt_s(rowBestK1, zero)
    bestI = v128.bitselect(i16x8.splat(<i16>i), bestI, improved)
    bestK = v128.bitselect(i16x8.sub(rowBestK1, one), bestK, improved)
  }
  v128.store(out, best)
  v128.store(out, bestI, 16)
  v128.store(out, bestK, 32)
}

/**
 * Follows each lane's traceback from its best cell, as bandedLocalAlign's traceBack does: it
 * carries the running score and stops at the pair column whose diagonal predecessor has H = 0.
 * A lane scoring below P_TRACE_FROM is left untraced: its caller has no use for its path.
 * @returns 0, or -1 if a path left the matrix (impossible unless the kernel is wrong)
 */
export function traceBack(block: usize): i32 {
  const laneCount = param(block, P_LANE_COUNT)
  const traceFrom = max(param(block, P_TRACE_FROM), 1)
  const out = <usize>param(block, P_OUT)
  const stride = param(block, P_OPS_STRIDE)
  for (let lane = 0; lane < laneCount; lane++) {
    const paths = <usize>param(block, P_PATHS) + ((<usize>lane) << 4)
    store<i32>(paths, 0)
    const score = <i32>load<i16>(out + ((<usize>lane) << 1)) - SCORE_OFFSET
    if (score < traceFrom) continue
    const i = <i32>load<i16>(out + ((<usize>lane) << 1), 16)
    const k = <i32>load<i16>(out + ((<usize>lane) << 1), 32)
    const first = <usize>param(block, P_OPS) + <usize>(lane * stride)
    if (!tracePath(block, lane, score, i, k, first, first + <usize>stride, paths)) return -1
  }
  return 0
}

function tracePath(
  block: usize,
  lane: i32,
  score: i32,
  i: i32,
  k: i32,
  first: usize,
  last: usize,
  paths: usize,
): bool {
  const match = param(block, P_MATCH)
  const mismatch = param(block, P_MISMATCH)
  const ambiguous = param(block, P_AMBIGUOUS)
  const openCost = param(block, P_OPEN)
  const extendCost = param(block, P_EXTEND)
  const query = <usize>param(block, P_QUERY)
  const subject = <usize>param(block, P_SUBJECT) + <usize>lane
  const rowLo = <usize>param(block, P_ROW_LO)
  const rowStart = <usize>param(block, P_ROW_START)
  const trace = <usize>param(block, P_TRACE) + <usize>lane
  const dLo = laneParam(block, lane, L_DLO)
  let j = i + dLo + k
  let value = score
  let op = last
  let matches = 0
  let state = 0 // 0: in H, 1: in E (a deletion), 2: in F (an insertion)
  for (;;) {
    if (i < 0 || j < 0 || op == first) return false
    k = j - i - dLo
    const cell = load<i32>(rowStart + ((<usize>i) << 2)) + k - load<i32>(rowLo + ((<usize>i) << 2))
    const at = trace + ((<usize>cell) << 4)
    if (state == 1) {
      store<u8>(--op, OP_DELETE)
      const extended = (load<u8>(at, 8) & TRACE_E_EXTENDED) != 0
      value += extended ? extendCost : openCost
      if (!extended) state = 0
      j--
    } else if (state == 2) {
      store<u8>(--op, OP_INSERT)
      const extended = (load<u8>(at) & TRACE_F_EXTENDED) != 0
      value += extended ? extendCost : openCost
      if (!extended) state = 0
      i--
    } else if ((load<u8>(at) & TRACE_H_FROM_E) != 0) {
      state = 1
    } else if ((load<u8>(at, 8) & TRACE_F_BEATS_DIAG) != 0) {
      state = 2
    } else {
      store<u8>(--op, OP_PAIR)
      // The interleaved codes hold this lane's subject[j] at position i + k = j - dLo.
      const s = load<u8>(subject + ((<usize>(j - dLo)) << 3))
      const q = load<u8>(query + <usize>i)
      if (q == s) {
        value -= match
        matches++
      } else value -= q == 4 ? ambiguous : mismatch
      if (value == 0) break
      i--
      j--
    }
  }
  store<i32>(paths, <i32>(last - op))
  store<i32>(paths, i, 4)
  store<i32>(paths, j, 8)
  store<i32>(paths, matches, 12)
  return true
}
