import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { createGzip } from 'node:zlib'
import type { Writable } from 'node:stream'
import { seededRandom } from '../main/engine/testing/random-dna.js'

export interface ReadSetOptions {
  readonly reads: number
  readonly length: number
  readonly gzip: boolean
  readonly format?: 'fastq' | 'fasta'
  readonly seed?: number
  readonly prefix?: string
}

// The benchmark's generator is the tests' one: the same seed gives the same data.
export const xorshift = seededRandom

/** Writes random reads (Illumina-like qualities) as FASTQ or FASTA, optionally gzipped. */
export async function writeReadSet(path: string, options: ReadSetOptions): Promise<void> {
  const random = xorshift(options.seed ?? 42)
  const file = createWriteStream(path)
  const gzip = options.gzip ? createGzip({ level: 6 }) : null
  const out: Writable = gzip ?? file
  if (gzip) gzip.pipe(file)
  const prefix = options.prefix ?? 'read'
  const bases = 'ACGT'
  for (let start = 0; start < options.reads; start += 10_000) {
    const lines: string[] = []
    for (let i = start; i < Math.min(options.reads, start + 10_000); i++) {
      let seq = ''
      let qual = ''
      for (let j = 0; j < options.length; j++) {
        seq += bases[(random() * 4) | 0]
        qual += String.fromCharCode(33 + 20 + ((random() * 21) | 0))
      }
      if (options.format === 'fasta') lines.push(`>${prefix}${i}\n${seq}\n`)
      else lines.push(`@${prefix}${i}\n${seq}\n+\n${qual}\n`)
    }
    if (!out.write(lines.join(''))) await once(out, 'drain')
  }
  out.end()
  await once(file, 'close')
}
