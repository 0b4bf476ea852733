import type { FilterNode, FilterValue } from './ast.js'
import { isKeyword } from './parse.js'
import { DATE_TEXT, WORD } from './tokens.js'

function field(name: string): string {
  return WORD.test(name) && !isKeyword(name) && !/^(true|false)$/i.test(name)
    ? name
    : '`' + name.replaceAll('`', '``') + '`'
}

function value(v: FilterValue): string {
  if (typeof v !== 'string') return String(v)
  if (DATE_TEXT.test(v)) return v
  return '"' + v.replaceAll('\\', '\\\\').replaceAll('"', '\\"') + '"'
}

/**
 * The readable text form of a filter; `parseFilter(formatFilter(f))` gives back `f`
 * (without spans). The query builder shows it as a preview.
 */
export function formatFilter(node: FilterNode, nested = false): string {
  switch (node.kind) {
    case 'compare':
      return `${field(node.field)} ${node.op} ${value(node.value)}`
    case 'in':
      return `${field(node.field)} in (${node.values.map(value).join(', ')})`
    case 'contains':
      return `${field(node.field)} contains ${value(node.value)}`
    case 'starts-with':
      return `${field(node.field)} starts with ${value(node.value)}`
    case 'between':
      return `${field(node.field)} between ${value(node.low)} and ${value(node.high)}`
    case 'missing':
      return `${field(node.field)} is missing`
    case 'not':
      return node.child.kind === 'missing'
        ? `${field(node.child.field)} is not missing`
        : `not ${formatFilter(node.child, true)}`
    case 'and':
    case 'or': {
      const text = node.children.map((c) => formatFilter(c, true)).join(` ${node.kind} `)
      return nested && node.children.length > 1 ? `(${text})` : text
    }
  }
}
