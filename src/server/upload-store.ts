import { randomUUID } from 'node:crypto'
import { mkdir, mkdtemp, rm, rmdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Where uploads land while the server runs, and their cleanup when it stops. */
export interface UploadStore {
  readonly dir: string
  /** A new, empty folder for one upload, so equal names never overwrite each other. */
  newFolder(): Promise<string>
  /** Forgets a folder whose upload failed and was already removed. */
  discard(folder: string): Promise<void>
  /** Keeps `work` (one upload) in view until it settles, so `close` can wait for it. */
  track(work: Promise<void>): Promise<void>
  /** Waits for running uploads, then removes every upload folder and the store's own folder. */
  close(): Promise<void>
}

/**
 * Opens the upload folder: a fresh temporary one by default. A folder the caller names is
 * emptied of our uploads on close and removed only if nothing else is left in it, so a
 * mistaken `--upload-dir ~` never costs anyone their files.
 */
export async function openUploadStore(dir?: string): Promise<UploadStore> {
  const owned = dir === undefined
  const root = owned ? await mkdtemp(join(tmpdir(), 'genocat-uploads-')) : dir
  if (!owned) await mkdir(root, { recursive: true })
  const folders = new Set<string>()
  const running = new Set<Promise<void>>()

  return {
    dir: root,
    async newFolder() {
      const folder = join(root, randomUUID())
      await mkdir(folder)
      folders.add(folder)
      return folder
    },
    async discard(folder) {
      folders.delete(folder)
      await rm(folder, { recursive: true, force: true })
    },
    async track(work) {
      running.add(work)
      try {
        await work
      } finally {
        running.delete(work)
      }
    },
    async close() {
      await Promise.allSettled([...running])
      if (owned) {
        await rm(root, { recursive: true, force: true })
        return
      }
      await Promise.all([...folders].map((f) => rm(f, { recursive: true, force: true })))
      await rmdir(root).catch(() => undefined)
    },
  }
}
