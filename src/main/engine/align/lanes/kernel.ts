import type { LocalPath } from '../banded-sw.js'
import type { AlignmentScoring } from '../types.js'
import { WINDOW_CODE } from '../nucleotides.js'
import { slabUint8 } from '../typed-slab.js'
import { KERNEL_WASM_BASE64 } from './kernel-wasm.js'
import type { LaneTask } from './lanes.js'

/** Subject windows per kernel call: one per int16 lane of a 128-bit vector. */
export const LANES = 8
/** Traceback bytes per cell of the common frame: two per lane. */
export const TRACE_BYTES_PER_CELL = 16

/** One window of a batch: a task whose band is already clamped as bandedLocalAlign clamps it. */
export type LaneInput = LaneTask

// The parameter block, as in wasm/lanes.ts: words 0-7 are n, W, match, mismatch, the gap open
// and extend costs, query and subject; 8-15 HF, the least score traced, kStart, kEnd, rowLo,
// rowHi, midLo and midHi; 16-23 rowStart, trace, out, ops, the ops stride, paths, the lane
// count and the window code table; 24 the score profile, 25 a query N's score; from 26,
// 8 words per lane.
const P_N = 0
const P_HF = 8
const P_ROW_START = 16
const P_PROFILE = 24
const P_AMBIGUOUS = 25
const P_LANES = 26
const BLOCK_BYTES = (P_LANES + LANES * 8) * 4

/** Bytes per subject position of the kernel's score profile: an i16x8 per query code 0..4. */
const PROFILE_STRIDE = 5 * 16
/** Query codes the kernel takes (0..3 for ACGT, 4 for the rest): its profile has no others. */
export const MAX_KERNEL_QUERY_CODE = 4

/** As in wasm/lanes.ts: the kernel holds a score s as s + SCORE_OFFSET, so int16 reaches 65535. */
const SCORE_OFFSET = -32768

const PAGE = 65536
/**
 * Memory beyond this is given back by dropping the instance (wasm cannot shrink), once the
 * kernel has been idle for KEEP_IDLE_MS. Not at once: a genome query's batches each need ~33 MB,
 * and a fresh instance pays for every page again, some milliseconds per batch.
 */
const KEEP_BYTES = 1 << 25
const KEEP_IDLE_MS = 2000

// The engine's tsconfig has no DOM lib, which is where TypeScript declares WebAssembly.
interface WasmMemory {
  readonly buffer: ArrayBuffer
  grow(pages: number): number
}
interface KernelExports {
  readonly memory: WasmMemory
  heapBase(): number
  prepare(block: number): number
  align(block: number): void
  traceBack(block: number): number
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object) => { readonly exports: unknown }
}

// The smallest module using a SIMD instruction: () -> v128 { i8x16.popcnt(i8x16.splat(0)) }.
// prettier-ignore
const SIMD_PROBE = Uint8Array.of(
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15,
  253, 98, 11,
)

let kernelModule: object | null | undefined
let kernel: KernelExports | null = null

/** The compiled kernel, or null where WebAssembly or its SIMD is unavailable. */
function loadModule(): object | null {
  if (kernelModule !== undefined) return kernelModule
  kernelModule = null
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly
  if (!api?.validate(SIMD_PROBE)) return null
  const bytes = Uint8Array.from(atob(KERNEL_WASM_BASE64), (c) => c.charCodeAt(0))
  try {
    kernelModule = new api.Module(bytes)
  } catch {
    // A runtime that validates the probe but rejects the kernel: the scalar code still works.
  }
  return kernelModule
}

/** Whether the SIMD kernel can run here (loads it on first use). */
export function laneKernelAvailable(): boolean {
  return loadModule() !== null
}

function instance(): KernelExports {
  if (kernel) return kernel
  const module = loadModule()
  if (!module) throw new Error('the SIMD lanes kernel is unavailable')
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly!
  kernel = new api.Instance(module).exports as KernelExports
  return kernel
}

