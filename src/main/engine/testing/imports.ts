import { readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

/** The project root, which the paths below are relative to. */
export const projectRoot = resolve(import.meta.dirname, '../../../..')

/**
 * Modules a source file loads when it is imported (type-only imports are erased and dynamic
 * `import()` waits until called), followed transitively: project files by path from the root,
 * packages by name.
 */
export function runtimeImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen
  seen.add(file)
  const source = readFileSync(join(projectRoot, file), 'utf8')
  for (const [, from] of source.matchAll(/^(?:import|export) (?!type )[^;]*? from '([^']+)'/gms)) {
    if (!from!.startsWith('.')) seen.add(from!)
    else
      runtimeImports(
        relative(
          projectRoot,
          join(dirname(join(projectRoot, file)), from!.replace(/\.js$/, '.ts')),
        ),
        seen,
      )
  }
  return seen
}
