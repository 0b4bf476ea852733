#!/usr/bin/env node
// Entry point for `npx genocat`. The CLI is compiled to out/node by `npm run build:cli`
// (run automatically by `npm install` through the prepare script).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const cli = new URL('../out/node/cli/run.js', import.meta.url)
if (!existsSync(fileURLToPath(cli))) {
  console.error('genocat: the CLI is not built yet. Run `npm run build:cli` in the project folder.')
  process.exit(1)
}
await import(cli.href)