function ensureMemory(k: KernelExports, bytes: number): void {
  const have = k.memory.buffer.byteLength
  if (bytes > have) k.memory.grow(Math.ceil((bytes - have) / PAGE))
}

let release: ReturnType<typeof setTimeout> | null = null

/** Bytes of wasm memory the kernel holds now (0 when it has no instance). */
export function kernelMemoryBytes(): number {
  return kernel?.memory.buffer.byteLength ?? 0
}

/**
 * Drops an instance whose memory grew large once the kernel is idle, so that a burst of large
 * batches does not pin it.
 */
export function releaseLargeKernelMemory(): void {
  if (release) clearTimeout(release)
  release = null
  if (!kernel || kernel.memory.buffer.byteLength <= KEEP_BYTES) return
  release = setTimeout(() => {
    kernel = null
    release = null
  }, KEEP_IDLE_MS)
  // Not a reason to keep a finished process alive.
  release.unref?.()
}

const align16 = (x: number): number => (x + 15) & ~15

/** Byte offsets in wasm memory of one batch's inputs and of the kernel's arrays. */
interface Layout {
  readonly windowCode: number
  readonly query: number
  readonly windows: readonly number[]
  readonly rows: readonly number[]
  readonly subject: number
  readonly profile: number
  readonly hf: number
  readonly kStart: number
  readonly kEnd: number
  readonly rowLo: number
  readonly rowHi: number
  readonly midLo: number
  readonly midHi: number
  readonly rowStart: number
  /** The traceback goes last: its size is known once prepare() has run. */
  readonly trace: number
  readonly out: number
  readonly ops: number
  readonly opsStride: number
  readonly paths: number
}

/** Hands out 16-byte aligned ranges of wasm memory, one after the other. */
class Arena {
  constructor(public at: number) {}
  take(bytes: number): number {
    const start = this.at
    this.at = align16(start + bytes)
    return start
  }
}

// Plain statements, no spreads or closures: this runs once per batch, and at n = 150 a batch's
// alignment takes only some 20 µs.
function layout(from: number, n: number, width: number, lanes: readonly LaneInput[]): Layout {
  const arena = new Arena(from)
  const windowCode = arena.take(256)
  const query = arena.take(n)
  const windows: number[] = []
  const rows: number[] = []
  for (const lane of lanes) windows.push(arena.take(windowEnd(lane, n) - windowStart(lane)))
  for (const lane of lanes) rows.push(lane.rows ? arena.take(8 * n) : 0)
  const subject = arena.take((n + width) * LANES)
  const profile = arena.take((n + width) * PROFILE_STRIDE)
  const hf = arena.take((width + 1) * 32)
  const kStart = arena.take(n * 16)
  const kEnd = arena.take(n * 16)
  const rowLo = arena.take(n * 4)
  const rowHi = arena.take(n * 4)
  const midLo = arena.take(n * 4)
  const midHi = arena.take(n * 4)
  const rowStart = arena.take(n * 4)
  const out = arena.take(48)
  const paths = arena.take(LANES * 16)
  const opsStride = align16(2 * n + width)
  const ops = arena.take(LANES * opsStride)
  const trace = arena.at
  return {
    windowCode,
    query,
    windows,
    rows,
    subject,
    profile,
    hf,
    kStart,
    kEnd,
    rowLo,
    rowHi,
    midLo,
    midHi,
    rowStart,
    trace,
    out,
    ops,
    opsStride,
    paths,
  }
}

/**
 * Aligns `query` against up to LANES windows in one kernel call: per lane, what
 * bandedLocalAlign returns for it, or null when that scores below `traceFrom` (such a path is
 * not traced). The caller has checked that every score fits the kernel (see lanes.ts) and that
 * every lane's band is non-empty.
 */
