import { useVirtualizer } from '@tanstack/react-virtual'
import { useMemo, useRef, useState } from 'react'
import { formatCount } from '../lib/format'
import { cellText, DEFAULT_COLUMN_WIDTH, type Column } from './column'
import { ColumnChooser } from './column-chooser'
import { clickSelection, moveIndex, selectionState, toggleAll } from './selection'
import { nextSort, sortOrder, type SortState } from './sort'
import { TableHeader } from './table-header'
import './results-table.css'

const ROW_HEIGHT = 28
// Must match .rt-head-row's height in the CSS: rows start below the sticky header.
const HEADER_HEIGHT = 30
const CHECK_WIDTH = 34

export interface ResultsTableProps<Row> {
  /** Keep this stable (useMemo): a new column's value function re-sorts the rows. */
  readonly columns: readonly Column<Row>[]
  readonly rows: readonly Row[]
  /** A unique key per row; keep it stable (module-level or useCallback). */
  readonly rowKey: (row: Row) => string
  readonly selected: ReadonlySet<string>
  readonly onSelectionChange: (keys: Set<string>) => void
  /** The row whose details are open, highlighted. */
  readonly activeKey?: string | null
  /** A plain click or Enter on a row. */
  readonly onActivate?: (row: Row) => void
  /** The table's accessible name. */
  readonly label: string
  readonly initialSort?: SortState
  /** Shown in the body when there are no rows. */
  readonly emptyMessage?: string
}

/**
 * A virtualized, sortable, selectable table: only the rows in view are in the DOM, so
 * 100,000 rows scroll smoothly. Keyboard: arrows, Page Up/Down, Home/End move the cursor
 * (Shift extends the selection), Space toggles, Enter activates, Ctrl/Cmd+A selects all.
 */
