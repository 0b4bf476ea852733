import type { SubjectBlocks } from './subject-blocks.js'

/**
 * Integer scores for local alignment. A gap of length L costs `gapOpen + L * gapExtend`, so the
 * first gapped column costs `gapOpen + gapExtend` and each further one `gapExtend`.
 */
export interface AlignmentScoring {
  readonly match: number
  readonly mismatch: number
  readonly gapOpen: number
  readonly gapExtend: number
  /**
   * A query base that is N or another code than A, C, G, T/U, against anything: 0 when absent.
   * The query's missing data is no difference from any record: an amplicon that failed to
   * sequence (a run of hundreds of Ns in a SARS-CoV-2 genome) costs every record the matches
   * it hides and no more. A record's N still scores a mismatch: it ranks below a record that
   * holds the bases.
   */
  readonly queryAmbiguous?: number
}

/** '+' is the query as given; '-' means its reverse complement aligned to the subject. */
export type Strand = '+' | '-'

/** One local alignment, in the coordinates of the sequences as the caller passed them. */
export interface Alignment {
  /** Raw local alignment score under the scoring used. */
  readonly score: number
  readonly strand: Strand
  /** 0-based half-open range on the original query ('-' is mapped back from the complement). */
  readonly queryStart: number
  readonly queryEnd: number
  /** 0-based half-open range on the subject array (absolute, not relative to `subjectStart`). */
  readonly subjectStart: number
  readonly subjectEnd: number
  readonly matches: number
  readonly mismatches: number
  /** Number of gap runs (in either sequence). */
  readonly gapOpenings: number
  /** Aligned columns, gap columns included. */
  readonly columns: number
  /** matches / columns */
  readonly identity: number
  /** (queryEnd - queryStart) / query length */
  readonly coverage: number
  /** The aligned query (reverse-complemented for '-'), '-' for gaps, bytes as given otherwise. */
  readonly alignedQuery: string
  readonly alignedSubject: string
}

/** An alignment's score, counts and coordinates: all but its aligned strings. */
export type AlignmentSummary = Omit<Alignment, 'alignedQuery' | 'alignedSubject'>

/** Options for {@link alignQuery} and {@link alignPrepared}; every field is optional. */
export interface AlignOptions {
  /** Default {@link DEFAULT_SCORING}: match 2, mismatch -3, gap open 5, gap extend 2. */
  readonly scoring?: AlignmentScoring
  /** Subject range to search, clamped to the subject; default the whole subject. */
  readonly subjectStart?: number
  readonly subjectEnd?: number
  /** Default 'both'. */
  readonly strands?: 'both' | '+' | '-'
  /** Seed length, default 11. alignPrepared keeps its prepared query's and rejects others. */
  readonly seedK?: number
  /** Diagonals added on each side of the seed chain's diagonal range. Default 32. */
  readonly bandPadding?: number
  /**
   * Diagonals added on each side of the chain's end seeds on the rows up to its first seed's
   * and after its last seed's: a path that goes on past them meets indels no seed saw. Default
   * `bandPadding`.
   */
  readonly endPadding?: number
  /** Largest query × subject-range cell count for the unbanded fallback. Default 4,000,000. */
  readonly maxFullCells?: number
  /**
   * The subject's blocks when it is a record of a packed set (see subject-blocks.ts): a range
   * over the whole subject is then seeded block by block, each distinct block scanned once per
   * query. The same seeds as without.
   */
  readonly blocks?: SubjectBlocks
}
