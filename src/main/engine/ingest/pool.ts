import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Piscina } from 'piscina'

/**
 * The pool of parser/embedder threads. When the engine runs from TypeScript sources (tests,
 * tsx), workers load the .ts host through tsx; built code loads the compiled .js host.
 */
export function createChunkPool(threads = defaultThreads()): Piscina {
  const fromSource = import.meta.url.endsWith('.ts')
  const host = new URL(fromSource ? './worker-host.ts' : './worker-host.js', import.meta.url)
  return new Piscina({
    filename: fileURLToPath(host),
    name: 'runChunk',
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 1000,
    execArgv: fromSource ? ['--import', 'tsx'] : [],
  })
}

export function defaultThreads(): number {
  return Math.max(1, availableParallelism())
}
