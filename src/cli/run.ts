// Process entry for the CLI (bin/genocat.js loads the compiled copy).
import { main } from './index.js'

process.exitCode = await main(process.argv)
