import type { Writable } from 'node:stream'

/** Waits until a writable wants more data, or is gone (a consumer that stopped early destroys
 * it, and a bare 'drain' wait would then never settle and leave the process hanging). */
export function writable(stream: Writable): Promise<void> {
  if (stream.destroyed || !stream.writableNeedDrain) return Promise.resolve()
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done)
      stream.off('close', done)
      resolve()
    }
    stream.once('drain', done)
    stream.once('close', done)
  })
}

/** Writes `source` into `target` with back-pressure, then ends it; a failing source destroys
 * the target with its error, so whoever reads the target sees it. */
export async function pump(source: AsyncIterable<Uint8Array>, target: Writable): Promise<void> {
  try {
    for await (const chunk of source) {
      if (target.destroyed) break
      if (!target.write(chunk)) await writable(target)
    }
    if (!target.destroyed) target.end()
  } catch (error) {
    target.destroy(error as Error)
  }
}
