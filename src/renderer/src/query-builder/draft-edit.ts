/** Edits of the draft tree, as pure functions returning a new tree (React state stays immutable). */
import type { FieldSchema } from '../../../shared/api'
import { newGroup, newRule, type DraftGroup, type DraftItem, type DraftRule } from './draft'
import { defaultOperator, operatorsFor } from './operators'

/** Replaces the item with `id` by `change(item)`, or removes it when that returns null. */
export function editItem(
  root: DraftGroup,
  id: string,
  change: (item: DraftItem) => DraftItem | null,
): DraftGroup {
  if (root.id === id) {
    const changed = change(root)
    // The root stays a group: removing it empties it instead.
    return changed?.kind === 'group' ? changed : { ...root, children: [] }
  }
  let touched = false
  const children: DraftItem[] = []
  for (const child of root.children) {
    if (child.id === id) {
      touched = true
      const changed = change(child)
      if (changed) children.push(changed)
    } else if (child.kind === 'group') {
      const edited = editItem(child, id, change)
      if (edited !== child) touched = true
      children.push(edited)
    } else children.push(child)
  }
  return touched ? { ...root, children } : root
}

export function removeItem(root: DraftGroup, id: string): DraftGroup {
  return editItem(root, id, () => null)
}

export function updateRule(root: DraftGroup, id: string, patch: Partial<DraftRule>): DraftGroup {
  return editItem(root, id, (item) => (item.kind === 'rule' ? { ...item, ...patch } : item))
}

export function updateGroup(
  root: DraftGroup,
  id: string,
  patch: Partial<Pick<DraftGroup, 'mode' | 'negate'>>,
): DraftGroup {
  return editItem(root, id, (item) => (item.kind === 'group' ? { ...item, ...patch } : item))
}

export function appendItem(root: DraftGroup, groupId: string, item: DraftItem): DraftGroup {
  return editItem(root, groupId, (group) =>
    group.kind === 'group' ? { ...group, children: [...group.children, item] } : group,
  )
}

/**
 * A new rule for the first field not used yet in the group, so "Add rule" twice does not
 * give two identical rows.
 */
export function ruleForGroup(group: DraftGroup, fields: readonly FieldSchema[]): DraftRule {
  const used = new Set(group.children.flatMap((c) => (c.kind === 'rule' ? [c.field] : [])))
  // Metadata first: it is what people filter on; the record id last.
  const preference = [
    ...fields.filter((f) => !f.builtin),
    ...fields.filter((f) => f.builtin && f.name !== 'id'),
    ...fields.filter((f) => f.name === 'id'),
  ]
  const field = preference.find((f) => !used.has(f.name)) ?? preference[0]
  return field ? newRule(field.name, defaultOperator(field.type)) : newRule('', 'eq')
}

/** A nested group holding one fresh rule, ready to fill in. */
export function groupForGroup(parent: DraftGroup, fields: readonly FieldSchema[]): DraftGroup {
  return newGroup(parent.mode === 'and' ? 'or' : 'and', [ruleForGroup(newGroup(), fields)])
}

/**
 * A rule moved to another field: the operator stays when the new type has it, and the typed
 * value stays when the type is the same (a country moved to a region keeps "Brazil" only if
 * both are text).
 */
export function withField(
  rule: DraftRule,
  field: FieldSchema | undefined,
  previousType: FieldSchema['type'] | undefined,
): DraftRule {
  const name = field?.name ?? ''
  if (!field) return { ...rule, field: name }
  const keepOp = operatorsFor(field.type).includes(rule.op)
  const sameType = field.type === previousType
  return {
    ...rule,
    field: name,
    op: keepOp ? rule.op : defaultOperator(field.type),
    value: sameType ? rule.value : '',
    high: sameType ? rule.high : '',
  }
}
