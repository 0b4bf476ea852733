import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Piscina } from 'piscina'
import { unpackClaims, type PackedClaims } from './packed-rankings.js'
import type { ClaimedRankings, SearchBatchTask } from './search-worker.js'

let pool: Piscina | null = null

/**
 * The search threads, started on first use and shared by every search in the process: up to
 * one per core (a batch uses one per other core, its calling thread ranks too). Idle threads
 * exit after a few seconds, so a finished CLI search does not linger. When the engine runs
 * from TypeScript sources (tests, tsx), workers load the .ts host through tsx.
 */
export function searchPool(): Piscina {
  if (!pool) {
    const fromSource = import.meta.url.endsWith('.ts')
    const host = new URL(
      fromSource ? './search-worker-host.ts' : './search-worker-host.js',
      import.meta.url,
    )
    pool = new Piscina({
      filename: fileURLToPath(host),
      name: 'rankBatchPacked',
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

/**
 * Whether search threads are up (they exit after a few idle seconds): then a batch pays only a
 * message to share them, however small.
 */
export function searchThreadsRunning(): boolean {
  return pool !== null && pool.threads.length > 0
}

let rankedOnThreads = 0

/** Queries the search threads have ranked in this process (tests check a batch was shared). */
export function queriesRankedOnThreads(): number {
  return rankedOnThreads
}

export async function runSearchBatch(task: SearchBatchTask): Promise<ClaimedRankings> {
  const reply = (await searchPool().run(task)) as PackedClaims | ClaimedRankings
  const ranked = 'numbers' in reply ? unpackClaims(reply) : reply
  rankedOnThreads += ranked.claimed.length
  return ranked
}
