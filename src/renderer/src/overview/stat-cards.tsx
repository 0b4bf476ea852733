import type { Overview } from '../../../shared/api'
import { formatBases, formatCount, formatFraction } from '../lib/format'

/** The catalog in four numbers; "matching" appears only while a filter narrows it. */
export function StatCards(props: {
  overview: Overview
  filtered: boolean
  metadataFields: number
}): React.JSX.Element {
  const { overview, filtered } = props
  const share = overview.sequences > 0 ? overview.matching / overview.sequences : 0
  return (
    <dl className="overview-stats">
      <Stat label="Sequences" value={formatCount(overview.sequences)} />
      <Stat label="Total length" value={formatBases(overview.totalLength)} />
      {filtered && (
        <Stat
          label="Matching the filter"
          value={formatCount(overview.matching)}
          note={`${formatFraction(share)} of sequences`}
          accent
        />
      )}
      <Stat label="Metadata fields" value={formatCount(props.metadataFields)} />
    </dl>
  )
}

function Stat(props: {
  label: string
  value: string
  note?: string
  accent?: boolean
}): React.JSX.Element {
  return (
    <div
      className={props.accent ? 'card overview-stat overview-stat-accent' : 'card overview-stat'}
    >
      <dt>{props.label}</dt>
      <dd>
        {props.value}
        {props.note && <span className="overview-stat-note">{props.note}</span>}
      </dd>
    </div>
  )
}
