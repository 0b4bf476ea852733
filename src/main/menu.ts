/** The application menu: File (catalogs, files, export), Edit, View, Help (About). */
import { app, dialog, Menu, type MenuItemConstructorOptions } from 'electron'
import type { MenuAction } from '../shared/api.js'
import { broadcast } from './ipc.js'

const send = (action: MenuAction) => () => broadcast({ type: 'menu', action })

export function installMenu(): void {
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Catalog…', accelerator: 'CmdOrCtrl+N', click: send('new-catalog') },
        { label: 'Open Catalog…', accelerator: 'CmdOrCtrl+O', click: send('open-catalog') },
        { type: 'separator' },
        { label: 'Add Files…', accelerator: 'CmdOrCtrl+I', click: send('add-files') },
        // Export (Parquet, FASTA, CSV/TSV, Newick) is its own feature; until it lands the item
        // is shown disabled rather than doing nothing when clicked.
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', enabled: false, click: send('export') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    {
      role: 'help',
      submenu: [
        {
          label: 'About Genocat',
          click: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: 'About Genocat',
              message: `Genocat ${app.getVersion()}`,
              detail:
                'A genomic catalog workbench: ingest, search by similarity, filter and export.\n' +
                `Electron ${process.versions.electron} · Node ${process.versions.node} · Chromium ${process.versions.chrome}`,
            }),
        },
      ],
    },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
