import { useEffect, useMemo, useRef, useState } from 'react'
import type { SearchResponse } from '../../../shared/api'
import { NoCatalog } from '../catalogs/no-catalog'
import { call } from '../lib/api'
import { QueryBuilder } from '../query-builder/query-builder'
import { DetailPanel } from '../results/detail-panel'
import { ResultsTable } from '../results/results-table'
import { useAppState } from '../state/app-state'
import { hitColumns, hitKey, hitRows } from './hit-columns'
import { formatMilliseconds, hitCountText, planText, prescreenedText } from './plan-text'
import { QueryInput } from './query-input'
import './search-view.css'

const K_CHOICES = [10, 25, 50, 100] as const

/** Similarity search: paste or drop query sequences, optionally filter, and read the hits. */
export function SearchView(): React.JSX.Element {
  const { catalog, fields, filter, setFilter } = useAppState()
  const [text, setText] = useState('')
  const [k, setK] = useState<number>(25)
  const [running, setRunning] = useState(false)
  const [response, setResponse] = useState<SearchResponse | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [selected, setSelected] = useState<Set<string>>(() => new Set())
  const [activeKey, setActiveKey] = useState<string | null>(null)
  // Numbers each search so an answer to an older one (slow, then superseded) is dropped.
  const latest = useRef(0)

  const location = catalog?.location ?? null
  useEffect(() => {
    latest.current += 1
    setResponse(null)
    setActiveKey(null)
    setRunning(false)
  }, [location])

  const rows = useMemo(() => (response ? hitRows(response) : []), [response])
  const columns = useMemo(
    () => hitColumns(fields, (response?.results.length ?? 0) > 1),
    [fields, response],
  )
  const active = activeKey === null ? undefined : rows.find((r) => r.key === activeKey)

  const run = (): void => {
    if (text.trim() === '') {
      setError('Paste a nucleotide sequence or FASTA records first, or drop a FASTA file.')
      return
    }
    const id = ++latest.current
    setRunning(true)
    setError(null)
    call('search:run', { query: text, where: filter ?? undefined, k }).then(
      (answer) => {
        if (id !== latest.current) return
        setResponse(answer)
        setSelected(new Set())
        setActiveKey(null)
        setRunning(false)
      },
      (failure: unknown) => {
        if (id !== latest.current) return
        setError(failure instanceof Error ? failure.message : String(failure))
        setRunning(false)
      },
    )
  }

  if (!catalog) return <NoCatalog title="Search" purpose="search it by similarity" />
  const cutShort = response ? prescreenedText(response.results) : null

  return (
    <div className={active ? 'split-view with-detail' : 'split-view'}>
      <div className="split-main">
        <h1 className="view-title">Search</h1>
        <div className="card search-form">
          <QueryInput value={text} onChange={setText} onSubmit={run} onFileError={setError} />
          {error && (
            <div className="error-box" role="alert">
              {error}
            </div>
          )}
          <div className="row">
            <label className="row search-k">
              Hits per query
              <select value={k} onChange={(e) => setK(Number(e.target.value))}>
                {K_CHOICES.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
            <span className="spacer" />
            {running && (
              <span className="search-busy muted" aria-hidden="true">
                <span className="search-spinner" /> Searching…
              </span>
            )}
            <button
              type="button"
              className="primary"
              onClick={run}
              disabled={running}
              aria-busy={running}
            >
              Search
            </button>
          </div>
        </div>
        <QueryBuilder fields={fields} value={filter} onChange={setFilter} />
        <div className="view-summary row">
          <strong aria-live="polite">{response ? hitCountText(response.results) : ''}</strong>
          {response && (
            <span
              className="muted"
              title={
                response.plan.exhaustive
                  ? `${response.plan.exhaustive.residues.toLocaleString('en-US')} residues searched`
                  : undefined
              }
            >
              {`${planText(response.plan)} · ${formatMilliseconds(response.milliseconds)}`}
            </span>
          )}
          {cutShort && <span className="muted search-prescreened">{cutShort}</span>}
        </div>
        {response && (
          <div className="split-table">
            <ResultsTable
              columns={columns}
              rows={rows}
              rowKey={hitKey}
              selected={selected}
              onSelectionChange={setSelected}
              activeKey={activeKey}
              onActivate={(row) => setActiveKey(row.key)}
              label="Search hits"
              emptyMessage="No hits. Try a longer query or a broader filter."
            />
          </div>
        )}
      </div>
      {active && (
        <DetailPanel id={active.hit.id} hit={active.hit} onClose={() => setActiveKey(null)} />
      )}
    </div>
  )
}
