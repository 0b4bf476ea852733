import { CatalogSeedSearch, type SeedSearchPart } from '../seed-index/catalog-search.js'
import { everyRecordCandidates, rankEveryRecord, type EveryRecord } from './every-record.js'
import { rankBySeeds, type Candidate, type Ranking, type RankOptions } from './rank.js'

/** A slice of a batch of queries, searched on a worker thread. */
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
  readonly queries: readonly Uint8Array[]
}

/** Queries aligned against every record (the exhaustive plan). */
export interface EveryRecordBatchTask {
  readonly kind: 'every-record'
  /** The residues are on a SharedArrayBuffer: sent by reference, not copied. */
  readonly records: EveryRecord
  readonly rank: RankOptions
  readonly queries: readonly Uint8Array[]
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

/** Each query's ranking, in the task's order: what `Searcher` computes on its own thread. */
export function rankBatch(task: SearchBatchTask): Ranking[] {
  if (task.kind === 'seeds') {
    const search = kept(task.key, () => new CatalogSeedSearch(task.parts))
    return task.queries.map((query) => rankBySeeds(search, query, task.candidates, task.rank))
  }
  const base = kept(task.records.key, () => everyRecordCandidates(task.records))
  return task.queries.map((query) => rankEveryRecord(task.records, base, query, task.rank))
}
