import type { FieldSchema } from '../../../shared/api'
import type { DraftGroup } from './draft'
import {
  appendItem,
  editItem,
  groupForGroup,
  removeItem,
  ruleForGroup,
  updateGroup,
  updateRule,
  withField,
} from './draft-edit'
import { RuleEditor } from './rule-editor'

/** Applies one edit to the whole draft. */
export type EditDraft = (change: (root: DraftGroup) => DraftGroup) => void

interface GroupEditorProps {
  readonly group: DraftGroup
  readonly fields: readonly FieldSchema[]
  readonly skipped: ReadonlyMap<string, string>
  readonly edit: EditDraft
  readonly root: boolean
}

/** A group of rules and nested groups joined by "all" (and) or "any" (or), optionally negated. */
export function GroupEditor(props: GroupEditorProps): React.JSX.Element {
  const { group, fields, skipped, edit, root } = props
  const typeOf = (name: string): FieldSchema['type'] | undefined =>
    fields.find((f) => f.name === name)?.type
  return (
    <div
      className={root ? 'qb-group qb-root' : 'qb-group'}
      role="group"
      aria-label={root ? 'Top-level group' : 'Nested group'}
    >
      <div className="qb-group-head row">
        <div className="qb-mode" role="group" aria-label="How rules combine">
          {(['and', 'or'] as const).map((mode) => (
            <button
              key={mode}
              type="button"
              aria-pressed={group.mode === mode}
              className={group.mode === mode ? 'qb-mode-on' : ''}
              onClick={() => edit((d) => updateGroup(d, group.id, { mode }))}
            >
              {mode === 'and' ? 'Match all' : 'Match any'}
            </button>
          ))}
        </div>
        <label className="qb-not" title="Keep records where this group does not hold">
          <input
            type="checkbox"
            checked={group.negate}
            onChange={(e) => edit((d) => updateGroup(d, group.id, { negate: e.target.checked }))}
          />
          Not
        </label>
        <span className="spacer" />
        {!root && (
          <button
            type="button"
            className="qb-icon"
            aria-label="Remove group"
            title="Remove group"
            onClick={() => edit((d) => removeItem(d, group.id))}
          >
            ✕
          </button>
        )}
      </div>
      {group.children.length === 0 && (
        <p className="qb-empty muted">
          {root ? 'No rules: every record matches.' : 'An empty group is left out.'}
        </p>
      )}
      {group.children.map((item) =>
        item.kind === 'group' ? (
          <GroupEditor
            key={item.id}
            group={item}
            fields={fields}
            skipped={skipped}
            edit={edit}
            root={false}
          />
        ) : (
          <RuleEditor
            key={item.id}
            rule={item}
            fields={fields}
            skipped={skipped.get(item.id)}
            onFieldChange={(field) =>
              edit((d) =>
                editItem(d, item.id, (r) =>
                  r.kind === 'rule' ? withField(r, field, typeOf(r.field)) : r,
                ),
              )
            }
            onChange={(patch) => edit((d) => updateRule(d, item.id, patch))}
            onRemove={() => edit((d) => removeItem(d, item.id))}
          />
        ),
      )}
      <div className="qb-group-actions row">
        <button
          type="button"
          onClick={() => edit((d) => appendItem(d, group.id, ruleForGroup(group, fields)))}
        >
          Add rule
        </button>
        <button
          type="button"
          onClick={() => edit((d) => appendItem(d, group.id, groupForGroup(group, fields)))}
        >
          Add group
        </button>
      </div>
    </div>
  )
}
