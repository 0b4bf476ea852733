// Thin Piscina entry: the logic lives in search-worker.ts, testable without a thread.
import { packClaims, type PackedClaims } from './packed-rankings.js'
import { rankBatch, type ClaimedRankings, type SearchBatchTask } from './search-worker.js'

/** The thread's rankings, packed into numbers when they can be (see packed-rankings.ts). */
export function rankBatchPacked(task: SearchBatchTask): PackedClaims | ClaimedRankings {
  const claims = rankBatch(task)
  return packClaims(claims) ?? claims
}
