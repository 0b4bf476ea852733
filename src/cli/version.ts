import { readFileSync } from 'node:fs'

/** The package version, read from package.json (two levels above both src/cli and out/node/cli). */
export function version(): string {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      return (JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { version: string })
        .version
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0'
}
