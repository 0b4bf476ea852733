import type { PreparedQuery, SharedKmers } from './kmer-index.js'
import { KMER_COUNT_WASM_BASE64 } from './kmer-count-wasm.js'
import { SUBJECT_CODE } from './nucleotides.js'

// The parameter block's word offsets, as in wasm/kmer-count.ts.
const P_SUBJECT = 0
const P_LENGTH = 1
const P_K = 2
const P_CODES = 3
const P_PLACES = 4
const P_PLACE_KMERS = 5
const P_PLACE_IDS = 6
const P_ID_FIRST_PLACE = 7
const P_ID_STRANDS = 8
const P_STAMPS = 9
const P_GENERATION = 10
const P_KEYS = 11
const P_SLOT_IDS = 12
const P_TABLE_SHIFT = 13
const P_FILTER = 14
const P_FILTER_SHIFT = 15
const P_OUT = 16
const P_ID_PLACES = 20
const P_STRETCHES = 21
const P_STEPS = 22
const BLOCK_BYTES = 24 * 4
/** Subject bases a scan takes per call: the stretches it writes take 12 bytes a base at most. */
const SCAN_CHUNK = 1 << 18

/** A query's tables plus a subject range past this run in JavaScript instead (see below). */
const MAX_KERNEL_BYTES = 1 << 26
/** Memory beyond this is given back when the next query is loaded (wasm cannot shrink). */
const KEEP_BYTES = 1 << 24
const PAGE = 65536

interface CountExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number }
  heapBase(): number
  count(block: number): void
  scan(block: number): void
  steps(block: number): void
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object) => { readonly exports: unknown }
}

let countModule: object | null | undefined
let kernel: CountExports | null = null
/** The query whose tables the kernel's memory holds, and where its subject range goes. */
let loaded: { prepared: PreparedQuery; subjectAt: number } | null = null

function loadModule(): object | null {
  if (countModule !== undefined) return countModule
  countModule = null
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly
  if (!api) return null
  try {
    countModule = new api.Module(
      Uint8Array.from(atob(KMER_COUNT_WASM_BASE64), (c) => c.charCodeAt(0)),
    )
  } catch {
    // A runtime without WebAssembly: the JavaScript scan still works.
  }
  return countModule
}

/** Whether the count runs in WebAssembly here (loads it on first use). */
export function kmerCountKernelAvailable(): boolean {
  return loadModule() !== null
}

const align16 = (x: number): number => (x + 15) & ~15

function ensureMemory(k: CountExports, bytes: number): void {
  const have = k.memory.buffer.byteLength
  if (bytes > have) k.memory.grow(Math.ceil((bytes - have) / PAGE))
}

/** The bytes the query's tables take in the kernel's memory, from heapBase on. */
function tableBytes(prepared: PreparedQuery): number {
  const places = prepared.placeKmers.length
  const ids = prepared.distinctKmers
  const slots = prepared.keys.length
  return (
    align16(BLOCK_BYTES) +
    256 +
    2 * align16(4 * places) +
    align16(places) +
    align16(4 * ids) +
    align16(ids) +
    align16(4 * ids) +
    align16(4 * ids) +
    2 * align16(4 * slots) +
    align16(4 * prepared.filter.length)
  )
}

/** Copies the query's tables into the kernel's memory and writes the block's fixed words. */
function load(prepared: PreparedQuery): CountExports {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly!
  if (!kernel || kernel.memory.buffer.byteLength > KEEP_BYTES) {
    kernel = new api.Instance(countModule!).exports as CountExports
  }
  const k = kernel
  const block = k.heapBase()
  ensureMemory(k, block + tableBytes(prepared))
  const buffer = k.memory.buffer
  let at = block + align16(BLOCK_BYTES)
  // `bytes` at `at`, 16-byte aligned; the memory may hold an earlier query's tables.
  const reserve = (bytes: number): Uint8Array => {
    const into = new Uint8Array(buffer, at, bytes)
    at = align16(at + bytes)
    return into
  }
  const put = (array: Int32Array | Uint32Array | Uint8Array): number => {
    const into = reserve(array.byteLength)
    into.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength))
    return into.byteOffset
  }
  const zeroed = (bytes: number): number => reserve(bytes).fill(0).byteOffset
  const words = new Int32Array(buffer, block, BLOCK_BYTES >> 2)
  words[P_K] = prepared.seedK
  words[P_CODES] = put(SUBJECT_CODE)
  words[P_PLACES] = prepared.placeKmers.length
  words[P_PLACE_KMERS] = put(prepared.placeKmers)
  words[P_PLACE_IDS] = put(prepared.placeIds)
  words[P_ID_FIRST_PLACE] = put(prepared.idFirstPlace)
  words[P_ID_STRANDS] = put(prepared.idStrands)
  words[P_ID_PLACES] = put(prepared.idPlaces)
  // Stamps start unset: every generation is above 0.
  words[P_STAMPS] = zeroed(4 * prepared.distinctKmers)
  words[P_KEYS] = put(prepared.keys)
  words[P_SLOT_IDS] = put(prepared.slotIds)
  words[P_TABLE_SHIFT] = Math.clz32(prepared.keys.length) + 1
  words[P_FILTER] = put(prepared.filter)
  words[P_FILTER_SHIFT] = prepared.filterShift
  words[P_STEPS] = reserve(prepared.placeKmers.length).byteOffset
  k.steps(block)
  loaded = { prepared, subjectAt: at }
  return k
}

