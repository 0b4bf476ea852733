import { existsSync } from 'node:fs'

/**
 * The Chromium to drive: GENOCAT_CHROMIUM, else Debian's /usr/bin/chromium (what CI
 * installs). Playwright's own downloaded browsers are not used: there is no internet here.
 */
export function chromiumPath(): string {
  const candidates = [
    process.env['GENOCAT_CHROMIUM'],
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ]
  const found = candidates.find((p): p is string => p !== undefined && existsSync(p))
  if (!found)
    throw new Error(
      'No Chromium found for the end-to-end tests: install it (`sudo apt-get install -y chromium`) or set GENOCAT_CHROMIUM to a Chrome/Chromium binary.',
    )
  return found
}
