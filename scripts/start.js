// `npm start`: the desktop app through electron-vite, or a clear word when Electron's binary
// is not installed (machines without it use `npx genocat serve`, arriving with the workbench).
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
let electronPath = null
try {
  electronPath = require('electron')
} catch {
  electronPath = null
}
if (typeof electronPath !== 'string') {
  console.error(
    'The Electron binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD was set, or it could not be downloaded).\n' +
      'Install it with `npm install` on a machine with internet access, or use the CLI: `npx genocat --help`.',
  )
  process.exit(1)
}
const result = spawnSync('npx', ['electron-vite', 'dev'], { stdio: 'inherit' })
process.exit(result.status ?? 1)
