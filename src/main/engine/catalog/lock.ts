import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { GenocatError } from '../../../shared/errors.js'

export interface WriterLock {
  /** Set when a lock left by a process that no longer runs was taken over. */
  readonly staleFrom: { pid: number; since: string } | null
  release(): void
}

interface LockContent {
  pid: number
  host: string
  since: string
}

/** Lock files held by this process: a second writer here is refused like one elsewhere. */
const held = new Set<string>()

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readLock(path: string): LockContent | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockContent
  } catch {
    return null
  }
}

/**
 * One writer per catalog. The lock file names its owner; a lock whose process is gone (a
 * killed ingest) is taken over and reported instead of blocking the next run.
 */
export function acquireWriterLock(path: string): WriterLock {
  let staleFrom: WriterLock['staleFrom'] = null
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      const content: LockContent = {
        pid: process.pid,
        host: hostname(),
        since: new Date().toISOString(),
      }
      writeSync(fd, JSON.stringify(content))
      closeSync(fd)
      held.add(path)
      return {
        staleFrom,
        release: () => {
          held.delete(path)
          const current = readLock(path)
          if (current?.pid === process.pid) rmSync(path, { force: true })
        },
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = readLock(path)
      const sameHost = owner?.host === undefined || owner.host === hostname()
      const ours = owner?.pid === process.pid
      if (owner && sameHost && ((ours && held.has(path)) || (!ours && isAlive(owner.pid)))) {
        throw new GenocatError(
          'CATALOG_LOCKED',
          ours
            ? `The catalog is already open for writing in this Genocat process (since ${owner.since}). Close it first.`
            : `The catalog is being written by another Genocat process (pid ${owner.pid}, since ${owner.since}). Wait for it to finish.`,
          { pid: owner.pid },
        )
      }
      if (owner && !sameHost) {
        throw new GenocatError(
          'CATALOG_LOCKED',
          `The catalog is locked by Genocat on host ${owner.host} (pid ${owner.pid}). If that process is gone, delete ${path}.`,
        )
      }
      staleFrom = { pid: owner?.pid ?? 0, since: owner?.since ?? 'unknown' }
      rmSync(path, { force: true })
    }
  }
  throw new GenocatError('CATALOG_LOCKED', `Could not lock the catalog (${path}).`)
}
