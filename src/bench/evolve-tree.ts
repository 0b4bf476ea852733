// Tree shapes, lineage labels and tree-distance queries for the evolution simulator
// (evolve.ts). Kept free of sequences so distance questions never touch the bases.

/** A source of uniform numbers in [0, 1), such as `xorshift(seed)`. */
export type Random = () => number

/**
 * The simulated forest: one rooted binary tree per family, stored as flat arrays indexed by
 * node number. Nodes are numbered in pre-order (family by family), so every parent's number is
 * below its children's and a family's nodes form one contiguous run starting at its root.
 */
export interface SimTree {
  /** Parent of each node; -1 for a family root. */
  readonly parent: Int32Array
  /** First (left) child of each node; -1 for a leaf. */
  readonly left: Int32Array
  /** Second (right) child of each node; -1 for a leaf. */
  readonly right: Int32Array
  /** Expected substitutions per site on the branch from the parent (0 for a root). */
  readonly branchLength: Float64Array
  /** Expected substitutions per site from the family root; the same for every leaf. */
  readonly depth: Float64Array
  /** Number of edges from the family root. */
  readonly level: Int32Array
  /** Family of each node. */
  readonly family: Int32Array
  /** Root node of each family. */
  readonly roots: Int32Array
  /** Index into `Simulation.leaves` for leaf nodes; -1 for internal nodes. */
  readonly leafIndex: Int32Array
  /** Leaf id (`f012_l0034`) for leaf nodes; '' for internal nodes. */
  readonly name: readonly string[]
  /** Label of the deepest labelled clade containing each node (`A`, `A.1`, `A.1.2`). */
  readonly lineage: readonly string[]
  /** Clade node of every lineage label, family roots included. */
  readonly clades: ReadonlyMap<string, number>
}

/** What `growTree` needs to know about the forest. */
export interface TreeShape {
  readonly families: number
  readonly leavesPerFamily: number
  /** Root-to-leaf depth in expected substitutions per site. */
  readonly depth: number
  readonly lineageDepth: number
}

/**
 * Terminal branches are at least this fraction of the root-to-leaf depth, so sibling leaves
 * differ by at least 2 x 0.2 x depth and the source of a lightly mutated fragment is unambiguous.
 */
export const TERMINAL_FRACTION = 0.2

/** Distances closer than this are ties; sums of branch lengths pick up rounding error. */
const TIE = 1e-9

/** Family number to a Pango-style root letter: 0 → A, 25 → Z, 26 → AA, 27 → AB. */
export function familyLabel(family: number): string {
  let label = ''
  for (let n = family + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    label = String.fromCharCode(65 + ((n - 1) % 26)) + label
  }
  return label
}

/**
 * Grows one random ultrametric binary tree per family, drawing from `rngs[family]`.
 *
 * Shape: each clade of m leaves splits into k and m - k with k uniform on 1..m-1, which gives
 * Yule-distributed topologies. Heights: a clade of m leaves sits at a height proportional to
 * (H(m) - 1) / (H(n) - 1), H the harmonic number (the expected Yule clade age), jittered by
 * ±25% and kept below its parent, and rescaled onto [TERMINAL_FRACTION x depth, depth].
 * Leaves sit at height 0, so every root-to-leaf path is exactly `depth` long.
 */
