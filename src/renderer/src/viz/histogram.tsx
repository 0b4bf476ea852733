/**
 * A histogram of precomputed bins: React draws the bars, D3 the scales and axes. Bars are
 * buttons when `onSelectBin` is given; the chart is one tab stop and the arrow keys move
 * between bars, so forty bins do not mean forty presses of Tab.
 */
import { axisBottom, axisLeft, scaleLinear, select } from 'd3'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { KeyboardEvent } from 'react'
import type { HistogramBin } from '../../../shared/api'
import { formatCount } from '../lib/format'
import { binInRange } from './bin-range'
import { countText } from './count-text'
import type { XRange } from './bin-range'
import { useElementWidth } from './use-element-width'
import './viz.css'

export interface HistogramProps {
  readonly bins: readonly HistogramBin[]
  readonly title: string
  /** The x axis's caption, units included, e.g. "Length (bp)". */
  readonly xLabel: string
  /** Formats bin edges on the axis and in the tooltip; numbers with separators by default. */
  readonly formatX?: (x: number) => string
  /** Appended to bin ranges in the tooltip and accessible names, e.g. "bp". */
  readonly unit?: string
  /** The range the active filter selects on this axis (both ends included), highlighted. */
  readonly selected?: XRange | null
  readonly onSelectBin?: (bin: HistogramBin) => void
  /** Bar colour; the first categorical colour by default. */
  readonly color?: string
}

const HEIGHT = 220
const MARGIN = { top: 24, right: 16, bottom: 40 }

export function Histogram(props: HistogramProps): React.JSX.Element {
  const [frameRef, width] = useElementWidth<HTMLDivElement>()
  return (
    <figure className="viz-figure">
      <figcaption className="viz-title">{props.title}</figcaption>
      <div ref={frameRef} className="viz-frame" style={{ height: HEIGHT }}>
        {props.bins.length === 0 ? (
          <div className="viz-no-data">No data</div>
        ) : (
          width > 0 && <HistogramPlot {...props} width={width} />
        )}
      </div>
    </figure>
  )
}

