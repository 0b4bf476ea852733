/**
 * The same workbench in the desktop shell, driven by Playwright's Electron support: the
 * window opens on the demo catalog, the page has the contract and nothing else, a catalog
 * is created through the native-dialog path and filled through "Add files". Where the
 * Electron binary is absent the suite is reported as skipped, with the reason.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test'
import { electronBinary } from './support/electron.js'
import { screenshotPath } from './support/figures.js'
import { ROOT } from './support/serve.js'

const binary = electronBinary()
const ZIKA_DIR = resolve(ROOT, '..', 'shared', 'data', 'nextstrain-zika-tutorial', 'data')

test.describe('the desktop app (Electron)', () => {
  test.skip('skipped' in binary, 'skipped' in binary ? binary.skipped : '')
  if ('skipped' in binary) console.log(`Electron suite skipped: ${binary.skipped}`)

  let app: ElectronApplication
  let home: string

  test.beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'genocat-electron-'))
    const { electronSqliteBinding } = await import('../scripts/electron-sqlite.js')
    app = await electron.launch({
      args: [join(ROOT, 'out', 'main', 'index.js')],
      env: {
        ...process.env,
        GENOCAT_HOME: home,
        GENOCAT_SQLITE_BINDING: electronSqliteBinding(),
      },
    })
  })

  test.afterAll(async () => {
    await app?.close()
    rmSync(home, { recursive: true, force: true })
  })

  test('opens a hardened window on the demo catalog', async () => {
    const page = await app.firstWindow()
    await expect(page.getByText('418 sequences').first()).toBeVisible()
    // The page sees the contract, not Node or a raw ipcRenderer.
    const exposed = await page.evaluate(() => ({
      node: typeof (globalThis as { process?: unknown }).process,
      require: typeof (globalThis as { require?: unknown }).require,
      methods: Object.keys((window as unknown as { genocat: { api: object } }).genocat.api),
    }))
    expect(exposed.node).toBe('undefined')
    expect(exposed.require).toBe('undefined')
    expect(exposed.methods).toContain('search:run')
    await page.screenshot({ path: screenshotPath('electron-overview.png') })
  })

  test('creates a catalog and adds files through the native dialog', async () => {
    const page = await app.firstWindow()
    const folder = join(home, 'zika')
    await app.evaluate(
      ({ dialog }, paths) => {
        dialog.showOpenDialog = () => Promise.resolve({ canceled: false, filePaths: paths })
      },
      [join(ZIKA_DIR, 'sequences.fasta'), join(ZIKA_DIR, 'metadata.tsv')],
    )
    await page.getByRole('button', { name: 'New catalog' }).click()
    await page.getByLabel('Catalog folder').fill(folder)
    await page.getByRole('button', { name: 'Create' }).click()
    await page.getByRole('button', { name: 'Add files' }).click()
    await expect(page.getByText('34 sequences').first()).toBeVisible()
    await expect(page.locator('.ingest-row', { hasText: 'metadata.tsv' })).toContainText('Added')
  })
})
