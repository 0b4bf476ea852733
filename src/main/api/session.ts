/**
 * The catalog the workbench has open, for reading. Readers are pinned to the versions the
 * last finished ingest job committed, so after each job the session reopens the catalog and
 * drops what it cached (the summary and the one scan behind the field schema).
 */
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { CatalogSummary, FieldSchema } from '../../shared/api.js'
import { GenocatError } from '../../shared/errors.js'
import { catalogName, openCatalog, type Catalog } from '../engine/catalog/catalog.js'
import { FORMAT_VERSION, getInfo } from '../engine/catalog/meta-db.js'
import { describeLocation } from '../engine/storage/location.js'
import { catalogFields } from '../engine/filter/fields.js'
import { scanRecords, toFieldSchemas, type RecordScan } from './scan.js'

/** Bytes of every file under a folder (the catalog's Lance tables and SQLite file). */
async function folderBytes(dir: string): Promise<number> {
  let total = 0
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size
  }
  return total
}

/** A value computed once per catalog version; a failure is not kept, so the next call retries. */
class Cached<T> {
  private value: Promise<T> | null = null

  get(make: () => Promise<T>): Promise<T> {
    if (!this.value) {
      const made = make()
      made.catch(() => {
        if (this.value === made) this.value = null
      })
      this.value = made
    }
    return this.value
  }

  clear(): void {
    this.value = null
  }
}

export class Session {
  private catalog: Catalog | null = null
  private isDemo = false
  private readonly cachedScan = new Cached<RecordScan>()
  private readonly cachedSummary = new Cached<CatalogSummary>()

  get location(): string | null {
    return this.catalog ? this.catalog.path : null
  }

  /** Opens `location` for reading, closing the catalog open before. */
  async open(location: string, options: { demo?: boolean } = {}): Promise<CatalogSummary> {
    const next = await openCatalog(location)
    this.close()
    this.catalog = next
    this.isDemo = options.demo ?? false
    return this.summary()
  }

  /** Sees what the latest finished job committed. */
  async reload(): Promise<void> {
    if (!this.catalog) return
    const next = await openCatalog(this.catalog.path)
    this.catalog.close()
    this.catalog = next
    this.cachedScan.clear()
    this.cachedSummary.clear()
  }

  close(): void {
    this.catalog?.close()
    this.catalog = null
    this.cachedScan.clear()
    this.cachedSummary.clear()
  }

  /** The open catalog, or an error a user can act on. */
  require(): Catalog {
    if (!this.catalog)
      throw new GenocatError(
        'NO_CATALOG',
        'No catalog is open. Create a new catalog or open one first.',
      )
    return this.catalog
  }

  current(): Promise<CatalogSummary> | null {
    return this.catalog ? this.summary() : null
  }

  summary(): Promise<CatalogSummary> {
    const catalog = this.require()
    return this.cachedSummary.get(async () => {
      const scan = await this.scan()
      return {
        name: catalogName(catalog),
        location: describeLocation(catalog.location),
        format: 'Genocat catalog (Lance tables + SQLite)',
        formatVersion: Number(getInfo(catalog.db, 'format_version') ?? FORMAT_VERSION),
        sequences: scan.matching,
        totalLength: scan.totalLength,
        bytesOnDisk: await folderBytes(catalog.path),
        sources: catalog.db.prepare('SELECT COUNT(*) FROM sources').pluck().get() as number,
        demo: this.isDemo,
      }
    })
  }

  /** Every record's length, GC and field values, scanned once per catalog version. */
  scan(): Promise<RecordScan> {
    const catalog = this.require()
    return this.cachedScan.get(() => scanRecords(catalog, catalogFields(catalog.db), undefined))
  }

  async fields(): Promise<FieldSchema[]> {
    const catalog = this.require()
    return toFieldSchemas(catalog, await this.scan())
  }
}
