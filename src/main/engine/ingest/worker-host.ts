// Thin Piscina entry: the logic lives in chunk-worker.ts, testable without a thread.
import { move, transferableSymbol, valueSymbol } from 'piscina'
import { processChunk, transferables, type ChunkResult, type ChunkTask } from './chunk-worker.js'

export function runChunk(task: ChunkTask): unknown {
  const result: ChunkResult = processChunk(task)
  const buffers = transferables(result)
  if (buffers.length === 0) return result
  // Transfer the column buffers back to the writer instead of copying them.
  return move({ [transferableSymbol]: buffers, [valueSymbol]: result })
}
