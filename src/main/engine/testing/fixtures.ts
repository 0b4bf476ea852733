import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/** ../shared/data beside the project: real public data nobody here wrote. */
export const SHARED_DATA = resolve(process.cwd(), '..', 'shared', 'data')

export function sharedFile(relative: string): string {
  return join(SHARED_DATA, relative)
}

export function hasShared(relative: string): boolean {
  const present = existsSync(sharedFile(relative))
  if (!present)
    console.warn(
      `skipped: ${sharedFile(relative)} is absent (tests using ../shared/data need it beside the project)`,
    )
  return present
}

export interface TempDir {
  readonly path: string
  file(name: string): string
  remove(): void
}

export function tempDir(prefix = 'genocat-test-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix))
  return {
    path,
    file: (name) => join(path, name),
    remove: () => rmSync(path, { recursive: true, force: true }),
  }
}
