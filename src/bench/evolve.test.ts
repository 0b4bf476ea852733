import { describe, expect, it } from 'vitest'
import { xorshift } from './synthetic-reads.js'
import {
  TERMINAL_FRACTION,
  familyLabel,
  mutate,
  nearestCatalogLeaves,
  randomSequence,
  reverseComplement,
  simulate,
  treeDistance,
  type EvolveOptions,
  type SimLeaf,
} from './evolve.js'

const base: EvolveOptions = {
  seed: 1,
  families: 4,
  leavesPerFamily: 12,
  length: 1000,
  substitutionsPerSite: 0.1,
  indelRate: 0.1,
}

function mismatches(a: string, b: string): number {
  let n = 0
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++
  return n
}

function sharedKmers(a: string, b: string, k = 11): number {
  const seen = new Set<string>()
  for (let i = 0; i + k <= a.length; i++) seen.add(a.slice(i, i + k))
  let shared = 0
  for (let i = 0; i + k <= b.length; i++) if (seen.has(b.slice(i, i + k))) shared++
  return shared
}

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length

describe('simulate', () => {
  it('gives the same leaves and trees for the same seed and different ones for another', () => {
    const a = simulate(base)
    const b = simulate(base)
    expect(b.leaves).toEqual(a.leaves)
    expect(b.newick()).toBe(a.newick())
    const c = simulate({ ...base, seed: 2 })
    expect(c.leaves.map((l) => l.sequence)).not.toEqual(a.leaves.map((l) => l.sequence))
  })

  it('makes families x leavesPerFamily leaves with unique ids in id order', () => {
    const sim = simulate({ ...base, families: 3, leavesPerFamily: 7 })
    expect(sim.leaves).toHaveLength(21)
    expect(sim.leaves[0]!.id).toBe('f000_l0000')
    expect(sim.leaves[20]!.id).toBe('f002_l0006')
    const ids = sim.leaves.map((l) => l.id)
    expect(new Set(ids).size).toBe(21)
    expect([...ids].sort()).toEqual(ids)
    for (const leaf of sim.leaves) expect(sim.tree.name[leaf.node]).toBe(leaf.id)
  })

  it('keeps a family the same when more families are added', () => {
    const small = simulate(base)
    const large = simulate({ ...base, families: 9 })
    expect(large.leaves.slice(0, 12)).toEqual(small.leaves.slice(0, 12))
  })

  it('makes leaves of one family share far more 11-mers than leaves of different families', () => {
    const sim = simulate({ ...base, substitutionsPerSite: 0.15 })
    const leaf = (f: number, i: number): string => sim.leaves[f * 12 + i]!.sequence
    const within = mean([0, 1, 2, 3].map((f) => sharedKmers(leaf(f, 0), leaf(f, 1))))
    const across = mean([0, 1, 2, 3].map((f) => sharedKmers(leaf(f, 0), leaf((f + 1) % 4, 1))))
    expect(within).toBeGreaterThan(20)
    expect(across).toBeLessThan(3)
  })

  it('diverges leaves from their root as Jukes-Cantor predicts for the tree depth', () => {
    const options = { ...base, families: 20, leavesPerFamily: 10, length: 2000, indelRate: 0 }
    const sim = simulate({ ...options, substitutionsPerSite: 0.15 })
    for (const leaf of sim.leaves) expect(sim.tree.depth[leaf.node]).toBeCloseTo(0.15, 12)
    const rates = sim.leaves.map((l) => mismatches(l.sequence, sim.roots[l.family]!) / 2000)
    // P(a site differs) after d substitutions per site is 3/4 (1 - e^(-4d/3)): 0.1358 for 0.15.
    const expected = 0.75 * (1 - Math.exp((-4 * 0.15) / 3))
    expect(Math.abs(mean(rates) - expected)).toBeLessThan(0.01)
  })

  it('keeps lengths near the root length when indels are on', () => {
    const sim = simulate({ ...base, length: 5000, substitutionsPerSite: 0.2, indelRate: 0.2 })
    const lengths = sim.leaves.map((l) => l.sequence.length)
    expect(lengths.some((n) => n !== 5000)).toBe(true)
    expect(Math.abs(mean(lengths) - 5000)).toBeLessThan(60)
  })

  it('keeps terminal branches long enough that siblings are clearly apart', () => {
    const sim = simulate(base)
    const { tree } = sim
    for (const leaf of sim.leaves) {
      expect(tree.branchLength[leaf.node]).toBeGreaterThanOrEqual(TERMINAL_FRACTION * 0.1 - 1e-12)
    }
  })

  it('labels lineages Pango-style down to lineageDepth', () => {
    const sim = simulate({ ...base, families: 30, leavesPerFamily: 40 })
    expect(familyLabel(0)).toBe('A')
    expect(familyLabel(26)).toBe('AA')
    for (const leaf of sim.leaves) {
      expect(leaf.lineage).toMatch(/^[A-Z]+(\.[12]){0,2}$/)
      expect(leaf.lineage.split('.')[0]).toBe(familyLabel(leaf.family))
      const clade = sim.tree.clades.get(leaf.lineage)!
      expect(treeDistance(sim, leaf, leaf)).toBe(0)
      expect(sim.tree.level[clade]).toBe(leaf.lineage.split('.').length - 1)
    }
    expect(sim.leaves.some((l) => l.lineage.split('.').length === 3)).toBe(true)
    const flat = simulate({ ...base, lineageDepth: 0 })
    expect(new Set(flat.leaves.map((l) => l.lineage))).toEqual(new Set(['A', 'B', 'C', 'D']))
  })

  it('writes Newick with every leaf, balanced parentheses and one tree per family', () => {
    const sim = simulate(base)
    const one = sim.newick(2)
    expect(one.match(/f\d{3}_l\d{4}:[\d.]+/g)).toHaveLength(12)
    expect(one.endsWith(')C;')).toBe(true)
    let open = 0
    for (const c of one) {
      open += c === '(' ? 1 : c === ')' ? -1 : 0
      expect(open).toBeGreaterThanOrEqual(0)
    }
    expect(open).toBe(0)
    const all = sim.newick()
    expect(all.split('\n')).toHaveLength(4)
    expect(all.match(/f\d{3}_l\d{4}:/g)).toHaveLength(48)
    expect(() => sim.newick(4)).toThrow(RangeError)
  })

  it('rejects options that cannot make a tree', () => {
    expect(() => simulate({ ...base, leavesPerFamily: 1 })).toThrow(/leavesPerFamily/)
    expect(() => simulate({ ...base, substitutionsPerSite: -1 })).toThrow(/substitutionsPerSite/)
  })
})

