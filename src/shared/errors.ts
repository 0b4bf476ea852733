/**
 * Errors that cross a boundary (CLI, IPC, HTTP) travel as data: a stable code, a sentence a
 * biologist can act on, and details naming the file, line, record or field involved.
 */
export type ErrorCode =
  | 'NOT_A_CATALOG'
  | 'CATALOG_EXISTS'
  | 'CATALOG_TOO_NEW'
  | 'CATALOG_LOCKED'
  | 'UNSUPPORTED_LOCATION'
  | 'FILE_NOT_FOUND'
  | 'EMPTY_FILE'
  | 'UNKNOWN_FORMAT'
  | 'COMPRESSION_ERROR'
  | 'PARSE_ERROR'
  | 'DUPLICATE_IDS'
  | 'METADATA_ERROR'
  | 'EMBEDDER_MISMATCH'
  | 'CANCELLED'
  | 'INVALID_ARGUMENT'
  | 'INVALID_FILTER'
  | 'INVALID_QUERY'
  | 'UNKNOWN_FIELD'
  | 'NO_CATALOG'
  | 'NOT_FOUND'
  | 'UNSUPPORTED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'INDEX_DAMAGED'
  | 'INTERNAL'

export interface ErrorDetails {
  readonly file?: string
  readonly line?: number
  readonly record?: string
  readonly field?: string
  readonly [key: string]: unknown
}

export interface ErrorData {
  readonly code: ErrorCode
  readonly message: string
  readonly details?: ErrorDetails
}

export class GenocatError extends Error {
  readonly code: ErrorCode
  readonly details: ErrorDetails

  constructor(
    code: ErrorCode,
    message: string,
    details: ErrorDetails = {},
    options?: ErrorOptions,
  ) {
    super(message, options)
    this.name = 'GenocatError'
    this.code = code
    this.details = details
  }

  toData(): ErrorData {
    return { code: this.code, message: this.message, details: this.details }
  }
}

/** Turns anything thrown into error data; unknown errors keep their message, not their stack. */
export function toErrorData(error: unknown): ErrorData {
  if (error instanceof GenocatError) return error.toData()
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'INTERNAL', message }
}
