/**
 * The demo catalog: 418 SARS-CoV-2 genomes with their metadata (Nextstrain's MIT-licensed
 * example set in resources/demo), built on first run so a new user sees a working catalog.
 * It is built in a scratch folder and renamed into place, so an interrupted first run
 * never leaves a half-built demo behind.
 */
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { GenocatError } from '../../shared/errors.js'
import { initCatalog, META_FILE } from '../engine/catalog/catalog.js'
import { ingest } from '../engine/ingest/ingest.js'

export const DEMO_FOLDER = 'demo-catalog'
const SEQUENCES = 'example_sequences.fasta.gz'
const METADATA = 'example_metadata.tsv'

/** Finds `resources/demo/ncov` above a module, whether it runs from src/ or a build in out/. */
export function findDemoSource(moduleUrl: string): string {
  let dir = dirname(fileURLToPath(moduleUrl))
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources', 'demo', 'ncov')
    if (existsSync(join(candidate, SEQUENCES))) return candidate
    dir = dirname(dir)
  }
  return join(process.cwd(), 'resources', 'demo', 'ncov')
}

let building: Promise<string> | null = null

/** The demo catalog's folder under `dataDir`, built from `source` if it is not there yet. */
export function ensureDemoCatalog(dataDir: string, source: string): Promise<string> {
  const target = join(dataDir, DEMO_FOLDER)
  if (existsSync(join(target, META_FILE))) return Promise.resolve(target)
  building ??= build(target, source).finally(() => {
    building = null
  })
  return building
}

async function build(target: string, source: string): Promise<string> {
  const sequences = join(source, SEQUENCES)
  if (!existsSync(sequences))
    throw new GenocatError(
      'FILE_NOT_FOUND',
      `The demo data is missing (${sequences}); reinstall Genocat or open your own catalog.`,
      { file: sequences },
    )
  const scratch = `${target}.building-${process.pid}`
  rmSync(scratch, { recursive: true, force: true })
  // Leftovers of runs killed mid-build.
  for (const entry of existsSync(dirname(target)) ? readdirSync(dirname(target)) : []) {
    if (entry.startsWith(`${DEMO_FOLDER}.building-`))
      rmSync(join(dirname(target), entry), { recursive: true, force: true })
  }
  try {
    await initCatalog(scratch, { name: 'SARS-CoV-2 demo (Nextstrain ncov example)' })
    const report = await ingest(scratch, {
      files: [sequences],
      metadata: [join(source, METADATA)],
    })
    if (report.errors.length > 0)
      throw new GenocatError(
        'INTERNAL',
        `Building the demo catalog failed: ${report.errors.map((e) => e.message).join('; ')}`,
      )
    renameSync(scratch, target)
    return target
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true })
    throw error
  }
}
