import * as lancedb from '@lancedb/lancedb'
import type { Catalog } from '../catalog/catalog.js'
import type { IndexAction, IndexReport } from '../../../shared/catalog-types.js'
import { setInfo } from '../catalog/meta-db.js'
import { Job } from '../ingest/job.js'
import { refreshSeedSegments } from '../seed-index/maintain.js'
import { removeUnlistedSegments } from '../seed-index/segments.js'
import { DISTANCE, FLAT_LIMIT, ivfPqParams, RETRAIN_FRACTION } from './policy.js'

export interface MaintainOptions {
  /** Retrain vector indexes even when a refresh would do. */
  readonly rebuild?: boolean
  readonly onProgress?: (message: string) => void
}

const VECTOR_TABLES = ['records', 'windows'] as const
/** Tables looked up by rid when hits are fetched; a B-tree turns a scan into a seek. */
const RID_TABLES = ['records', 'sequences', 'windows'] as const

interface Existing {
  readonly name: string
  readonly indexed: number
  readonly unindexed: number
}

async function existingIndex(table: lancedb.Table, column: string): Promise<Existing | null> {
  const index = (await table.listIndices()).find((i) => i.columns.includes(column))
  if (!index) return null
  const stats = await table.indexStats(index.name)
  return {
    name: index.name,
    indexed: stats?.numIndexedRows ?? 0,
    unindexed: stats?.numUnindexedRows ?? 0,
  }
}

/**
 * Brings a catalog's indexes up to date: IVF-PQ on embeddings once a table passes
 * FLAT_LIMIT rows, B-trees on rid, new rows folded in, and the seed index's segments. Runs as one job, so a failure or
 * kill leaves the previous indexes in place. The catalog must be open for writing.
 */
export async function maintainIndexes(
  catalog: Catalog,
  options: MaintainOptions = {},
): Promise<IndexReport[]> {
  const reports: IndexReport[] = []
  const say = options.onProgress ?? (() => undefined)
  const job = Job.start(catalog, '(indexes)', 'index')
  try {
    const needsOptimize = new Set<IndexReport['table']>()
    for (const name of VECTOR_TABLES) {
      const table = catalog.tables[name]
      const rows = await table.countRows()
      const existing = await existingIndex(table, 'embedding')
      const started = performance.now()
      const report = (action: IndexAction, extra: Partial<IndexReport> = {}): void => {
        reports.push({
          table: name,
          column: 'embedding',
          kind: action === 'flat' ? 'flat' : 'ivf-pq',
          rows,
          unindexedBefore: existing ? existing.unindexed : rows,
          action,
          seconds: (performance.now() - started) / 1000,
          ...extra,
        })
      }
      if (!existing && rows < FLAT_LIMIT) {
        report('flat')
        continue
      }
      const retrain =
        !existing ||
        options.rebuild === true ||
        existing.unindexed > existing.indexed * RETRAIN_FRACTION
      if (retrain) {
        const params = ivfPqParams(rows, catalog.embedder.dimensions)
        say(`Training the ${name} vector index (${rows.toLocaleString('en-US')} vectors)…`)
        await table.createIndex('embedding', {
          config: lancedb.Index.ivfPq({ distanceType: DISTANCE, ...params }),
          replace: true,
        })
        // Search reads this to choose how many partitions to probe.
        setInfo(catalog.db, `ivf_partitions.${name}`, String(params.numPartitions))
        report(existing ? 'rebuilt' : 'built', { partitions: params.numPartitions })
      } else if (existing.unindexed > 0) {
        needsOptimize.add(name)
        report('refreshed')
      } else {
        report('none')
      }
    }
    for (const name of RID_TABLES) {
      const table = catalog.tables[name]
      const rows = await table.countRows()
      const existing = await existingIndex(table, 'rid')
      const started = performance.now()
      let action: IndexAction = 'none'
      if (!existing && rows > 0) {
        await table.createIndex('rid', { config: lancedb.Index.btree() })
        action = 'built'
      } else if (existing && existing.unindexed > 0) {
        needsOptimize.add(name)
        action = 'refreshed'
      }
      reports.push({
        table: name,
        column: 'rid',
        kind: 'btree',
        rows,
        unindexedBefore: existing ? existing.unindexed : rows,
        action,
        seconds: (performance.now() - started) / 1000,
      })
    }
    for (const name of needsOptimize) {
      say(`Folding new rows into the ${name} indexes…`)
      // optimize() compacts small fragments and extends every index of the table with the
      // rows it does not cover yet, without retraining.
      await catalog.tables[name].optimize()
    }
    reports.push(await refreshSeedSegments(catalog, { rebuild: options.rebuild === true, say }))
    await job.commit()
    removeUnlistedSegments(catalog)
    return reports
  } catch (error) {
    await job.abandon('failed', (error as Error).message)
    removeUnlistedSegments(catalog)
    throw error
  }
}