export function growTree(shape: TreeShape, rngs: readonly Random[]): SimTree {
  const n = shape.leavesPerFamily
  const perFamily = 2 * n - 1
  const nodes = shape.families * perFamily
  const tree = {
    parent: new Int32Array(nodes).fill(-1),
    left: new Int32Array(nodes).fill(-1),
    right: new Int32Array(nodes).fill(-1),
    branchLength: new Float64Array(nodes),
    depth: new Float64Array(nodes),
    level: new Int32Array(nodes),
    family: new Int32Array(nodes),
    roots: new Int32Array(shape.families),
    leafIndex: new Int32Array(nodes).fill(-1),
    name: new Array<string>(nodes).fill(''),
    lineage: new Array<string>(nodes).fill(''),
    clades: new Map<string, number>(),
  }
  const harmonic = [0, 1]
  for (let m = 2; m <= n; m++) harmonic.push(harmonic[m - 1]! + 1 / m)
  const idWidth = Math.max(3, String(shape.families - 1).length)
  const leafWidth = Math.max(4, String(n - 1).length)
  for (let f = 0; f < shape.families; f++) {
    const rng = rngs[f]!
    const start = f * perFamily
    tree.roots[f] = start
    const leaves = growFamily(tree, shape, f, start, rng, harmonic)
    // Number leaves in random order, so "the first ten leaves" of a family is not one clade.
    const numbers = leaves.map((_, i) => i)
    for (let i = numbers.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1))
      ;[numbers[i], numbers[j]] = [numbers[j]!, numbers[i]!]
    }
    const prefix = `f${String(f).padStart(idWidth, '0')}_l`
    leaves.forEach((node, i) => {
      tree.name[node] = prefix + String(numbers[i]).padStart(leafWidth, '0')
      tree.leafIndex[node] = f * n + numbers[i]!
    })
  }
  return tree
}

type MutableTree = { -readonly [K in keyof SimTree]: SimTree[K] } & {
  name: string[]
  lineage: string[]
  clades: Map<string, number>
}

/** Fills one family's nodes in pre-order; returns its leaf nodes, left to right. */
function growFamily(
  tree: MutableTree,
  shape: TreeShape,
  f: number,
  start: number,
  rng: Random,
  harmonic: readonly number[],
): number[] {
  const n = shape.leavesPerFamily
  const floor = TERMINAL_FRACTION * shape.depth
  const height = new Float64Array(2 * n - 1)
  const leaves: number[] = []
  const stack = [{ parent: -1, leaves: n }]
  let next = start
  for (let task = stack.pop(); task; task = stack.pop()) {
    const v = next++
    const p = task.parent
    tree.family[v] = f
    const isLeaf = task.leaves === 1
    if (p < 0) {
      height[0] = shape.depth
      tree.lineage[v] = familyLabel(f)
      tree.clades.set(tree.lineage[v], v)
    } else {
      const first = tree.left[p]! < 0
      if (first) tree.left[p] = v
      else tree.right[p] = v
      tree.parent[v] = p
      tree.level[v] = tree.level[p]! + 1
      const parentHeight = height[p - start]!
      let h = 0
      if (!isLeaf) {
        const age = (harmonic[task.leaves]! - 1) / (harmonic[n]! - 1)
        const scaled = floor + (shape.depth - floor) * Math.min(1, age * (0.75 + 0.5 * rng()))
        h = Math.min(scaled, floor + (parentHeight - floor) * 0.98)
      }
      height[v - start] = h
      tree.branchLength[v] = parentHeight - h
      tree.depth[v] = shape.depth - h
      tree.lineage[v] = tree.lineage[p]!
      if (!isLeaf && tree.level[v] <= shape.lineageDepth) {
        // Number labelled clades 1, 2 among siblings; leaves are never a lineage of their own.
        const index = first || tree.left[tree.left[p]!]! < 0 ? 1 : 2
        tree.lineage[v] = `${tree.lineage[p]}.${index}`
        tree.clades.set(tree.lineage[v], v)
      }
    }
    if (isLeaf) {
      leaves.push(v)
      continue
    }
    const k = 1 + Math.floor(rng() * (task.leaves - 1))
    // Pushed right first so the left clade is popped (and numbered) first: pre-order.
    stack.push({ parent: v, leaves: task.leaves - k }, { parent: v, leaves: k })
  }
  return leaves
}

