// A small, seeded sequence-evolution simulator: the ground truth for the search benchmark.
// Families of related sequences evolve down random trees, so "which catalog entry is nearest"
// has a known answer for the similarity-search engine and for blastn alike.
import { xorshift } from './synthetic-reads.js'
import {
  growTree,
  nearestLeaves,
  nodeDistance,
  toNewick,
  type Random,
  type SimTree,
} from './evolve-tree.js'

export { familyLabel, TERMINAL_FRACTION, type Random, type SimTree } from './evolve-tree.js'

export interface EvolveOptions {
  readonly seed: number
  /** Independent random root sequences (unrelated gene families or virus species). */
  readonly families: number
  /** Leaves of each family's random binary tree; at least 2. */
  readonly leavesPerFamily: number
  /** Root length in bp. */
  readonly length: number
  /** Expected substitutions per site from the root to every leaf (the tree depth), e.g. 0.15. */
  readonly substitutionsPerSite: number
  /** Short indels (1-3 bp, insertions and deletions equally likely) per substitution, e.g. 0.1. */
  readonly indelRate: number
  /** How many clade levels below the family get Pango-style labels; default 2. */
  readonly lineageDepth?: number
}

/** One simulated sequence: a leaf of its family's tree. */
export interface SimLeaf {
  /** `f012_l0034`: family 12, leaf 34 (leaf numbers are shuffled, not tree order). */
  readonly id: string
  readonly family: number
  readonly sequence: string
  /** Deepest labelled clade containing the leaf: `A`, `A.2` or `A.2.1`. */
  readonly lineage: string
  /** Node number in `Simulation.tree`. */
  readonly node: number
}

export interface Simulation {
  /** Every leaf, ordered by family and then leaf number, so `leaves[f * n + i]` is `f…_l…i`. */
  leaves: SimLeaf[]
  /** The random root sequence of each family. */
  roots: string[]
  tree: SimTree
  /** Newick text of one family's tree, or of every family, one tree per line. */
  newick(family?: number): string
}

const BASES = Uint8Array.from('ACGT', (c) => c.charCodeAt(0))
/** Base index by character code (either case); -1 for anything else. */
const BASE_INDEX = new Int8Array(256).fill(-1)
'ACGT'.split('').forEach((c, i) => {
  BASE_INDEX[c.charCodeAt(0)] = i
  BASE_INDEX[c.toLowerCase().charCodeAt(0)] = i
})

/**
 * Simulates `families` unrelated random roots evolving down random binary trees (see
 * `growTree` for the shape). On each branch of length b, sites change under Jukes-Cantor (each
 * differs from the parent with probability 3/4 (1 - e^(-4b/3)), to a uniformly chosen other
 * base), then short indels occur at `indelRate` x b per site. Each family draws from its own
 * generator seeded from (seed, family), so a family does not change when `families` does.
 * Sequences are generated depth-first, holding only the current path's sequences.
 */
export function simulate(options: EvolveOptions): Simulation {
  validate(options)
  const { families, leavesPerFamily, length, indelRate } = options
  const rngs = Array.from({ length: families }, (_, f) => xorshift(familySeed(options.seed, f)))
  const shape = {
    families,
    leavesPerFamily,
    depth: options.substitutionsPerSite,
    lineageDepth: options.lineageDepth ?? 2,
  }
  const tree = growTree(shape, rngs)
  const leaves = new Array<SimLeaf>(families * leavesPerFamily)
  const roots: string[] = []
  for (let f = 0; f < families; f++) {
    const rng = rngs[f]!
    const root = randomCodes(length, rng)
    roots.push(decode(root))
    const start = tree.roots[f]!
    const path = [{ node: start, seq: root }]
    for (let v = start + 1; v < start + 2 * leavesPerFamily - 1; v++) {
      // Pre-order numbering: popping back to v's parent discards finished subtrees.
      while (path.at(-1)!.node !== tree.parent[v]) path.pop()
      const seq = evolveBranch(path.at(-1)!.seq, tree.branchLength[v]!, indelRate, rng)
      if (tree.left[v]! >= 0) path.push({ node: v, seq })
      else {
        const [id, lineage] = [tree.name[v]!, tree.lineage[v]!]
        leaves[tree.leafIndex[v]!] = { id, family: f, sequence: decode(seq), lineage, node: v }
      }
    }
  }
  return { leaves, roots, tree, newick: (family) => toNewick(tree, family) }
}

/** Patristic (tree) distance between two leaves; Infinity across families. */
export function treeDistance(sim: Simulation, a: SimLeaf, b: SimLeaf): number {
  return nodeDistance(sim.tree, a.node, b.node)
}

/**
 * For each held-out leaf, the ids of the nearest leaves among `catalog` by tree distance (all
 * tied leaves, sorted; empty when its family has none in the catalog). A leaf is never its own
 * neighbour. Linear in the forest size plus, per query, its depth and the tied clade.
 */
export function nearestCatalogLeaves(
  sim: Simulation,
  heldOut: readonly SimLeaf[],
  catalog: readonly SimLeaf[],
): Map<string, string[]> {
  const { tree } = sim
  const nearest = nearestLeaves(
    tree,
    heldOut.map((leaf) => leaf.node),
    catalog.map((leaf) => leaf.node),
  )
  const result = new Map<string, string[]>()
  for (const [node, found] of nearest) {
    result.set(tree.name[node]!, found.map((v) => tree.name[v]!).sort())
  }
  return result
}

