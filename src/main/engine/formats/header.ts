export interface Header {
  readonly id: string
  readonly description: string
  /** `key=value` pairs found in the description, in order. */
  readonly fields: readonly (readonly [string, string])[]
}

const KEY = '[A-Za-z_][A-Za-z0-9_.-]*'
// NCBI style `[organism=Zika virus]` allows spaces in values; bare `key=value` ends at
// whitespace or at ';' or '|'. A quoted value keeps everything inside the quotes.
const BRACKETED = new RegExp(`\\[(${KEY})=([^\\]]*)\\]`, 'g')
const BARE = new RegExp(`(?:^|[\\s;|])(${KEY})=("([^"]*)"|[^\\s;|]*)`, 'g')

/** The sequence id of a title: its first word. */
export function headerId(title: string): string {
  const trimmed = title.trim()
  const space = trimmed.search(/\s/)
  return space < 0 ? trimmed : trimmed.slice(0, space)
}

/** Splits a FASTA/FASTQ title (without its '>' or '@') into id, description and fields. */
export function parseHeader(title: string): Header {
  const id = headerId(title)
  const description = title.trim().slice(id.length).trim()
  if (!description.includes('=')) return { id, description, fields: [] }
  const fields: [string, string][] = []
  const rest = description.replace(BRACKETED, (_match, key: string, value: string) => {
    fields.push([key, value.trim()])
    return ' '
  })
  for (const match of rest.matchAll(BARE)) {
    const key = match[1] ?? ''
    const value = match[3] ?? match[2] ?? ''
    if (value !== '') fields.push([key, value])
  }
  return { id, description, fields }
}
