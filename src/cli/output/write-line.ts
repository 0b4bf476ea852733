/** Writes one line to stdout, waiting when the pipe is full so long outputs stream. */
export function writeLine(line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = process.stdout.write(line + '\n', (error) => {
      if (error) reject(error)
    })
    if (ok) resolve()
    else process.stdout.once('drain', resolve)
  })
}
