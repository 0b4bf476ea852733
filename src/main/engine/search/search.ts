import { GenocatError } from '../../../shared/errors.js'
import type { FilterNode } from '../../../shared/filter/index.js'
import type { QueryResult, SearchHit, SearchPlan } from '../../../shared/search-types.js'
import { prepareQuery, type Alignment } from '../align/align.js'
import type { Catalog } from '../catalog/catalog.js'
import { createEmbedder, type Embedder } from '../embed/embedder.js'
import { catalogFields, type FilterField } from '../filter/fields.js'
import { prepareFilter, toRecordView, viewColumns } from '../filter/query.js'
import {
  exhaustiveSet,
  findCandidates,
  planRecords,
  planWindows,
  type Candidate,
  type TablePlan,
} from './candidates.js'
import type { QuerySequence } from './query-input.js'
import {
  alignmentRanges,
  alignRanges,
  fetchSequences,
  groupCandidates,
  sharedKmers,
} from './rerank.js'

export interface SearchOptions {
  /** Hits per query (default 10). */
  readonly k?: number
  /** Only records matching this filter (text form or tree) are searched. */
  readonly where?: string | FilterNode
  /** Nearest vectors taken from each of records and windows before alignment (default max(100, 10k)). */
  readonly candidates?: number
  /** Candidates aligned after the k-mer pre-score (default k + 10). */
  readonly aligned?: number
  /** Alignments scoring below this are not hits (default 40: about 20 matching bases). */
  readonly minScore?: number
}

export const DEFAULT_K = 10
export const DEFAULT_MIN_SCORE = 40

/** The smallest query the catalog's embedding can see: one k-mer. */
export function minimumQueryLength(catalog: Catalog): number {
  const k = catalog.embedder.params['k']
  return typeof k === 'number' ? k : 1
}

/**
 * A search session over one open catalog: the filter is checked and planned once, then
 * each query is embedded (the k-mer profile is the same for both strands), its nearest
 * records and windows are found in LanceDB, and those candidates are re-ranked by a banded
 * Smith-Waterman alignment on both strands. Hits are records, each with its best alignment.
 */
export class Searcher {
  private constructor(
    private readonly catalog: Catalog,
    private readonly embedder: Embedder,
    private readonly fields: readonly FilterField[],
    private readonly plans: { records: TablePlan; windows: TablePlan | null },
    /** Every eligible record, with residues, when they are few enough to align them all. */
    private readonly everyRecord: Map<bigint, Uint8Array> | null,
    readonly plan: SearchPlan,
    private readonly options: Required<Omit<SearchOptions, 'where'>>,
  ) {}

  static async open(catalog: Catalog, options: SearchOptions = {}): Promise<Searcher> {
    const k = options.k ?? DEFAULT_K
    if (!Number.isInteger(k) || k < 1)
      throw new GenocatError('INVALID_ARGUMENT', `k must be a positive integer (got ${k}).`)
    const fields = catalogFields(catalog.db)
    const where = options.where === undefined ? undefined : prepareFilter(fields, options.where).sql
    const embedder = createEmbedder(catalog.embedder)
    const records = await planRecords(catalog, where)
    const exhaustive = await exhaustiveSet(catalog, where, records.eligible)
    const windows = exhaustive ? null : await planWindows(catalog, where, 2 * embedder.windowLength)
    return new Searcher(
      catalog,
      embedder,
      fields,
      { records: records.plan, windows },
      exhaustive ? await fetchSequences(catalog, exhaustive.rids) : null,
      exhaustive
        ? {
            records: 'exhaustive',
            windows: 'none',
            eligible: records.eligible,
            exhaustive: { records: exhaustive.rids.length, residues: exhaustive.residues },
          }
        : {
            records: records.plan.mode,
            windows: windows?.mode ?? 'none',
            eligible: records.eligible,
          },
      {
        k,
        candidates: options.candidates ?? Math.max(100, 10 * k),
        aligned: options.aligned ?? k + 10,
        minScore: options.minScore ?? DEFAULT_MIN_SCORE,
      },
    )
  }

  /** Hits for one query, best first. */
  async search(query: QuerySequence): Promise<QueryResult> {
    let candidates: Candidate[]
    let sequences: Map<bigint, Uint8Array>
    if (this.everyRecord) {
      candidates = [...this.everyRecord.keys()].map((rid) => ({ rid, distance: 0 }))
      sequences = this.everyRecord
    } else {
      const vector = new Float32Array(this.embedder.spec.dimensions)
      this.embedder.embed(query.sequence, 0, query.sequence.length, 'dna', vector, 0)
      candidates = await findCandidates(this.catalog, vector, this.plans, this.options.candidates)
      sequences = await fetchSequences(this.catalog, [...new Set(candidates.map((c) => c.rid))])
    }
    const prepared = prepareQuery(query.sequence)
    // Pre-score every candidate by the query k-mers it contains (a few microseconds each),
    // then align only the most promising: the true source shares far more k-mers than
    // anything below it. Exhaustive searches align every record that shares one.
    const scored: {
      rid: bigint
      subject: Uint8Array
      ranges: [number, number][]
      shared: number
    }[] = []
    for (const [rid, regions] of groupCandidates(candidates)) {
      const subject = sequences.get(rid)
      if (!subject) continue
      const ranges = alignmentRanges(
        regions,
        subject.length,
        this.embedder.windowLength,
        prepared.length,
      )
      const shared = prepared.length < prepared.seedK ? 1 : sharedKmers(prepared, subject, ranges)
      if (shared > 0) scored.push({ rid, subject, ranges, shared })
    }
    scored.sort((a, b) => b.shared - a.shared)
    const toAlign = this.everyRecord ? scored : scored.slice(0, this.options.aligned)
    const aligned: { rid: bigint; alignment: Alignment; length: number }[] = []
    for (const { rid, subject, ranges } of toAlign) {
      const alignment = alignRanges(prepared, subject, ranges)
      if (alignment && alignment.score >= this.options.minScore)
        aligned.push({ rid, alignment, length: subject.length })
    }
    aligned.sort(
      (a, b) =>
        b.alignment.score - a.alignment.score ||
        b.alignment.identity - a.alignment.identity ||
        (a.rid < b.rid ? -1 : 1),
    )
    const top = aligned.slice(0, this.options.k)
    const records = await this.recordViews(top.map((t) => t.rid))
    return {
      query: query.id,
      queryLength: query.sequence.length,
      hits: top.map(({ rid, alignment: a, length }, i): SearchHit => {
        const record = records.get(rid)!
        return {
          rank: i + 1,
          id: String(record['id']),
          score: a.score,
          identity: a.identity,
          coverage: a.coverage,
          strand: a.strand,
          queryStart: a.queryStart,
          queryEnd: a.queryEnd,
          subjectStart: a.subjectStart,
          subjectEnd: a.subjectEnd,
          subjectLength: length,
          alignedQuery: a.alignedQuery,
          alignedSubject: a.alignedSubject,
          record,
        }
      }),
    }
  }

  private async recordViews(rids: readonly bigint[]): Promise<Map<bigint, SearchHit['record']>> {
    const out = new Map<bigint, SearchHit['record']>()
    if (rids.length === 0) return out
    const rows = (await this.catalog.tables.records
      .query()
      .where(`rid IN (${rids.join(', ')})`)
      .select(viewColumns(this.fields))
      .toArray()) as Record<string, unknown>[]
    for (const row of rows) out.set(row['rid'] as bigint, toRecordView(this.fields, row))
    return out
  }
}
