/** Similarity search results, shared by the engine, the CLI and the UI. Imports nothing. */

export type Strand = '+' | '-'

/** One catalog record found for a query, with its best local alignment. */
export interface SearchHit extends SearchHitSummary {
  /** Aligned strings with '-' for gaps; for strand '-', the query is reverse-complemented. */
  readonly alignedQuery: string
  readonly alignedSubject: string
}

/** A hit without its aligned strings: what tabular output prints. */
export interface SearchHitSummary {
  /** 1-based, best first within its query. */
  readonly rank: number
  readonly id: string
  /** Local alignment score (match 2, mismatch -3, gap 5 + 2 per base, a query's N 0). */
  readonly score: number
  /** Matching columns / aligned columns (gaps included). */
  readonly identity: number
  /** Aligned query length / query length. */
  readonly coverage: number
  /** '-' when the query's reverse complement aligned. */
  readonly strand: Strand
  /** 0-based, end-exclusive, on the query as given (both strands). */
  readonly queryStart: number
  readonly queryEnd: number
  /** 0-based, end-exclusive, on the subject's forward strand. */
  readonly subjectStart: number
  readonly subjectEnd: number
  readonly subjectLength: number
  /** The record's fields (built-ins and metadata), as `genocat query` lists them. */
  readonly record: Readonly<Record<string, string | number | boolean | null>>
}

export interface QueryResult<Hit extends SearchHitSummary = SearchHit> {
  readonly query: string
  readonly queryLength: number
  readonly hits: readonly Hit[]
  /**
   * Set when an exhaustive search stopped short of its exact answer for this query: of the
   * `scored` records sharing a k-mer with it, the `aligned` with the best score bounds were
   * aligned, and others might still have reached the top. Only a long query against many
   * records alike (a genome against hundreds of related genomes) costs that much.
   */
  readonly prescreened?: { readonly scored: number; readonly aligned: number }
}

/** How the candidates were found, so users and benchmarks can see exact from approximate. */
export interface SearchPlan {
  /**
   * 'exhaustive': few enough eligible records that every one is aligned, as BLAST would
   * (unless the query is very long: see {@link QueryResult.prescreened}).
   * 'seeds': records sharing minimizers with the query (an in-memory seed index), aligned.
   * The others are LanceDB vector searches of the query's embedding.
   */
  readonly records: 'exhaustive' | 'seeds' | 'flat' | 'ivf-pq' | 'filtered-exact'
  readonly windows: 'flat' | 'ivf-pq' | 'filtered-exact' | 'none'
  /** Eligible records and residues when every one is aligned. */
  readonly exhaustive?: { readonly records: number; readonly residues: number }
  /** Records matching the filter (the whole catalog when there is none). */
  readonly eligible: number
}
