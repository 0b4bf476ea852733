import { createServer, type Server } from 'node:net'
import { mkdirSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir, type TempDir } from '../main/engine/testing/fixtures.js'
import { genocat } from './run-cli.js'

/* `genocat serve` refusing to start: each case says why in a sentence and exits non-zero. */
let dir: TempDir
let busy: Server
let port: number

beforeAll(async () => {
  dir = tempDir()
  // Settings (the recent list) go to the test's folder, never the user's home.
  process.env['GENOCAT_HOME'] = dir.file('home')
  mkdirSync(dir.file('renderer'))
  writeFileSync(dir.file('renderer/index.html'), '<!doctype html><title>t</title>')
  busy = createServer()
  await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done))
  port = (busy.address() as { port: number }).port
})
afterAll(() => {
  busy.close()
  delete process.env['GENOCAT_HOME']
  dir.remove()
})

describe('genocat serve', () => {
  it('names the folder when it is not a catalog', async () => {
    // The test's own page, so the check does not depend on `npm run build` having run.
    const { code, stdout, stderr } = await genocat(
      'serve',
      dir.file('nothing'),
      '--renderer',
      dir.file('renderer'),
    )
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/nothing does not exist/)
  })

  it('says the port is taken instead of printing a system error', async () => {
    const catalog = dir.file('c')
    expect((await genocat('init', catalog)).code).toBe(0)
    const { code, stdout, stderr } = await genocat(
      'serve',
      catalog,
      '--port',
      String(port),
      '--renderer',
      dir.file('renderer'),
    )
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toContain(`Cannot listen on 127.0.0.1:${port} (EADDRINUSE)`)
    expect(stderr).not.toMatch(/\n\s+at /)
  })
})
