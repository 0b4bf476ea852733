import { createRequire } from 'node:module'

/**
 * The Electron binary, or why there is none. Machines that installed with
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1 have the package but not the binary.
 */
export function electronBinary(): { path: string } | { skipped: string } {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown
    if (typeof path === 'string') return { path }
  } catch (error) {
    return {
      skipped: `the Electron binary is not installed here (${(error as Error).message.split('\n')[0]}); install without ELECTRON_SKIP_BINARY_DOWNLOAD to run the desktop suite`,
    }
  }
  return { skipped: 'the electron package did not give a binary path' }
}