export function alignLanes(
  query: Uint8Array,
  n: number,
  lanes: readonly LaneInput[],
  scoring: AlignmentScoring,
  traceFrom = 1,
): (LocalPath | null)[] {
  const k = instance()
  let width = 0
  for (const lane of lanes) width = Math.max(width, lane.dHi - lane.dLo + 1)
  const block = k.heapBase()
  const at = layout(block + BLOCK_BYTES, n, width, lanes)
  ensureMemory(k, at.trace)

  const words = new Int32Array(k.memory.buffer, block, BLOCK_BYTES >> 2)
  const { match, mismatch, gapOpen, gapExtend } = scoring
  words.set([n, width, match, mismatch, gapOpen + gapExtend, gapExtend, at.query, at.subject], P_N)
  // Clamped to int32; anything at or below 1 traces every path with a positive score.
  const least = Math.min(Math.max(Math.ceil(traceFrom), 1), 2 ** 31 - 1)
  words.set([at.hf, least, at.kStart, at.kEnd, at.rowLo, at.rowHi, at.midLo, at.midHi], P_HF)
  words.set(
    [at.rowStart, at.trace, at.out, at.ops, at.opsStride, at.paths, lanes.length, at.windowCode],
    P_ROW_START,
  )
  words[P_PROFILE] = at.profile
  words[P_AMBIGUOUS] = scoring.queryAmbiguous ?? 0
  const bytes = new Uint8Array(k.memory.buffer)
  bytes.set(WINDOW_CODE, at.windowCode)
  bytes.set(query.subarray(0, n), at.query)
  lanes.forEach((lane, l) => {
    const jLo = windowStart(lane)
    const jHi = windowEnd(lane, n)
    bytes.set(lane.subject.subarray(jLo, jHi), at.windows[l])
    const rowsLo = at.rows[l]!
    if (lane.rows) {
      new Int32Array(k.memory.buffer, rowsLo, n).set(lane.rows.lo.subarray(0, n))
      new Int32Array(k.memory.buffer, rowsLo + 4 * n, n).set(lane.rows.hi.subarray(0, n))
    }
    const { dLo, dHi, m } = lane
    const rowsHi = rowsLo && rowsLo + 4 * n
    words.set([dLo, dHi - dLo + 1, m, at.windows[l]!, jLo, jHi, rowsLo, rowsHi], P_LANES + 8 * l)
  })
  // Unused lanes repeat lane 0, so that rows keep a range common to all lanes, which the kernel
  // computes without masks; their paths are not followed.
  for (let l = lanes.length; l < LANES; l++) {
    words.copyWithin(P_LANES + 8 * l, P_LANES, P_LANES + 8)
  }

  const cells = k.prepare(block)
  ensureMemory(k, at.trace + cells * TRACE_BYTES_PER_CELL)
  k.align(block)
  if (k.traceBack(block) !== 0) throw new Error('lanes traceback left the matrix')
  const buffer = k.memory.buffer
  return lanes.map((lane, l) =>
    readPath(buffer, l, at.out, at.paths, at.ops + (l + 1) * at.opsStride, lane.dLo, least),
  )
}

/** Lane `l`'s path as bandedLocalAlign returns it, its ops copied out of wasm memory. */
function readPath(
  buffer: ArrayBuffer,
  l: number,
  outAt: number,
  pathsAt: number,
  opsEnd: number,
  dLo: number,
  least: number,
): LocalPath | null {
  const out = new Int16Array(buffer, outAt, 3 * LANES)
  const score = out[l]! - SCORE_OFFSET
  if (score < least) return null
  const endI = out[LANES + l]!
  const [count, queryStart, subjectStart, matches] = new Int32Array(buffer, pathsAt + 16 * l, 4)
  const ops = slabUint8(count!)
  ops.set(new Uint8Array(buffer, opsEnd - count!, count))
  return {
    score,
    queryStart: queryStart!,
    queryEnd: endI + 1,
    subjectStart: subjectStart!,
    subjectEnd: endI + dLo + out[2 * LANES + l]! + 1,
    ops,
    matches: matches!,
  }
}

// The window positions [start, end) a lane's band reaches: j = i + k + dLo inside [0, m).
const windowStart = (lane: LaneInput): number => Math.max(0, lane.dLo)
const windowEnd = (lane: LaneInput, n: number): number => Math.min(lane.m, lane.dHi + n)
