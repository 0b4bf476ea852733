/**
 * The workbench's one API contract. Electron IPC (preload + main), serve mode (HTTP + SSE)
 * and the tests all speak it; each method is `domain:verb` with one input and one output.
 * Errors never throw across the boundary: every call resolves to an `ApiResult`.
 * Imports nothing but other shared types.
 */
import type { CatalogStats, FieldType, IngestEvent, IngestReport } from './catalog-types.js'
import type { ErrorData } from './errors.js'
import type { FilterNode } from './filter/ast.js'
import type { QueryResult, SearchPlan } from './search-types.js'

/** A record as users see it: built-in fields (id, description, alphabet, length, gc) plus metadata. */
export type RecordRow = Readonly<Record<string, string | number | boolean | null>>

export interface AppInfo {
  readonly name: string
  readonly version: string
  /** 'electron' in the desktop app, 'serve' in a browser. */
  readonly shell: 'electron' | 'serve'
  /** Native dialogs and file paths exist only in the desktop app; serve mode uploads. */
  readonly nativeFiles: boolean
}

export interface CatalogSummary {
  readonly name: string
  /** Where it lives, as the user would type it (a folder, later s3://…). */
  readonly location: string
  readonly format: string
  readonly formatVersion: number
  readonly sequences: number
  readonly totalLength: number
  /** Bytes on disk (Lance tables + SQLite). */
  readonly bytesOnDisk: number
  readonly sources: number
  readonly demo: boolean
}

export interface RecentCatalog {
  readonly name: string
  readonly location: string
  readonly openedAt: string
}

/** A field the query builder can offer, with what it needs to suggest values. */
export interface FieldSchema {
  readonly name: string
  readonly type: FieldType
  readonly builtin: boolean
  readonly missing: number
  readonly distinct: number
  /** Most frequent values (text, boolean), most common first. */
  readonly topValues: readonly { readonly value: string; readonly count: number }[]
  /** Smallest and largest value (numbers, integers, dates as YYYY-MM-DD). */
  readonly range: { readonly min: number | string; readonly max: number | string } | null
}

export interface HistogramBin {
  /** Inclusive lower edge. */
  readonly x0: number
  /** Exclusive upper edge (inclusive for the last bin). */
  readonly x1: number
  readonly count: number
}

export interface Overview {
  readonly sequences: number
  readonly totalLength: number
  readonly matching: number
  readonly lengthBins: readonly HistogramBin[]
  readonly gcBins: readonly HistogramBin[]
  readonly fields: readonly FieldSchema[]
}

export interface RecordPage {
  readonly rows: readonly RecordRow[]
  /** Records matching the filter (all of them, not only this page). */
  readonly total: number
  /** Field names in display order. */
  readonly columns: readonly string[]
}

export interface RecordDetail {
  readonly record: RecordRow
  readonly sequence: string
}

export interface SearchResponse {
  readonly results: readonly QueryResult[]
  readonly plan: SearchPlan
  readonly milliseconds: number
}

export interface IngestStart {
  readonly jobId: string
  /** How each file will be read, by content. */
  readonly files: readonly { readonly path: string; readonly kind: 'sequences' | 'metadata' }[]
}

export interface UploadedFile {
  /** Where serve mode stored it, to hand to `ingest:start`. */
  readonly path: string
  readonly name: string
  readonly bytes: number
}

/** Every method: its input and its output. */
export interface ApiMethods {
  'app:info': { input: Record<string, never>; output: AppInfo }
  'catalog:current': { input: Record<string, never>; output: CatalogSummary | null }
  'catalog:recent': { input: Record<string, never>; output: readonly RecentCatalog[] }
  'catalog:create': { input: { location: string; name?: string }; output: CatalogSummary }
  'catalog:open': { input: { location: string }; output: CatalogSummary }
  'catalog:open-demo': { input: Record<string, never>; output: CatalogSummary }
  'catalog:close': { input: Record<string, never>; output: null }
  'catalog:stats': { input: Record<string, never>; output: CatalogStats }
  'catalog:fields': { input: Record<string, never>; output: readonly FieldSchema[] }
  'catalog:overview': { input: { where?: FilterNode }; output: Overview }
  'records:query': {
    input: { where?: FilterNode; limit?: number; offset?: number }
    output: RecordPage
  }
  'records:get': { input: { id: string }; output: RecordDetail }
  'filter:check': { input: { text: string }; output: { filter: FilterNode } }
  'search:run': {
    input: { query: string; where?: FilterNode; k?: number }
    output: SearchResponse
  }
  'ingest:start': { input: { paths: readonly string[] }; output: IngestStart }
  'ingest:cancel': { input: { jobId: string }; output: { cancelled: boolean } }
  /** Desktop only: native dialogs. Serve mode answers UNSUPPORTED. */
  'dialog:choose-files': { input: Record<string, never>; output: readonly string[] }
  'dialog:choose-folder': {
    input: { purpose: 'create' | 'open' }
    output: string | null
  }
}

export type ApiMethod = keyof ApiMethods
export type ApiInput<M extends ApiMethod> = ApiMethods[M]['input']
export type ApiOutput<M extends ApiMethod> = ApiMethods[M]['output']

/** The list every adapter registers and the preload exposes; nothing else crosses. */
export const API_METHODS = [
  'app:info',
  'catalog:current',
  'catalog:recent',
  'catalog:create',
  'catalog:open',
  'catalog:open-demo',
  'catalog:close',
  'catalog:stats',
  'catalog:fields',
  'catalog:overview',
  'records:query',
  'records:get',
  'filter:check',
  'search:run',
  'ingest:start',
  'ingest:cancel',
  'dialog:choose-files',
  'dialog:choose-folder',
] as const satisfies readonly ApiMethod[]

export type ApiResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorData }

/** Pushed from the engine to every window or browser tab. */
export type ApiEvent =
  | { readonly type: 'ingest'; readonly jobId: string; readonly event: IngestEvent }
  | { readonly type: 'ingest-done'; readonly jobId: string; readonly report: IngestReport }
  | {
      readonly type: 'ingest-failed'
      readonly jobId: string
      readonly error: ErrorData
    }
  | { readonly type: 'catalog-changed'; readonly catalog: CatalogSummary | null }
  /** From the desktop menu: the renderer runs the matching UI action. */
  | { readonly type: 'menu'; readonly action: MenuAction }

export type MenuAction = 'new-catalog' | 'open-catalog' | 'add-files' | 'export' | 'about'

/** What the renderer sees: one async function per method, plus events. */
export type GenocatApi = {
  readonly [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiResult<ApiOutput<M>>>
}

/** The desktop bridge on `window.genocat`: the contract, events, and dropped files' paths. */
export interface GenocatBridge {
  readonly api: GenocatApi
  onEvent(listener: (event: ApiEvent) => void): () => void
  /** The path of a file dropped from the desktop (Electron's webUtils), '' if none. */
  pathForFile(file: unknown): string
}
