import { MAX_SEED_OCCURRENCES, scanSubject, type PreparedQuery } from './kmer-index.js'
import { scanByBlocks, type SubjectBlocks } from './subject-blocks.js'
import { slabInt32 } from './typed-slab.js'

/** Which query strands to seed: 0 is the query as given, 1 its reverse complement. */
export type StrandIndex = 0 | 1

/** The best chain of seed hits on one strand: the region the banded aligner should look at. */
export interface SeedCluster {
  readonly strand: StrandIndex
  /** Chain score: roughly the query bases the chained seeds cover, less drift penalties. */
  readonly score: number
  /** Extreme diagonals (subjectPos - queryPos, query coordinates on `strand`) of the chain. */
  readonly minDiag: number
  readonly maxDiag: number
  /** Seeds in the chain. */
  readonly anchors: number
  /**
   * The chain in query order, as the first and the last seed of each run of seeds it takes
   * along one diagonal (one entry for a run of one): query position (on `strand`) and diagonal.
   * Every seed of the chain lies on the diagonal of the entries before and after it.
   */
  readonly anchorQuery: Int32Array
  readonly anchorDiag: Int32Array
  /**
   * Which of the chain's runs each entry belongs to (0, 1, ... in query order). Two entries of
   * one run are its first and last seed, so the query from the first's position to the last's
   * plus k equals the subject on their diagonal, base for base.
   */
  readonly anchorRun: Int32Array
}

/** Runs kept per strand; later ones are dropped (only huge repetitive subjects get here). */
const MAX_RUNS_PER_STRAND = 1 << 21
/**
 * Chaining looks back at most this many runs near enough a run's diagonal to link (drift at
 * most MAX_LINK_DRIFT) for its predecessor, and never past the runs out of subject reach.
 * Runs on other diagonals are not counted: a long query holding many relatives of a subject
 * (a 200 kb contig of 18 Zika genomes against one of them) puts the runs of every copy in
 * between two runs of the exact copy's chain, and a lookback of 64 runs of any diagonal lost
 * that chain, aligning the record to a relative's copy at 97.5% identity instead of 100%.
 */
const CHAIN_LOOKBACK = 64
/** Two seeds further apart than this on the subject are never chained. */
const MAX_LINK_GAP = 5000
/** Nor are two seeds whose diagonals differ by more than this (an indel longer than this). */
const MAX_LINK_DRIFT = 256

/**
 * A run is cut after this many seeds, and the next starts where it stops. Chaining stops looking
 * back at the first run that starts out of reach (MAX_LINK_GAP + this before the run looking),
 * which must hold for every run before it, and holds only if no run is longer than this; one run
 * over a whole genome would otherwise be out of reach of the run after its first mismatch.
 * Cutting costs the chain nothing: the next piece continues it with a gain of 1.
 */
const MAX_RUN_SEEDS = 256
/** Diagonals are told apart modulo this + 1 when looking for the run a hit continues. */
const DIAGONAL_MASK = 4095
/** Buffers grown past this many runs (a huge repetitive subject) are dropped after use. */
const KEEP_RUNS = 1 << 18

/**
 * Seed hits of one strand as runs: hits at (q, s), (q + 1, s + 1), ... on one diagonal, each
 * the query's next k-mer, are one entry. A genome against a relative is about a hundred runs
 * (of at most MAX_RUN_SEEDS) and its chance hits instead of 30,000 hits, and chaining costs per
 * run. Reused across calls (alignment is synchronous, so this is safe).
 */
class RunList {
  queryPos: Int32Array = new Int32Array(256)
  subjectPos: Int32Array = new Int32Array(256)
  length: Int32Array = new Int32Array(256)
  count = 0
  /** The latest run per diagonal (modulo DIAGONAL_MASK + 1); entries may be stale. */
  readonly latestOnDiagonal = new Int32Array(DIAGONAL_MASK + 1)

  reset(): void {
    this.count = 0
    if (this.queryPos.length > KEEP_RUNS) {
      this.queryPos = new Int32Array(256)
      this.subjectPos = new Int32Array(256)
      this.length = new Int32Array(256)
    }
  }

