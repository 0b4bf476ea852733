import type * as lancedb from '@lancedb/lancedb'
import { GenocatError } from '../../../shared/errors.js'
import type { Catalog } from '../catalog/catalog.js'
import { getInfo } from '../catalog/meta-db.js'
import { DISTANCE, probes, REFINE_FACTOR } from '../vector-index/policy.js'

/** A region of a record worth aligning: the whole record, or one window of it. */
export interface Candidate {
  readonly rid: bigint
  /** Start of the window that matched; undefined when the record's own vector matched. */
  readonly windowOffset?: number
  readonly distance: number
}

export type SearchMode = 'flat' | 'ivf-pq' | 'filtered-exact'

/** How one vector table is searched for one filter, decided once per search. */
export interface TablePlan {
  readonly mode: SearchMode
  readonly where?: string
  /** Partitions to probe when the table has an IVF-PQ index. */
  readonly nprobes?: number
}

/**
 * Under a selective filter an IVF index would probe partitions holding few matching rows
 * and miss the best ones, so up to this many eligible rows are searched exactly
 * (LanceDB filters first, then compares every remaining vector).
 */
export const EXACT_FILTER_LIMIT = 50_000

/**
 * When the records a search may return are this few (and this short in total), every one
 * is aligned: the answer is then exactly what an exhaustive alignment search gives, and on
 * such sets that costs milliseconds, if they are small or relatives (see exhaustive-plan.ts).
 */
export const EXHAUSTIVE_RECORDS = 1_000
export const EXHAUSTIVE_RESIDUES = 20_000_000

/** The eligible records, when few and short enough to align them all; null otherwise. */
export async function exhaustiveSet(
  catalog: Catalog,
  where: string | undefined,
  eligible: number,
): Promise<{ rids: bigint[]; lengths: number[]; residues: number } | null> {
  if (eligible > EXHAUSTIVE_RECORDS) return null
  let query = catalog.tables.records.query().select(['rid', 'length'])
  if (where !== undefined) query = query.where(where)
  const rids: bigint[] = []
  const lengths: number[] = []
  let residues = 0
  for await (const batch of query) {
    const rid = batch.getChild('rid')!
    const length = batch.getChild('length')!
    for (let i = 0; i < batch.numRows; i++) {
      rids.push(rid.get(i) as bigint)
      lengths.push(length.get(i) as number)
      residues += length.get(i) as number
    }
  }
  return residues <= EXHAUSTIVE_RESIDUES ? { rids, lengths, residues } : null
}

/** Windowed rids are passed to the windows table as a literal IN list up to this size. */
const MAX_RID_LIST = 50_000

async function indexedPartitions(
  catalog: Catalog,
  table: 'records' | 'windows',
): Promise<number | null> {
  const indices = await catalog.tables[table].listIndices()
  if (!indices.some((i) => i.columns.includes('embedding'))) return null
  return Number(getInfo(catalog.db, `ivf_partitions.${table}`) ?? 256)
}

/** Plans the records table: exact when small or when the filter leaves few rows. */
export async function planRecords(
  catalog: Catalog,
  where: string | undefined,
): Promise<{ plan: TablePlan; eligible: number }> {
  const partitions = await indexedPartitions(catalog, 'records')
  const eligible = await catalog.tables.records.countRows(where)
  const filter = where === undefined ? {} : { where }
  if (partitions === null) return { plan: { mode: 'flat', ...filter }, eligible }
  if (where !== undefined && eligible <= EXACT_FILTER_LIMIT)
    return { plan: { mode: 'filtered-exact', ...filter }, eligible }
  return { plan: { mode: 'ivf-pq', nprobes: probes(partitions), ...filter }, eligible }
}

/**
 * Plans the windows table. Windows carry no metadata, so a filter becomes the list of
 * eligible records that have windows (records longer than two windows); the list is built
 * by the engine from integers, never from user text.
 */
export async function planWindows(
  catalog: Catalog,
  where: string | undefined,
  minWindowedLength: number,
): Promise<TablePlan | null> {
  if ((await catalog.tables.windows.countRows()) === 0) return null
  const partitions = await indexedPartitions(catalog, 'windows')
  if (where === undefined) {
    return partitions === null ? { mode: 'flat' } : { mode: 'ivf-pq', nprobes: probes(partitions) }
  }
  const windowed = `(${where}) AND length > ${minWindowedLength}`
  const rids: bigint[] = []
  for await (const batch of catalog.tables.records.query().where(windowed).select(['rid'])) {
    const column = batch.getChild('rid')!
    for (let i = 0; i < batch.numRows; i++) rids.push(column.get(i) as bigint)
  }
  if (rids.length === 0) return null
  if (rids.length > MAX_RID_LIST) {
    throw new GenocatError(
      'INVALID_FILTER',
      `The filter matches ${rids.length.toLocaleString('en-US')} long (windowed) sequences; searching windows under a filter supports up to ${MAX_RID_LIST.toLocaleString('en-US')}. Narrow the filter.`,
    )
  }
  const list = `rid IN (${rids.join(', ')})`
  if (partitions === null || (await catalog.tables.windows.countRows(list)) <= EXACT_FILTER_LIMIT)
    return { mode: partitions === null ? 'flat' : 'filtered-exact', where: list }
  return { mode: 'ivf-pq', nprobes: probes(partitions), where: list }
}

function vectorQuery(
  table: lancedb.Table,
  vector: Float32Array,
  plan: TablePlan,
  limit: number,
  columns: string[],
): lancedb.VectorQuery {
  let query = table
    .vectorSearch(vector)
    .column('embedding')
    .distanceType(DISTANCE)
    .limit(limit)
    .select([...columns, '_distance'])
  if (plan.where !== undefined) query = query.where(plan.where)
  if (plan.mode === 'filtered-exact') query = query.bypassVectorIndex()
  if (plan.mode === 'ivf-pq') query = query.nprobes(plan.nprobes!).refineFactor(REFINE_FACTOR)
  return query
}

/** The nearest records and windows to `vector` under the plans, nearest first. */
export async function findCandidates(
  catalog: Catalog,
  vector: Float32Array,
  plans: { records: TablePlan; windows: TablePlan | null },
  limit: number,
): Promise<Candidate[]> {
  const searches: Promise<Candidate[]>[] = [
    vectorQuery(catalog.tables.records, vector, plans.records, limit, ['rid'])
      .toArray()
      .then((rows: { rid: bigint; _distance: number }[]) =>
        rows.map((r) => ({ rid: r.rid, distance: r._distance })),
      ),
  ]
  if (plans.windows) {
    searches.push(
      vectorQuery(catalog.tables.windows, vector, plans.windows, limit, ['rid', 'offset'])
        .toArray()
        .then((rows: { rid: bigint; offset: number; _distance: number }[]) =>
          rows.map((r) => ({ rid: r.rid, windowOffset: r.offset, distance: r._distance })),
        ),
    )
  }
  return (await Promise.all(searches)).flat().sort((a, b) => a.distance - b.distance)
}
