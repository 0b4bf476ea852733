/**
 * End-to-end suites: the workbench in Debian's Chromium against `genocat serve` everywhere,
 * and in Electron where its binary is installed. One worker, no retries: a flaky step is a
 * bug to fix, not to hide.
 */
import { defineConfig } from '@playwright/test'
import { chromiumPath } from './support/browser.js'

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  workers: 1,
  retries: 0,
  fullyParallel: false,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  outputDir: '../test-results',
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: chromiumPath(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
    trace: 'off',
  },
})
