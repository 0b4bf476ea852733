import type { Column } from './column'
import type { AllState } from './selection'
import type { SortState } from './sort'

interface TableHeaderProps<Row> {
  readonly columns: readonly Column<Row>[]
  readonly sort: SortState | null
  readonly onSort: (column: Column<Row>) => void
  readonly all: AllState
  readonly onToggleAll: () => void
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const

/** The sticky header row: "Select all", then one sort button per column. */
export function TableHeader<Row>(props: TableHeaderProps<Row>): React.JSX.Element {
  const { columns, sort, all } = props
  return (
    <div role="rowgroup" className="rt-head">
      <div role="row" aria-rowindex={1} className="rt-row rt-head-row">
        <div role="columnheader" className="rt-cell rt-check">
          <input
            type="checkbox"
            aria-label="Select all"
            checked={all === 'all'}
            ref={(el) => {
              if (el) el.indeterminate = all === 'some'
            }}
            onChange={props.onToggleAll}
          />
        </div>
        {columns.map((column) => {
          const direction = sort?.column === column.id ? sort.direction : null
          return (
            <div
              key={column.id}
              role="columnheader"
              aria-sort={direction ? ARIA_SORT[direction] : 'none'}
              className={column.align === 'right' ? 'rt-cell rt-right' : 'rt-cell'}
            >
              <button type="button" className="rt-sort" onClick={() => props.onSort(column)}>
                {column.header}
                <span className="rt-sort-mark" aria-hidden="true">
                  {direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : ''}
                </span>
              </button>
            </div>
          )
        })}
      </div>
    </div>
  )
}
