import type * as lancedb from '@lancedb/lancedb'
import { TABLES, type TableName } from './lance-schema.js'
import { getTableVersions, setTableVersion, type MetaDb } from './meta-db.js'

/**
 * Puts every table back at its committed version. Lance versions written after it belong to
 * a job that never finished; restoring makes the committed state the latest again, so the
 * next writer appends to it. Returns how many tables were rolled back.
 */
export async function rollbackToCommitted(
  db: MetaDb,
  tables: Record<TableName, lancedb.Table>,
): Promise<number> {
  const committed = getTableVersions(db)
  let rolledBack = 0
  for (const name of TABLES) {
    const table = tables[name]
    const version = committed[name]
    if (version === undefined) continue
    await table.checkoutLatest()
    if ((await table.version()) === version) continue
    await table.checkout(version)
    await table.restore()
    setTableVersion(db, name, await table.version())
    rolledBack++
  }
  return rolledBack
}

/** Rolls back jobs left 'running' by a process that was killed, and says what it did. */
export async function recoverUnfinishedJobs(
  db: MetaDb,
  tables: Record<TableName, lancedb.Table>,
): Promise<string[]> {
  const running = db
    .prepare("SELECT id, path, started_at FROM jobs WHERE status = 'running'")
    .all() as {
    id: number
    path: string
    started_at: string
  }[]
  const rolledBack = await rollbackToCommitted(db, tables)
  const messages: string[] = []
  const finish = db.prepare(
    "UPDATE jobs SET status = 'rolled-back', finished_at = ?, message = ? WHERE id = ?",
  )
  for (const job of running) {
    const message = `Rolled back the unfinished ingest of ${job.path} (started ${job.started_at}); nothing from it is in the catalog. Ingest it again to add it.`
    finish.run(new Date().toISOString(), message, job.id)
    messages.push(message)
  }
  if (running.length === 0 && rolledBack > 0) {
    messages.push(`Rolled back uncommitted writes in ${rolledBack} table(s).`)
  }
  return messages
}
