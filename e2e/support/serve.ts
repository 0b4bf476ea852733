/**
 * Starts `genocat serve` (the built CLI) as a user would, in a fresh home folder, and reads
 * the URL it prints. Times are kept for the closing figures: start to URL.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '..', '..')
const CLI = join(ROOT, 'out', 'node', 'cli', 'run.js')

export interface Served {
  readonly url: string
  readonly home: string
  readonly process: ChildProcess
  /** Milliseconds from spawning `genocat serve` to the printed URL. */
  readonly startMs: number
  stderr(): string
  stop(): Promise<void>
}

export async function startServe(args: readonly string[] = [], home?: string): Promise<Served> {
  if (!existsSync(CLI) || !existsSync(join(ROOT, 'out', 'renderer', 'index.html')))
    throw new Error('The app is not built: run `npm run build` before the end-to-end tests.')
  const dir = home ?? mkdtempSync(join(tmpdir(), 'genocat-e2e-home-'))
  const started = performance.now()
  const child = spawn(process.execPath, [CLI, 'serve', ...args], {
    env: { ...process.env, GENOCAT_HOME: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const url = await new Promise<string>((done, fail) => {
    let stdout = ''
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
      const line = stdout.split('\n').find((l) => l.startsWith('http://'))
      if (line) done(line.trim())
    })
    child.on('exit', (code) => fail(new Error(`genocat serve exited (${code}): ${stderr}`)))
  })
  const startMs = performance.now() - started
  return {
    url,
    home: dir,
    process: child,
    startMs,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done))
        child.kill('SIGTERM')
        await exited
      }
      if (!home) rmSync(dir, { recursive: true, force: true })
    },
  }
}
