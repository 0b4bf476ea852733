// The search benchmark's ground truth: catalogs and queries built by the evolution simulator,
// so anyone can regenerate them from the seed and check ours and blastn's answers; and the
// demo's real genomes, with queries made from them the same way.
import { createWriteStream, readFileSync } from 'node:fs'
import { once } from 'node:events'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { findDemoSource } from '../main/api/demo.js'
import {
  mutate,
  nearestCatalogLeaves,
  reverseComplement,
  simulate,
  type SimLeaf,
} from './evolve.js'
import { xorshift } from './synthetic-reads.js'

export interface BenchQuery {
  readonly id: string
  readonly kind: string
  readonly sequence: string
  /** Any of these ids in the top 10 counts as found. */
  readonly truth: readonly string[]
}

export interface SearchSet {
  readonly name: string
  readonly catalog: readonly { id: string; sequence: string; lineage?: string }[]
  readonly queries: readonly BenchQuery[]
  /** The catalog's metadata table (TSV text); without it, a table of each record's lineage. */
  readonly metadataTsv?: string
}

function pick<T>(items: readonly T[], rng: () => number): T {
  return items[Math.floor(rng() * items.length)]!
}

/**
 * About 20,000 genes of 1 kb in 200 families. 1% of the leaves are held out; 80% of the
 * queries are 200-800 bp fragments of catalog genes with 5% divergence (truth: the source),
 * 20% are held-out leaves (truth: the nearest catalog leaf on the tree, ties included).
 */
export function genesSet(queries: number, seed = 1): SearchSet {
  const sim = simulate({
    seed,
    families: 200,
    leavesPerFamily: 100,
    length: 1000,
    substitutionsPerSite: 0.15,
    indelRate: 0.1,
  })
  const rng = xorshift(seed * 7919)
  const held = new Set<SimLeaf>()
  const heldCount = Math.round(queries * 0.2)
  while (held.size < heldCount) held.add(pick(sim.leaves, rng))
  const catalog = sim.leaves.filter((l) => !held.has(l))
  const nearest = nearestCatalogLeaves(sim, [...held], catalog)
  const out: BenchQuery[] = []
  for (let i = 0; out.length < queries - heldCount; i++) {
    const source = pick(catalog, rng)
    const length = 200 + Math.floor(rng() * 601)
    const start = Math.floor(rng() * Math.max(1, source.sequence.length - length))
    const fragment = mutate(source.sequence.slice(start, start + length), 0.05, 0.1, rng)
    out.push({ id: `frag${i}`, kind: 'gene fragment', sequence: fragment, truth: [source.id] })
  }
  for (const leaf of held) {
    out.push({
      id: `held_${leaf.id}`,
      kind: 'held-out leaf',
      sequence: leaf.sequence,
      truth: nearest.get(leaf.id) ?? [],
    })
  }
  return { name: 'genes', catalog, queries: out }
}

/** 2,000 genomes of 10 kb in 50 families; 150 bp reads with 2% errors, half reverse-complemented. */
export function readsSet(queries: number, seed = 2): SearchSet & { genomes: readonly SimLeaf[] } {
  const sim = simulate({
    seed,
    families: 50,
    leavesPerFamily: 40,
    length: 10_000,
    substitutionsPerSite: 0.15,
    indelRate: 0.1,
  })
  const rng = xorshift(seed * 7919)
  const out: BenchQuery[] = []
  for (let i = 0; i < queries; i++) {
    const source = pick(sim.leaves, rng)
    const start = Math.floor(rng() * (source.sequence.length - 150))
    const read = mutate(source.sequence.slice(start, start + 150), 0.02, 0.1, rng)
    out.push({
      id: `read${i}`,
      kind: i % 2 ? 'read, reverse strand' : 'read, forward strand',
      sequence: i % 2 ? reverseComplement(read) : read,
      truth: [source.id],
    })
  }
  return { name: 'reads', catalog: sim.leaves, queries: out, genomes: sim.leaves }
}

/**
 * The demo catalog's 418 real SARS-CoV-2 genomes (Nextstrain's example set, with its metadata)
 * searched with genome-sized queries: whole genomes with 0.1% of their bases changed (about 30
 * differences, as a new sample from a known lineage), the same reverse-complemented, and
 * 1-5 kb fragments with 1% changed, all from sources without Ns. Many of the genomes are
 * identical over the query's source region, and those tie for the best score: truth is every
 * catalog genome holding the source region exactly, found by string search, not an aligner.
 */
export function genomesSet(queries: number, seed = 4): SearchSet {
  const source = findDemoSource(import.meta.url)
  const catalog = gunzipSync(readFileSync(join(source, 'example_sequences.fasta.gz')))
    .toString('latin1')
    .split('>')
    .slice(1)
    .map((entry) => {
      const [header, ...lines] = entry.split('\n')
      return { id: header!.trim(), sequence: lines.join('').replace(/\s/g, '') }
    })
  // Sources free of N and other ambiguity codes: a genome with real bases where the source
  // has an N would score as well as the source without holding it.
  const clean = (s: string): boolean => /^[ACGT]*$/.test(s)
  const cleanGenomes = catalog.filter((g) => clean(g.sequence))
  const rng = xorshift(seed * 7919)
  const out: BenchQuery[] = []
  for (let i = 0; i < queries; i++) {
    const kind = (['genome', 'genome, reverse strand', 'genome fragment'] as const)[i % 3]!
    let region = pick(cleanGenomes, rng).sequence
    while (kind === 'genome fragment') {
      const genome = pick(catalog, rng).sequence
      const length = 1000 + Math.floor(rng() * 4001)
      const start = Math.floor(rng() * (genome.length - length))
      region = genome.slice(start, start + length)
      if (clean(region)) break
    }
    const changed = mutate(region, kind === 'genome fragment' ? 0.01 : 0.001, 0.1, rng)
    out.push({
      id: `genome${i}`,
      kind,
      sequence: kind === 'genome, reverse strand' ? reverseComplement(changed) : changed,
      truth: catalog.filter((g) => g.sequence.includes(region)).map((g) => g.id),
    })
  }
  return {
    name: 'genomes',
    catalog,
    queries: out,
    metadataTsv: readFileSync(join(source, 'example_metadata.tsv'), 'utf8'),
  }
}

/** Writes records as FASTA (one line per sequence). */
export async function writeFasta(
  path: string,
  records: Iterable<{ id: string; sequence: string }>,
): Promise<void> {
  const out = createWriteStream(path)
  for (const r of records) {
    if (!out.write(`>${r.id}\n${r.sequence}\n`)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

/**
 * The scale catalog: `count` reads of 150 bp with 1% errors from the reads-set genomes, named
 * `g<genome>_<start>_<n>` so a hit's origin can be checked; and `queries` further reads
 * (2% errors, half reverse-complemented) with their origins.
 */
export function* scaleReads(
  genomes: readonly SimLeaf[],
  count: number,
  seed = 3,
): Generator<{ id: string; sequence: string }> {
  const rng = xorshift(seed)
  for (let n = 0; n < count; n++) {
    const g = Math.floor(rng() * genomes.length)
    const seq = genomes[g]!.sequence
    const start = Math.floor(rng() * (seq.length - 150))
    yield {
      id: `g${g}_${start}_${n}`,
      sequence: mutate(seq.slice(start, start + 150), 0.01, 0.1, rng),
    }
  }
}
