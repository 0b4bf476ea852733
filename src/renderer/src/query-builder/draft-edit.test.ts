import { describe, expect, it } from 'vitest'
import type { FieldSchema } from '../../../shared/api'
import { newGroup, newRule } from './draft'
import {
  appendItem,
  groupForGroup,
  removeItem,
  ruleForGroup,
  updateGroup,
  updateRule,
  withField,
} from './draft-edit'

function field(name: string, type: FieldSchema['type'], builtin = false): FieldSchema {
  return { name, type, builtin, missing: 0, distinct: 1, topValues: [], range: null }
}

const FIELDS = [
  field('id', 'text', true),
  field('length', 'integer', true),
  field('country', 'text'),
  field('date', 'date'),
]

describe('draft edits', () => {
  it('updates a rule deep inside nested groups without touching its siblings', () => {
    const target = newRule('country', 'eq', 'Peru')
    const sibling = newRule('length', 'gt', '5')
    const inner = newGroup('or', [target])
    const root = newGroup('and', [sibling, inner])
    const edited = updateRule(root, target.id, { value: 'Chile' })
    expect(edited.children[0]).toBe(sibling)
    expect(edited.children[1]).toMatchObject({ children: [{ value: 'Chile' }] })
    expect(root.children[1]).toBe(inner)
  })

  it('removes a nested group with everything in it', () => {
    const inner = newGroup('or', [newRule('country', 'eq', 'Peru')])
    const root = newGroup('and', [inner])
    expect(removeItem(root, inner.id).children).toEqual([])
  })

  it('empties the root group instead of removing it', () => {
    const root = newGroup('and', [newRule('country', 'eq', 'Peru')])
    expect(removeItem(root, root.id)).toMatchObject({ id: root.id, children: [] })
  })

  it('appends to the named group and switches group modes', () => {
    const inner = newGroup('or')
    const root = newGroup('and', [inner])
    const rule = newRule('length', 'gt', '1')
    const added = appendItem(root, inner.id, rule)
    expect(added.children[0]).toMatchObject({ children: [rule] })
    expect(updateGroup(added, root.id, { mode: 'or', negate: true })).toMatchObject({
      mode: 'or',
      negate: true,
    })
  })

  it('starts new rules on a metadata field not used yet in the group', () => {
    const group = newGroup('and', [newRule('country', 'eq', '')])
    expect(ruleForGroup(newGroup(), FIELDS)).toMatchObject({ field: 'country', op: 'eq' })
    expect(ruleForGroup(group, FIELDS)).toMatchObject({ field: 'date', op: 'eq' })
  })

  it('starts a nested group with the other mode and one rule', () => {
    const group = groupForGroup(newGroup('and'), FIELDS)
    expect(group.mode).toBe('or')
    expect(group.children).toHaveLength(1)
  })

  it('keeps the value when a rule moves to a field of the same type, and clears it otherwise', () => {
    const rule = newRule('country', 'contains', 'Bra')
    expect(withField(rule, field('host', 'text'), 'text')).toMatchObject({
      field: 'host',
      op: 'contains',
      value: 'Bra',
    })
    expect(withField(rule, field('length', 'integer'), 'text')).toMatchObject({
      field: 'length',
      op: 'eq',
      value: '',
    })
  })
})
