import { describe, expect, it } from 'vitest'
import { mutateDna, randomDna, reverseComplementDna, seededRandom } from '../testing/random-dna.js'
import { draftPreparedMany, prepareQuery, type AlignRequest } from './align.js'
import { BandMemo } from './band-memo.js'
import type { LaneTask } from './lanes/lanes.js'

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s)

function task(codes: number[], dLo = -2, dHi = 3, rows?: [number[], number[]]): LaneTask {
  return {
    subject: Uint8Array.from(codes),
    m: codes.length,
    dLo,
    dHi,
    ...(rows ? { rows: { lo: Int32Array.from(rows[0]), hi: Int32Array.from(rows[1]) } } : {}),
  }
}

class CountingMemo extends BandMemo {
  settled = 0
  override settle(...args: Parameters<BandMemo['settle']>): void {
    this.settled++
    super.settle(...args)
  }
}

describe('BandMemo', () => {
  it('takes a band for one it holds only when every code, diagonal and row is the same', () => {
    const memo = new BandMemo()
    const first = task([0, 1, 2, 3, 0, 1, 2])
    expect(memo.leader('0 2 -3 5 2', first)).toBe(first)
    expect(memo.leader('0 2 -3 5 2', task([0, 1, 2, 3, 0, 1, 2]))).toBe(first)
    // Another strand or scoring, a code, a diagonal, the length, rows: each is another band.
    for (const [group, other] of [
      ['1 2 -3 5 2', task([0, 1, 2, 3, 0, 1, 2])],
      ['0 2 -3 5 2', task([0, 1, 2, 3, 0, 1, 3])],
      ['0 2 -3 5 2', task([0, 1, 2, 3, 0, 1, 2], -2, 4)],
      ['0 2 -3 5 2', task([0, 1, 2, 3, 0, 1])],
      [
        '0 2 -3 5 2',
        task([0, 1, 2, 3, 0, 1, 2], -2, 3, [
          [0, 0],
          [3, 3],
        ]),
      ],
    ] as const) {
      expect(memo.leader(group, other)).toBe(other)
    }
    const withRows = task([2, 2, 2], -1, 1, [
      [0, 0],
      [1, 2],
    ])
    expect(memo.leader('g', withRows)).toBe(withRows)
    expect(
      memo.leader(
        'g',
        task([2, 2, 2], -1, 1, [
          [0, 0],
          [1, 2],
        ]),
      ),
    ).toBe(withRows)
    expect(
      memo.leader(
        'g',
        task([2, 2, 2], -1, 1, [
          [0, 1],
          [1, 2],
        ]),
      ),
    ).not.toBe(withRows)
    memo.settle(first, null)
    expect(memo.pathOf(first)).toBeNull()
    expect(memo.pathOf(withRows)).toBeUndefined()
  })

  it('tells apart rows the hash does not sample, and takes windows from anywhere in an array', () => {
    const memo = new BandMemo()
    const rows = (change?: 'lo' | 'hi'): { lo: Int32Array; hi: Int32Array } => {
      const lo = new Int32Array(100).fill(-1)
      const hi = new Int32Array(100).fill(2)
      // Row 30 is not one the hash samples (every 61st): only the full comparison sees it.
      if (change === 'lo') lo[30] = 0
      if (change === 'hi') hi[30] = 1
      return { lo, hi }
    }
    // One window at two places of two arrays: views at different offsets, the same bases.
    const bases = bytes('TTACGTACGGA')
    const at = (array: Uint8Array, from: number): Uint8Array => array.subarray(from, from + 8)
    const window = (subject: Uint8Array, r: LaneTask['rows']): LaneTask => ({
      subject,
      m: 8,
      dLo: -1,
      dHi: 2,
      rows: r,
    })
    const first = window(at(bases, 2), rows())
    expect(memo.leader('g', first)).toBe(first)
    expect(memo.leader('g', window(at(bytes('ACGTACGGACC'), 0), rows()))).toBe(first)
    for (const change of ['lo', 'hi'] as const) {
      const other = window(at(bases, 2), rows(change))
      expect(memo.leader('g', other)).toBe(other)
    }
  })

  it('gives copies of a region, wherever they lie, the alignment aligning each would', () => {
    const random = seededRandom(31)
    const region = randomDna(2500, random)
    const query = reverseComplementDna(mutateDna(region.slice(600, 1900), 0.02, random))
    // The region at several offsets (flanked by Ns, which seed nothing, or by the same bases),
    // once changed inside, and an unrelated subject.
    const flank = randomDna(300, random)
    const subjects = [
      flank + region + randomDna(200, random),
      'N'.repeat(4000) + region,
      region + 'N'.repeat(900),
      flank + region + randomDna(200, random),
      randomDna(50, random) + mutateDna(region, 0.01, random),
      randomDna(3000, random),
    ]
    const prepared = prepareQuery(bytes(query))
    const requests: AlignRequest[] = subjects.map((s) => ({ subject: bytes(s) }))
    const plain = draftPreparedMany(prepared, requests)
    const memo = new CountingMemo()
    // Over two calls, as a ranking's rounds are: the second takes the first's paths.
    const memoized = [
      ...draftPreparedMany(prepared, requests.slice(0, 3), memo),
      ...draftPreparedMany(prepared, requests.slice(3), memo),
    ]
    expect(memoized.map((d) => d?.summary ?? null)).toEqual(plain.map((d) => d?.summary ?? null))
    expect(memoized.map((d) => d?.complete() ?? null)).toEqual(
      plain.map((d) => d?.complete() ?? null),
    )
    // The copies added no alignment to those of the first, the changed and the unrelated one.
    const distinct = new CountingMemo()
    draftPreparedMany(
      prepared,
      [0, 4, 5].map((s) => requests[s]!),
      distinct,
    )
    expect(memo.settled).toBe(distinct.settled)
    expect(distinct.settled).toBeGreaterThanOrEqual(2)
    expect(plain[0]!.summary.score).toBeGreaterThan(2000)
    expect(plain[1]!.summary.subjectStart).toBe(plain[0]!.summary.subjectStart + 3700)
    expect(plain[2]!.summary.subjectStart).toBe(plain[0]!.summary.subjectStart - 300)
  })
})
