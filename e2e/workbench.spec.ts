/**
 * The workbench in Chromium against `genocat serve`, as a researcher uses it: the demo on
 * first start, a new catalog, the zika genomes and metadata added by drop and by the file
 * chooser, the overview, a filter built with the query builder, a search and a hit's
 * alignment; a large ingest cancelled and a broken file rejected. Screenshots of each main
 * view go to e2e/screenshots/.
 */
import {
  createWriteStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { dropFiles } from './support/drop.js'
import { recordFigure, screenshotPath } from './support/figures.js'
import { ROOT, startServe, type Served } from './support/serve.js'

const SHARED = resolve(ROOT, '..', 'shared', 'data', 'nextstrain-zika-tutorial', 'data')
const ZIKA = join(SHARED, 'sequences.fasta')
const ZIKA_META = join(SHARED, 'metadata.tsv')

test.describe.configure({ mode: 'serial' })

let served: Served
let page: Page
let work: string

test.beforeAll(async ({ browser }) => {
  expect(existsSync(ZIKA), `${ZIKA} must exist (../shared beside the project)`).toBe(true)
  work = mkdtempSync(join(tmpdir(), 'genocat-e2e-'))
  served = await startServe()
  page = await browser.newPage()
  const opened = performance.now()
  await page.goto(served.url)
  await expect(page.getByText('418 sequences', { exact: false }).first()).toBeVisible()
  recordFigure('serve start to printed URL (demo built on first run)', served.startMs)
  recordFigure('page load to usable overview', performance.now() - opened)
  recordFigure('serve start to usable page', served.startMs + performance.now() - opened)
})

test.afterAll(async () => {
  await page?.close()
  await served?.stop()
  // Unset when beforeAll stopped before making it (../shared missing, say).
  if (work) rmSync(work, { recursive: true, force: true })
})

test('opens on the demo catalog with its overview', async () => {
  await expect(page.getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page')
  await expect(page.getByText('SARS-CoV-2 demo').first()).toBeVisible()
  await expect(
    page.getByRole('button', { name: /^country .*: \d+ sequences?/ }).first(),
  ).toBeVisible()
  await page.screenshot({ path: screenshotPath('overview-demo.png') })
})

test('closes the demo and creates a new catalog', async () => {
  await page.getByRole('button', { name: 'Close catalog' }).click()
  await expect(page.getByText('No catalog open')).toBeVisible()
  await page.getByRole('button', { name: 'New catalog' }).click()
  const dialog = page.getByRole('dialog', { name: 'New catalog' })
  await dialog.getByLabel('Catalog folder').fill(join(work, 'zika'))
  await dialog.getByLabel('Catalog name').fill('Zika tutorial')
  await dialog.getByRole('button', { name: 'Create' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByText('Zika tutorial').first()).toBeVisible()
  await expect(page.getByText('0 sequences').first()).toBeVisible()
})

test('adds the zika genomes by drop and the metadata by the file chooser', async () => {
  const dropped = await dropFiles(page, [ZIKA])
  const bar = page.getByRole('progressbar', { name: 'sequences.fasta' })
  await expect(bar).toBeVisible()
  recordFigure('drop to its progress bar', (await page.evaluate(() => performance.now())) - dropped)
  // The upload (serve mode) is done and the engine has reported reading, or already finished.
  const row = page.locator('.ingest-row', { hasText: 'sequences.fasta' })
  await expect(row).toContainText(/Reading|Added/)
  recordFigure(
    'drop to first engine progress',
    (await page.evaluate(() => performance.now())) - dropped,
  )
  await expect(row).toContainText('Added')
  recordFigure('drop to file committed', (await page.evaluate(() => performance.now())) - dropped)
  await expect(page.getByText('34 sequences').first()).toBeVisible()

  await page.getByLabel('Choose files to add').setInputFiles(ZIKA_META)
  const meta = page.locator('.ingest-row', { hasText: 'metadata.tsv' })
  await expect(meta).toContainText('Added')
  await expect(page.getByRole('progressbar', { name: 'metadata.tsv' })).toHaveAttribute(
    'value',
    '1',
  )
  await page.screenshot({ path: screenshotPath('ingest.png') })
})

test('shows the overview and filters by clicking a bar', async () => {
  await page.getByRole('link', { name: 'Overview' }).click()
  const brazil = page.getByRole('button', { name: /^country Brazil: 5 sequences/ })
  await expect(brazil).toBeVisible()
  await page.screenshot({ path: screenshotPath('overview.png'), fullPage: true })
  await brazil.click()
  await expect(page.getByText('country = "Brazil"').first()).toBeVisible()
  await page.getByRole('button', { name: 'Clear filter' }).first().click()
  await expect(page.getByText('country = "Brazil"')).toHaveCount(0)
})

test('builds a filter with the query builder and browses the matches', async () => {
  await page.getByRole('link', { name: 'Browse' }).click()
  await page.getByRole('button', { name: 'Add rule' }).click()
  const rule = page.getByRole('group', { name: 'Rule' }).last()
  await rule.getByLabel('Field').selectOption('country')
  await rule.getByLabel('Operator').selectOption({ label: 'is' })
  await rule.getByLabel('Value').fill('Brazil')
  await page.getByRole('button', { name: 'Add rule' }).click()
  const second = page.getByRole('group', { name: 'Rule' }).last()
  await second.getByLabel('Field').selectOption('length')
  await second.getByLabel('Operator').selectOption({ label: '>' })
  await second.getByLabel('Value').fill('10000')
  await expect(page.getByLabel('Filter preview')).toContainText('country = "Brazil"')
  await page.getByRole('button', { name: 'Apply filter' }).click()
  // Five Brazilian genomes, three of them longer than 10 kb; plus the header row.
  await expect(page.getByText('3 of 34 records match')).toBeVisible()
  const table = page.getByRole('table', { name: 'Records' })
  await expect(table.getByRole('row')).toHaveCount(3 + 1)
  await expect(table.getByRole('columnheader', { name: 'ID' })).toBeVisible()
  await page.screenshot({ path: screenshotPath('browse.png') })
})

test('searches with a sequence and opens a hit with its alignment', async () => {
  const fasta = readFileSync(ZIKA, 'utf8')
  const record = fasta.split('>').find((r) => r.startsWith('PRVABC59'))!
  const genome = record.split('\n').slice(1).join('')
  const read = genome.slice(4000, 4300)
  await page.getByRole('link', { name: 'Search' }).click()
  await page.getByRole('button', { name: 'Clear' }).first().click()
  await page.getByRole('textbox', { name: 'Query sequence' }).fill(`>my-read\n${read}\n`)
  await page.getByRole('button', { name: 'Search', exact: true }).click()
  await expect(page.getByText(/\d+ hits?/).first()).toBeVisible()
  const table = page.getByRole('table', { name: 'Search hits' })
  for (const header of ['ID', 'Identity', 'Coverage', 'Score'])
    await expect(table.getByRole('columnheader', { name: header, exact: true })).toBeVisible()
  await page.screenshot({ path: screenshotPath('search.png') })
  await table.getByRole('row').nth(1).click()
  const details = page.getByRole('complementary').or(page.locator('.detail-panel'))
  await expect(details.first()).toContainText('Identity')
  await expect(page.getByRole('button', { name: 'Copy sequence' })).toBeVisible()
  await page.screenshot({ path: screenshotPath('detail.png') })
  await page.getByRole('button', { name: 'Close details' }).click()
})

test('cancels the ingest of a large file and keeps the catalog as it was', async () => {
  const big = join(work, 'large-reads.fasta')
  const out = createWriteStream(big)
  let seed = 12345
  const base = () => 'ACGT'[((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 3]
  for (let i = 0; i < 150_000; i++) {
    let s = ''
    for (let j = 0; j < 1000; j++) s += base()
    out.write(`>big${i}\n${s}\n`)
  }
  await new Promise<void>((done) => out.end(done))
  await page.getByLabel('Choose files to add').setInputFiles(big)
  const row = page.locator('.ingest-row', { hasText: 'large-reads.fasta' })
  await expect(row).toContainText('Reading')
  await row.getByRole('button', { name: 'Cancel' }).click()
  await expect(row).toContainText('Cancelled')
  await expect(page.getByText('34 sequences').first()).toBeVisible()
  await page.screenshot({ path: screenshotPath('ingest-cancelled.png') })
})

test('shows why a broken file was rejected, on its own row', async () => {
  const broken = join(work, 'broken.fasta')
  writeFileSync(broken, '>ok\nACGTACGT\n>bad\nACGT this is not DNA 12345\n')
  await page.getByLabel('Choose files to add').setInputFiles(broken)
  const row = page.locator('.ingest-row', { hasText: 'broken.fasta' })
  // Jobs run one at a time: this one waits while the cancelled 150 MB job before it finishes
  // rolling back, which took over 30 s on a slow CI machine.
  await expect(row).toContainText('Rejected', { timeout: 120_000 })
  await expect(row.getByRole('alert')).toContainText('broken.fasta')
  await expect(page.getByText('34 sequences').first()).toBeVisible()
  await page.screenshot({ path: screenshotPath('ingest-rejected.png') })
})
