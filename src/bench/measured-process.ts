// A whole process as a user runs it (genocat search, blastn): its time, and its peak resident
// memory where GNU time can tell it. Both tools go through the same wrapper, so neither pays
// for it alone.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** GNU time, which reports a child's peak resident set (`%M`, in KB) into a file. */
const GNU_TIME = '/usr/bin/time'

export interface MeasuredRun {
  readonly seconds: number
  /** Peak resident memory in MiB, or null where GNU time is not installed. */
  readonly peakMb: number | null
  readonly stdout: string
}

export interface RunOptions {
  readonly input?: string
}

let gnuTime: boolean | undefined

/**
 * Whether peak memory can be measured here: GNU time runs and writes a number with `-f %M`
 * (BSD time, as on macOS, takes no `-f`; Debian's is in the `time` package).
 */
export function peakMemoryMeasurable(): boolean {
  if (gnuTime !== undefined) return gnuTime
  const dir = mkdtempSync(join(tmpdir(), 'genocat-time-'))
  try {
    const file = join(dir, 'peak')
    const probe = spawnSync(GNU_TIME, ['-f', '%M', '-o', file, process.execPath, '-e', ''])
    gnuTime = probe.status === 0 && peakKb(file) > 0
  } catch {
    gnuTime = false
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return gnuTime
}

/**
 * Runs `command` to completion, its stdout read through a pipe; a failing run throws, as
 * execFileSync does.
 */
export function runMeasured(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): MeasuredRun {
  const io = { encoding: 'utf8' as const, maxBuffer: 1 << 30, input: options.input }
  if (!peakMemoryMeasurable()) {
    const start = performance.now()
    const stdout = execFileSync(command, args, io)
    return { seconds: (performance.now() - start) / 1000, peakMb: null, stdout }
  }
  const dir = mkdtempSync(join(tmpdir(), 'genocat-time-'))
  try {
    const file = join(dir, 'peak')
    const start = performance.now()
    const stdout = execFileSync(GNU_TIME, ['-f', '%M', '-o', file, command, ...args], io)
    const seconds = (performance.now() - start) / 1000
    return { seconds, peakMb: peakKb(file) / 1024, stdout }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * The fastest of `runs` runs (a run can lose time to whatever else the machine does) and the
 * largest peak among them (memory does not improve by luck), with the last run's output.
 */
export function bestOf(runs: number, run: () => MeasuredRun): MeasuredRun {
  let seconds = Infinity
  let peakMb: number | null = null
  let stdout = ''
  for (let r = 0; r < runs; r++) {
    const done = run()
    seconds = Math.min(seconds, done.seconds)
    if (done.peakMb !== null) peakMb = Math.max(peakMb ?? 0, done.peakMb)
    stdout = done.stdout
  }
  return { seconds, peakMb, stdout }
}

/** What GNU time wrote: the peak in KB (a run that fails throws before it is read). */
function peakKb(file: string): number {
  return Number(readFileSync(file, 'utf8').trim())
}
