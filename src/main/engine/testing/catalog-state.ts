import { gzipSync } from 'node:zlib'
import { openCatalog } from '../catalog/catalog.js'

/** What a reader of the catalog sees: used to assert that a failed ingest changed nothing. */
export async function catalogState(location: string): Promise<Record<string, unknown>> {
  const catalog = await openCatalog(location)
  try {
    const ids = (await catalog.tables.records.query().select(['id']).toArray())
      .map((r) => String(r.id))
      .sort()
    return {
      ids,
      sequences: await catalog.tables.sequences.countRows(),
      windows: await catalog.tables.windows.countRows(),
      index: catalog.db.prepare('SELECT COUNT(*) FROM seq_index').pluck().get(),
      sources: catalog.db.prepare('SELECT path, kind, records FROM sources ORDER BY id').all(),
      fields: catalog.db.prepare('SELECT name, type, present FROM fields ORDER BY position').all(),
    }
  } finally {
    catalog.close()
  }
}

/**
 * BGZF as the SAM specification defines it: gzip members of at most 64 KiB input, each with a
 * 'BC' extra subfield giving the block size, then an empty end-of-file block.
 */
export function bgzf(data: Uint8Array): Buffer {
  const blocks: Buffer[] = []
  const block = (payload: Uint8Array): Buffer => {
    const member = gzipSync(payload)
    const deflated = member.subarray(10, member.length - 8)
    const trailer = member.subarray(member.length - 8)
    const header = Buffer.from([
      0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 0xff, 6, 0, 0x42, 0x43, 2, 0, 0, 0,
    ])
    header.writeUInt16LE(header.length + deflated.length + trailer.length - 1, 16)
    return Buffer.concat([header, deflated, trailer])
  }
  for (let i = 0; i < data.length; i += 0xff00) blocks.push(block(data.subarray(i, i + 0xff00)))
  blocks.push(block(new Uint8Array(0)))
  return Buffer.concat(blocks)
}
