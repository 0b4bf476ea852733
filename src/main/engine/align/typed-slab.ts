/**
 * Zeroed typed arrays carved from shared buffers, for the search's hot path.
 *
 * V8 gives every `new Int32Array(n)` its own ArrayBuffer, and past 64 bytes that buffer is an
 * off-heap allocation, zeroed and registered with the garbage collector: about a microsecond
 * each on Node 20 (measured: 18 arrays of a read's tables' sizes, 12.6 µs; one buffer and 18
 * views of it, 1.3 µs). A search makes about a hundred such arrays per query (the query's
 * k-mer tables, each band's rows and window, each alignment's path), which cost a 150 bp read
 * more than aligning it. Views of one chunk cost tens of nanoseconds.
 *
 * A view keeps its whole chunk alive, so take from here only what lives as long as a query:
 * a long-lived array of 100 bytes would pin CHUNK_BYTES. Never transfer a slab array's
 * `.buffer`, nor read it without `byteOffset`: other arrays share it.
 */
const CHUNK_BYTES = 1 << 16
/** Larger requests get a buffer of their own: the allocation is small beside filling them. */
const OWN_BUFFER_BYTES = CHUNK_BYTES >> 2

let chunk = new ArrayBuffer(CHUNK_BYTES)
let used = 0

/** `bytes` zeroed bytes at an 8-byte-aligned offset: a fresh chunk's, never handed out before. */
function carve(bytes: number): { buffer: ArrayBuffer; offset: number } {
  if (bytes > OWN_BUFFER_BYTES) return { buffer: new ArrayBuffer(bytes), offset: 0 }
  let offset = (used + 7) & ~7
  if (offset + bytes > CHUNK_BYTES) {
    chunk = new ArrayBuffer(CHUNK_BYTES)
    offset = 0
  }
  used = offset + bytes
  return { buffer: chunk, offset }
}

/** Same as `new Int32Array(length)`, from a shared chunk. */
export function slabInt32(length: number): Int32Array {
  const { buffer, offset } = carve(4 * length)
  return new Int32Array(buffer, offset, length)
}

/** Same as `new Uint32Array(length)`, from a shared chunk. */
export function slabUint32(length: number): Uint32Array {
  const { buffer, offset } = carve(4 * length)
  return new Uint32Array(buffer, offset, length)
}

/** Same as `new Uint8Array(length)`, from a shared chunk. */
export function slabUint8(length: number): Uint8Array {
  const { buffer, offset } = carve(length)
  return new Uint8Array(buffer, offset, length)
}
