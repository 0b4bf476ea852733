import type { CompareOp } from '../../../shared/filter/index.js'
import type { CheckedFilter, TypedValue } from './check.js'
import type { FilterField } from './fields.js'

/*
 * Compiles a checked filter into the SQL dialect LanceDB's `where()` takes (DataFusion).
 * Column names come from the catalog's schema (`id`, `m3`, ...), never from the user; every
 * user value becomes a literal built here: text in single quotes with quotes doubled (a
 * backslash is an ordinary character in this dialect), numbers from JS numbers, dates from
 * day counts. So quotes, semicolons, comments or SQL words in values stay values.
 */

const DAY_MS = 86_400_000

export function sqlText(text: string): string {
  return `'${text.replaceAll("'", "''")}'`
}

function sqlNumber(n: number): string {
  // Integers print without exponent so large ids compare exactly; JS exponents (1e+21) parse too.
  return Number.isSafeInteger(n) ? String(n) : String(n).replace('e+', 'e')
}

function sqlDay(day: number): string {
  return `DATE '${new Date(day * DAY_MS).toISOString().slice(0, 10)}'`
}

const column = (name: string): string => '`' + name + '`'

function literal(v: TypedValue): string {
  switch (v.type) {
    case 'text':
      return sqlText(v.value)
    case 'integer':
    case 'number':
      return sqlNumber(v.value)
    case 'boolean':
      return v.value ? 'TRUE' : 'FALSE'
    case 'date':
      return sqlDay(v.lo)
  }
}

/**
 * A possibly partial date matches only when every day it may mean satisfies the comparison:
 * `2016` is after 2015-06-01 (`>`) but is not before 2016-06-01 (`<`), and `= 2016-03`
 * matches 2016-03-14 and 2016-03 itself.
 */
function compareDate(field: FilterField, op: CompareOp, v: TypedValue & { type: 'date' }): string {
  const lo = column(`${field.column}_lo`)
  const hi = column(`${field.column}_hi`)
  switch (op) {
    case '=':
      return `(${lo} >= ${sqlDay(v.lo)} AND ${hi} <= ${sqlDay(v.hi)})`
    case '!=':
      return `(${hi} < ${sqlDay(v.lo)} OR ${lo} > ${sqlDay(v.hi)})`
    case '<':
      return `${hi} < ${sqlDay(v.lo)}`
    case '<=':
      return `${hi} <= ${sqlDay(v.hi)}`
    case '>':
      return `${lo} > ${sqlDay(v.hi)}`
    case '>=':
      return `${lo} >= ${sqlDay(v.lo)}`
  }
}

function compare(field: FilterField, op: CompareOp, v: TypedValue): string {
  if (v.type === 'date') return compareDate(field, op, v)
  return `${column(field.column)} ${op === '!=' ? '<>' : op} ${literal(v)}`
}

/** The SQL predicate for `filter`. Comparisons never match a missing value; `not` does. */
export function compileFilter(filter: CheckedFilter): string {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return `(${filter.children.map(compileFilter).join(` ${filter.kind.toUpperCase()} `)})`
    case 'not':
      // SQL's NOT of an unknown (null) comparison is unknown; IS NOT TRUE makes `not` the
      // exact complement, so `not country = "Peru"` also lists records with no country.
      return `((${compileFilter(filter.child)}) IS NOT TRUE)`
    case 'missing':
      return `${column(filter.field.column)} IS NULL`
    case 'compare':
      return compare(filter.field, filter.op, filter.value)
    case 'in':
      if (filter.values.every((v) => v.type !== 'date'))
        return `${column(filter.field.column)} IN (${filter.values.map(literal).join(', ')})`
      return `(${filter.values.map((v) => compare(filter.field, '=', v)).join(' OR ')})`
    case 'contains':
      return `strpos(lower(${column(filter.field.column)}), ${sqlText(filter.value.toLowerCase())}) > 0`
    case 'starts-with':
      return `starts_with(lower(${column(filter.field.column)}), ${sqlText(filter.value.toLowerCase())})`
    case 'between':
      return `(${compare(filter.field, '>=', filter.low)} AND ${compare(filter.field, '<=', filter.high)})`
  }
}
