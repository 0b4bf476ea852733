/**
 * Row selection as in a file manager: click selects one, Ctrl/Cmd-click toggles, Shift-click
 * selects the range from the anchor (the last plainly clicked or toggled row), Ctrl+Shift
 * adds that range. Keys are the table's row keys in display (sorted) order.
 */

export interface ClickModifiers {
  readonly toggle: boolean
  readonly range: boolean
}

export interface SelectionChange {
  readonly selected: Set<string>
  readonly anchor: string
}

export function clickSelection(
  keys: readonly string[],
  selected: ReadonlySet<string>,
  anchor: string | null,
  index: number,
  modifiers: ClickModifiers,
): SelectionChange {
  const key = keys[index]!
  if (modifiers.range) {
    const from = anchor === null ? -1 : keys.indexOf(anchor)
    const start = from < 0 ? index : from
    const next = modifiers.toggle ? new Set(selected) : new Set<string>()
    const [lo, hi] = start <= index ? [start, index] : [index, start]
    for (let i = lo; i <= hi; i++) next.add(keys[i]!)
    return { selected: next, anchor: from < 0 ? key : anchor! }
  }
  if (modifiers.toggle) {
    const next = new Set(selected)
    if (next.has(key)) next.delete(key)
    else next.add(key)
    return { selected: next, anchor: key }
  }
  return { selected: new Set([key]), anchor: key }
}

export type AllState = 'none' | 'some' | 'all'

/** Whether the rows shown are all, some or none selected (keys no longer shown do not count). */
export function selectionState(keys: readonly string[], selected: ReadonlySet<string>): AllState {
  if (selected.size === 0 || keys.length === 0) return 'none'
  let count = 0
  for (const key of keys) if (selected.has(key)) count++
  return count === 0 ? 'none' : count === keys.length ? 'all' : 'some'
}

/** "Select all": selects every row, or clears the selection when every row already is. */
export function toggleAll(keys: readonly string[], selected: ReadonlySet<string>): Set<string> {
  return selectionState(keys, selected) === 'all' ? new Set() : new Set(keys)
}

/** The row index after a key press that moves by `delta`, kept inside the table. */
export function moveIndex(current: number, delta: number, count: number): number {
  if (count === 0) return -1
  if (current < 0) return delta < 0 ? count - 1 : 0
  return Math.min(count - 1, Math.max(0, current + delta))
}