/**
 * countSharedKmersByStrand's scan of `subject[start, end)` in WebAssembly, under `generation`
 * (1 starts afresh: a query's first count, or the first after the generations wrapped, so the
 * query's stamps are cleared), or null where the runtime has no WebAssembly or the query and
 * range would take over 64 MB of its memory.
 */
export function countInKernel(
  prepared: PreparedQuery,
  subject: Uint8Array,
  start: number,
  end: number,
  generation: number,
): SharedKmers | null {
  if (!loadModule()) return null
  const length = end - start
  if (tableBytes(prepared) + length > MAX_KERNEL_BYTES) return null
  const k = loaded?.prepared === prepared && generation !== 1 ? kernel! : load(prepared)
  const subjectAt = loaded!.subjectAt
  ensureMemory(k, subjectAt + length)
  const buffer = k.memory.buffer
  new Uint8Array(buffer, subjectAt, length).set(subject.subarray(start, end))
  const block = k.heapBase()
  const words = new Int32Array(buffer, block, BLOCK_BYTES >> 2)
  words[P_SUBJECT] = subjectAt
  words[P_LENGTH] = length
  words[P_GENERATION] = generation
  k.count(block)
  const [total, forward, reverse, ambiguous] = words.subarray(P_OUT)
  return { total: total!, forward: forward!, reverse: reverse!, ambiguous: ambiguous! }
}

/**
 * scanSubject's stretches of `subject[start, end)`, found in WebAssembly and passed to
 * `onStretch` in order, or false (and nothing passed) where the runtime has no WebAssembly or
 * the query's tables and a chunk of the range would take over 64 MB of its memory. The range
 * is scanned in chunks of k-mer starts, each copied with the k - 1 bases its last k-mers end
 * in; a stretch a chunk's end cuts goes on in the next chunk's first, which seeding takes as
 * the same run.
 */
export function scanInKernel(
  prepared: PreparedQuery,
  subject: Uint8Array,
  start: number,
  end: number,
  onStretch: (place: number, subjectPos: number, hits: number) => void,
): boolean {
  if (!loadModule()) return false
  const chunk = Math.min(SCAN_CHUNK, Math.max(0, end - start))
  const copied = chunk + prepared.seedK - 1
  if (tableBytes(prepared) + 13 * copied + 64 > MAX_KERNEL_BYTES) return false
  const k = loaded?.prepared === prepared ? kernel! : load(prepared)
  const subjectAt = loaded!.subjectAt
  const stretchesAt = align16(subjectAt + copied)
  ensureMemory(k, stretchesAt + 12 * copied)
  const block = k.heapBase()
  for (let from = start; from < end; from += chunk) {
    const to = Math.min(end, from + copied)
    const buffer = k.memory.buffer
    new Uint8Array(buffer, subjectAt, to - from).set(subject.subarray(from, to))
    const words = new Int32Array(buffer, block, BLOCK_BYTES >> 2)
    words[P_SUBJECT] = subjectAt
    words[P_LENGTH] = to - from
    words[P_STRETCHES] = stretchesAt
    k.scan(block)
    const stretches = new Int32Array(buffer, stretchesAt, 3 * words[P_OUT]!)
    for (let t = 0; t < stretches.length; t += 3)
      onStretch(stretches[t]!, from + stretches[t + 1]!, stretches[t + 2]!)
  }
  return true
}
