import { randomBytes } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ApiEvent, ApiResult } from '../shared/api.js'
import type { ApiHost } from '../main/api/host.js'
import { startServer, type RunningServer, type ServerOptions } from './start-server.js'

/** A host whose calls echo their method and input, `test:throw` throws, and events are pushed by hand. */
function echoHost() {
  const listeners = new Set<(event: ApiEvent) => void>()
  const host: ApiHost = {
    call(method: string, input: unknown): Promise<ApiResult<unknown>> {
      if (method === 'test:throw') return Promise.reject(new Error('the host broke'))
      if (method === 'test:fail') {
        return Promise.resolve({
          ok: false,
          error: { code: 'INVALID_ARGUMENT', message: 'bad input', details: { field: 'x' } },
        })
      }
      return Promise.resolve({ ok: true, value: { method, input } })
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: () => Promise.resolve(),
  }
  const push = (event: ApiEvent): void => listeners.forEach((listener) => listener(event))
  return { host, push, listeners }
}

interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A request exactly as written: fetch would normalise the path and fix the Host header. */
function raw(
  port: number,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
      },
    )
    req.on('error', reject)
    req.end(init.body)
  })
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (condition()) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`timed out waiting for ${what}`)
}

let root: string
let rendererDir: string
let uploadDir: string
let events: ReturnType<typeof echoHost>
let server: RunningServer
const extraServers: RunningServer[] = []

async function start(options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  const started = await startServer({ host: events.host, rendererDir, ...options })
  extraServers.push(started)
  return started
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'genocat-server-test-'))
  rendererDir = join(root, 'renderer')
  uploadDir = join(root, 'uploads')
  mkdirSync(join(rendererDir, 'assets'), { recursive: true })
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Genocat</title>')
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app")')
  writeFileSync(join(rendererDir, 'assets', 'logo.svg'), '<svg/>')
  // Beside the renderer, where a traversal would reach.
  writeFileSync(join(root, 'package.json'), '{"secret":"outside the renderer"}')
  events = echoHost()
  server = await start({ uploadDir })
})

afterEach(async () => {
  await Promise.all(extraServers.splice(0).map((s) => s.close()))
  rmSync(root, { recursive: true, force: true })
})

function bearer(token = server.token): Record<string, string> {
  return { Authorization: `Bearer ${token}` }
}

