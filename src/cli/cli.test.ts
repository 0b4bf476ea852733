import { writeFileSync } from 'node:fs'
import { genocat } from './run-cli.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir, type TempDir } from '../main/engine/testing/fixtures.js'
import { runtimeImports } from '../main/engine/testing/imports.js'

let dir: TempDir
beforeEach(() => {
  dir = tempDir()
})
afterEach(() => dir.remove())

describe('the genocat CLI', () => {
  it('ingests with --json: one report object, and a non-zero exit when a file fails', async () => {
    expect((await genocat('init', dir.file('c'))).code).toBe(0)
    writeFileSync(dir.file('ok.fa'), '>a\nACGT\n')
    writeFileSync(dir.file('bad.fa'), '>b\nAC GT 42\n')
    const result = await genocat(
      'ingest',
      dir.file('c'),
      dir.file('ok.fa'),
      dir.file('bad.fa'),
      '--json',
    )
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as Record<string, unknown>
    expect(report).toMatchObject({
      files: [
        { path: dir.file('ok.fa'), records: 1, status: 'added' },
        { path: dir.file('bad.fa'), records: 0, status: 'failed' },
      ],
      added: 1,
      skipped: 0,
      errors: [{ path: dir.file('bad.fa'), code: 'PARSE_ERROR' }],
    })
  })

  it('prints stats as JSON with the field schema', async () => {
    await genocat('init', dir.file('c'))
    writeFileSync(dir.file('s.fa'), '>a\nACGT\n>b\nGG\n')
    writeFileSync(dir.file('m.tsv'), 'id\tcountry\tdate\na\tBrazil\t2016-01-XX\nb\t?\t2015-02-03\n')
    expect(
      (await genocat('ingest', dir.file('c'), dir.file('s.fa'), '--metadata', dir.file('m.tsv')))
        .code,
    ).toBe(0)
    const stats = JSON.parse((await genocat('stats', dir.file('c'), '--json')).stdout) as Record<
      string,
      unknown
    >
    expect(stats).toMatchObject({
      sequences: 2,
      totalLength: 6,
      fields: [
        { name: 'country', type: 'text', missing: 1, distinct: 1 },
        { name: 'date', type: 'date', missing: 0, distinct: 2 },
      ],
    })
  })

  it('explains errors in a sentence, without a stack trace', async () => {
    const result = await genocat('stats', dir.path)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^genocat: .* is not a Genocat catalog/)
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/)
    const usage = await genocat('ingest', dir.path, '--on-duplicate', 'sometimes')
    expect(usage.code).not.toBe(0)
    expect(usage.stderr).toMatch(/Allowed choices are error, skip, replace/)
  })

  // Every command pays for what the CLI loads before it parses the arguments; LanceDB, SQLite
  // and the server load only with the command that needs them (`--version` in 0.06 s, not 0.22).
  it('loads no command module, storage or server code before a command runs', () => {
    const loaded = [...runtimeImports('src/cli/index.ts')]
    expect(loaded).toContain('commander')
    expect(
      loaded.filter((m) =>
        /lancedb|better-sqlite3|apache-arrow|\/commands\/|\/engine\/|server/.test(m),
      ),
    ).toEqual([])
  })
})
