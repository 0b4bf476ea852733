import type { TableName } from '../catalog/lance-schema.js'
import { getTableVersions, setTableVersion, type MetaDb } from '../catalog/meta-db.js'
import type { Catalog } from '../catalog/catalog.js'
import { rollbackToCommitted } from '../catalog/recovery.js'
import { TABLES } from '../catalog/lance-schema.js'

/**
 * One file's unit of work. The journal row is committed first (so a killed run leaves a trace
 * the next run can roll back); everything else happens inside one SQLite transaction plus Lance
 * versions that readers ignore until `commit` moves the version pointers.
 */
export class Job {
  private open = true

  private constructor(
    readonly catalog: Catalog,
    readonly id: number,
  ) {}

  static start(catalog: Catalog, path: string, kind: 'sequences' | 'metadata' | 'index'): Job {
    const db = catalog.db
    const info = db
      .prepare(
        "INSERT INTO jobs (path, kind, status, pid, started_at, versions_before) VALUES (?, ?, 'running', ?, ?, ?)",
      )
      .run(path, kind, process.pid, new Date().toISOString(), JSON.stringify(getTableVersions(db)))
    db.exec('BEGIN IMMEDIATE')
    return new Job(catalog, Number(info.lastInsertRowid))
  }

  get db(): MetaDb {
    return this.catalog.db
  }

  /** Makes the job's writes visible: new Lance versions and the journal, in one transaction. */
  async commit(): Promise<void> {
    const versions: Partial<Record<TableName, number>> = {}
    for (const name of TABLES) versions[name] = await this.catalog.tables[name].version()
    for (const [name, version] of Object.entries(versions)) setTableVersion(this.db, name, version)
    this.db
      .prepare("UPDATE jobs SET status = 'done', finished_at = ? WHERE id = ?")
      .run(new Date().toISOString(), this.id)
    this.db.exec('COMMIT')
    this.open = false
  }

  /** Undoes everything the job wrote and records why. */
  async abandon(status: 'failed' | 'cancelled', message: string): Promise<void> {
    if (!this.open) return
    this.open = false
    if (this.db.inTransaction) this.db.exec('ROLLBACK')
    await rollbackToCommitted(this.db, this.catalog.tables)
    this.db
      .prepare('UPDATE jobs SET status = ?, finished_at = ?, message = ? WHERE id = ?')
      .run(status, new Date().toISOString(), message, this.id)
  }
}
