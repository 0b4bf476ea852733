// Thin Piscina entry: the logic lives in search-worker.ts, testable without a thread.
export { rankBatch } from './search-worker.js'