function HistogramPlot(props: HistogramProps & { width: number }): React.JSX.Element {
  const { bins, width, selected = null, onSelectBin } = props
  const formatX = props.formatX ?? formatCount
  const interactive = onSelectBin !== undefined
  const svgRef = useRef<SVGSVGElement>(null)
  const xAxisRef = useRef<SVGGElement>(null)
  const yAxisRef = useRef<SVGGElement>(null)
  const [hover, setHover] = useState<number | null>(null)
  const [active, setActive] = useState(0)

  const layout = useMemo(() => computeLayout(bins, width), [bins, width])
  const { x, y, yTicks, left, innerWidth, innerHeight, degenerate } = layout
  const total = bins.reduce((sum, b) => sum + b.count, 0)
  const isSelected = (bin: HistogramBin, i: number): boolean =>
    selected !== null && binInRange(bin, selected, i === bins.length - 1)
  const anySelected = bins.some(isSelected)
  const focusIndex = Math.min(active, bins.length - 1)

  useEffect(() => {
    if (xAxisRef.current) {
      const axis = axisBottom(x)
        .ticks(Math.max(2, Math.floor(innerWidth / 90)))
        .tickFormat((d) => formatX(Number(d)))
        .tickSizeOuter(0)
      // One value only: ticks around it would suggest a spread the data does not have.
      if (degenerate && bins[0]) axis.tickValues([bins[0].x0])
      select(xAxisRef.current).call(axis)
    }
    if (yAxisRef.current) {
      const axis = axisLeft(y)
        .tickValues(yTicks)
        .tickFormat((d) => formatCount(Number(d)))
        .tickSize(0)
        .tickPadding(6)
      select(yAxisRef.current)
        .call(axis)
        .call((g) => g.select('.domain').remove())
    }
  }, [x, y, yTicks, innerWidth, degenerate, bins, formatX])

  const rangeText = (bin: HistogramBin): string => {
    const range = bin.x0 === bin.x1 ? formatX(bin.x0) : `${formatX(bin.x0)}–${formatX(bin.x1)}`
    return props.unit ? `${range} ${props.unit}` : range
  }

  const moveFocus = (to: number): void => {
    const next = Math.max(0, Math.min(bins.length - 1, to))
    setActive(next)
    svgRef.current?.querySelectorAll<SVGGElement>('.viz-bin')[next]?.focus()
  }

  const onKeyDown = (event: KeyboardEvent, bin: HistogramBin, i: number): void => {
    const keys: Record<string, () => void> = {
      Enter: () => onSelectBin?.(bin),
      ' ': () => onSelectBin?.(bin),
      ArrowRight: () => moveFocus(i + 1),
      ArrowLeft: () => moveFocus(i - 1),
      Home: () => moveFocus(0),
      End: () => moveFocus(bins.length - 1),
    }
    const action = keys[event.key]
    if (action) {
      event.preventDefault()
      action()
    }
  }

  const hovered = hover === null ? undefined : bins[hover]
  return (
    <>
      <svg ref={svgRef} width={width} height={HEIGHT} className="viz-svg" aria-label={props.title}>
        <g transform={`translate(${left},${MARGIN.top})`}>
          <text className="viz-axis-label" x={-left + 2} y={-10}>
            ↑ Sequences
          </text>
          {yTicks.map((t) => (
            <line key={t} className="viz-grid" x1={0} x2={innerWidth} y1={y(t)} y2={y(t)} />
          ))}
          <g ref={yAxisRef} className="viz-axis" />
          {bins.map((bin, i) => {
            const [x0, x1] = barEdges(bin, layout)
            const top = y(bin.count)
            const gap = x1 - x0 > 4 ? 1 : 0
            const label = `${props.title} ${rangeText(bin)}: ${countText(bin.count)}`
            return (
              <g
                key={i}
                className={interactive ? 'viz-bin viz-clickable' : 'viz-bin'}
                role={interactive ? 'button' : 'img'}
                tabIndex={interactive ? (i === focusIndex ? 0 : -1) : undefined}
                aria-label={label}
                aria-pressed={interactive ? isSelected(bin, i) : undefined}
                onClick={() => onSelectBin?.(bin)}
                onKeyDown={(e) => onKeyDown(e, bin, i)}
                onMouseEnter={() => setHover(i)}
                onMouseLeave={() => setHover(null)}
                onFocus={() => {
                  setActive(i)
                  setHover(i)
                }}
                onBlur={() => setHover(null)}
              >
                <rect className="viz-hit" x={x0} y={0} width={x1 - x0} height={innerHeight} />
                <rect
                  className={anySelected && !isSelected(bin, i) ? 'viz-bar viz-dim' : 'viz-bar'}
                  x={x0 + gap / 2}
                  y={top}
                  width={Math.max(1, x1 - x0 - gap)}
                  height={innerHeight - top}
                  fill={props.color ?? 'var(--c1)'}
                />
              </g>
            )
          })}
          {total === 0 && (
            <text className="viz-note" x={innerWidth / 2} y={innerHeight / 2}>
              No sequences in this range
            </text>
          )}
          <g ref={xAxisRef} className="viz-axis" transform={`translate(0,${innerHeight})`} />
          <text className="viz-axis-label viz-end" x={innerWidth} y={innerHeight + 34}>
            {props.xLabel} →
          </text>
        </g>
      </svg>
      {hovered && hover !== null && (
        <div
          className="viz-tooltip"
          aria-hidden="true"
          style={{
            left: Math.max(70, Math.min(width - 70, left + mid(barEdges(hovered, layout)))),
            top: MARGIN.top + y(hovered.count),
          }}
        >
          <strong>{rangeText(hovered)}</strong>
          <span>
            {countText(hovered.count)}
            {total > 0 && ` · ${((hovered.count / total) * 100).toFixed(1)}%`}
          </span>
        </div>
      )}
    </>
  )
}

function mid([a, b]: readonly [number, number]): number {
  return (a + b) / 2
}

type Layout = ReturnType<typeof computeLayout>

function computeLayout(bins: readonly HistogramBin[], width: number) {
  const lo = bins[0]?.x0 ?? 0
  const hi = bins[bins.length - 1]?.x1 ?? 1
  const degenerate = lo === hi
  // All values equal: pad the domain so the single bar stands in the middle of the plot.
  const pad = degenerate ? Math.abs(lo) * 0.1 || 1 : 0
  const maxCount = Math.max(1, ...bins.map((b) => b.count))
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom
  const y = scaleLinear().domain([0, maxCount]).nice().range([innerHeight, 0])
  // Counts are whole: with a maximum of 1, ticks at 0.2, 0.4… would be nonsense.
  const yTicks = y.ticks(Math.max(2, Math.floor(innerHeight / 36))).filter(Number.isInteger)
  const widest = Math.max(...yTicks.map((t) => formatCount(t).length))
  const left = Math.max(32, Math.ceil(widest * 6.6) + 12)
  const innerWidth = Math.max(10, width - left - MARGIN.right)
  const x = scaleLinear()
    .domain([lo - pad, hi + pad])
    .range([0, innerWidth])
  return { x, y, yTicks, left, innerWidth, innerHeight, degenerate, pad }
}

function barEdges(bin: HistogramBin, layout: Layout): [number, number] {
  if (bin.x0 !== bin.x1) return [layout.x(bin.x0), layout.x(bin.x1)]
  const half = layout.degenerate ? layout.pad / 2 : 0
  const [a, b] = [layout.x(bin.x0 - half), layout.x(bin.x1 + half)]
  return b - a >= 2 ? [a, b] : [a - 1, a + 1]
}
