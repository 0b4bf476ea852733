import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { KMER_COUNT_WASM_BASE64 } from './kmer-count-wasm.js'
import { KERNEL_WASM_BASE64 } from './lanes/kernel-wasm.js'

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

const wasmDir = new URL('../../../../wasm/', import.meta.url)

/** Each kernel's source in wasm/ and the bytes committed for it (as scripts/build-wasm.js lists them). */
const MODULES = [
  { source: 'lanes.ts', committed: KERNEL_WASM_BASE64 },
  { source: 'kmer-count.ts', committed: KMER_COUNT_WASM_BASE64 },
]

describe('the WebAssembly kernels', () => {
  for (const { source, committed } of MODULES) {
    it(`hold exactly what wasm/${source} compiles to (run \`npm run build:wasm\` if not)`, async () => {
      const { default: asc } = (await import(ASC_MODULE)) as { default: AssemblyScriptCompiler }
      // The same call as scripts/build-wasm.js, with the same options file.
      const config = await readFile(new URL('asconfig.json', wasmDir), 'utf8')
      const { options } = JSON.parse(config) as { options: object }
      const code = await readFile(new URL(source, wasmDir), 'utf8')
      const result = await asc.compileString({ [source]: code }, options)
      expect(result.error, result.stderr.toString()).toBeNull()
      expect(Buffer.from(result.binary!).equals(Buffer.from(committed, 'base64'))).toBe(true)
    })
  }
})
