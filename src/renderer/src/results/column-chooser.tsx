import { useEffect, useRef, useState } from 'react'
import type { Column } from './column'

interface ColumnChooserProps<Row> {
  readonly columns: readonly Column<Row>[]
  readonly isShown: (column: Column<Row>) => boolean
  readonly onToggle: (column: Column<Row>, shown: boolean) => void
  readonly onReset: () => void
}

/** A "Columns" button opening a checkbox list of every column; the last shown one stays. */
export function ColumnChooser<Row>(props: ColumnChooserProps<Row>): React.JSX.Element {
  const { columns, isShown } = props
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!open) return
    const closeOutside = (event: MouseEvent): void => {
      if (!root.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('mousedown', closeOutside)
    return () => document.removeEventListener('mousedown', closeOutside)
  }, [open])

  const shownCount = columns.filter(isShown).length
  return (
    <div
      className="rt-chooser"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setOpen(false)
      }}
    >
      <button
        type="button"
        aria-expanded={open}
        aria-haspopup="true"
        onClick={() => setOpen((o) => !o)}
      >
        Columns
      </button>
      {open && (
        <div className="rt-chooser-menu card" role="group" aria-label="Columns shown">
          {columns.map((column) => {
            const shown = isShown(column)
            return (
              <label key={column.id}>
                <input
                  type="checkbox"
                  checked={shown}
                  disabled={shown && shownCount === 1}
                  onChange={(e) => props.onToggle(column, e.target.checked)}
                />
                {column.header}
              </label>
            )
          })}
          <button type="button" className="link" onClick={props.onReset}>
            Default columns
          </button>
        </div>
      )}
    </div>
  )
}
