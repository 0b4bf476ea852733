import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import * as lancedb from '@lancedb/lancedb'
import type { EmbedderSpec } from '../../../shared/catalog-types.js'
import { GenocatError } from '../../../shared/errors.js'
import { defaultEmbedderSpec } from '../embed/embedder.js'
import {
  describeLocation,
  lanceUri,
  parseLocation,
  requireLocal,
  type Location,
} from '../storage/location.js'
import { acquireWriterLock, type WriterLock } from './lock.js'
import {
  recordsSchema,
  sequencesSchema,
  TABLES,
  windowsSchema,
  type TableName,
} from './lance-schema.js'
import {
  createMetaDb,
  FORMAT_VERSION,
  getInfo,
  getTableVersions,
  openMetaDb,
  setInfo,
  setTableVersion,
  type MetaDb,
} from './meta-db.js'
import { recoverUnfinishedJobs } from './recovery.js'

export const META_FILE = 'catalog.sqlite'
const LOCK_FILE = 'writer.lock'

export interface Catalog {
  readonly location: Location
  readonly path: string
  readonly db: MetaDb
  readonly tables: Readonly<Record<TableName, lancedb.Table>>
  readonly embedder: EmbedderSpec
  /** Messages about unfinished work found and rolled back while opening for writing. */
  readonly recovered: readonly string[]
  readonly writable: boolean
  close(): void
}

export interface InitOptions {
  readonly name?: string
  readonly embedder?: EmbedderSpec
}

/** Creates a new, empty catalog at `locationText` (a folder that is absent or empty). */
export async function initCatalog(
  locationText: string,
  options: InitOptions = {},
): Promise<Location> {
  const location = parseLocation(locationText)
  const dir = requireLocal(location)
  if (existsSync(join(dir, META_FILE))) {
    throw new GenocatError('CATALOG_EXISTS', `${dir} is already a Genocat catalog.`)
  }
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory())
      throw new GenocatError('INVALID_ARGUMENT', `${dir} exists and is not a folder.`)
    if (readdirSync(dir).length > 0) {
      throw new GenocatError(
        'INVALID_ARGUMENT',
        `${dir} is not empty; a new catalog needs an empty or new folder.`,
      )
    }
  }
  mkdirSync(dir, { recursive: true })
  const embedder = options.embedder ?? defaultEmbedderSpec()
  const connection = await lancedb.connect(lanceUri(location))
  const schemas = {
    records: recordsSchema(embedder.dimensions),
    sequences: sequencesSchema(),
    windows: windowsSchema(embedder.dimensions),
  }
  const versions: Record<string, number> = {}
  for (const name of TABLES) {
    const table = await connection.createEmptyTable(name, schemas[name])
    versions[name] = await table.version()
    table.close()
  }
  connection.close()
  // The SQLite file is written last: a folder without it is not (yet) a catalog.
  const db = createMetaDb(join(dir, META_FILE))
  db.transaction(() => {
    setInfo(db, 'format_version', String(FORMAT_VERSION))
    setInfo(db, 'name', options.name ?? (dir.split(/[\\/]/).pop() || 'catalog'))
    setInfo(db, 'created_at', new Date().toISOString())
    setInfo(db, 'embedder', JSON.stringify(embedder))
    setInfo(db, 'next_rid', '1')
    for (const [name, version] of Object.entries(versions)) setTableVersion(db, name, version)
  })()
  db.close()
  return location
}

export interface OpenOptions {
  /** Open for writing: takes the writer lock and rolls back unfinished jobs. */
  readonly write?: boolean
}

export async function openCatalog(
  locationText: string,
  options: OpenOptions = {},
): Promise<Catalog> {
  const location = parseLocation(locationText)
  const dir = requireLocal(location)
  if (!existsSync(dir))
    throw new GenocatError(
      'NOT_A_CATALOG',
      `${dir} does not exist. Create a catalog with \`genocat init ${dir}\`.`,
    )
  if (!existsSync(join(dir, META_FILE))) {
    throw new GenocatError(
      'NOT_A_CATALOG',
      `${dir} is not a Genocat catalog (it has no ${META_FILE}). Create one with \`genocat init <folder>\`.`,
    )
  }
  const write = options.write ?? false
  const lock: WriterLock | null = write ? acquireWriterLock(join(dir, LOCK_FILE)) : null
  let db: MetaDb | null = null
  let connection: lancedb.Connection | null = null
  try {
    db = openMetaDb(join(dir, META_FILE), !write)
    const embedder = JSON.parse(getInfo(db, 'embedder') ?? 'null') as EmbedderSpec
    connection = await lancedb.connect(lanceUri(location))
    const tables = {} as Record<TableName, lancedb.Table>
    for (const name of TABLES) tables[name] = await connection.openTable(name)
    const recovered: string[] = []
    if (lock?.staleFrom) {
      recovered.push(
        `Removed a lock left by a Genocat process that is no longer running (pid ${lock.staleFrom.pid}, since ${lock.staleFrom.since}).`,
      )
    }
    if (write) recovered.push(...(await recoverUnfinishedJobs(db, tables)))
    else await pinCommittedVersions(db, tables)
    const openDb = db
    const openConnection = connection
    return {
      location,
      path: dir,
      db: openDb,
      tables,
      embedder,
      recovered,
      writable: write,
      close() {
        for (const table of Object.values(tables)) table.close()
        openConnection.close()
        openDb.close()
        lock?.release()
      },
    }
  } catch (error) {
    db?.close()
    connection?.close()
    lock?.release()
    throw error
  }
}

/** Readers see exactly the Lance versions the last finished job committed, never a write
 * in progress. */
export async function pinCommittedVersions(
  db: MetaDb,
  tables: Record<TableName, lancedb.Table>,
): Promise<void> {
  const versions = getTableVersions(db)
  for (const name of TABLES) {
    const version = versions[name]
    if (version !== undefined) await tables[name].checkout(version)
  }
}

export function catalogName(catalog: Catalog): string {
  return getInfo(catalog.db, 'name') ?? describeLocation(catalog.location)
}