export function ResultsTable<Row>(props: ResultsTableProps<Row>): React.JSX.Element {
  const { columns, rows, rowKey, selected, onSelectionChange, onActivate } = props
  const activeKey = props.activeKey ?? null
  const [sort, setSort] = useState<SortState | null>(props.initialSort ?? null)
  // Only the user's choices; columns added later still follow their hiddenByDefault.
  const [choices, setChoices] = useState<ReadonlyMap<string, boolean>>(() => new Map())
  const [cursor, setCursor] = useState<string | null>(null)
  const [anchor, setAnchor] = useState<string | null>(null)
  const scroller = useRef<HTMLDivElement>(null)

  const isShown = (c: Column<Row>): boolean => choices.get(c.id) ?? !c.hiddenByDefault
  const visible = columns.filter(isShown)
  const sortColumn = sort ? columns.find((c) => c.id === sort.column) : undefined
  const order = useMemo(
    () => (sort && sortColumn ? sortOrder(rows, sortColumn.value, sort.direction) : null),
    [rows, sort, sortColumn],
  )
  const keys = useMemo(
    () => (order ? order.map((i) => rowKey(rows[i]!)) : rows.map(rowKey)),
    [rows, order, rowKey],
  )
  const rowAt = (index: number): Row => rows[order ? order[index]! : index]!
  const all = useMemo(() => selectionState(keys, selected), [keys, selected])
  const cursorKey = cursor ?? activeKey

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
  })

  const template = [
    `${CHECK_WIDTH}px`,
    ...visible.map((c, i) => {
      const width = c.width ?? DEFAULT_COLUMN_WIDTH
      return i === visible.length - 1 ? `minmax(${width}px, 1fr)` : `${width}px`
    }),
  ].join(' ')
  const minWidth = visible.reduce((sum, c) => sum + (c.width ?? DEFAULT_COLUMN_WIDTH), CHECK_WIDTH)

  /** Scrolls just enough to show a row below the sticky header. */
  const reveal = (index: number): void => {
    const el = scroller.current
    if (!el) return
    const top = index * ROW_HEIGHT
    if (top < el.scrollTop) el.scrollTop = top
    else if (top + ROW_HEIGHT + HEADER_HEIGHT > el.scrollTop + el.clientHeight)
      el.scrollTop = top + ROW_HEIGHT + HEADER_HEIGHT - el.clientHeight
  }

  const onRowClick = (index: number, event: React.MouseEvent): void => {
    const modifiers = { toggle: event.ctrlKey || event.metaKey, range: event.shiftKey }
    const change = clickSelection(keys, selected, anchor, index, modifiers)
    setAnchor(change.anchor)
    setCursor(keys[index]!)
    onSelectionChange(change.selected)
    if (!modifiers.toggle && !modifiers.range) onActivate?.(rowAt(index))
  }

  const onKeyDown = (event: React.KeyboardEvent): void => {
    // Keys pressed on the header's buttons and checkboxes keep their own meaning.
    if ((event.target as HTMLElement).closest('button, input, select, label')) return
    const count = keys.length
    const current = cursorKey === null ? -1 : keys.indexOf(cursorKey)
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 300) / ROW_HEIGHT) - 2)
    const mod = event.ctrlKey || event.metaKey
    let next: number
    switch (event.key) {
      case 'ArrowDown':
        next = moveIndex(current, 1, count)
        break
      case 'ArrowUp':
        next = moveIndex(current, -1, count)
        break
      case 'PageDown':
        next = moveIndex(current, page, count)
        break
      case 'PageUp':
        next = moveIndex(current, -page, count)
        break
      case 'Home':
        next = moveIndex(-1, 1, count)
        break
      case 'End':
        next = moveIndex(-1, -1, count)
        break
      case 'Enter':
        if (current >= 0) onActivate?.(rowAt(current))
        event.preventDefault()
        return
      case ' ':
        if (current >= 0)
          onSelectionChange(
            clickSelection(keys, selected, anchor, current, { toggle: true, range: false })
              .selected,
          )
        event.preventDefault()
        return
      case 'a':
      case 'A':
        if (!mod) return
        onSelectionChange(new Set(keys))
        event.preventDefault()
        return
      default:
        return
    }
    event.preventDefault()
    if (next < 0) return
    const change = clickSelection(keys, selected, anchor, next, {
      toggle: false,
      range: event.shiftKey,
    })
    setAnchor(change.anchor)
    setCursor(keys[next]!)
    onSelectionChange(change.selected)
    reveal(next)
  }

  return (
    <div className="rt">
      <div
        ref={scroller}
        className="rt-scroll"
        role="table"
        aria-label={props.label}
        aria-rowcount={rows.length + 1}
        aria-colcount={visible.length + 1}
        tabIndex={0}
        onKeyDown={onKeyDown}
        style={
          { '--rt-columns': template, '--rt-min-width': `${minWidth}px` } as React.CSSProperties
        }
      >
        <TableHeader
          columns={visible}
          sort={sort}
          onSort={(c) => setSort(nextSort(sort, c.id))}
          all={all}
          onToggleAll={() => onSelectionChange(toggleAll(keys, selected))}
        />
        <div role="rowgroup" className="rt-body" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rowAt(item.index)
            const key = keys[item.index]!
            const isSelected = selected.has(key)
            const classes = ['rt-row']
            if (isSelected) classes.push('rt-selected')
            if (key === activeKey) classes.push('rt-active')
            if (key === cursorKey) classes.push('rt-cursor')
            return (
              <div
                key={key}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={isSelected}
                className={classes.join(' ')}
                style={{ transform: `translateY(${item.start - HEADER_HEIGHT}px)` }}
                // Shift-click extends the selection; without this it also selects page text.
                onMouseDown={(e) => {
                  if (e.shiftKey) e.preventDefault()
                }}
                onClick={(e) => onRowClick(item.index, e)}
              >
                <div role="cell" className="rt-cell rt-check">
                  <input
                    type="checkbox"
                    tabIndex={-1}
                    aria-label={`Select ${key}`}
                    checked={isSelected}
                    onClick={(e) => e.stopPropagation()}
                    onChange={() =>
                      onSelectionChange(
                        clickSelection(keys, selected, anchor, item.index, {
                          toggle: true,
                          range: false,
                        }).selected,
                      )
                    }
                  />
                </div>
                {visible.map((column) => {
                  const text = cellText(column, row)
                  return (
                    <div
                      key={column.id}
                      role="cell"
                      className={column.align === 'right' ? 'rt-cell rt-right' : 'rt-cell'}
                      title={text.length > 16 ? text : undefined}
                    >
                      {text}
                    </div>
                  )
                })}
              </div>
            )
          })}
          {rows.length === 0 && (
            <div className="rt-empty muted">{props.emptyMessage ?? 'No rows.'}</div>
          )}
        </div>
      </div>
      <div className="rt-footer row">
        <span className="muted" aria-live="polite">
          {`${formatCount(rows.length)} ${rows.length === 1 ? 'row' : 'rows'} · ${formatCount(selected.size)} selected`}
        </span>
        <span className="spacer" />
        <ColumnChooser
          columns={columns}
          isShown={isShown}
          onToggle={(c, shown) => setChoices((m) => new Map(m).set(c.id, shown))}
          onReset={() => setChoices(new Map())}
        />
      </div>
    </div>
  )
}
