import { useEffect, useMemo, useState } from 'react'
import type { RecordPage, RecordRow } from '../../../shared/api'
import { NoCatalog } from '../catalogs/no-catalog'
import { formatCount } from '../lib/format'
import { QueryBuilder } from '../query-builder/query-builder'
import { DetailPanel } from '../results/detail-panel'
import { recordColumns } from '../results/record-columns'
import { ResultsTable } from '../results/results-table'
import { useAppState } from '../state/app-state'
import { useRecordPage } from './use-record-page'

const recordKey = (row: RecordRow): string => String(row['id'])
const itself = (row: RecordRow): RecordRow => row

/** Every record matching the active filter, in a sortable table, with one record's details. */
export function BrowseView(): React.JSX.Element {
  const { catalog, fields, filter, setFilter } = useAppState()
  const { page, loading, error } = useRecordPage()
  const [selected, setSelected] = useState<Set<string>>(() => new Set())
  const [activeId, setActiveId] = useState<string | null>(null)

  // A new page means other rows: a selection or open record from the old one would mislead.
  useEffect(() => {
    setSelected(new Set())
  }, [page])
  useEffect(() => {
    setActiveId(null)
  }, [catalog?.location])

  const types = useMemo(() => new Map(fields.map((f) => [f.name, f.type])), [fields])
  const columns = useMemo(
    () => recordColumns(page?.columns ?? [], itself, { types }),
    [page?.columns, types],
  )

  if (!catalog) return <NoCatalog title="Browse" purpose="browse and filter its records" />

  return (
    <div className={activeId ? 'split-view with-detail' : 'split-view'}>
      <div className="split-main">
        <h1 className="view-title">Browse</h1>
        <QueryBuilder fields={fields} value={filter} onChange={setFilter} />
        <Summary page={page} sequences={catalog.sequences} loading={loading} />
        {error && <div className="error-box">{error}</div>}
        <div className="split-table">
          <ResultsTable
            columns={columns}
            rows={page?.rows ?? []}
            rowKey={recordKey}
            selected={selected}
            onSelectionChange={setSelected}
            activeKey={activeId}
            onActivate={(row) => setActiveId(recordKey(row))}
            label="Records"
            emptyMessage={loading ? 'Loading…' : 'No records match the filter.'}
          />
        </div>
      </div>
      {activeId && <DetailPanel id={activeId} onClose={() => setActiveId(null)} />}
    </div>
  )
}

function Summary(props: {
  readonly page: RecordPage | null
  readonly sequences: number
  readonly loading: boolean
}): React.JSX.Element {
  const { page, sequences, loading } = props
  return (
    <div className="view-summary row">
      <span aria-live="polite">
        {page
          ? `${formatCount(page.total)} of ${formatCount(sequences)} records match`
          : loading
            ? 'Loading records…'
            : ''}
      </span>
      {page && page.total > page.rows.length && (
        <span className="muted">
          {`Showing the first ${formatCount(page.rows.length)}; narrow the filter to see the rest.`}
        </span>
      )}
      {loading && page && <span className="badge">Updating…</span>}
    </div>
  )
}
