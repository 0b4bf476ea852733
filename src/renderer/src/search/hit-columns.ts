/** The search results table: one row per hit, its scores first, then its record's fields. */
import type { FieldSchema, SearchResponse } from '../../../shared/api'
import type { SearchHit } from '../../../shared/search-types'
import { formatCount, formatFraction } from '../lib/format'
import type { Column } from '../results/column'
import { recordColumns } from '../results/record-columns'

export interface HitRow {
  readonly key: string
  readonly query: string
  readonly hit: SearchHit
}

export const hitKey = (row: HitRow): string => row.key

export function hitRows(response: SearchResponse): HitRow[] {
  return response.results.flatMap((result, q) =>
    result.hits.map((hit) => ({ key: `${q}:${hit.rank}`, query: result.query, hit })),
  )
}

const fraction = (v: string | number | boolean): string =>
  typeof v === 'number' ? formatFraction(v) : String(v)

// Beside the scores, these record fields show at first; the rest wait in the column chooser.
const SHOWN_BUILT_INS = new Set(['length'])
const SHOWN_METADATA = 3

/**
 * The metadata fields worth a column beside the scores: the first few that tell hits apart.
 * A field with one value for all (virus = "ncov") or a different one for each (accessions,
 * like a second ID) says little at a glance, so those come only when nothing else is left.
 */
export function telling(fields: readonly FieldSchema[], count = SHOWN_METADATA): Set<string> {
  const records = fields.find((f) => f.name === 'id')?.distinct ?? Infinity
  const metadata = fields.filter((f) => !f.builtin)
  const informative = (f: FieldSchema): boolean =>
    f.distinct > 1 && f.distinct < records - f.missing
  const ranked = [...metadata.filter(informative), ...metadata.filter((f) => !informative(f))]
  return new Set(ranked.slice(0, count).map((f) => f.name))
}

/**
 * Columns for hits. "Query" only when several queries were searched; `fields` are the
 * catalog's fields in order (the record's id is already the ID column).
 */
export function hitColumns(
  fields: readonly FieldSchema[],
  severalQueries: boolean,
): Column<HitRow>[] {
  const columns: Column<HitRow>[] = []
  if (severalQueries)
    columns.push({ id: 'query', header: 'Query', value: (r) => r.query, width: 140 })
  columns.push(
    { id: 'id', header: 'ID', value: (r) => r.hit.id, width: 170 },
    {
      id: 'identity',
      header: 'Identity',
      value: (r) => r.hit.identity,
      format: fraction,
      align: 'right',
      width: 90,
    },
    {
      id: 'coverage',
      header: 'Coverage',
      value: (r) => r.hit.coverage,
      format: fraction,
      align: 'right',
      width: 90,
    },
    {
      id: 'score',
      header: 'Score',
      value: (r) => r.hit.score,
      format: (v) => (typeof v === 'number' ? formatCount(v) : String(v)),
      align: 'right',
      width: 80,
    },
    { id: 'strand', header: 'Strand', value: (r) => r.hit.strand, width: 70 },
    {
      id: 'subject-range',
      header: 'Subject range',
      // Sorted by where the alignment starts; shown 1-based and inclusive.
      value: (r) => r.hit.subjectStart,
      text: (r) => `${formatCount(r.hit.subjectStart + 1)}–${formatCount(r.hit.subjectEnd)}`,
      align: 'right',
      width: 150,
    },
  )
  const shown = telling(fields)
  const recordFields = recordColumns(
    fields.map((f) => f.name).filter((name) => name !== 'id'),
    (r: HitRow) => r.hit.record,
    {
      types: new Map(fields.map((f) => [f.name, f.type])),
      idPrefix: 'record.',
      hideMetadata: (name) => !shown.has(name),
    },
  )
  return [
    ...columns,
    ...recordFields.map((c) => {
      const name = c.id.slice('record.'.length)
      const builtIn = ['description', 'alphabet', 'length', 'gc'].includes(name)
      return builtIn ? { ...c, hiddenByDefault: !SHOWN_BUILT_INS.has(name) } : c
    }),
  ]
}
