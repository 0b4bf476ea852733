import { describe, expect, it } from 'vitest'
import type { Ranking } from './rank.js'
import {
  rankClaimed,
  rankWithThreads,
  type ClaimedRankings,
  type SharedBatch,
} from './search-worker.js'

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

  it('passes on a thread that fails while this thread still ranks, without ending the process', async () => {
    const batch = batchOf(40)
    // Fails before this thread is done: had it no handler until then, Node would call the
    // rejection unhandled (and vitest fails a run that has one).
    const failing = new Promise<ClaimedRankings>((_, reject) =>
      setTimeout(() => reject(new Error('thread failed')), 2),
    )
    const slowly = (query: Uint8Array): Ranking => {
      const until = performance.now() + 1
      while (performance.now() < until);
      return rankByContent(query)
    }
    await expect(rankWithThreads(batch, slowly, [failing], 1)).rejects.toThrow('thread failed')
    expect(batch.next[0]).toBeGreaterThanOrEqual(40)
  })

  it('gives every claim back, this thread first, and stops the threads when it throws', async () => {
    const batch = batchOf(6)
    const thread = Promise.resolve<ClaimedRankings>({ claimed: [], rankings: [] })
    const claims = await rankWithThreads(batch, rankByContent, [thread], 5)
    expect(claims.map((c) => c.claimed)).toEqual([[0, 1, 2, 3, 4, 5], []])

    const broken = batchOf(6)
    const throws = (query: Uint8Array): Ranking => {
      if (query[0] === 2) throw new Error('bad query')
      return rankByContent(query)
    }
    await expect(rankWithThreads(broken, throws, [thread], 5)).rejects.toThrow('bad query')
    expect(broken.next[0]).toBeGreaterThanOrEqual(6)
  })
})
