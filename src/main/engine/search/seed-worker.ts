import { CatalogSeedSearch, type SeedSearchPart } from '../seed-index/catalog-search.js'
import { rankBySeeds, type RankedHit, type RankOptions } from './rank.js'

/** A slice of a batch of queries, searched through the seed index on a worker thread. */
export interface SeedBatchTask {
  /** Names the search (segments and filter), so a worker builds its scratch once per search. */
  readonly key: string
  /** Segment arrays on SharedArrayBuffers: sent by reference, not copied. */
  readonly parts: readonly SeedSearchPart[]
  readonly candidates: number
  readonly rank: RankOptions
  readonly queries: readonly Uint8Array[]
}

/** Searches a worker keeps: the scratch is 8 bytes per record, too much to rebuild per task. */
const KEEP_SEARCHES = 2
const searches = new Map<string, CatalogSeedSearch>()

function searchFor(task: SeedBatchTask): CatalogSeedSearch {
  let search = searches.get(task.key)
  if (!search) {
    search = new CatalogSeedSearch(task.parts)
    searches.set(task.key, search)
    for (const key of searches.keys()) if (searches.size > KEEP_SEARCHES) searches.delete(key)
  }
  return search
}

/** Each query's best hits, in the task's order: what `Searcher` computes on its own thread. */
export function rankSeedBatch(task: SeedBatchTask): RankedHit[][] {
  const search = searchFor(task)
  return task.queries.map((query) => rankBySeeds(search, query, task.candidates, task.rank))
}
