import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** Runs the CLI from source in a child process, as a user would; for tests. */
export async function genocat(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    // Room for a search's JSON over thousands of queries (execFile's default is 1 MB).
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/run.ts', ...args],
      { maxBuffer: 256 << 20 },
    )
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}
