import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { Page } from '@playwright/test'

/**
 * Drops files onto the window as the desktop would: a DataTransfer holding the files,
 * dispatched as dragenter, dragover and drop. Returns the time of the drop (ms, page clock).
 */
export async function dropFiles(page: Page, paths: readonly string[]): Promise<number> {
  const files = paths.map((p) => ({
    name: basename(p),
    base64: readFileSync(p).toString('base64'),
  }))
  return page.evaluate((list) => {
    const transfer = new DataTransfer()
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))
      transfer.items.add(new File([bytes], f.name))
    }
    const target = document.querySelector('main') ?? document.body
    for (const type of ['dragenter', 'dragover', 'drop'])
      target.dispatchEvent(
        new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }),
      )
    return performance.now()
  }, files)
}
