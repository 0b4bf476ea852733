import { openCatalog } from '../../main/engine/catalog/catalog.js'
import { maintainIndexes } from '../../main/engine/vector-index/maintain.js'
import { FLAT_LIMIT } from '../../main/engine/vector-index/policy.js'

const WORDS = {
  none: 'up to date',
  built: 'built',
  rebuilt: 'retrained and rebuilt',
  refreshed: 'new rows folded in',
  flat: `no index needed below ${FLAT_LIMIT.toLocaleString('en-US')} rows (exact search)`,
  skipped: 'too many residues to hold in memory; search uses vectors',
} as const

/** `genocat index`: builds or refreshes the catalog's indexes and says what it did. */
export async function runIndex(
  location: string,
  opts: { rebuild?: boolean; json?: boolean },
): Promise<void> {
  const catalog = await openCatalog(location, { write: true })
  try {
    for (const message of catalog.recovered) console.error(message)
    const reports = await maintainIndexes(catalog, {
      rebuild: opts.rebuild ?? false,
      onProgress: (m) => {
        if (!opts.json) console.error(m)
      },
    })
    if (opts.json) {
      console.log(JSON.stringify(reports))
      return
    }
    for (const r of reports) {
      const what = `${r.table}.${r.column}`.padEnd(20)
      const kind = r.kind.padEnd(6)
      const rows = `${r.rows.toLocaleString('en-US')} rows`.padStart(16)
      const extra = r.partitions ? `, ${r.partitions} partitions` : ''
      const time = r.action === 'none' || r.action === 'flat' ? '' : ` in ${r.seconds.toFixed(1)} s`
      console.log(`${what} ${kind} ${rows}  ${WORDS[r.action]}${extra}${time}`)
    }
  } finally {
    catalog.close()
  }
}
