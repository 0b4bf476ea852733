/** What every feature's handlers are made of: one async function per contract method. */
import type { ApiEvent, ApiInput, ApiMethod, ApiOutput, AppInfo } from '../../shared/api.js'
import type { Session } from './session.js'

export type Handler<M extends ApiMethod> = (input: ApiInput<M>) => Promise<ApiOutput<M>>
export type Handlers<K extends ApiMethod> = { readonly [M in K]: Handler<M> }

/** Native dialogs, which only the desktop shell has. */
export interface Dialogs {
  chooseFiles(): Promise<string[]>
  chooseFolder(purpose: 'create' | 'open'): Promise<string | null>
}

/** What handlers depend on, passed in so tests give them a temp folder and a real catalog. */
export interface HandlerDeps {
  readonly session: Session
  readonly app: AppInfo
  /** The app's own settings (recent catalogs) and data (the demo catalog). */
  readonly settingsDir: string
  /** The demo catalog's source files (FASTA + metadata), from resources/demo. */
  readonly demoSource: string
  readonly dialogs: Dialogs | null
  readonly emit: (event: ApiEvent) => void
}