  /** Adds a hit; hits come in increasing subject position. */
  add(queryPos: number, subjectPos: number): void {
    // The run this hit would continue is the latest on its diagonal; the hits of a k-mer the
    // query repeats may come in between. A stale or colliding entry fails the check.
    const onDiagonal = (subjectPos - queryPos) & DIAGONAL_MASK
    const r = this.latestOnDiagonal[onDiagonal]!
    if (r < this.count) {
      const length = this.length[r]!
      if (
        this.subjectPos[r]! + length === subjectPos &&
        this.queryPos[r]! + length === queryPos &&
        length < MAX_RUN_SEEDS
      ) {
        this.length[r] = length + 1
        return
      }
    }
    this.latestOnDiagonal[onDiagonal] = this.count
    if (this.count === this.queryPos.length) {
      if (this.count >= MAX_RUNS_PER_STRAND) return
      this.queryPos = grow(this.queryPos)
      this.subjectPos = grow(this.subjectPos)
      this.length = grow(this.length)
    }
    this.queryPos[this.count] = queryPos
    this.subjectPos[this.count] = subjectPos
    this.length[this.count++] = 1
  }

  /** Adds the hits (queryPos + i, subjectPos + i) for i < hits, as that many calls of add would. */
  addStretch(queryPos: number, subjectPos: number, hits: number): void {
    this.add(queryPos, subjectPos)
    const onDiagonal = (subjectPos - queryPos) & DIAGONAL_MASK
    for (let done = 1; done < hits;) {
      // The run the last hit went into, unless the list was full and dropped it.
      const r = this.latestOnDiagonal[onDiagonal]!
      const room = r < this.count ? MAX_RUN_SEEDS - this.length[r]! : 0
      if (room > 0) {
        const taken = Math.min(room, hits - done)
        this.length[r] = this.length[r]! + taken
        done += taken
      } else {
        this.add(queryPos + done, subjectPos + done)
        done++
      }
    }
  }
}

function releaseLargeBuffers(): void {
  for (const list of runLists) list.reset()
  if (entryScores.length > KEEP_RUNS) {
    entryScores = new Int32Array(256)
    predRuns = new Int32Array(256)
    predSeeds = new Int32Array(256)
    bestEndsSoFar = new Int32Array(256)
    runDiagonals = new Int32Array(256)
    previousInBand = new Int32Array(256)
  }
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2)
  b.set(a)
  return b
}

const runLists = [new RunList(), new RunList()] as const
/** Per run: the best chain score at its first seed, and the run and seed the chain came from. */
let entryScores = new Int32Array(256)
let predRuns = new Int32Array(256)
let predSeeds = new Int32Array(256)
/**
 * Whether the chaining lookback skips what cannot link: it walks only the runs near a run's
 * diagonal, and stops once no run further back can improve a link (see bestChain). Off only in
 * tests, which check that neither changes a chain.
 */
export const chainingCut = { enabled: true }
/** Per run, the best score of a chain ending in it or in any run before it. */
let bestEndsSoFar = new Int32Array(256)
/**
 * Per run, its diagonal: one load per lookback step rather than two (chaining's share of a whole
 * genome's ranking, 8.5% against 9.4% with the diagonal taken from each run's positions).
 */
let runDiagonals = new Int32Array(256)
/**
 * The runs so far by band of diagonals, MAX_LINK_DRIFT wide and folded modulo the table's size:
 * the latest run of each band, and per run the one before it in its band (-1: none). A run can
 * link only to runs within MAX_LINK_DRIFT of its diagonal, which lie in its band or the next on
 * either side, so the lookback walks those three lists instead of every run. A genome against a
 * relative has hundreds of chance runs, each far off most runs' diagonals, and their lookbacks
 * went the full CHAIN_LOOKBACK for nothing: chaining was a tenth of its ranking.
 */
const bandLatest = new Int32Array(1024).fill(-1)
let previousInBand = new Int32Array(256)
const BAND_SHIFT = Math.ceil(Math.log2(MAX_LINK_DRIFT))

/**
 * Seeds `subject[start, end)` with the query's k-mers and returns the best chain on each seeded
 * strand that has any hit and scores at least `closeRatio` times the best strand's, best
 * first. Strands not in `strands` are not seeded. With `blocks`, a whole subject is scanned
 * block by block (see subject-blocks.ts), which finds the same seeds.
 */
