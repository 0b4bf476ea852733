import { openCatalog } from '../../main/engine/catalog/catalog.js'
import { catalogStats } from '../../main/engine/catalog/stats.js'
import type { Summary } from '../../shared/catalog-types.js'

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits })
const summaryText = (s: Summary | null, digits = 0): string =>
  s
    ? `min ${fmt(s.min, digits)}, q1 ${fmt(s.q1, digits)}, median ${fmt(s.median, digits)}, mean ${fmt(s.mean, digits)}, q3 ${fmt(s.q3, digits)}, max ${fmt(s.max, digits)}`
    : 'none'

export async function runStats(location: string, opts: { json?: boolean }): Promise<void> {
  const catalog = await openCatalog(location)
  try {
    const stats = await catalogStats(catalog)
    if (opts.json) {
      console.log(JSON.stringify(stats))
      return
    }
    const alphabets = Object.entries(stats.alphabets)
      .map(([a, n]) => `${a} ${fmt(n)}`)
      .join(', ')
    console.log(`Catalog     ${stats.location} (format ${stats.formatVersion})`)
    console.log(
      `Sequences   ${fmt(stats.sequences)}${alphabets ? ` (${alphabets})` : ''} from ${stats.sources} source file(s)`,
    )
    console.log(`Residues    ${fmt(stats.totalLength)}`)
    console.log(`Length      ${summaryText(stats.length)}`)
    console.log(`GC          ${summaryText(stats.gc, 3)}`)
    console.log(
      `Embedding   ${stats.embedder.name} v${stats.embedder.version}, ${stats.embedder.dimensions} dimensions`,
    )
    if (stats.fields.length === 0) return
    console.log('\nFields')
    const width = Math.max(5, ...stats.fields.map((f) => f.name.length))
    console.log(
      `  ${'name'.padEnd(width)}  ${'type'.padEnd(8)}  ${'missing'.padStart(9)}  ${'distinct'.padStart(9)}`,
    )
    for (const f of stats.fields) {
      console.log(
        `  ${f.name.padEnd(width)}  ${f.type.padEnd(8)}  ${fmt(f.missing).padStart(9)}  ${fmt(f.distinct).padStart(9)}`,
      )
    }
  } finally {
    catalog.close()
  }
}
