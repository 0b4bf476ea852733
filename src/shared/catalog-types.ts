/** Domain types shared by the engine, the CLI and (later) the UI. Imports nothing. */

export type Alphabet = 'dna' | 'rna' | 'protein'

export type FieldType = 'integer' | 'number' | 'date' | 'boolean' | 'text'

/** A metadata field as recorded in the catalog's field schema. */
export interface FieldInfo {
  readonly name: string
  readonly type: FieldType
  /** Records of the catalog that have no value for this field. */
  readonly missing: number
  /** Number of distinct values among records that have one. */
  readonly distinct: number
}

export type QualityEncoding = 'sanger' | 'solexa' | 'illumina'

export type DuplicatePolicy = 'error' | 'skip' | 'replace'

export type FileStatus = 'added' | 'already-present' | 'failed' | 'cancelled'

export interface FileReport {
  readonly path: string
  readonly kind: 'sequences' | 'metadata'
  readonly records: number
  readonly status: FileStatus
  readonly skippedDuplicates?: number
  readonly replaced?: number
  readonly unmatchedIds?: readonly string[]
  readonly unmatchedCount?: number
  readonly error?: { readonly code: string; readonly message: string }
}

export interface IngestReport {
  readonly files: readonly FileReport[]
  readonly added: number
  readonly skipped: number
  readonly errors: readonly {
    readonly path: string
    readonly code: string
    readonly message: string
  }[]
  readonly recovered: readonly string[]
  /** Index maintenance after the files, when any were added. */
  readonly indexes?: readonly IndexReport[]
}

/** Progress of one file, emitted while it is read. */
export interface IngestProgress {
  readonly path: string
  readonly records: number
  readonly bytesRead: number
  readonly totalBytes: number
  /** Records per second since the file started. */
  readonly rate: number
  /** Seconds left, estimated from bytes read; null until it can be estimated. */
  readonly etaSeconds: number | null
}

/** 'skipped': the seed index, for a catalog too large to hold one in memory. */
export type IndexAction = 'none' | 'built' | 'rebuilt' | 'refreshed' | 'flat' | 'skipped'

/** What index maintenance found and did for one index. */
export interface IndexReport {
  readonly table: 'records' | 'sequences' | 'windows'
  readonly column: string
  /** 'seeds': the minimizer index over residues (`column` is 'residues'). */
  readonly kind: 'ivf-pq' | 'btree' | 'flat' | 'seeds'
  readonly rows: number
  readonly unindexedBefore: number
  readonly action: IndexAction
  readonly seconds: number
  readonly partitions?: number
}

export type IngestEvent =
  | { readonly type: 'file-start'; readonly path: string; readonly totalBytes: number }
  | ({ readonly type: 'progress' } & IngestProgress)
  | { readonly type: 'file-done'; readonly report: FileReport }
  | { readonly type: 'recovered'; readonly message: string }
  | { readonly type: 'indexing'; readonly message: string }

export interface Summary {
  readonly min: number
  readonly max: number
  readonly mean: number
  readonly median: number
  readonly q1: number
  readonly q3: number
}

export interface CatalogStats {
  readonly location: string
  readonly formatVersion: number
  readonly sequences: number
  readonly totalLength: number
  readonly alphabets: Readonly<Partial<Record<Alphabet, number>>>
  readonly length: Summary | null
  readonly gc: Summary | null
  readonly sources: number
  readonly embedder: EmbedderSpec
  readonly fields: readonly FieldInfo[]
}

/** Which embedder made a catalog's vectors, with its parameters; catalogs never mix them. */
export interface EmbedderSpec {
  readonly name: string
  readonly version: number
  readonly dimensions: number
  readonly params: Readonly<Record<string, number | string>>
}
