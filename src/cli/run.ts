// Process entry for the CLI (bin/genocat.js loads the compiled copy).
import { main } from './index.js'

// A reader that stops early (`genocat search … | head`) closes the pipe: that ends the output,
// as it does for other Unix tools, instead of an unhandled error and a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

process.exitCode = await main(process.argv)
