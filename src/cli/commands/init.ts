import { initCatalog } from '../../main/engine/catalog/catalog.js'
import { describeLocation } from '../../main/engine/storage/location.js'

export async function runInit(
  catalog: string,
  opts: { name?: string; json?: boolean },
): Promise<void> {
  const location = await initCatalog(catalog, opts.name ? { name: opts.name } : {})
  if (opts.json) console.log(JSON.stringify({ created: describeLocation(location) }))
  else console.log(`Created an empty catalog at ${describeLocation(location)}`)
}
