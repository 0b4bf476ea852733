/**
 * When to index and how. Below FLAT_LIMIT rows an exact scan takes at most ~25 ms, so a
 * table stays flat and search is exact. Above it an IVF-PQ index is built; rows appended
 * later are first searched exactly (LanceDB scans what the index does not cover) and folded
 * into the index by `optimize`, which keeps the trained partitions; the partitions are only
 * retrained once appended rows outnumber half of what they were trained on.
 */
export const FLAT_LIMIT = 100_000

/** Retrain when unindexed rows exceed this fraction of the indexed ones. */
export const RETRAIN_FRACTION = 0.5

/** Vectors are L2-normalised, so cosine ranks as inner product does; one metric everywhere. */
export const DISTANCE = 'cosine' as const

export interface IvfPqParams {
  readonly numPartitions: number
  readonly numSubVectors: number
}

/** About √n partitions (LanceDB's guidance); 8 dimensions per PQ sub-vector. */
export function ivfPqParams(rows: number, dimensions: number): IvfPqParams {
  return {
    numPartitions: Math.max(8, Math.min(4096, Math.round(Math.sqrt(rows)))),
    numSubVectors: Math.max(1, Math.floor(dimensions / 8)),
  }
}

/**
 * Partitions to probe per query: 5% of them, at least 16. Candidates are re-ranked by exact
 * vectors (refine) and then by alignment, so probing wide buys recall cheaply.
 */
export function probes(numPartitions: number): number {
  return Math.min(numPartitions, Math.max(16, Math.ceil(numPartitions * 0.05)))
}

export const REFINE_FACTOR = 4
