import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Piscina } from 'piscina'
import type { RankedHit } from './rank.js'
import type { SeedBatchTask } from './seed-worker.js'

let pool: Piscina | null = null

/**
 * The search threads, started on first use and shared by every search in the process: one per
 * core. Idle threads exit after a few seconds, so a finished CLI search does not linger. When
 * the engine runs from TypeScript sources (tests, tsx), workers load the .ts host through tsx.
 */
export function seedSearchPool(): Piscina {
  if (!pool) {
    const fromSource = import.meta.url.endsWith('.ts')
    const host = new URL(
      fromSource ? './seed-worker-host.ts' : './seed-worker-host.js',
      import.meta.url,
    )
    pool = new Piscina({
      filename: fileURLToPath(host),
      name: 'rankSeedBatch',
      minThreads: 0,
      maxThreads: searchThreads(),
      idleTimeout: 5000,
      execArgv: fromSource ? ['--import', 'tsx'] : [],
    })
  }
  return pool
}

export function searchThreads(): number {
  return Math.max(1, availableParallelism())
}

export function runSeedBatch(task: SeedBatchTask): Promise<RankedHit[][]> {
  return seedSearchPool().run(task) as Promise<RankedHit[][]>
}