export function findSeedClusters(
  prepared: PreparedQuery,
  subject: Uint8Array,
  start: number,
  end: number,
  strands: readonly StrandIndex[],
  closeRatio = 0,
  blocks?: SubjectBlocks,
): SeedCluster[] {
  if (strands.length === 0) return []
  const { idEntries, entries, placeIds, idPlaces } = prepared
  const perStrand = placeIds.length >> 1
  const wantForward = strands.includes(0)
  const wantReverse = strands.includes(1)
  const [forwardRuns, reverseRuns] = runLists
  forwardRuns.reset()
  reverseRuns.reset()
  const onStretch = (place: number, subjectPos: number, hits: number): void => {
    // A k-mer held once is that place alone (and a stretch is of such k-mers): no trip to the
    // table's occurrences.
    const id = placeIds[place]!
    const count = idPlaces[id]!
    if (count === 1) {
      if (place < perStrand) {
        if (wantForward) forwardRuns.addStretch(place, subjectPos, hits)
      } else if (wantReverse) reverseRuns.addStretch(place - perStrand, subjectPos, hits)
      return
    }
    if (count > MAX_SEED_OCCURRENCES) return
    const from = idEntries[id]!
    for (let e = from; e < from + count; e++) {
      const entry = entries[e]!
      if (entry & 1) {
        if (wantReverse) reverseRuns.add(entry >> 1, subjectPos)
      } else if (wantForward) forwardRuns.add(entry >> 1, subjectPos)
    }
  }
  if (blocks && start === 0 && end === subject.length)
    scanByBlocks(prepared, subject, blocks, onStretch)
  else scanSubject(prepared, subject, start, end, onStretch)

  // A chain scores at most k + length - 1 per run it takes, so a strand whose runs sum to less
  // than the ratio of the best chain found cannot be close to it and is not chained at all: a
  // genome query's other strand is hundreds of chance hits. The strand with the larger sum is
  // chained first. Written out for the two strands there are: this runs once per candidate,
  // and arrays sorted and filtered here were a tenth of what a read allocates.
  const k = prepared.seedK
  const both = strands.length > 1
  const bound0 = runsBound(runLists[strands[0]!], k)
  const bound1 = both ? runsBound(runLists[strands[1]!], k) : 0
  const swap = both && bound1 > bound0
  const first = strands[swap ? 1 : 0]!
  const firstBound = swap ? bound1 : bound0
  const secondBound = swap ? bound0 : bound1
  const firstCluster = firstBound === 0 ? null : bestChain(runLists[first], first, k)
  const best = firstCluster?.score ?? 0
  let secondCluster: SeedCluster | null = null
  if (both && secondBound > 0 && secondBound >= closeRatio * best) {
    const second = strands[swap ? 0 : 1]!
    secondCluster = bestChain(runLists[second], second, k)
  }
  releaseLargeBuffers()
  if (!secondCluster) return firstCluster ? [firstCluster] : []
  if (!firstCluster) return [secondCluster]
  // The first strand's chain may still score below the second's: its sum did not rule it out.
  if (secondCluster.score > best) {
    return firstCluster.score >= closeRatio * secondCluster.score
      ? [secondCluster, firstCluster]
      : [secondCluster]
  }
  return secondCluster.score >= closeRatio * best ? [firstCluster, secondCluster] : [firstCluster]
}

/** What a chain over these runs can score at most: k + length - 1 a run. */
function runsBound({ count, length }: RunList, k: number): number {
  let bound = 0
  for (let r = 0; r < count; r++) bound += k + length[r]! - 1
  return bound
}

/**
 * Sparse chaining DP (in the spirit of minimap2's, much simplified) over seed hits sorted by
 * subject position. A link gains the new query bases the later seed covers (at most k) and pays
 * about what the indel between the seeds would cost, so a chain bridges an indel when the seeds
 * on both sides outweigh it, and a stray seed on another diagonal only joins a chain it
 * improves.
 *
 * It runs over runs rather than seeds, and finds the chains it would find over seeds but for
 * the reach of its lookback, which counts runs, and seeds of a k-mer the query repeats that fall
 * between a run's seeds (those are not weighed as predecessors of the run's next seed). Within a run each seed continues the one
 * before it (a gain of 1, no penalty), which is the best a seed can do, so a chain enters a run
 * at its first seed; leaving one, the latest seed before the next run's start on both axes is
 * the best to leave from (an earlier seed scores 1 less and gains at most 1 more).
 */
