/**
 * The desktop shell: one window with the hardened settings (context isolation, sandbox, no
 * Node in the page, a Content-Security-Policy, no navigation or new windows), the API host
 * behind IPC, native dialogs and the menu. With no catalog given it opens the demo.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { app, BrowserWindow, dialog, session, shell } from 'electron'
import { findDemoSource } from './api/demo.js'
import type { Dialogs } from './api/handlers.js'
import { createApiHost, type ApiHost } from './api/host.js'
import { registerIpc } from './ipc.js'
import { installMenu } from './menu.js'

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'"

const devUrl = process.env['ELECTRON_RENDERER_URL']
// Tests (and users who want a portable setup) keep settings and the demo in their own folder.
const home = process.env['GENOCAT_HOME']
if (home) app.setPath('userData', home)
let host: ApiHost | null = null

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 900,
    minHeight: 600,
    title: 'Genocat',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  })
  window.once('ready-to-show', () => window.show())
  // The page never navigates away or opens windows; https links go to the user's browser.
  window.webContents.on('will-navigate', (event) => event.preventDefault())
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
  if (devUrl) void window.loadURL(devUrl)
  else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'))
  return window
}

function nativeDialogs(): Dialogs {
  const owner = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]
  return {
    async chooseFiles() {
      const window = owner()
      const options: Electron.OpenDialogOptions = {
        title: 'Add files to the catalog',
        properties: ['openFile', 'multiSelections'],
        filters: [
          {
            name: 'Sequences and metadata',
            extensions: ['fa', 'fasta', 'fna', 'fq', 'fastq', 'gz', 'bgz', 'tsv', 'csv', 'txt'],
          },
          { name: 'All files', extensions: ['*'] },
        ],
      }
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options)
      return result.canceled ? [] : result.filePaths
    },
    async chooseFolder(purpose) {
      const window = owner()
      const options: Electron.OpenDialogOptions = {
        title: purpose === 'create' ? 'Folder for the new catalog' : 'Open a catalog folder',
        properties: ['openDirectory', 'createDirectory'],
      }
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
  }
}

/** A catalog folder given on the command line (`genocat-app /data/zika`), if any. */
function catalogArgument(): string | null {
  const args = process.argv.slice(app.isPackaged ? 1 : 2).filter((a) => !a.startsWith('-'))
  const found = args.map((a) => resolve(a)).find((a) => existsSync(join(a, 'catalog.sqlite')))
  return found ?? null
}

void app.whenReady().then(async () => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] },
    })
  })
  host = createApiHost({
    app: { name: 'Genocat', version: app.getVersion(), shell: 'electron', nativeFiles: true },
    settingsDir: app.getPath('userData'),
    demoSource: findDemoSource(import.meta.url),
    dialogs: nativeDialogs(),
  })
  registerIpc(host, devUrl)
  installMenu()
  const catalog = catalogArgument()
  // Open before the window shows, so the first paint already has a catalog (or its error).
  await host.call(
    catalog ? 'catalog:open' : 'catalog:open-demo',
    catalog ? { location: catalog } : {},
  )
  createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

app.on('will-quit', (event) => {
  if (!host) return
  // Cancel running ingests (their files roll back) before the process exits.
  event.preventDefault()
  const closing = host
  host = null
  void closing.close().finally(() => app.exit(0))
})
