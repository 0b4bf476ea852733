/** Constructors of the typed arrays a seed index is made of. */
type ArrayType<T> = { new (buffer: SharedArrayBuffer): T; readonly BYTES_PER_ELEMENT: number }

/**
 * A zeroed typed array on a SharedArrayBuffer. Seed indexes and record masks are allocated this
 * way so that search workers are sent them by reference: a message holding one shares the
 * memory instead of copying hundreds of megabytes.
 */
export function sharedArray<T>(type: ArrayType<T>, length: number): T {
  return new type(new SharedArrayBuffer(length * type.BYTES_PER_ELEMENT))
}
