import { SeedSearch, type SeedCandidate } from './seed-candidates.js'
import { residuesOf, type SeedIndex } from './seed-index.js'

/** A record to align, found through the seed index. */
export interface SeedHitRegion {
  readonly rid: bigint
  readonly subject: Uint8Array
  /** Subject ranges where the query's seeds cluster (both strands' clusters together). */
  readonly ranges: [number, number][]
  /** Marks a candidate found by seeds, whose band the ranking draws narrower. */
  readonly seeded: true
}

/** A segment and the records a search may return from it: what a search worker is sent. */
export interface SeedSearchPart {
  readonly index: SeedIndex
  /** By ordinal, 1 = eligible; every record is when absent. */
  readonly eligible?: Uint8Array
}

interface Part extends SeedSearchPart {
  readonly search: SeedSearch
}

let opened = 0

/**
 * Seed search over every segment of a catalog's seed index, under one filter: each segment
 * masks the records the filter excludes or the catalog no longer holds, and the candidates of
 * all segments are ranked together.
 */
export class CatalogSeedSearch {
  private readonly parts: readonly Part[]
  /**
   * Names this search (segments and filter) within the process, so a search worker sent its
   * parts again builds its scratch once.
   */
  readonly key = String(++opened)

  /**
   * A search over segments already masked (`openCatalogSeedSearch` in catalog-seeds.ts masks
   * a catalog's). This module imports no storage code: search workers load it, and they start
   * faster without LanceDB.
   */
  constructor(parts: readonly SeedSearchPart[]) {
    this.parts = parts.map((part) => ({ ...part, search: new SeedSearch(part.index) }))
  }

  /** The segments and masks, without scratch: their arrays are shared with worker threads. */
  get shareable(): SeedSearchPart[] {
    return this.parts.map(({ index, eligible }) => ({ index, ...(eligible ? { eligible } : {}) }))
  }

  /** The `limit` records sharing the most seeds with the query, across segments. */
  candidates(query: Uint8Array, limit: number): SeedHitRegion[] {
    const found: { part: Part; candidate: SeedCandidate }[] = []
    for (const part of this.parts) {
      const options = { limit, ...(part.eligible ? { eligible: part.eligible } : {}) }
      for (const candidate of part.search.candidates(query, options))
        found.push({ part, candidate })
    }
    if (this.parts.length > 1) found.sort((a, b) => b.candidate.seeds - a.candidate.seeds)
    // A record may be a candidate on both strands: its ranges are aligned together.
    const byRecord = new Map<number, SeedHitRegion>()
    const out: SeedHitRegion[] = []
    for (const { part, candidate } of found) {
      const rid = part.index.rids[candidate.ordinal]!
      const existing = byRecord.get(rid)
      if (existing) {
        existing.ranges.push(...candidate.ranges)
        continue
      }
      if (out.length === limit) continue
      const region: SeedHitRegion = {
        rid: BigInt(rid),
        subject: residuesOf(part.index, candidate.ordinal),
        ranges: [...candidate.ranges],
        seeded: true,
      }
      byRecord.set(rid, region)
      out.push(region)
    }
    return out
  }
}
