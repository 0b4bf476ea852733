import { CatalogSeedSearch, type SeedSearchPart } from '../seed-index/catalog-search.js'
import { everyRecordCandidates, rankEveryRecord, type EveryRecord } from './every-record.js'
import { rankBySeeds, type Candidate, type Ranking, type RankOptions } from './rank.js'

/**
 * A batch of queries shared by the calling thread and the search threads: each thread claims
 * the next unranked query from `next`, so a thread still warming up takes fewer of them and
 * none waits for another's slice.
 */
export interface SharedBatch {
  readonly queries: readonly Uint8Array[]
  /** One Int32 on a SharedArrayBuffer: the index of the next query nobody has claimed. */
  readonly next: Int32Array
}

/** The queries a thread claimed and their rankings, index for index. */
export interface ClaimedRankings {
  readonly claimed: number[]
  readonly rankings: Ranking[]
}

/** A batch of queries, searched on a worker thread. */
export type SearchBatchTask = SeedBatchTask | EveryRecordBatchTask

/** Queries searched through the seed index. */
export interface SeedBatchTask {
  readonly kind: 'seeds'
  /** Names the search (segments and filter), so a worker builds its scratch once per search. */
  readonly key: string
  /** Segment arrays on SharedArrayBuffers: sent by reference, not copied. */
  readonly parts: readonly SeedSearchPart[]
  readonly candidates: number
  readonly rank: RankOptions
  readonly batch: SharedBatch
}

/** Queries aligned against every record (the exhaustive plan). */
export interface EveryRecordBatchTask {
  readonly kind: 'every-record'
  /** The residues are on a SharedArrayBuffer: sent by reference, not copied. */
  readonly records: EveryRecord
  readonly rank: RankOptions
  readonly batch: SharedBatch
}

/** Searches a worker keeps: a seed search's scratch is 8 bytes per record, too much to rebuild per task. */
const KEEP_SEARCHES = 2
const searches = new Map<string, CatalogSeedSearch | Candidate[]>()

function kept<T extends CatalogSeedSearch | Candidate[]>(key: string, make: () => T): T {
  let search = searches.get(key) as T | undefined
  if (!search) {
    search = make()
    searches.set(key, search)
    for (const old of searches.keys()) if (searches.size > KEEP_SEARCHES) searches.delete(old)
  }
  return search
}

/** The batch's queries this thread claims, ranked: what `Searcher` computes on its own thread. */
export function rankBatch(task: SearchBatchTask): ClaimedRankings {
  const out: ClaimedRankings = { claimed: [], rankings: [] }
  rankClaimed(task.batch, taskRanker(task), out, Infinity)
  return out
}

/**
 * Claims queries of the batch one at a time and ranks them into `out`, until none is left
 * (true) or `deadline` (a `performance.now()` time) has passed (false): the calling thread
 * stops now and then to hear from the search threads.
 */
export function rankClaimed(
  batch: SharedBatch,
  rank: (query: Uint8Array) => Ranking,
  out: ClaimedRankings,
  deadline: number,
): boolean {
  for (;;) {
    const i = Atomics.add(batch.next, 0, 1)
    if (i >= batch.queries.length) return true
    out.claimed.push(i)
    out.rankings.push(rank(batch.queries[i]!))
    if (deadline !== Infinity && performance.now() >= deadline) return false
  }
}

/**
 * Ranks a shared batch on this thread while `threads` (tasks already sent to the search
 * threads, claiming from the same batch) rank it too, pausing every `turnMs` so their messages
 * get through; then every thread's claims, this one's first. If this thread's ranking throws,
 * the rest of the batch is marked claimed so the threads stop, and they are waited for.
 */
export async function rankWithThreads(
  batch: SharedBatch,
  rank: (query: Uint8Array) => Ranking,
  threads: readonly Promise<ClaimedRankings>[],
  turnMs: number,
): Promise<ClaimedRankings[]> {
  // A thread's failure is thrown below, where its result is awaited. Until then it must not
  // count as unhandled: Node would end the process while this thread is still ranking.
  for (const thread of threads) thread.catch(() => {})
  const here: ClaimedRankings = { claimed: [], rankings: [] }
  try {
    while (!rankClaimed(batch, rank, here, performance.now() + turnMs)) {
      await new Promise((resolve) => setImmediate(resolve))
    }
  } catch (error) {
    Atomics.store(batch.next, 0, batch.queries.length)
    await Promise.allSettled(threads)
    throw error
  }
  return [here, ...(await Promise.all(threads))]
}

function taskRanker(task: SearchBatchTask): (query: Uint8Array) => Ranking {
  if (task.kind === 'seeds') {
    const search = kept(task.key, () => new CatalogSeedSearch(task.parts))
    return (query) => rankBySeeds(search, query, task.candidates, task.rank)
  }
  const base = kept(task.records.key, () => everyRecordCandidates(task.records))
  return (query) => rankEveryRecord(task.records, base, query, task.rank)
}
