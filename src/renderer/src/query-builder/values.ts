/**
 * Typing values into a rule: the text in an input becomes a filter value of the field's
 * type, or a reason it cannot (yet). Empty input is "incomplete", not an error: the user
 * is still typing, so the rule is skipped quietly with a hint.
 */
import type { FieldType } from '../../../shared/catalog-types'
import type { FilterValue } from '../../../shared/filter'

export type ParsedValue =
  | { readonly ok: true; readonly value: FilterValue }
  /** `problem` is null when the input is empty (incomplete rather than wrong). */
  | { readonly ok: false; readonly problem: string | null }

export type ParsedList =
  | { readonly ok: true; readonly values: readonly FilterValue[] }
  | { readonly ok: false; readonly problem: string | null }

// Dates as the engine reads them: YYYY, YYYY-MM or YYYY-MM-DD, with XX for unknown parts.
const DATE = /^\d{4}(-(0[1-9]|1[0-2]|XX)(-(0[1-9]|[12]\d|3[01]|XX))?)?$/i
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

const quote = (text: string): string => `“${text}”`

/**
 * Converts one typed value. `type` is undefined for a field the catalog does not know (a
 * filter typed by hand); the value's own look decides then, as in the text form.
 */
export function parseValue(text: string, type: FieldType | undefined): ParsedValue {
  const t = text.trim()
  if (t === '') return { ok: false, problem: null }
  switch (type) {
    case 'integer':
    case 'number':
      return NUMBER.test(t)
        ? { ok: true, value: Number(t) }
        : { ok: false, problem: `${quote(t)} is not a number` }
    case 'date':
      if (!DATE.test(t))
        return {
          ok: false,
          problem: `${quote(t)} is not a date; write YYYY-MM-DD (or YYYY-MM, YYYY)`,
        }
      // A bare year is a number in the text form (`date >= 2020`); keep it one so the preview
      // reads the same and the filter round-trips. The engine reads both as the year.
      return { ok: true, value: /^\d{4}$/.test(t) ? Number(t) : t }
    case 'boolean': {
      const lower = t.toLowerCase()
      if (lower === 'true' || lower === 'yes') return { ok: true, value: true }
      if (lower === 'false' || lower === 'no') return { ok: true, value: false }
      return { ok: false, problem: `${quote(t)} is not true or false` }
    }
    case 'text':
      return { ok: true, value: t }
    case undefined: {
      if (NUMBER.test(t)) return { ok: true, value: Number(t) }
      const lower = t.toLowerCase()
      if (lower === 'true' || lower === 'false') return { ok: true, value: lower === 'true' }
      return { ok: true, value: t }
    }
  }
}

/**
 * Splits a comma-separated list; an item holding a comma is written in double quotes
 * ("Congo, Democratic Republic of the"), with "" for a quote inside, as in CSV.
 */
export function splitList(text: string): string[] {
  const items: string[] = []
  let current = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        current += '"'
        i++
      } else if (ch === '"') quoted = false
      else current += ch
    } else if (ch === '"' && current.trim() === '') {
      current = ''
      quoted = true
    } else if (ch === ',') {
      items.push(current)
      current = ''
    } else current += ch
  }
  items.push(current)
  return items.map((item) => item.trim()).filter((item) => item !== '')
}

/** The list form of `splitList`'s input: items with commas or quotes are quoted. */
export function joinList(values: readonly FilterValue[]): string {
  return values
    .map((v) => {
      const text = valueText(v)
      return /[",]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
    })
    .join(', ')
}

export function parseList(text: string, type: FieldType | undefined): ParsedList {
  const items = splitList(text)
  if (items.length === 0) return { ok: false, problem: null }
  const values: FilterValue[] = []
  for (const item of items) {
    const parsed = parseValue(item, type)
    if (!parsed.ok) return parsed
    values.push(parsed.value)
  }
  return { ok: true, values }
}

/** A filter value as the rule's input shows it. */
export function valueText(value: FilterValue): string {
  return String(value)
}
