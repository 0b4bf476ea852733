/** Catalog handlers: create, open (by path, recent or the demo), close, describe. */
import { GenocatError } from '../../shared/errors.js'
import { initCatalog } from '../engine/catalog/catalog.js'
import { catalogStats } from '../engine/catalog/stats.js'
import { ensureDemoCatalog } from './demo.js'
import type { HandlerDeps, Handlers } from './handlers.js'
import { readRecent, rememberRecent } from './recent.js'

type CatalogMethods =
  | 'app:info'
  | 'catalog:current'
  | 'catalog:recent'
  | 'catalog:create'
  | 'catalog:open'
  | 'catalog:open-demo'
  | 'catalog:close'
  | 'catalog:stats'
  | 'dialog:choose-files'
  | 'dialog:choose-folder'

export function catalogHandlers(deps: HandlerDeps): Handlers<CatalogMethods> {
  const { session, settingsDir } = deps
  const opened = async (location: string, demo = false) => {
    const summary = await session.open(location, { demo })
    if (!demo) rememberRecent(settingsDir, { name: summary.name, location: summary.location })
    deps.emit({ type: 'catalog-changed', catalog: summary })
    return summary
  }
  const noDialogs = (): never => {
    throw new GenocatError(
      'UNSUPPORTED',
      'Native file dialogs exist only in the desktop app; in a browser, drop files or type a folder.',
    )
  }
  return {
    'app:info': () => Promise.resolve(deps.app),
    'catalog:current': async () => (await session.current()) ?? null,
    'catalog:recent': () => Promise.resolve(readRecent(settingsDir)),
    'catalog:create': async ({ location, name }) => {
      await initCatalog(location, name === undefined ? {} : { name })
      return opened(location)
    },
    'catalog:open': ({ location }) => opened(location),
    'catalog:open-demo': async () =>
      opened(await ensureDemoCatalog(settingsDir, deps.demoSource), true),
    'catalog:close': () => {
      session.close()
      deps.emit({ type: 'catalog-changed', catalog: null })
      return Promise.resolve(null)
    },
    'catalog:stats': () => catalogStats(session.require()),
    'dialog:choose-files': () => (deps.dialogs ? deps.dialogs.chooseFiles() : noDialogs()),
    'dialog:choose-folder': ({ purpose }) =>
      deps.dialogs ? deps.dialogs.chooseFolder(purpose) : noDialogs(),
  }
}
