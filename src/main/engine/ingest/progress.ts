import type { IngestEvent } from '../../../shared/catalog-types.js'

/** Turns counters into progress events (records, bytes, rate, ETA), at most every 100 ms. */
export class ProgressMeter {
  private readonly started = performance.now()
  private last = 0

  constructor(
    private readonly path: string,
    private readonly totalBytes: number,
    private readonly emit: (event: IngestEvent) => void,
  ) {}

  update(records: number, bytesRead: number, force = false): void {
    const now = performance.now()
    if (!force && now - this.last < 100) return
    this.last = now
    const seconds = (now - this.started) / 1000
    const byteRate = seconds > 0 ? bytesRead / seconds : 0
    const remaining = Math.max(0, this.totalBytes - bytesRead)
    this.emit({
      type: 'progress',
      path: this.path,
      records,
      bytesRead,
      totalBytes: this.totalBytes,
      rate: seconds > 0 ? records / seconds : 0,
      etaSeconds: byteRate > 0 && bytesRead > 0 ? remaining / byteRate : null,
    })
  }

  finish(records: number): void {
    this.update(records, this.totalBytes, true)
  }
}
