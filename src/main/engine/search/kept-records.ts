import type { Catalog } from '../catalog/catalog.js'
import type { EveryRecord } from './every-record.js'
import type { Candidate } from './rank.js'

/**
 * The exhaustive plan's records of one open catalog under one filter, kept from one search to
 * the next. The app opens a searcher per search; without this each one fetched the records
 * again (60-240 ms for the demo's 418 genomes) and never had the k-mer sets, which wait for
 * several queries (see RECORD_KMERS_MIN_QUERIES in search.ts). A catalog object is pinned to one
 * committed version, so its records under a filter do not change while it is open.
 */
export interface KeptRecords {
  /** The packed records; replaced by the packing with its k-mer sets once they are built. */
  every: EveryRecord
  /** `everyRecordCandidates(every)`, made on first use. */
  candidates: Candidate[] | null
  /** Queries ranked on these records so far, by every searcher. */
  queriesRanked: number
}

/**
 * Filters whose records are kept per open catalog, the latest used: a researcher going back and
 * forth between two filters keeps both. Each holds up to 20 MB of residues and their k-mer sets.
 */
export const KEEP_FILTERS = 2

const kept = new WeakMap<Catalog, Map<string, Promise<KeptRecords>>>()

/**
 * The records kept for `catalog` under the filter `where` (its SQL; none for all records), or,
 * the first time, those `load` packs. A failed load is not kept: the next search tries again.
 */
export function keptRecords(
  catalog: Catalog,
  where: string | undefined,
  load: () => Promise<EveryRecord>,
): Promise<KeptRecords> {
  let byFilter = kept.get(catalog)
  if (!byFilter) kept.set(catalog, (byFilter = new Map<string, Promise<KeptRecords>>()))
  const filters = byFilter
  const key = where ?? ''
  let entry = filters.get(key)
  if (entry) {
    filters.delete(key) // set again below, as the latest used
  } else {
    const loading = load().then((every) => ({ every, candidates: null, queriesRanked: 0 }))
    loading.catch(() => {
      if (filters.get(key) === loading) filters.delete(key)
    })
    entry = loading
    while (filters.size >= KEEP_FILTERS) filters.delete(filters.keys().next().value!)
  }
  filters.set(key, entry)
  return entry
}
