/**
 * The Overview: what is in the catalog (or in the part the filter selects) at a glance, and
 * a way to narrow it: clicking a bar adds its condition to the active filter, which every
 * view shares.
 */
import type { HistogramBin, Overview } from '../../../shared/api'
import type { ConditionNode } from '../../../shared/filter/ast'
import { formatFilter } from '../../../shared/filter/index'
import { useAppState } from '../state/app-state'
import { BarList } from '../viz/bar-list'
import { Histogram } from '../viz/histogram'
import {
  findCondition,
  gcBinCondition,
  lengthBinCondition,
  selectedRange,
  toggleCondition,
  valueCondition,
} from './add-condition'
import { FieldRanges } from './field-ranges'
import { formatPercent } from './format-value'
import { NoCatalog } from '../catalogs/no-catalog'
import { StatCards } from './stat-cards'
import { useOverview } from './use-overview'
import './overview.css'

export function OverviewView(): React.JSX.Element {
  // Not destructured: AppState declares setFilter as a method (typescript-eslint unbound-method).
  const state = useAppState()
  const { catalog, filter, revision } = state
  const { overview, error, slow } = useOverview(catalog?.location ?? null, filter, revision)
  if (!catalog)
    return (
      <NoCatalog
        title="Overview"
        purpose="see its sequences, lengths, GC content and metadata at a glance"
      />
    )

  return (
    <div className="overview" aria-busy={slow}>
      <header className="overview-header">
        <h1 className="view-title">Overview</h1>
        <span className="muted overview-catalog" title={catalog.location}>
          {catalog.name}
        </span>
        {slow && overview && <span className="badge">Updating…</span>}
      </header>
      {filter && (
        <div className="card overview-filter">
          <span className="overview-filter-label">Filter</span>
          <code className="mono overview-filter-text">{formatFilter(filter)}</code>
          <button type="button" onClick={() => state.setFilter(null)}>
            Clear filter
          </button>
        </div>
      )}
      {error && (
        <div className="error-box" role="alert">
          The overview could not be loaded. {error}
        </div>
      )}
      {overview ? (
        <OverviewBody
          overview={overview}
          updating={slow}
          onCondition={(condition) => state.setFilter(toggleCondition(filter, condition))}
        />
      ) : (
        slow && !error && <p className="muted overview-loading">Loading the overview…</p>
      )}
    </div>
  )
}

function OverviewBody(props: {
  overview: Overview
  updating: boolean
  onCondition: (condition: ConditionNode) => void
}): React.JSX.Element {
  const { overview, onCondition } = props
  const { filter } = useAppState()
  const metadata = overview.fields.filter((field) => !field.builtin)
  const valueFields = metadata.filter(
    (field) => (field.type === 'text' || field.type === 'boolean') && field.topValues.length > 0,
  )
  const rangeFields = metadata.filter((field) => field.type !== 'text' && field.type !== 'boolean')
  const lastLengthBin = overview.lengthBins[overview.lengthBins.length - 1]

  const onLengthBin = (bin: HistogramBin): void => {
    // Null for a bin narrower than one base: it holds no length to filter on.
    const condition = lengthBinCondition(bin, bin === lastLengthBin)
    if (condition) onCondition(condition)
  }

  return (
    <div className={props.updating ? 'overview-body overview-updating' : 'overview-body'}>
      <StatCards overview={overview} filtered={filter !== null} metadataFields={metadata.length} />
      {overview.sequences === 0 ? (
        <div className="card empty-state">
          <h2>This catalog has no sequences yet</h2>
          <p>Add FASTA or FASTQ files, and metadata tables, to see their distributions here.</p>
        </div>
      ) : (
        <>
          <div className="overview-histograms">
            <section className="card">
              <Histogram
                bins={overview.lengthBins}
                title="Length"
                xLabel="Length (bp)"
                unit="bp"
                selected={selectedRange(findCondition(filter, 'length'))}
                onSelectBin={onLengthBin}
                color="var(--c1)"
              />
            </section>
            <section className="card">
              <Histogram
                bins={overview.gcBins}
                title="GC content"
                xLabel="GC (%)"
                formatX={formatPercent}
                selected={selectedRange(findCondition(filter, 'gc'))}
                onSelectBin={(bin) => onCondition(gcBinCondition(bin))}
                color="var(--c5)"
              />
            </section>
          </div>
          {valueFields.length > 0 && (
            <div className="overview-fields">
              {valueFields.map((field) => (
                <section className="card" key={field.name}>
                  <BarList
                    title={field.name}
                    items={field.topValues}
                    total={overview.matching}
                    selectedValue={selectedValue(findCondition(filter, field.name))}
                    onSelect={(value) => onCondition(valueCondition(field, value))}
                  />
                </section>
              ))}
            </div>
          )}
          <FieldRanges fields={rangeFields} />
        </>
      )}
    </div>
  )
}

/** The value a `field = value` condition picks, as the bar list spells its values. */
function selectedValue(condition: ConditionNode | undefined): string | null {
  return condition?.kind === 'compare' && condition.op === '=' ? String(condition.value) : null
}
