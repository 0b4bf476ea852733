/**
 * The most frequent values of one field as horizontal bars: label, bar, count. Bars are
 * scaled to the largest count (not the total) so that a field with hundreds of values still
 * shows differences between its top ones; the share of the total is in the tooltip.
 */
import { scaleLinear } from 'd3'
import { formatCount } from '../lib/format'
import { countText } from './count-text'
import './viz.css'

export interface BarListItem {
  readonly value: string
  readonly count: number
}

export interface BarListProps {
  /** The field's name; also starts each bar's accessible name ("country Brazil: 12 …"). */
  readonly title: string
  readonly items: readonly BarListItem[]
  /** Records the counts are out of; what the listed values do not cover is summed below. */
  readonly total: number
  readonly onSelect?: (value: string) => void
  readonly selectedValue?: string | null
  /** Bar colour; the first categorical colour by default. */
  readonly color?: string
}

export function BarList(props: BarListProps): React.JSX.Element {
  const { title, items, total, onSelect, selectedValue = null } = props
  const largest = Math.max(1, ...items.map((item) => item.count))
  const width = scaleLinear().domain([0, largest]).range([0, 100])
  const listed = items.reduce((sum, item) => sum + item.count, 0)
  const rest = total - listed
  const anySelected = items.some((item) => item.value === selectedValue)

  return (
    <figure className="viz-figure">
      <figcaption className="viz-title">{title}</figcaption>
      {items.length === 0 ? (
        <div className="viz-no-data viz-no-data-short">No data</div>
      ) : (
        <ul className="viz-bars">
          {items.map((item) => {
            const selected = item.value === selectedValue
            const label = item.value === '' ? '(empty)' : item.value
            const share = total > 0 ? `${((item.count / total) * 100).toFixed(1)}% of ` : ''
            const classes = ['viz-bar-row']
            if (selected) classes.push('viz-selected')
            if (anySelected && !selected) classes.push('viz-dim')
            const content = (
              <>
                <span className="viz-bar-label" title={label}>
                  {label}
                </span>
                <span className="viz-bar-track" aria-hidden="true">
                  <span
                    className="viz-bar-fill"
                    style={{
                      width: `${width(item.count)}%`,
                      background: props.color ?? 'var(--c1)',
                    }}
                  />
                </span>
                <span className="viz-bar-count" title={`${share}${formatCount(total)}`}>
                  {formatCount(item.count)}
                </span>
              </>
            )
            return (
              <li key={item.value}>
                {onSelect ? (
                  <button
                    type="button"
                    className={classes.join(' ')}
                    aria-label={`${title} ${label}: ${countText(item.count)}`}
                    aria-pressed={selected}
                    onClick={() => onSelect(item.value)}
                  >
                    {content}
                  </button>
                ) : (
                  <div className={classes.join(' ')}>{content}</div>
                )}
              </li>
            )
          })}
        </ul>
      )}
      {rest > 0 && items.length > 0 && (
        <p className="viz-bar-rest">
          {formatCount(rest)} {rest === 1 ? 'other' : 'others'} (further values or missing)
        </p>
      )}
    </figure>
  )
}
