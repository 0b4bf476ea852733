import type { FieldType } from '../../../shared/catalog-types.js'
import type { MetaDb } from '../catalog/meta-db.js'

/** A field a filter can name: built into every record, or a metadata column. */
export interface FilterField {
  readonly name: string
  readonly type: FieldType
  /** The Lance column holding it (dates: the text; `_lo` / `_hi` hold the day bounds). */
  readonly column: string
  readonly builtin: boolean
}

export const BUILTIN_FIELDS: readonly FilterField[] = [
  { name: 'id', type: 'text', column: 'id', builtin: true },
  { name: 'description', type: 'text', column: 'description', builtin: true },
  { name: 'alphabet', type: 'text', column: 'alphabet', builtin: true },
  { name: 'length', type: 'integer', column: 'length', builtin: true },
  { name: 'gc', type: 'number', column: 'gc', builtin: true },
]

/**
 * The fields of a catalog, built-ins first. A metadata column named like a built-in (a
 * table with its own `length` column) is reachable as `metadata.length`.
 */
export function catalogFields(db: MetaDb): FilterField[] {
  const rows = db.prepare('SELECT name, column_name, type FROM fields ORDER BY position').all() as {
    name: string
    column_name: string
    type: FieldType
  }[]
  const builtinNames = new Set(BUILTIN_FIELDS.map((f) => f.name))
  return [
    ...BUILTIN_FIELDS,
    ...rows.map((r) => ({
      name: builtinNames.has(r.name) ? `metadata.${r.name}` : r.name,
      type: r.type,
      column: r.column_name,
      builtin: false,
    })),
  ]
}
