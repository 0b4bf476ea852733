import type { QualityEncoding } from '../../../shared/catalog-types.js'

/**
 * Character to Phred score, per encoding (Cock et al. 2010, NAR 38:1767, table 1):
 * Sanger '!'..'~' is Phred 0..93; Illumina 1.3+ '@'..'~' is Phred 0..62; Solexa ';'..'~' is a
 * Solexa score -5..62, converted with Q_phred = 10 log10(10^(Q_solexa/10) + 1).
 * -1 marks characters outside the encoding.
 */
export function qualityTable(encoding: QualityEncoding): Int16Array {
  const table = new Int16Array(256).fill(-1)
  for (let c = 0; c < 256; c++) {
    if (encoding === 'sanger' && c >= 33 && c <= 126) table[c] = c - 33
    else if (encoding === 'illumina' && c >= 64 && c <= 126) table[c] = c - 64
    else if (encoding === 'solexa' && c >= 59 && c <= 126) {
      const solexa = c - 64
      table[c] = Math.round(10 * Math.log10(10 ** (solexa / 10) + 1))
    }
  }
  return table
}

export const QUALITY_RANGES: Record<QualityEncoding, string> = {
  sanger: "'!' to '~' (Phred+33)",
  illumina: "'@' to '~' (Phred+64, Illumina 1.3+)",
  solexa: "';' to '~' (Solexa+64)",
}
