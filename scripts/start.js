// `npm start`: the desktop app through electron-vite. Where Electron's binary is not installed
// (ELECTRON_SKIP_BINARY_DOWNLOAD, no internet) or there is no display, it says so and runs the
// same workbench in serve mode on the demo catalog, for a browser.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
let electronPath = null
let why = ''
try {
  electronPath = require('electron')
} catch (error) {
  why = String(error instanceof Error ? error.message : error).split('\n')[0]
}
const headless =
  process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' })
  return result.status ?? 1
}

if (typeof electronPath === 'string' && !headless) {
  const { electronSqliteBinding } = await import('./electron-sqlite.js')
  process.env.GENOCAT_SQLITE_BINDING = electronSqliteBinding()
  process.exit(run('npx', ['electron-vite', 'dev']))
}

console.error(
  typeof electronPath === 'string'
    ? 'There is no display here, so the desktop window cannot open.'
    : `The Electron binary is not installed here (${why || 'ELECTRON_SKIP_BINARY_DOWNLOAD was set'}).\n` +
        'Run `npm install` on a machine with internet access to get the desktop app.',
)
console.error(
  'Starting the same workbench in serve mode instead (`npx genocat serve [catalog]`); open the URL below in a browser.\n',
)
const built = run('npm', ['run', 'build', '--silent'])
if (built !== 0) process.exit(built)
process.exit(run(process.execPath, ['out/node/cli/run.js', 'serve', ...process.argv.slice(2)]))
