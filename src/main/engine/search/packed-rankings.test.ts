import { describe, expect, it } from 'vitest'
import { alignQuery } from '../align/align.js'
import { reverseComplement } from '../align/nucleotides.js'
import type { Alignment, AlignmentSummary } from '../align/types.js'
import { packClaims, unpackClaims } from './packed-rankings.js'
import type { Ranking } from './rank.js'
import type { ClaimedRankings } from './search-worker.js'

const encode = (text: string): Uint8Array => new TextEncoder().encode(text)

/** A real alignment's summary: every field the aligner writes, on the strand asked for. */
function summaryOf(query: string, subject: string, reverse: boolean): AlignmentSummary {
  const bytes = encode(query)
  const asked = reverse ? reverseComplement(bytes, new Uint8Array(bytes.length)) : bytes
  const alignment = alignQuery(asked, encode(subject))
  if (!alignment) throw new Error('no alignment')
  const summary: { -readonly [F in keyof Alignment]?: Alignment[F] } = { ...alignment }
  delete summary.alignedQuery
  delete summary.alignedSubject
  return summary as AlignmentSummary
}

const SUBJECT = 'TTGACCATGGCGTACGTTAGCATCGGATCCAGTTACGCATTGACGGTACCAGTTGCAATCGGCTAAGTCCA'
// One substitution and one deleted base against the subject: identity below 1.
const QUERY = 'ATGGCGTACGTTAGCATCGAATCCAGTTACGCATGACGGTACCAG'

describe('packed rankings', () => {
  it('come back as the objects a search thread made, strands, counts and flags alike', () => {
    const forward = summaryOf(QUERY, SUBJECT, false)
    const reverse = summaryOf(QUERY, SUBJECT, true)
    expect(forward.strand).toBe('+')
    expect(reverse.strand).toBe('-')
    expect(forward.identity).toBeLessThan(1)
    const rankings: Ranking[] = [
      {
        top: [
          { rid: 7n, alignment: forward, length: SUBJECT.length },
          { rid: 2n ** 40n, alignment: reverse, length: 30_000 },
        ],
        scored: 120,
        aligned: 15,
        overBudget: false,
      },
      { top: [], scored: 0, aligned: 0, overBudget: false },
      {
        top: [{ rid: 0n, alignment: reverse, length: 1 }],
        scored: 3,
        aligned: 2,
        overBudget: true,
      },
    ]
    const claims: ClaimedRankings = { claimed: [4, 0, 9], rankings }
    const packed = packClaims(claims)
    expect(packed).not.toBeNull()
    // What a thread posts is cloned: the numbers must survive that, not only live objects.
    const back = unpackClaims(structuredClone(packed!))
    expect(back).toEqual(claims)
    expect(Object.keys(back.rankings[0]!.top[0]!.alignment)).toEqual(Object.keys(forward))
  })

  it('are not packed when a hit carries its aligned strings or an rid past 2^53', () => {
    const alignment = alignQuery(encode(QUERY), encode(SUBJECT))!
    const withText: ClaimedRankings = {
      claimed: [0],
      rankings: [
        { top: [{ rid: 1n, alignment, length: 70 }], scored: 1, aligned: 1, overBudget: false },
      ],
    }
    expect(packClaims(withText)).toBeNull()
    const summary = summaryOf(QUERY, SUBJECT, false)
    const huge: ClaimedRankings = {
      claimed: [0],
      rankings: [
        {
          top: [{ rid: 2n ** 60n, alignment: summary, length: 70 }],
          scored: 1,
          aligned: 1,
          overBudget: false,
        },
      ],
    }
    expect(packClaims(huge)).toBeNull()
  })
})
