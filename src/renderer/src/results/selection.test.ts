import { describe, expect, it } from 'vitest'
import { clickSelection, moveIndex, selectionState, toggleAll } from './selection'

const KEYS = ['a', 'b', 'c', 'd', 'e']
const none = { toggle: false, range: false }

describe('clickSelection', () => {
  it('selects only the clicked row on a plain click and makes it the anchor', () => {
    expect(clickSelection(KEYS, new Set(['a', 'b']), null, 2, none)).toEqual({
      selected: new Set(['c']),
      anchor: 'c',
    })
  })

  it('toggles the clicked row with Ctrl or Cmd, keeping the others', () => {
    const toggle = { toggle: true, range: false }
    expect(clickSelection(KEYS, new Set(['a']), 'a', 2, toggle).selected).toEqual(
      new Set(['a', 'c']),
    )
    expect(clickSelection(KEYS, new Set(['a', 'c']), 'a', 2, toggle).selected).toEqual(
      new Set(['a']),
    )
  })

  it('selects the range from the anchor with Shift, in either direction', () => {
    const range = { toggle: false, range: true }
    expect(clickSelection(KEYS, new Set(['b']), 'b', 3, range)).toEqual({
      selected: new Set(['b', 'c', 'd']),
      anchor: 'b',
    })
    expect(clickSelection(KEYS, new Set(['d']), 'd', 1, range).selected).toEqual(
      new Set(['b', 'c', 'd']),
    )
  })

  it('adds the range to the selection with Ctrl+Shift', () => {
    const both = { toggle: true, range: true }
    expect(clickSelection(KEYS, new Set(['a', 'c']), 'c', 4, both).selected).toEqual(
      new Set(['a', 'c', 'd', 'e']),
    )
  })

  it('treats Shift without an anchor as a plain click', () => {
    expect(clickSelection(KEYS, new Set(), null, 1, { toggle: false, range: true })).toEqual({
      selected: new Set(['b']),
      anchor: 'b',
    })
  })
})

describe('select all', () => {
  it('reports none, some or all of the shown rows', () => {
    expect(selectionState(KEYS, new Set())).toBe('none')
    expect(selectionState(KEYS, new Set(['a', 'zz']))).toBe('some')
    expect(selectionState(KEYS, new Set(KEYS))).toBe('all')
    expect(selectionState(KEYS, new Set(['zz']))).toBe('none')
  })

  it('selects every row, or clears when all are selected', () => {
    expect(toggleAll(KEYS, new Set(['a']))).toEqual(new Set(KEYS))
    expect(toggleAll(KEYS, new Set(KEYS))).toEqual(new Set())
  })
})

describe('moveIndex', () => {
  it('moves within the table and starts at an end when nothing is active', () => {
    expect(moveIndex(2, 1, 5)).toBe(3)
    expect(moveIndex(4, 1, 5)).toBe(4)
    expect(moveIndex(0, -1, 5)).toBe(0)
    expect(moveIndex(-1, 1, 5)).toBe(0)
    expect(moveIndex(-1, -1, 5)).toBe(4)
    expect(moveIndex(-1, 1, 0)).toBe(-1)
  })
})
