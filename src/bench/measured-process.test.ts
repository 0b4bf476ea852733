import { describe, expect, it } from 'vitest'
import { bestOf, peakMemoryMeasurable, runMeasured } from './measured-process.js'

// A child that holds `mb` MiB of touched memory for a moment, then prints it.
const holding = (mb: number): string[] => [
  '-e',
  `const b = Buffer.alloc(${mb} * 2 ** 20, 1); setTimeout(() => console.log(b[0] + b.length), 50)`,
]

describe('runMeasured', () => {
  it('times a process, passes its stdin and returns its stdout', () => {
    const run = runMeasured(process.execPath, ['-e', 'process.stdin.pipe(process.stdout)'], {
      input: 'ACGT\n',
    })
    expect(run.stdout).toBe('ACGT\n')
    expect(run.seconds).toBeGreaterThan(0)
  })

  it('reports the peak resident memory where GNU time is installed, and null elsewhere', () => {
    const small = runMeasured(process.execPath, holding(1))
    const large = runMeasured(process.execPath, holding(300))
    expect(large.stdout.trim()).toBe(String(1 + 300 * 2 ** 20))
    if (!peakMemoryMeasurable()) {
      console.warn('peak memory not measured here: /usr/bin/time is not GNU time')
      expect([small.peakMb, large.peakMb]).toEqual([null, null])
      return
    }
    // Node itself takes some tens of MiB; the buffer's 300 come on top.
    expect(small.peakMb!).toBeGreaterThan(10)
    expect(large.peakMb!).toBeGreaterThan(300)
    expect(large.peakMb! - small.peakMb!).toBeGreaterThan(250)
  })

  it('throws when the process fails, as execFileSync does', () => {
    expect(() => runMeasured(process.execPath, ['-e', 'process.exit(3)'])).toThrow()
  })
})

describe('bestOf', () => {
  it('keeps the fastest time, the largest peak and the last output', () => {
    const runs = [
      { seconds: 2, peakMb: 50, stdout: 'a' },
      { seconds: 1, peakMb: 40, stdout: 'b' },
      { seconds: 3, peakMb: null, stdout: 'c' },
    ]
    let at = 0
    expect(bestOf(3, () => runs[at++]!)).toEqual({ seconds: 1, peakMb: 50, stdout: 'c' })
  })

  it('gives null peak memory when no run measured it', () => {
    expect(bestOf(2, () => ({ seconds: 1, peakMb: null, stdout: '' })).peakMb).toBeNull()
  })
})