describe('tree distances', () => {
  const sim = simulate({ ...base, families: 3, leavesPerFamily: 15 })

  it('are zero to self, symmetric, and infinite across families', () => {
    const [a, b] = [sim.leaves[0]!, sim.leaves[1]!]
    expect(treeDistance(sim, a, b)).toBe(treeDistance(sim, b, a))
    expect(treeDistance(sim, a, b)).toBeGreaterThan(0)
    expect(treeDistance(sim, a, b)).toBeLessThanOrEqual(0.2 + 1e-12)
    expect(treeDistance(sim, a, sim.leaves[20]!)).toBe(Infinity)
  })

  it('give the same nearest catalog leaves as a brute-force search, ties included', () => {
    const catalog = sim.leaves.filter((_, i) => i % 3 !== 0)
    const heldOut = sim.leaves.filter((_, i) => i % 3 === 0)
    const nearest = nearestCatalogLeaves(sim, heldOut, catalog)
    expect(nearest.size).toBe(heldOut.length)
    let ties = 0
    for (const q of heldOut) {
      const best = Math.min(...catalog.map((c) => treeDistance(sim, q, c)))
      const expected = catalog
        .filter((c) => treeDistance(sim, q, c) <= best + 1e-9)
        .map((c) => c.id)
        .sort()
      expect(nearest.get(q.id)).toEqual(expected)
      if (expected.length > 1) ties++
    }
    expect(ties).toBeGreaterThan(0)
  })

  it('never report a leaf as its own neighbour and report none without family members', () => {
    const family0 = sim.leaves.filter((l) => l.family === 0)
    const nearest = nearestCatalogLeaves(sim, family0, family0)
    for (const leaf of family0) expect(nearest.get(leaf.id)).not.toContain(leaf.id)
    const lonely: SimLeaf[] = sim.leaves.filter((l) => l.family === 1)
    expect(nearestCatalogLeaves(sim, family0.slice(0, 1), lonely).get(family0[0]!.id)).toEqual([])
  })
})

describe('mutate and friends', () => {
  it('mutates about the requested fraction of sites', () => {
    const rng = xorshift(5)
    const seq = randomSequence(20_000, rng)
    const mutated = mutate(seq, 0.05, 0, rng)
    expect(mutated).toHaveLength(20_000)
    expect(mismatches(seq, mutated) / 20_000).toBeCloseTo(0.05, 2)
  })

  it('adds indels at indelRate x divergence per site', () => {
    const rng = xorshift(6)
    const seq = randomSequence(20_000, rng)
    const mutated = mutate(seq, 0.05, 1, rng)
    expect(mutated).not.toHaveLength(20_000)
    expect(Math.abs(mutated.length - 20_000)).toBeLessThan(200)
    expect(mutate(seq, 0, 1, rng)).toBe(seq)
  })

  it('reverse-complements as an involution that keeps case and IUPAC codes', () => {
    expect(reverseComplement('AACGTn-rY')).toBe('Ry-nACGTT')
    const seq = randomSequence(500, xorshift(9))
    expect(reverseComplement(reverseComplement(seq))).toBe(seq)
    expect(reverseComplement('ACGTRYKMBVDHSWN')).toBe('NWSDHBVKMRYACGT')
  })
})
