import { closeSync, createReadStream, mkdirSync, openSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { RowSource } from '../formats/metadata-table.js'

/**
 * `key=value` pairs from sequence titles, spooled to a temporary TSV inside the catalog as
 * they arrive (memory stays flat however many reads carry them), then applied like any
 * metadata table at the end of the file's job.
 */
export class HeaderFieldSpool {
  readonly path: string
  private fd: number | null = null
  private keys: string[] = []
  private rows = 0

  constructor(catalogDir: string, jobId: number) {
    this.path = join(catalogDir, 'tmp', `header-fields-${jobId}.tsv`)
  }

  get count(): number {
    return this.rows
  }

  /** Adds one record's fields. Keys are fixed by the first record that has any. */
  add(id: string, fields: readonly (readonly [string, string])[]): void {
    if (this.fd === null) {
      mkdirSync(join(this.path, '..'), { recursive: true })
      this.fd = openSync(this.path, 'w')
      this.keys = []
    }
    const values = new Map(fields)
    for (const key of values.keys()) {
      if (!this.keys.includes(key)) this.keys.push(key)
    }
    const clean = (text: string): string => text.replace(/[\t\r\n]/g, ' ')
    writeSync(this.fd, `${clean(id)}\t${JSON.stringify(Object.fromEntries(values))}\n`)
    this.rows++
  }

  /** The spooled pairs as a TSV metadata table (id column first), or null if there were none. */
  finish(): { path: string; keys: string[] } | null {
    if (this.fd === null) return null
    closeSync(this.fd)
    this.fd = null
    return { path: this.path, keys: this.keys }
  }

  dispose(): void {
    if (this.fd !== null) closeSync(this.fd)
    this.fd = null
    rmSync(this.path, { force: true })
  }
}

/** Reads a spool back as a metadata table whose columns are the keys seen in titles. */
export function spoolRows(label: string, spool: { path: string; keys: string[] }): RowSource {
  const columns = ['id', ...spool.keys]
  return {
    label: `${label} (key=value fields in titles)`,
    columns,
    idIndex: 0,
    async *rows() {
      let line = 0
      for await (const text of createInterface({
        input: createReadStream(spool.path),
        crlfDelay: Infinity,
      })) {
        line++
        const tab = text.indexOf('\t')
        const fields = JSON.parse(text.slice(tab + 1)) as Record<string, string>
        yield { line, values: [text.slice(0, tab), ...spool.keys.map((key) => fields[key] ?? '')] }
      }
    },
  }
}
