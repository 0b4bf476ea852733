/**
 * One filter language for the CLI, the API and the query builder: a small tree of typed
 * comparisons joined by and / or / not. The text form (`parseFilter`) and the builder both
 * produce this tree; the engine checks it against the catalog's fields and compiles it to
 * SQL with every value quoted by the compiler, never pasted from user text.
 */

export type FilterValue = string | number | boolean

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>='

/** Where a node came from in the text form, so later checks can point at it. */
export interface Span {
  readonly start: number
  readonly end: number
}

interface Located {
  readonly span?: Span
}

export interface CompareNode extends Located {
  readonly kind: 'compare'
  readonly field: string
  readonly op: CompareOp
  readonly value: FilterValue
}

/** `field in (a, b, c)`: equal to any of the values. */
export interface InNode extends Located {
  readonly kind: 'in'
  readonly field: string
  readonly values: readonly FilterValue[]
}

/** Text search, case-insensitive. */
export interface TextNode extends Located {
  readonly kind: 'contains' | 'starts-with'
  readonly field: string
  readonly value: string
}

/** `field between low and high`, both ends included; the usual way to write a date range. */
export interface BetweenNode extends Located {
  readonly kind: 'between'
  readonly field: string
  readonly low: FilterValue
  readonly high: FilterValue
}

export interface MissingNode extends Located {
  readonly kind: 'missing'
  readonly field: string
}

export interface GroupNode extends Located {
  readonly kind: 'and' | 'or'
  readonly children: readonly FilterNode[]
}

/** The exact complement of its child: it also matches records where the child's field is missing. */
export interface NotNode extends Located {
  readonly kind: 'not'
  readonly child: FilterNode
}

export type ConditionNode = CompareNode | InNode | TextNode | BetweenNode | MissingNode

export type FilterNode = ConditionNode | GroupNode | NotNode

export function isCondition(node: FilterNode): node is ConditionNode {
  return node.kind !== 'and' && node.kind !== 'or' && node.kind !== 'not'
}