function bestChain(runs: RunList, strand: StrandIndex, k: number): SeedCluster | null {
  const n = runs.count
  if (n === 0) return null
  if (entryScores.length < n) {
    entryScores = new Int32Array(runs.queryPos.length)
    predRuns = new Int32Array(runs.queryPos.length)
    predSeeds = new Int32Array(runs.queryPos.length)
    bestEndsSoFar = new Int32Array(runs.queryPos.length)
    runDiagonals = new Int32Array(runs.queryPos.length)
    previousInBand = new Int32Array(runs.queryPos.length)
  }
  const { queryPos: q, subjectPos: s, length } = runs
  const cut = chainingCut.enabled
  const bandMask = bandLatest.length - 1
  let bestEnd = 0
  let bestScore = -Infinity
  for (let r = 0; r < n; r++) {
    const qr = q[r]!
    const sr = s[r]!
    const diagonal = sr - qr
    runDiagonals[r] = diagonal
    let score = k
    let pred = -1
    let predSeed = 0
    const band = (diagonal >> BAND_SHIFT) & bandMask
    // The latest runs not yet looked at in the band below, this band and the band above.
    let below = bandLatest[(band - 1) & bandMask]!
    let same = bandLatest[band]!
    let above = bandLatest[(band + 1) & bandMask]!
    // Runs start in subject order, so once one starts out of reach, every run before it does.
    const reach = sr - MAX_LINK_GAP - MAX_RUN_SEEDS
    let linkable = 0
    for (let j = r - 1; j >= 0; j--) {
      if (cut) {
        // The runs between are too far off this diagonal to link (drift > MAX_LINK_DRIFT).
        j = Math.max(below, same, above)
        if (j < 0) break
        if (j === below) below = previousInBand[j]!
        else if (j === same) same = previousInBand[j]!
        else above = previousInBand[j]!
      }
      if (s[j]! < reach) break
      // A link from run j gains at most k on a chain ending in j, and no run before j ends a
      // better chain than bestEndsSoFar[j]: once that cannot pass the score, none further back
      // can. A run on the chain mostly stops at the chain's run before it (a gene query's
      // chaining went from 3% of its ranking to 1.3%). Runs skipped as too far off change
      // nothing here: bestEndsSoFar only falls going back, so a stop at one is a stop at the
      // next near one.
      if (bestEndsSoFar[j]! + k <= score && cut) break
      // The link's drift is the runs' diagonals apart. Tested first: most runs of a genome
      // against a relative are chance hits, far off every other run's diagonal.
      const drift = Math.abs(diagonal - runDiagonals[j]!)
      if (drift > MAX_LINK_DRIFT) continue
      if (++linkable > CHAIN_LOOKBACK) break
      // The latest seed t of run j before run r's first on both axes.
      const t = Math.min(length[j]! - 1, qr - q[j]! - 1, sr - s[j]! - 1)
      if (t < 0) continue
      const ds = sr - s[j]! - t
      if (ds > MAX_LINK_GAP) continue
      const dq = qr - q[j]! - t
      const gain = dq < ds ? (dq < k ? dq : k) : ds < k ? ds : k
      // About what the indel costs the alignment, in the chain's units of matching bases.
      const penalty = drift === 0 ? 0 : 2 + drift
      const candidate = entryScores[j]! + t + gain - penalty
      if (candidate > score) {
        score = candidate
        pred = j
        predSeed = t
      }
      // An overlapping seed on the same diagonal continues an exact match; anything further
      // back could only have been chained through it, so stop looking (minimap2 cuts its
      // search short in the same spirit).
      if (drift === 0 && dq <= k) break
    }
    entryScores[r] = score
    predRuns[r] = pred
    predSeeds[r] = predSeed
    previousInBand[r] = bandLatest[band]!
    bandLatest[band] = r
    const endScore = score + length[r]! - 1
    if (endScore > bestScore) {
      bestScore = endScore
      bestEnd = r
    }
    bestEndsSoFar[r] = bestScore
  }
  for (let r = 0; r < n; r++) bandLatest[(runDiagonals[r]! >> BAND_SHIFT) & bandMask] = -1

  // Walk back from the best run's last seed; each run is taken from its first seed to `last`.
  let minDiag = Infinity
  let maxDiag = -Infinity
  let anchors = 0
  let entries = 0
  let chainRuns = 0
  for (
    let r = bestEnd, last = length[bestEnd]! - 1;
    r >= 0;
    last = predSeeds[r]!, r = predRuns[r]!
  ) {
    anchors += last + 1
    entries += last > 0 ? 2 : 1
    chainRuns++
  }
  const anchorQuery = slabInt32(entries)
  const anchorDiag = slabInt32(entries)
  const anchorRun = slabInt32(entries)
  // Predecessors run backwards along the query, so the arrays are filled from the end.
  let a = entries - 1
  for (
    let r = bestEnd, last = length[bestEnd]! - 1;
    r >= 0;
    last = predSeeds[r]!, r = predRuns[r]!
  ) {
    const diag = s[r]! - q[r]!
    if (diag < minDiag) minDiag = diag
    if (diag > maxDiag) maxDiag = diag
    chainRuns--
    if (last > 0) {
      anchorQuery[a] = q[r]! + last
      anchorRun[a] = chainRuns
      anchorDiag[a--] = diag
    }
    anchorQuery[a] = q[r]!
    anchorRun[a] = chainRuns
    anchorDiag[a--] = diag
  }
  return {
    strand,
    score: bestScore,
    minDiag,
    maxDiag,
    anchors,
    anchorQuery,
    anchorDiag,
    anchorRun,
  }
}
