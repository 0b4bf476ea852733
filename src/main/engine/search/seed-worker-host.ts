// Thin Piscina entry: the logic lives in seed-worker.ts, testable without a thread.
export { rankSeedBatch } from './seed-worker.js'
