#!/usr/bin/env node
// Entry point for `npx genocat`. The CLI is compiled to out/node by `npm run build:cli`
// (run automatically by `npm install` through the prepare script).
import { existsSync } from 'node:fs'
import module from 'node:module'
import { fileURLToPath } from 'node:url'

// Node 22.1 and later keep compiled module code on disk between runs (a no-op before): loading
// LanceDB and Arrow, most of a one-off search's start-up, took 100 ms without it and 75 with it
// (Node 22.23). NODE_DISABLE_COMPILE_CACHE=1 turns it off.
module.enableCompileCache?.()

const cli = new URL('../out/node/cli/run.js', import.meta.url)
if (!existsSync(fileURLToPath(cli))) {
  console.error('genocat: the CLI is not built yet. Run `npm run build:cli` in the project folder.')
  process.exit(1)
}
await import(cli.href)