/**
 * Mutates a copy of `seq` to a given divergence: each site is substituted with probability
 * `divergence` (to a uniformly chosen other base), then 1-3 bp indels start at each site with
 * probability `indelRate` x `divergence`, insertions and deletions equally likely. Used for
 * query fragments (5% divergence) and simulated reads (2% errors).
 */
export function mutate(seq: string, divergence: number, indelRate: number, rng: Random): string {
  const bytes = Buffer.from(seq, 'latin1')
  substitute(bytes, divergence, rng)
  return decode(indels(bytes, indelRate * divergence, rng))
}

const COMPLEMENT = new Uint8Array(256).map((_, i) => i)
const PAIRS = 'ATCGRYKMBVDHSSWWNN'
for (let i = 0; i < PAIRS.length; i += 2) {
  for (const [x, y] of [PAIRS.slice(i, i + 2), PAIRS.slice(i, i + 2).toLowerCase()]) {
    COMPLEMENT[x!.charCodeAt(0)] = y!.charCodeAt(0)
    COMPLEMENT[y!.charCodeAt(0)] = x!.charCodeAt(0)
  }
}

/** Reverse complement, IUPAC codes and case kept; other characters are left as they are. */
export function reverseComplement(seq: string): string {
  const bytes = Buffer.from(seq, 'latin1')
  const out = Buffer.allocUnsafe(bytes.length)
  for (let i = 0, j = bytes.length - 1; j >= 0; i++, j--) out[i] = COMPLEMENT[bytes[j]!]!
  return out.toString('latin1')
}

/** A uniformly random ACGT sequence. */
export function randomSequence(length: number, rng: Random): string {
  return decode(randomCodes(length, rng))
}

function randomCodes(length: number, rng: Random): Uint8Array {
  const out = new Uint8Array(length)
  for (let i = 0; i < length; i++) out[i] = BASES[(rng() * 4) | 0]!
  return out
}

function decode(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1')
}

function evolveBranch(parent: Uint8Array, length: number, indelRate: number, rng: Random) {
  const child = parent.slice()
  substitute(child, 0.75 * (1 - Math.exp((-4 * length) / 3)), rng)
  return indels(child, indelRate * length, rng)
}

/**
 * Position of the next event after `i` when each site has an event with probability `p`:
 * a geometric skip, so the cost follows the number of events, not the sequence length.
 */
function skipper(p: number, rng: Random): (i: number) => number {
  if (p >= 1) return (i) => i + 1
  const scale = 1 / Math.log1p(-p)
  return (i) => i + 1 + Math.floor(Math.log(1 - rng()) * scale)
}

function substitute(seq: Uint8Array, p: number, rng: Random): void {
  if (!(p > 0)) return
  const next = skipper(p, rng)
  for (let i = next(-1); i < seq.length; i = next(i)) {
    const b = BASE_INDEX[seq[i]!]!
    seq[i] = BASES[b < 0 ? (rng() * 4) | 0 : (b + 1 + ((rng() * 3) | 0)) & 3]!
  }
}

/** Applies 1-3 bp insertions (before the site) and deletions (from it) at rate `p` per site. */
function indels(seq: Uint8Array, p: number, rng: Random): Uint8Array {
  if (!(p > 0)) return seq
  const next = skipper(p, rng)
  const events: number[] = [] // pairs: site, then +length (insertion) or -length (deletion)
  let inserted = 0
  for (let i = next(-1); i < seq.length; i = next(i)) {
    const size = 1 + ((rng() * 3) | 0)
    const insert = rng() < 0.5
    if (insert) inserted += size
    events.push(i, insert ? size : -size)
  }
  if (events.length === 0) return seq
  const out = new Uint8Array(seq.length + inserted)
  let from = 0
  let to = 0
  for (let e = 0; e < events.length; e += 2) {
    const at = events[e]!
    const size = events[e + 1]!
    if (at < from) continue // inside an earlier deletion
    out.set(seq.subarray(from, at), to)
    to += at - from
    from = at
    if (size < 0) from = Math.min(seq.length, at - size)
    else for (let k = 0; k < size; k++) out[to++] = BASES[(rng() * 4) | 0]!
  }
  out.set(seq.subarray(from), to)
  return out.subarray(0, to + seq.length - from)
}

/** Mixes (seed, family) into a well-spread 32-bit seed (murmur3's finaliser). */
function familySeed(seed: number, family: number): number {
  let h = (seed ^ Math.imul(family + 1, 0x9e3779b9)) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

function validate(options: EvolveOptions): void {
  const counts = { families: 1, leavesPerFamily: 2, length: 1, lineageDepth: 0 } as const
  for (const [field, min] of Object.entries(counts)) {
    const value = options[field as keyof typeof counts] ?? min
    if (!Number.isInteger(value) || value < min) {
      throw new RangeError(`simulate: ${field} must be an integer >= ${min}, got ${value}`)
    }
  }
  if (!Number.isFinite(options.seed)) {
    throw new RangeError(`simulate: seed must be a finite number, got ${options.seed}`)
  }
  for (const field of ['substitutionsPerSite', 'indelRate'] as const) {
    const value = options[field]
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`simulate: ${field} must be a finite number >= 0, got ${value}`)
    }
  }
}
