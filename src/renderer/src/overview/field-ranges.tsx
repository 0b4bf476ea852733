import type { FieldSchema } from '../../../shared/api'
import { formatCount } from '../lib/format'
import { formatRangeValue } from './format-value'

/** Numeric and date metadata fields have no top values; their extent says more. */
export function FieldRanges(props: { fields: readonly FieldSchema[] }): React.JSX.Element | null {
  if (props.fields.length === 0) return null
  return (
    <section className="card overview-ranges" aria-labelledby="overview-ranges-title">
      <h2 id="overview-ranges-title">Numeric and date fields</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Type</th>
            <th scope="col">Range</th>
            <th scope="col" className="overview-num">
              Distinct
            </th>
            <th scope="col" className="overview-num">
              Missing
            </th>
          </tr>
        </thead>
        <tbody>
          {props.fields.map((field) => (
            <tr key={field.name}>
              <th scope="row">{field.name}</th>
              <td>
                <span className="badge">{field.type}</span>
              </td>
              <td className="overview-range">
                {field.range
                  ? `${formatRangeValue(field.type, field.range.min)} – ${formatRangeValue(field.type, field.range.max)}`
                  : 'no values'}
              </td>
              <td className="overview-num">{formatCount(field.distinct)}</td>
              <td className="overview-num">{formatCount(field.missing)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
