import Database from 'better-sqlite3'
import { GenocatError } from '../../../shared/errors.js'

/** The catalog format this build writes; catalogs with a higher number are refused. */
export const FORMAT_VERSION = 1

export type MetaDb = Database.Database

const SCHEMA = `
CREATE TABLE IF NOT EXISTS catalog_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- The Lance version of each table that readers see. Writers append new Lance versions and
-- move these pointers in the same SQLite transaction that records the finished job, which is
-- what makes a file all-or-nothing.
CREATE TABLE IF NOT EXISTS table_versions (name TEXT PRIMARY KEY, version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('sequences', 'metadata')),
  checksum TEXT NOT NULL,
  size INTEGER NOT NULL,
  records INTEGER NOT NULL,
  added_at TEXT NOT NULL,
  job_id INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sources_checksum ON sources (checksum);
-- The ingest journal: a row is written (and committed) before a file is touched, so a run
-- killed mid-file leaves a 'running' row that the next run rolls back and reports.
CREATE TABLE IF NOT EXISTS jobs (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled', 'rolled-back')),
  pid INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  versions_before TEXT NOT NULL,
  message TEXT
);
CREATE TABLE IF NOT EXISTS fields (
  name TEXT PRIMARY KEY,
  column_name TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  position INTEGER NOT NULL,
  present INTEGER NOT NULL DEFAULT 0,
  distinct_count INTEGER NOT NULL DEFAULT 0
);
-- Every sequence id in the catalog, with the internal row id (rid) of its record. Kept in
-- SQLite so duplicate checks stay on disk instead of growing a set in memory.
CREATE TABLE IF NOT EXISTS seq_index (
  id TEXT PRIMARY KEY,
  rid INTEGER NOT NULL,
  source_id INTEGER NOT NULL
) WITHOUT ROWID;
`

/**
 * Electron runs a different Node ABI than the Node that built better-sqlite3 for the CLI and
 * tests; the desktop launcher (scripts/electron-sqlite.js) builds a second copy of the addon
 * for Electron and names it here, so both runtimes share one node_modules.
 */
function nativeBinding(): { nativeBinding?: string } {
  const binding = process.env['GENOCAT_SQLITE_BINDING']
  return binding && process.versions['electron'] ? { nativeBinding: binding } : {}
}

export function createMetaDb(path: string): MetaDb {
  const db = new Database(path, nativeBinding())
  configure(db)
  db.exec(SCHEMA)
  return db
}

export function openMetaDb(path: string, readonly: boolean): MetaDb {
  const db = new Database(path, { readonly, fileMustExist: true, ...nativeBinding() })
  if (!readonly) configure(db)
  let version: string | undefined
  try {
    version = getInfo(db, 'format_version')
  } catch (cause) {
    db.close()
    throw new GenocatError(
      'NOT_A_CATALOG',
      `${path} is not a Genocat catalog database.`,
      {},
      { cause },
    )
  }
  if (version === undefined) {
    db.close()
    throw new GenocatError('NOT_A_CATALOG', `${path} has no catalog format version.`)
  }
  if (Number(version) > FORMAT_VERSION) {
    db.close()
    throw new GenocatError(
      'CATALOG_TOO_NEW',
      `This catalog uses format version ${version}, newer than this Genocat understands (${FORMAT_VERSION}). Update Genocat to open it.`,
      { formatVersion: Number(version) },
    )
  }
  return db
}

function configure(db: MetaDb): void {
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
}

export function getInfo(db: MetaDb, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM catalog_info WHERE key = ?').get(key) as
    { value: string } | undefined
  return row?.value
}

export function setInfo(db: MetaDb, key: string, value: string): void {
  db.prepare(
    'INSERT INTO catalog_info (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(key, value)
}

export function getTableVersions(db: MetaDb): Record<string, number> {
  const rows = db.prepare('SELECT name, version FROM table_versions').all() as {
    name: string
    version: number
  }[]
  return Object.fromEntries(rows.map((r) => [r.name, r.version]))
}

export function setTableVersion(db: MetaDb, name: string, version: number): void {
  db.prepare(
    'INSERT INTO table_versions (name, version) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET version = excluded.version',
  ).run(name, version)
}
