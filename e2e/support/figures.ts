import { appendFileSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const SCREENSHOTS = resolve(import.meta.dirname, '..', 'screenshots')

/** Figures the closing note reports (startup, drop to progress), printed and kept as JSON lines. */
export function recordFigure(name: string, milliseconds: number): void {
  mkdirSync(SCREENSHOTS, { recursive: true })
  console.log(`figure: ${name} = ${milliseconds.toFixed(0)} ms`)
  appendFileSync(
    join(SCREENSHOTS, 'figures.jsonl'),
    JSON.stringify({ name, milliseconds: Math.round(milliseconds), at: new Date().toISOString() }) +
      '\n',
  )
}

export function screenshotPath(name: string): string {
  return join(SCREENSHOTS, name)
}
