// better-sqlite3 is a native addon built for the Node that runs the CLI and the tests. Electron
// embeds another Node ABI, so the desktop app needs its own build of the addon. This builds it
// once per Electron version into node_modules/.cache/genocat-electron/ (from a copy of the
// package, leaving the Node build in place) and returns its path for GENOCAT_SQLITE_BINDING.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

export function electronSqliteBinding() {
  const electronVersion = require('electron/package.json').version
  const packageDir = dirname(require.resolve('better-sqlite3/package.json'))
  const cacheDir = join(dirname(packageDir), '.cache', 'genocat-electron')
  const target = join(cacheDir, `better_sqlite3-electron-${electronVersion}-${process.arch}.node`)
  if (existsSync(target)) return target

  console.error(`Building better-sqlite3 for Electron ${electronVersion} (once)…`)
  const work = mkdtempSync(join(tmpdir(), 'genocat-sqlite-'))
  try {
    cpSync(packageDir, work, { recursive: true, filter: (p) => !p.includes(`${packageDir}/build`) })
    // A prebuilt binary for Electron when one is published; else compile against its headers.
    const options = { cwd: work, stdio: 'inherit', shell: process.platform === 'win32' }
    const prebuilt = spawnSync(
      'npx',
      [
        'prebuild-install',
        '--runtime',
        'electron',
        '--target',
        electronVersion,
        '--arch',
        process.arch,
      ],
      options,
    )
    if (prebuilt.status !== 0) {
      const built = spawnSync(
        'npx',
        [
          'node-gyp',
          'rebuild',
          '--release',
          `--target=${electronVersion}`,
          `--arch=${process.arch}`,
          '--dist-url=https://electronjs.org/headers',
        ],
        options,
      )
      if (built.status !== 0)
        throw new Error('Building better-sqlite3 for Electron failed (see above).')
    }
    mkdirSync(cacheDir, { recursive: true })
    cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target)
    return target
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
