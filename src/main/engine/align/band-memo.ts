import type { LocalPath } from './banded-sw.js'
import type { LaneTask } from './lanes/lanes.js'

/**
 * Paths already found, by everything that decides a band's path: its scoring and strand, its
 * window's bytes, its diagonals and its rows. An exhaustive ranking aligns records that are
 * byte for byte the same where the query lands: a 3 kb fragment of a SARS-CoV-2 genome falls
 * in a region most of the demo's 418 genomes hold unchanged, they tie, and their bounds cannot
 * tell them apart. Aligning one answers the rest: the path is in the window's coordinates, so
 * it is the same path wherever the window starts. Meant for one query: it keeps every path.
 */
export class BandMemo {
  /** The first task of each kind, by hash (several on a collision), with its group. */
  private readonly leaders = new Map<number, { group: string; task: LaneTask }[]>()
  private readonly paths = new Map<LaneTask, LocalPath | null>()

  /**
   * The first task seen like this one (of the same group: strand and scoring), or this one,
   * which becomes the first of its kind and is to be aligned and settled.
   */
  leader(group: string, task: LaneTask): LaneTask {
    const hash = taskHash(group, task)
    const kept = this.leaders.get(hash)
    const found = kept?.find((k) => k.group === group && sameTask(k.task, task))
    if (found) return found.task
    if (kept) kept.push({ group, task })
    else this.leaders.set(hash, [{ group, task }])
    return task
  }

  /** A leader's path, once aligned. */
  settle(task: LaneTask, path: LocalPath | null): void {
    this.paths.set(task, path)
  }

  pathOf(task: LaneTask): LocalPath | null | undefined {
    return this.paths.get(task)
  }
}

/** Rows apart that the hash samples; equality is checked on every row. */
const ROW_STRIDE = 61

/** FNV-1a over the window's bytes, four at a time, the band and a sample of its rows. */
function taskHash(group: string, task: LaneTask): number {
  let h = 0x811c9dc5
  const mix = (x: number): void => {
    h = Math.imul(h ^ x, 0x01000193)
  }
  for (let i = 0; i < group.length; i++) mix(group.charCodeAt(i))
  mix(task.m)
  mix(task.dLo)
  mix(task.dHi)
  const { subject, m } = task
  let j = 0
  for (; j + 4 <= m; j += 4) {
    mix(subject[j]! | (subject[j + 1]! << 8) | (subject[j + 2]! << 16) | (subject[j + 3]! << 24))
  }
  for (; j < m; j++) mix(subject[j]!)
  if (task.rows) {
    const { lo, hi } = task.rows
    for (let i = 0; i < lo.length; i += ROW_STRIDE) {
      mix(lo[i]!)
      mix(hi[i]!)
    }
  }
  return h >>> 0
}

function sameTask(a: LaneTask, b: LaneTask): boolean {
  if (a.m !== b.m || a.dLo !== b.dLo || a.dHi !== b.dHi) return false
  if (!sameBytes(a.subject, b.subject, a.m)) return false
  if (!a.rows || !b.rows) return !a.rows && !b.rows
  const n = a.rows.lo.length
  if (b.rows.lo.length !== n || b.rows.hi.length !== n) return false
  return sameBytes(a.rows.lo, b.rows.lo, 4 * n) && sameBytes(a.rows.hi, b.rows.hi, 4 * n)
}

/**
 * Whether the first `bytes` bytes of two arrays are equal, compared natively: a genome's
 * window and rows are 30 kb and 240 kB, and comparing them element by element in JavaScript
 * took 3.6% of its ranking.
 */
function sameBytes(a: ArrayBufferView, b: ArrayBufferView, bytes: number): boolean {
  return Buffer.from(a.buffer, a.byteOffset, bytes).equals(
    Buffer.from(b.buffer, b.byteOffset, bytes),
  )
}
