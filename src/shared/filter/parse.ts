import type { CompareOp, FilterNode, FilterValue, Span } from './ast.js'
import { filterError, tokenize, type Token } from './tokens.js'

const KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'in',
  'is',
  'missing',
  'contains',
  'starts',
  'with',
  'between',
])
const OPERATORS: Record<string, CompareOp> = {
  '=': '=',
  '==': '=',
  '!=': '!=',
  '<>': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
}

/** The text form's keywords; a value spelled like one must be quoted. */
export function isKeyword(word: string): boolean {
  return KEYWORDS.has(word.toLowerCase())
}

const describe = (t: Token): string =>
  t.kind === 'end'
    ? 'the end of the filter'
    : t.kind === 'string'
      ? `"${t.text}"`
      : JSON.stringify(t.text)

/**
 * Parses the readable text form, e.g.
 * `country = "Brazil" and date >= 2016-01-01 and length > 10000`, into a filter tree.
 * Errors name the position of the problem and what was expected there.
 */
export function parseFilter(text: string): FilterNode {
  const tokens = tokenize(text)
  let at = 0
  const peek = (): Token => tokens[at]!
  const next = (): Token => tokens[at++]!
  const isWord = (t: Token, word: string): boolean =>
    t.kind === 'word' && t.text.toLowerCase() === word
  const fail = (t: Token, expected: string): never => {
    throw filterError(text, t.start, `expected ${expected}, found ${describe(t)}`)
  }
  const expectWord = (word: string): Token => {
    const t = next()
    if (!isWord(t, word)) fail(t, `"${word}"`)
    return t
  }
  const span = (start: number): Span => ({ start, end: tokens[at - 1]!.end })

  const value = (): FilterValue => {
    const t = next()
    switch (t.kind) {
      case 'string':
      case 'date':
        return t.text
      case 'number':
        return Number(t.text)
      case 'word': {
        const lower = t.text.toLowerCase()
        if (lower === 'true' || lower === 'false') return lower === 'true'
        if (!isKeyword(t.text)) return t.text
        return fail(t, 'a value (quote it if you mean the word itself)')
      }
      default:
        return fail(t, 'a value')
    }
  }

  const valueList = (): FilterValue[] => {
    const open = next()
    if (open.kind !== 'lparen') fail(open, '"(" to start the list of values')
    const values = [value()]
    while (peek().kind === 'comma') {
      next()
      values.push(value())
    }
    const close = next()
    if (close.kind !== 'rparen') fail(close, '"," or ")"')
    return values
  }

  const condition = (): FilterNode => {
    const fieldToken = next()
    if (fieldToken.kind !== 'field' && !(fieldToken.kind === 'word' && !isKeyword(fieldToken.text)))
      fail(fieldToken, 'a field name')
    const field = fieldToken.text
    const start = fieldToken.start
    const t = peek()
    if (t.kind === 'op') {
      next()
      const op = OPERATORS[t.text]!
      const v = value()
      return { kind: 'compare', field, op, value: v, span: span(start) }
    }
    if (isWord(t, 'is')) {
      next()
      const negate = isWord(peek(), 'not')
      if (negate) next()
      expectWord('missing')
      const node: FilterNode = { kind: 'missing', field, span: span(start) }
      return negate ? { kind: 'not', child: node, span: span(start) } : node
    }
    const negate = isWord(t, 'not')
    if (negate) next()
    const keyword = next()
    let node: FilterNode
    if (isWord(keyword, 'in')) {
      node = { kind: 'in', field, values: valueList(), span: span(start) }
    } else if (isWord(keyword, 'contains') || isWord(keyword, 'starts')) {
      const kind = isWord(keyword, 'contains') ? 'contains' : 'starts-with'
      if (kind === 'starts-with') expectWord('with')
      node = { kind, field, value: String(value()), span: span(start) }
    } else if (isWord(keyword, 'between')) {
      const low = value()
      expectWord('and')
      node = { kind: 'between', field, low, high: value(), span: span(start) }
    } else {
      return fail(
        keyword,
        negate
          ? '"in", "contains", "starts with" or "between" after "not"'
          : `an operator after ${JSON.stringify(field)} (=, !=, <, <=, >, >=, in, contains, starts with, between, is missing)`,
      )
    }
    return negate ? { kind: 'not', child: node, span: span(start) } : node
  }

  const unary = (): FilterNode => {
    const t = peek()
    if (isWord(t, 'not')) {
      next()
      const child = unary()
      return { kind: 'not', child, span: span(t.start) }
    }
    if (t.kind === 'lparen') {
      next()
      const inner = or()
      const close = next()
      if (close.kind !== 'rparen') fail(close, '")" or "and" / "or"')
      return inner
    }
    return condition()
  }

  const group = (kind: 'and' | 'or', operand: () => FilterNode): FilterNode => {
    const start = peek().start
    const children = [operand()]
    while (isWord(peek(), kind)) {
      next()
      children.push(operand())
    }
    return children.length === 1 ? children[0]! : { kind, children, span: span(start) }
  }
  const and = (): FilterNode => group('and', unary)
  const or = (): FilterNode => group('or', and)

  if (peek().kind === 'end') throw filterError(text, 0, 'the filter is empty')
  const tree = or()
  const rest = peek()
  if (rest.kind !== 'end') fail(rest, '"and", "or" or the end of the filter')
  return tree
}
