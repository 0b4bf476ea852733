/**
 * Tests reach handlers through the contract, as the adapters do: a typed `invoke` over a
 * real host with a temp settings folder, and the events it pushed.
 */
import type { ApiEvent, ApiInput, ApiMethod, ApiOutput, ApiResult } from '../../shared/api.js'
import type { ErrorData } from '../../shared/errors.js'
import { createApiHost, type ApiHost } from './host.js'
import { findDemoSource } from './demo.js'

export interface CapturedHost {
  readonly host: ApiHost
  readonly events: ApiEvent[]
  /** The output, or throws with the error data's message. */
  invoke<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>
  /** The error data of a call that must fail (throws if it succeeded). */
  failure(method: string, input: unknown): Promise<ErrorData>
  /** Resolves with the first event (already pushed or to come) that matches. */
  waitFor<E extends ApiEvent>(
    match: (event: ApiEvent) => event is E,
    timeoutMs?: number,
  ): Promise<E>
}

export function captureHost(settingsDir: string): CapturedHost {
  const host = createApiHost({
    app: { name: 'Genocat', version: 'test', shell: 'serve', nativeFiles: false },
    settingsDir,
    demoSource: findDemoSource(import.meta.url),
  })
  const events: ApiEvent[] = []
  const waiters = new Set<(event: ApiEvent) => void>()
  host.onEvent((event) => {
    events.push(event)
    for (const waiter of waiters) waiter(event)
  })
  return {
    host,
    events,
    async invoke(method, input) {
      const result = (await host.call(method, input)) as ApiResult<ApiOutput<typeof method>>
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
      return result.value
    },
    async failure(method, input) {
      const result = await host.call(method, input)
      if (result.ok) throw new Error(`${method} succeeded but was expected to fail`)
      return result.error
    },
    waitFor(match, timeoutMs = 60_000) {
      const seen = events.find(match)
      if (seen) return Promise.resolve(seen)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter)
          reject(new Error('timed out waiting for an event'))
        }, timeoutMs)
        const waiter = (event: ApiEvent) => {
          if (!match(event)) return
          clearTimeout(timer)
          waiters.delete(waiter)
          resolve(event)
        }
        waiters.add(waiter)
      })
    },
  }
}
