/**
 * Byte-level nucleotide tables shared by the seeder and the aligner.
 *
 * Codes 0..3 are A, C, G, T (U counts as T, either case). Every other byte gets a code that no
 * byte on the other side can have (4 in the query, 5 in the subject), so a plain `===` between a
 * query code and a subject code tells a match: N and IUPAC codes match nothing, themselves
 * included. A query's code 4 scores `queryAmbiguous` (0) against anything, a subject's code 5 a
 * mismatch (see AlignmentScoring).
 */

/** Query-side codes: ACGT/U → 0..3, anything else → 4. */
export const QUERY_CODE = new Uint8Array(256).fill(4)
/** Subject-side codes: ACGT/U → 0..3, anything else → 5. */
export const SUBJECT_CODE = new Uint8Array(256).fill(5)
/**
 * SUBJECT_CODE, except that bytes 0..3 stay 0..3: it encodes a subject window given as residues
 * and leaves one given as subject codes as it is, so the aligner takes either (see LaneTask).
 * Residues never hold those bytes: the catalog's sequences are letters.
 */
export const WINDOW_CODE = new Uint8Array(256).fill(5)
/** Complement of each byte, case kept: IUPAC codes to their complements, others to themselves. */
export const COMPLEMENT = new Uint8Array(256)

for (const [chars, code] of [
  ['Aa', 0],
  ['Cc', 1],
  ['Gg', 2],
  ['TtUu', 3],
] as const) {
  for (const ch of chars) {
    QUERY_CODE[ch.charCodeAt(0)] = code
    SUBJECT_CODE[ch.charCodeAt(0)] = code
    WINDOW_CODE[ch.charCodeAt(0)] = code
  }
}

for (let code = 0; code < 4; code++) WINDOW_CODE[code] = code

for (let b = 0; b < 256; b++) COMPLEMENT[b] = b
for (const pair of ['AT', 'UA', 'CG', 'GC', 'TA', 'RY', 'YR', 'KM', 'MK', 'BV', 'VB', 'DH', 'HD']) {
  const lower = pair.toLowerCase()
  COMPLEMENT[pair.charCodeAt(0)] = pair.charCodeAt(1)
  COMPLEMENT[lower.charCodeAt(0)] = lower.charCodeAt(1)
}

/** The reverse complement of a byte sequence, case preserved (U complements to A), into `out`. */
export function reverseComplement(
  seq: Uint8Array,
  out: Uint8Array = new Uint8Array(seq.length),
): Uint8Array {
  const n = seq.length
  for (let i = 0; i < n; i++) out[n - 1 - i] = COMPLEMENT[seq[i]!]!
  return out
}

/** Subject codes of the first `m` bytes of a window of residues or codes (see WINDOW_CODE). */
export function encodeWindow(window: Uint8Array, m: number): Uint8Array {
  const out = new Uint8Array(m)
  for (let j = 0; j < m; j++) out[j] = WINDOW_CODE[window[j]!]!
  return out
}

/** Query-side codes (0..3, 4 for anything not ACGTU) of a byte sequence, into `out`. */
export function encodeQuery(
  seq: Uint8Array,
  out: Uint8Array = new Uint8Array(seq.length),
): Uint8Array {
  for (let i = 0; i < seq.length; i++) out[i] = QUERY_CODE[seq[i]!]!
  return out
}
