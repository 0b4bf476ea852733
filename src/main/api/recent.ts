/** The recently opened catalogs, kept in the app's settings folder (never in a catalog). */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RecentCatalog } from '../../shared/api.js'

const FILE = 'recent-catalogs.json'
const KEEP = 10

export function readRecent(settingsDir: string): RecentCatalog[] {
  try {
    const parsed = JSON.parse(readFileSync(join(settingsDir, FILE), 'utf8')) as unknown
    return Array.isArray(parsed)
      ? (parsed as RecentCatalog[]).filter(
          (r) => typeof r?.location === 'string' && typeof r?.name === 'string',
        )
      : []
  } catch {
    // No file yet, or one a crash cut short: start a fresh list rather than fail to start.
    return []
  }
}

export function rememberRecent(settingsDir: string, entry: Omit<RecentCatalog, 'openedAt'>): void {
  const list = [
    { ...entry, openedAt: new Date().toISOString() },
    ...readRecent(settingsDir).filter((r) => r.location !== entry.location),
  ].slice(0, KEEP)
  mkdirSync(settingsDir, { recursive: true })
  // Write then rename, so a crash never leaves half a file.
  const temp = join(settingsDir, `${FILE}.tmp`)
  writeFileSync(temp, JSON.stringify(list, null, 2))
  renameSync(temp, join(settingsDir, FILE))
}
