import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import config from '../../electron.vite.config.js'
import { projectRoot as root, runtimeImports } from './engine/testing/imports.js'

/** Every worker entry a pool loads: `fromSource ? './x-host.ts' : …` in its source. */
function workerHosts(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue
    const path = join(entry.parentPath, entry.name)
    for (const match of readFileSync(path, 'utf8').matchAll(/fromSource \? '\.\/([\w-]+)\.ts'/g))
      out.push(relative(root, join(dirname(path), `${match[1]}.ts`)))
  }
  return out
}

describe('search workers', () => {
  // Each thread loads its modules when it starts, in the middle of a user's search: LanceDB's
  // native module and Arrow would cost more than the first queries it runs.
  it('load no storage code', () => {
    const loaded = [...runtimeImports('src/main/engine/search/search-worker-host.ts')]
    expect(loaded).toContain('src/main/engine/align/lanes/lanes.ts')
    expect(loaded.filter((m) => /lancedb|apache-arrow|better-sqlite3|\/catalog\//.test(m))).toEqual(
      [],
    )
  })
})

describe('the desktop build', () => {
  // The app's main process is one bundle; a worker entry left out of it exists only in the
  // CLI's build, and the app's pools would fail to start their threads.
  it('bundles every worker entry beside index.js, under the name the pool looks for', () => {
    const hosts = workerHosts(join(root, 'src/main'))
    expect(hosts.length).toBeGreaterThanOrEqual(2)
    const mainConfig = (config as { main: { build: { rollupOptions: { input: object } } } }).main
    const input = mainConfig.build.rollupOptions.input as Record<string, string>
    for (const host of hosts) {
      const name = host.split('/').pop()!.replace(/\.ts$/, '')
      expect(input[name] && relative(root, input[name]), host).toBe(host)
    }
  })
})
