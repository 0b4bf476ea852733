import { useMemo } from 'react'
import type { SearchHit } from '../../../shared/search-types'
import { formatCount, formatFraction } from '../lib/format'
import { alignmentLines, formatAlignment } from './alignment-layout'

/** A hit's alignment to the query: a summary, then BLAST-style query / match / subject lines. */
export function AlignmentView({ hit }: { readonly hit: SearchHit }): React.JSX.Element {
  const text = useMemo(() => formatAlignment(alignmentLines(hit)), [hit])
  const minus = hit.strand === '-'
  const items: [string, string][] = [
    ['Score', formatCount(hit.score)],
    ['Identity', formatFraction(hit.identity)],
    ['Coverage', formatFraction(hit.coverage)],
    ['Strand', minus ? 'minus' : 'plus'],
    ['Query', `${formatCount(hit.queryStart + 1)}–${formatCount(hit.queryEnd)}`],
    [
      'Subject',
      `${formatCount(hit.subjectStart + 1)}–${formatCount(hit.subjectEnd)} of ${formatCount(hit.subjectLength)}`,
    ],
  ]
  return (
    <section className="detail-section" aria-label="Alignment">
      <h3>Alignment to the query</h3>
      <dl className="detail-summary">
        {items.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <pre className="detail-alignment mono" tabIndex={0} aria-label="Alignment text">
        {text}
      </pre>
    </section>
  )
}
