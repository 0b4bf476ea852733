import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { KERNEL_WASM_BASE64 } from './kernel-wasm.js'

/**
 * The part of assemblyscript/asc used here, typed locally: its own declarations would add
 * AssemblyScript's globals (an Array#at that never returns undefined, `trace`, ...) to the type
 * checking of the whole engine.
 */
interface AssemblyScriptCompiler {
  compileString(
    sources: Record<string, string>,
    options: object,
  ): Promise<{ error: Error | null; stderr: { toString(): string }; binary: Uint8Array | null }>
}
const ASC_MODULE: string = 'assemblyscript/asc'

const wasmDir = new URL('../../../../../wasm/', import.meta.url)

describe('kernel-wasm.ts', () => {
  it('holds exactly what wasm/lanes.ts compiles to (run `npm run build:wasm` if not)', async () => {
    const { default: asc } = (await import(ASC_MODULE)) as { default: AssemblyScriptCompiler }
    // The same call as scripts/build-wasm.js, with the same options file.
    const config = await readFile(new URL('asconfig.json', wasmDir), 'utf8')
    const { options } = JSON.parse(config) as { options: object }
    const source = await readFile(new URL('lanes.ts', wasmDir), 'utf8')
    const result = await asc.compileString({ 'lanes.ts': source }, options)
    expect(result.error, result.stderr.toString()).toBeNull()
    const committed = Buffer.from(KERNEL_WASM_BASE64, 'base64')
    expect(Buffer.from(result.binary!).equals(committed)).toBe(true)
  })
})