/** Patristic distance between two nodes; Infinity when they are in different families. */
export function nodeDistance(tree: SimTree, a: number, b: number): number {
  if (tree.family[a] !== tree.family[b]) return Infinity
  let x = a
  let y = b
  while (tree.level[x]! > tree.level[y]!) x = tree.parent[x]!
  while (tree.level[y]! > tree.level[x]!) y = tree.parent[y]!
  while (x !== y) {
    x = tree.parent[x]!
    y = tree.parent[y]!
  }
  return tree.depth[a]! + tree.depth[b]! - 2 * tree.depth[x]!
}

/**
 * For each query node, the catalog leaf nodes nearest to it by tree distance (all of them when
 * tied), never the query itself. One bottom-up pass computes each node's distance down to its
 * nearest catalog leaf; each query then walks up its ancestors, looking into sibling subtrees.
 */
export function nearestLeaves(
  tree: SimTree,
  queries: readonly number[],
  catalog: readonly number[],
): Map<number, number[]> {
  const nodes = tree.parent.length
  const down = new Float64Array(nodes).fill(Infinity)
  for (const c of catalog) down[c] = 0
  for (let v = nodes - 1; v >= 0; v--) {
    const l = tree.left[v]!
    if (l < 0) continue
    const r = tree.right[v]!
    down[v] = Math.min(tree.branchLength[l]! + down[l]!, tree.branchLength[r]! + down[r]!)
  }
  const result = new Map<number, number[]>()
  for (const q of queries) {
    let best = Infinity
    let bestSubtrees: number[] = []
    let up = 0
    for (let c = q; tree.parent[c]! >= 0 && up <= best + TIE; c = tree.parent[c]!) {
      const a = tree.parent[c]!
      up += tree.branchLength[c]!
      const s = tree.left[a] === c ? tree.right[a]! : tree.left[a]!
      const d = up + tree.branchLength[s]! + down[s]!
      if (d < best - TIE) {
        best = d
        bestSubtrees = [s]
      } else if (d <= best + TIE && d < Infinity) bestSubtrees.push(s)
    }
    result.set(q, best === Infinity ? [] : bestSubtrees.flatMap((s) => closest(tree, down, s)))
  }
  return result
}

/** The catalog leaves under `top` at its recorded nearest distance, following only tied paths. */
function closest(tree: SimTree, down: Float64Array, top: number): number[] {
  const found: number[] = []
  const stack = [top]
  for (let v = stack.pop(); v !== undefined; v = stack.pop()) {
    const l = tree.left[v]!
    if (l < 0) {
      found.push(v)
      continue
    }
    for (const child of [l, tree.right[v]!]) {
      if (tree.branchLength[child]! + down[child]! <= down[v]! + TIE) stack.push(child)
    }
  }
  return found
}

/**
 * Newick text with branch lengths (substitutions per site, 6 decimals), leaves named by id and
 * labelled clades named by lineage (`A.1`). One family gives one tree; without `family`, every
 * family's tree on its own line: families are unrelated, and joining them under a common root
 * would give them a finite distance.
 */
export function toNewick(tree: SimTree, family?: number): string {
  if (family === undefined) {
    return Array.from(tree.roots, (_, f) => toNewick(tree, f)).join('\n')
  }
  const start = tree.roots[family]
  if (start === undefined) throw new RangeError(`No family ${family} in this simulation`)
  const end = family + 1 < tree.roots.length ? tree.roots[family + 1]! : tree.parent.length
  const text: string[] = []
  // Children are numbered after their parents, so a reverse sweep builds subtrees first.
  for (let v = end - 1; v >= start; v--) {
    const l = tree.left[v]!
    let label = tree.name[v]!
    if (l >= 0) {
      const p = tree.parent[v]!
      const clade = p < 0 || tree.lineage[p] !== tree.lineage[v] ? tree.lineage[v]! : ''
      label = `(${text[l - start]},${text[tree.right[v]! - start]})${clade}`
      text[l - start] = text[tree.right[v]! - start] = ''
    }
    text[v - start] = v === start ? `${label};` : `${label}:${tree.branchLength[v]!.toFixed(6)}`
  }
  return text[0]!
}
