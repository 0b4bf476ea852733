import { GenocatError } from '../errors.js'

export type TokenKind =
  'word' | 'field' | 'string' | 'number' | 'date' | 'op' | 'lparen' | 'rparen' | 'comma' | 'end'

export interface Token {
  readonly kind: TokenKind
  /** The token's value: unquoted text for strings and fields, the operator for `op`. */
  readonly text: string
  readonly start: number
  readonly end: number
}

/** Words: letters, digits, `_`, `.` and `-` after the first letter (lineages like B.1.1.7). */
export const WORD = /^[\p{L}_][\p{L}\p{N}_.-]*$/u
const WORD_AT = /[\p{L}_][\p{L}\p{N}_.-]*/uy
// YYYY-MM or YYYY-MM-DD (XX for unknown parts); a bare year reads as a number.
export const DATE_TEXT = /^\d{4}-(\d{2}|XX)(-(\d{2}|XX))?$/i
const DATE_AT = /\d{4}-(\d{2}|XX)(-(\d{2}|XX))?(?![\p{L}\p{N}_.-])/iuy
const NUMBER_AT = /[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?(?![\p{L}\p{N}_.-])/uy
const OPERATOR_AT = /==|!=|<>|<=|>=|=|<|>/y

/** A filter error that points at the offending position of the text. */
export function filterError(text: string, at: number, problem: string): GenocatError {
  const line = text.replace(/[\r\n\t]/g, ' ')
  return new GenocatError(
    'INVALID_FILTER',
    `Filter error at position ${at + 1}: ${problem}\n  ${line}\n  ${' '.repeat(at)}^`,
    { position: at, filter: text },
  )
}

function quoted(text: string, start: number, quote: string): { value: string; end: number } {
  let value = ''
  let i = start + 1
  while (i < text.length) {
    const ch = text[i]!
    if (ch === '\\' && quote !== '`') {
      const next = text[i + 1]
      if (next === undefined) break
      value += next
      i += 2
    } else if (ch === quote) {
      // A doubled quote stands for the quote itself, as in SQL and CSV.
      if (text[i + 1] === quote) {
        value += quote
        i += 2
      } else {
        return { value, end: i + 1 }
      }
    } else {
      value += ch
      i++
    }
  }
  throw filterError(
    text,
    start,
    `this ${quote === '`' ? 'field name' : 'text'} has no closing ${quote}`,
  )
}

function match(re: RegExp, text: string, at: number): string | null {
  re.lastIndex = at
  const m = re.exec(text)
  return m ? m[0] : null
}

/** Splits filter text into tokens; the last one is always `end`. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  const push = (kind: TokenKind, value: string, start: number, end: number): void => {
    tokens.push({ kind, text: value, start, end })
    i = end
  }
  while (i < text.length) {
    const ch = text[i]!
    if (/\s/.test(ch)) {
      i++
      continue
    }
    if (ch === '(') push('lparen', ch, i, i + 1)
    else if (ch === ')') push('rparen', ch, i, i + 1)
    else if (ch === ',') push('comma', ch, i, i + 1)
    else if (ch === '"' || ch === "'") {
      const q = quoted(text, i, ch)
      push('string', q.value, i, q.end)
    } else if (ch === '`') {
      const q = quoted(text, i, ch)
      push('field', q.value, i, q.end)
    } else {
      const date = match(DATE_AT, text, i)
      const number = date ? null : match(NUMBER_AT, text, i)
      const op = date || number ? null : match(OPERATOR_AT, text, i)
      const word = date || number || op ? null : match(WORD_AT, text, i)
      if (date) push('date', date, i, i + date.length)
      else if (number) push('number', number, i, i + number.length)
      else if (op) push('op', op, i, i + op.length)
      else if (word) push('word', word, i, i + word.length)
      else throw filterError(text, i, `unexpected character ${JSON.stringify(ch)}`)
    }
  }
  tokens.push({ kind: 'end', text: '', start: text.length, end: text.length })
  return tokens
}
