/**
 * Arrow-layout columns (bytes + offsets) built in workers and transferred, not copied.
 * Builders are reused from chunk to chunk and hand out exact-size copies: growing fresh
 * buffers for every chunk cost about a million page faults per million reads.
 */
export interface ByteColumn {
  readonly data: Uint8Array
  /** count + 1 offsets into data. */
  readonly offsets: Int32Array
}

const encoder = new TextEncoder()

export class ByteColumnBuilder {
  private data = new Uint8Array(1 << 16)
  private offsets = new Int32Array(1024)
  private size = 0
  count = 0

  push(bytes: Uint8Array, start: number, end: number): void {
    const length = end - start
    this.reserve(length)
    this.data.set(bytes.subarray(start, end), this.size)
    this.size += length
    this.offsets[++this.count] = this.size
  }

  pushString(text: string): void {
    this.reserve(text.length * 3)
    const { written } = encoder.encodeInto(text, this.data.subarray(this.size))
    this.size += written
    this.offsets[++this.count] = this.size
  }

  private reserve(bytes: number): void {
    if (this.count + 2 > this.offsets.length) {
      const grown = new Int32Array(this.offsets.length * 2)
      grown.set(this.offsets)
      this.offsets = grown
    }
    if (this.size + bytes > this.data.length) {
      let capacity = this.data.length * 2
      while (capacity < this.size + bytes) capacity *= 2
      const grown = new Uint8Array(capacity)
      grown.set(this.data.subarray(0, this.size))
      this.data = grown
    }
  }

  /** Exact-size copies, so the builder's buffers can be reused for the next chunk. */
  build(): ByteColumn {
    return { data: this.data.slice(0, this.size), offsets: this.offsets.slice(0, this.count + 1) }
  }

  reset(): void {
    this.size = 0
    this.count = 0
  }
}

/** A growable typed array. */
export class GrowableFloat32 {
  private values = new Float32Array(1 << 14)
  length = 0

  /** Reserves `n` more values and returns the offset where they start. */
  append(n: number): number {
    if (this.length + n > this.values.length) {
      let capacity = this.values.length * 2
      while (capacity < this.length + n) capacity *= 2
      const grown = new Float32Array(capacity)
      grown.set(this.values.subarray(0, this.length))
      this.values = grown
    }
    const offset = this.length
    this.length += n
    return offset
  }

  get array(): Float32Array {
    return this.values
  }

  build(): Float32Array {
    return this.values.slice(0, this.length)
  }

  reset(): void {
    this.length = 0
  }
}

export class GrowableInt32 {
  private values = new Int32Array(1024)
  length = 0

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.length++] = value
  }

  build(): Int32Array {
    return this.values.slice(0, this.length)
  }

  reset(): void {
    this.length = 0
  }
}