describe('serve mode: the API', () => {
  it('refuses a call without a token with 401 and error data', async () => {
    const res = await fetch(`${server.origin}/api/call/app:info`, { method: 'POST' })
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
  })

  it('refuses a call with a wrong token with 401', async () => {
    const res = await fetch(`${server.origin}/api/call/app:info`, {
      method: 'POST',
      headers: bearer('not-the-token'),
    })
    expect(res.status).toBe(401)
    const query = await fetch(`${server.origin}/api/call/app:info?token=wrong`, { method: 'POST' })
    expect(query.status).toBe(401)
  })

  it('answers a call with the bearer token with the host result, input passed through', async () => {
    const res = await fetch(`${server.origin}/api/call/records:get`, {
      method: 'POST',
      headers: { ...bearer(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'seq1' }),
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await res.json()).toEqual({
      ok: true,
      value: { method: 'records:get', input: { id: 'seq1' } },
    })
  })

  it('accepts the token in the query, decodes the method name and reads an empty body as {}', async () => {
    const res = await fetch(`${server.origin}/api/call/app%3Ainfo?token=${server.token}`, {
      method: 'POST',
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true, value: { method: 'app:info', input: {} } })
  })

  it('passes failed results through as 200 data, and turns a throwing host into INTERNAL data', async () => {
    const failed = await fetch(`${server.origin}/api/call/test:fail`, {
      method: 'POST',
      headers: bearer(),
    })
    expect(failed.status).toBe(200)
    expect(await failed.json()).toEqual({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: 'bad input', details: { field: 'x' } },
    })
    const thrown = await fetch(`${server.origin}/api/call/test:throw`, {
      method: 'POST',
      headers: bearer(),
    })
    const body = await thrown.text()
    expect(JSON.parse(body)).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'the host broke' },
    })
    expect(body).not.toMatch(/\bat .*\.ts:\d+/)
  })

  it('answers malformed JSON with 400 INVALID_ARGUMENT', async () => {
    const res = await fetch(`${server.origin}/api/call/records:get`, {
      method: 'POST',
      headers: bearer(),
      body: '{"id": ',
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })

  it('answers a JSON body over 1 MB with 413', async () => {
    const res = await fetch(`${server.origin}/api/call/records:get`, {
      method: 'POST',
      headers: bearer(),
      body: JSON.stringify({ id: 'x'.repeat(1024 * 1024 + 10) }),
    })
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })

  it('refuses a foreign Host header with 403, even with the right token (DNS rebinding)', async () => {
    const res = await raw(server.port, '/api/call/app:info', {
      method: 'POST',
      headers: { ...bearer(), Host: `evil.example:${server.port}` },
    })
    expect(res.status).toBe(403)
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('accepts the localhost name for the same port', async () => {
    const res = await raw(server.port, '/api/call/app:info', {
      method: 'POST',
      headers: { ...bearer(), Host: `localhost:${server.port}` },
    })
    expect(res.status).toBe(200)
  })

  it('refuses a request from another web page (foreign Origin) with 403', async () => {
    const foreign = await raw(server.port, '/api/call/app:info', {
      method: 'POST',
      headers: { ...bearer(), Origin: 'http://evil.example' },
    })
    expect(foreign.status).toBe(403)
    const own = await raw(server.port, '/api/call/app:info', {
      method: 'POST',
      headers: { ...bearer(), Origin: server.origin },
    })
    expect(own.status).toBe(200)
  })

  it('answers unknown API routes with 404 data and wrong verbs with 405', async () => {
    const unknown = await fetch(`${server.origin}/api/nothing`, { headers: bearer() })
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const get = await fetch(`${server.origin}/api/call/app:info`, { headers: bearer() })
    expect(get.status).toBe(405)
  })
})

describe('serve mode: events', () => {
  it('streams a pushed event as an SSE data message and unsubscribes when the client leaves', async () => {
    const controller = new AbortController()
    const res = await fetch(`${server.origin}/api/events?token=${server.token}`, {
      signal: controller.signal,
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    let text = ''
    while (!text.includes(': connected')) text += decoder.decode((await reader.read()).value)
    expect(events.listeners.size).toBe(1)

    const event: ApiEvent = { type: 'catalog-changed', catalog: null }
    events.push(event)
    while (!text.includes('\n\ndata: ') || !text.endsWith('\n\n')) {
      text += decoder.decode((await reader.read()).value)
    }
    const data = text.split('\n').find((line) => line.startsWith('data: '))!
    expect(JSON.parse(data.slice('data: '.length))).toEqual(event)

    controller.abort()
    await waitFor(() => events.listeners.size === 0, 'the stream to unsubscribe')
  })

  it('refuses the event stream without a token', async () => {
    const res = await fetch(`${server.origin}/api/events`)
    expect(res.status).toBe(401)
  })

  it('ends open event streams when the server closes', async () => {
    const res = await fetch(`${server.origin}/api/events`, { headers: bearer() })
    const reader = res.body!.getReader()
    await reader.read()
    await server.close()
    let done = false
    while (!done) done = (await reader.read()).done
    expect(events.listeners.size).toBe(0)
  })
})

describe('serve mode: uploads', () => {
  it('streams a 5 MB upload to disk under its own name and reports path, name and bytes', async () => {
    const bytes = randomBytes(5 * 1024 * 1024)
    const res = await fetch(`${server.origin}/api/upload?name=reads.fastq.gz`, {
      method: 'POST',
      headers: { ...bearer(), 'Content-Type': 'application/octet-stream' },
      body: bytes,
    })
    expect(res.status).toBe(200)
    const result = (await res.json()) as {
      ok: true
      value: { path: string; name: string; bytes: number }
    }
    expect(result.value.name).toBe('reads.fastq.gz')
    expect(result.value.bytes).toBe(bytes.length)
    expect(dirname(dirname(result.value.path))).toBe(uploadDir)
    expect(readFileSync(result.value.path).equals(bytes)).toBe(true)
  })

  it('keeps only the base name of a name that carries a path', async () => {
    const res = await fetch(
      `${server.origin}/api/upload?name=${encodeURIComponent('../../evil.fa')}`,
      { method: 'POST', headers: bearer(), body: '>a\nACGT\n' },
    )
    const result = (await res.json()) as { value: { path: string; name: string } }
    expect(result.value.name).toBe('evil.fa')
    expect(dirname(dirname(result.value.path))).toBe(uploadDir)
  })

  it('refuses an upload whose name is empty, missing or only a parent directory with 400', async () => {
    for (const query of [
      '?name=',
      '',
      '?name=..',
      `?name=${encodeURIComponent('a/..')}`,
      '?name=%00%01',
    ]) {
      const res = await fetch(`${server.origin}/api/upload${query}`, {
        method: 'POST',
        headers: bearer(),
        body: 'x',
      })
      expect(res.status, query).toBe(400)
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    }
    expect(readdirSync(uploadDir)).toEqual([])
  })

  it('deletes the partial file when the client aborts mid-upload', async () => {
    const req = request({
      host: '127.0.0.1',
      port: server.port,
      path: `/api/upload?name=big.fa&token=${server.token}`,
      method: 'POST',
      headers: { 'Content-Length': String(10 * 1024 * 1024) },
    })
    req.on('error', () => undefined)
    req.write(Buffer.alloc(256 * 1024, 65))
    await waitFor(() => readdirSync(uploadDir).length === 1, 'the upload to start')
    req.destroy()
    await waitFor(() => readdirSync(uploadDir).length === 0, 'the partial upload to be removed')
  })

  it('removes its own temporary upload folder on close', async () => {
    const own = await start()
    const res = await fetch(`${own.origin}/api/upload?name=a.fa`, {
      method: 'POST',
      headers: bearer(own.token),
      body: '>a\nACGT\n',
    })
    const { value } = (await res.json()) as { value: { path: string } }
    expect(existsSync(value.path)).toBe(true)
    await own.close()
    expect(existsSync(dirname(dirname(value.path)))).toBe(false)
  })
})

describe('serve mode: the page', () => {
  it('serves index.html at / without a token, with the CSP and no caching', async () => {
    const res = await fetch(`${server.origin}/`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; connect-src 'self'",
    )
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.text()).toContain('<title>Genocat</title>')
  })

  it('serves assets with their content type, and index.html for extensionless page routes', async () => {
    const js = await fetch(`${server.origin}/assets/app.js`)
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await js.text()).toBe('console.log("app")')
    const svg = await fetch(`${server.origin}/assets/logo.svg`)
    expect(svg.headers.get('content-type')).toBe('image/svg+xml')
    const route = await fetch(`${server.origin}/records/seq1`)
    expect(await route.text()).toContain('<title>Genocat</title>')
    const missing = await fetch(`${server.origin}/assets/missing.js`)
    expect(missing.status).toBe(404)
  })

  it('never serves a file outside the renderer folder, however the path is spelt', async () => {
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/..%2fpackage.json',
      '/%2e%2e%2fpackage.json',
      '/assets/..%5c..%5cpackage.json',
    ]) {
      const res = await raw(server.port, path)
      expect(res.status, path).toBe(404)
      expect(res.body, path).not.toContain('outside the renderer')
    }
  })

  it('answers 503 with what to run when the renderer has not been built', async () => {
    const empty = join(root, 'empty')
    mkdirSync(empty)
    const unbuilt = await start({ rendererDir: empty })
    const res = await fetch(`${unbuilt.origin}/`)
    expect(res.status).toBe(503)
    expect(await res.text()).toContain('npm run build:app')
  })

  it('prints a URL that carries the token and reaches the page', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`)
    expect(server.token.length).toBeGreaterThanOrEqual(32)
    expect((await fetch(server.url)).status).toBe(200)
  })
})
