import { formatCount } from '../lib/format'

/** "1 sequence", "1,204 sequences": how every chart names its counts. */
export function countText(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'sequence' : 'sequences'}`
}
