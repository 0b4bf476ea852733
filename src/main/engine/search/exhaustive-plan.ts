import { DEFAULT_SEED_K } from '../align/align.js'
import type { Catalog } from '../catalog/catalog.js'
import { exhaustiveSet } from './candidates.js'
import { SHARING_SAMPLE, recordsShareKmers } from './record-kmers.js'
import { fetchSequences } from './rerank.js'

/**
 * Up to this many residues in all, the exhaustive plan scans records whatever they hold: a
 * query's pre-score and seeding then cost a few milliseconds. Past it, only records that share
 * k-mers as relatives do are searched exhaustively, because their k-mer sets and blocks spare
 * the scans (the demo's 418 SARS-CoV-2 genomes, 12.5 Mb). Records unlike one another (three
 * 5 Mb bacterial chromosomes) would be scanned whole for every query: 200 reads took 10.7 s,
 * 54 ms a read, where the seed index finds each read's place in the chromosomes directly.
 */
export const EXHAUSTIVE_SCAN_RESIDUES = 2_000_000

/** Per open catalog and filter, whether its records are relatives (a catalog is pinned). */
const alike = new WeakMap<Catalog, Map<string, Promise<boolean>>>()

/**
 * The records an exhaustive search aligns under `where`, or null when the catalog should be
 * searched through its seed index or vectors: too many records or residues (see
 * exhaustiveSet), or more than EXHAUSTIVE_SCAN_RESIDUES of records that share few k-mers.
 */
export async function exhaustivePlan(
  catalog: Catalog,
  where: string | undefined,
  eligible: number,
): Promise<{ rids: bigint[]; residues: number } | null> {
  const set = await exhaustiveSet(catalog, where, eligible)
  if (!set || set.residues <= EXHAUSTIVE_SCAN_RESIDUES) return set
  let byFilter = alike.get(catalog)
  if (!byFilter) alike.set(catalog, (byFilter = new Map<string, Promise<boolean>>()))
  const key = where ?? ''
  let answer = byFilter.get(key)
  if (!answer) {
    answer = sampleShares(catalog, set.rids, set.lengths)
    const filters = byFilter
    answer.catch(() => filters.delete(key))
    byFilter.set(key, answer)
  }
  return (await answer) ? set : null
}

/** Whether the first records, up to SHARING_SAMPLE bases, share k-mers as relatives do. */
async function sampleShares(
  catalog: Catalog,
  rids: readonly bigint[],
  lengths: readonly number[],
): Promise<boolean> {
  const sample: bigint[] = []
  for (let r = 0, bases = 0; r < rids.length && bases < SHARING_SAMPLE; r++) {
    sample.push(rids[r]!)
    bases += lengths[r]!
  }
  const sequences = await fetchSequences(catalog, sample)
  // In the catalog's order, as the k-mer sets' build would take them.
  const inOrder = sample.map((rid) => sequences.get(rid)).filter((s) => s !== undefined)
  return recordsShareKmers(inOrder, DEFAULT_SEED_K)
}
