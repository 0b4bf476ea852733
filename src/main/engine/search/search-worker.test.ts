import { describe, expect, it } from 'vitest'
import type { Ranking } from './rank.js'
import { rankClaimed, type ClaimedRankings, type SharedBatch } from './search-worker.js'

/** A stand-in ranking that tells which query it was made from. */
function rankByContent(query: Uint8Array): Ranking {
  return { top: [], scored: query[0]!, aligned: query.length, overBudget: false }
}

function batchOf(count: number): SharedBatch {
  const queries = Array.from({ length: count }, (_, i) => new Uint8Array(i + 1).fill(i))
  return { queries, next: new Int32Array(new SharedArrayBuffer(4)) }
}

describe('a shared batch', () => {
  it('gives each query to exactly one claimer, its ranking beside its index', () => {
    const batch = batchOf(25)
    const claimers: ClaimedRankings[] = [0, 1, 2].map(() => ({ claimed: [], rankings: [] }))
    // A deadline already past: each call claims and ranks one query, so the three interleave.
    let done = 0
    for (let turn = 0; done < claimers.length; turn++) {
      if (rankClaimed(batch, rankByContent, claimers[turn % 3]!, -Infinity)) done++
    }
    const claimed = claimers.flatMap((c) => c.claimed).sort((a, b) => a - b)
    expect(claimed).toEqual([...Array(25).keys()])
    for (const { claimed, rankings } of claimers) {
      expect(claimed.length).toBeGreaterThan(5)
      expect(rankings.map((r) => r.scored)).toEqual(claimed)
      expect(rankings.map((r) => r.aligned)).toEqual(claimed.map((i) => i + 1))
    }
  })

  it('stops at its deadline and goes on where the batch left off', () => {
    const batch = batchOf(10)
    const here: ClaimedRankings = { claimed: [], rankings: [] }
    expect(rankClaimed(batch, rankByContent, here, -Infinity)).toBe(false)
    expect(here.claimed).toEqual([0])
    const thread: ClaimedRankings = { claimed: [], rankings: [] }
    expect(rankClaimed(batch, rankByContent, thread, Infinity)).toBe(true)
    expect(thread.claimed).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    // Nothing left: a late claimer ranks nothing.
    expect(rankClaimed(batch, rankByContent, here, Infinity)).toBe(true)
    expect(here.claimed).toEqual([0])
  })
})
