import { resolve, join } from 'node:path'
import { GenocatError } from '../../../shared/errors.js'

/**
 * Where a catalog lives. Everything that touches storage goes through a Location, so that
 * remote catalogs (`s3://bucket/prefix`) slot in without hunting for local-path assumptions.
 */
export type Location =
  | { readonly kind: 'local'; readonly path: string }
  | { readonly kind: 's3'; readonly bucket: string; readonly prefix: string }

export function parseLocation(input: string): Location {
  const trimmed = input.trim()
  if (trimmed === '') throw new GenocatError('INVALID_ARGUMENT', 'A catalog location is required.')
  const s3 = /^s3:\/\/([^/]+)\/?(.*)$/.exec(trimmed)
  if (s3) return { kind: 's3', bucket: s3[1] ?? '', prefix: (s3[2] ?? '').replace(/\/+$/, '') }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    throw new GenocatError(
      'UNSUPPORTED_LOCATION',
      `Unsupported catalog location "${trimmed}": use a folder or s3://bucket/prefix.`,
    )
  }
  return { kind: 'local', path: resolve(trimmed) }
}

export function describeLocation(location: Location): string {
  return location.kind === 'local' ? location.path : `s3://${location.bucket}/${location.prefix}`
}

/** The URI LanceDB connects to for this catalog's tables. */
export function lanceUri(location: Location): string {
  return location.kind === 'local'
    ? join(location.path, 'lance')
    : `s3://${location.bucket}/${location.prefix ? `${location.prefix}/` : ''}lance`
}

/** Local folders only, for now; remote catalogs are opened by a later capability. */
export function requireLocal(location: Location): string {
  if (location.kind !== 'local') {
    throw new GenocatError(
      'UNSUPPORTED_LOCATION',
      `Remote catalogs (${describeLocation(location)}) cannot be opened by this version yet.`,
    )
  }
  return location.path
}
