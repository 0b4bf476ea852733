/**
 * Input schemas for every contract method. Inputs crossing a boundary (IPC, HTTP) are
 * checked here once, so handlers can trust their types; a failure names the field.
 */
import { z } from 'zod'
import type { ApiInput, ApiMethod } from '../../shared/api.js'
import type { FilterNode } from '../../shared/filter/ast.js'

const none = z.object({}).strict()

const filterValue = z.union([z.string().max(10_000), z.number().finite(), z.boolean()])
const fieldName = z.string().min(1).max(512)
const span = z.object({ start: z.number().int(), end: z.number().int() }).optional()

/** The filter AST, checked for shape; the engine checks fields and types against the catalog. */
export const filterSchema: z.ZodType<FilterNode> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('compare'),
      field: fieldName,
      op: z.enum(['=', '!=', '<', '<=', '>', '>=']),
      value: filterValue,
      span,
    }),
    z.object({
      kind: z.literal('in'),
      field: fieldName,
      values: z.array(filterValue).min(1).max(10_000),
      span,
    }),
    z.object({
      kind: z.enum(['contains', 'starts-with']),
      field: fieldName,
      value: z.string().max(10_000),
      span,
    }),
    z.object({
      kind: z.literal('between'),
      field: fieldName,
      low: filterValue,
      high: filterValue,
      span,
    }),
    z.object({ kind: z.literal('missing'), field: fieldName, span }),
    z.object({
      kind: z.enum(['and', 'or']),
      children: z.array(filterSchema).min(1).max(1_000),
      span,
    }),
    z.object({ kind: z.literal('not'), child: filterSchema, span }),
  ]),
)

const location = z.string().trim().min(1, 'Give a folder for the catalog.').max(4096)

export const INPUT_SCHEMAS: { readonly [M in ApiMethod]: z.ZodType<ApiInput<M>> } = {
  'app:info': none,
  'catalog:current': none,
  'catalog:recent': none,
  'catalog:create': z
    .object({ location, name: z.string().trim().min(1).max(200).optional() })
    .strict(),
  'catalog:open': z.object({ location }).strict(),
  'catalog:open-demo': none,
  'catalog:close': none,
  'catalog:stats': none,
  'catalog:fields': none,
  'catalog:overview': z.object({ where: filterSchema.optional() }).strict(),
  'records:query': z
    .object({
      where: filterSchema.optional(),
      limit: z.number().int().min(1).max(100_000).optional(),
      offset: z.number().int().min(0).optional(),
    })
    .strict(),
  'records:get': z.object({ id: z.string().min(1).max(10_000) }).strict(),
  'filter:check': z.object({ text: z.string().max(100_000) }).strict(),
  'search:run': z
    .object({
      query: z.string().max(64 * 1024 * 1024),
      where: filterSchema.optional(),
      k: z.number().int().min(1).max(1_000).optional(),
    })
    .strict(),
  'ingest:start': z
    .object({ paths: z.array(z.string().min(1).max(4096)).min(1, 'Give at least one file.') })
    .strict(),
  'ingest:cancel': z.object({ jobId: z.string().min(1).max(100) }).strict(),
  'dialog:choose-files': none,
  'dialog:choose-folder': z.object({ purpose: z.enum(['create', 'open']) }).strict(),
}

/** Nesting deeper than any real filter: refused before the recursive schema walks it. */
const MAX_DEPTH = 64

export function tooDeep(value: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH) return true
  if (value === null || typeof value !== 'object') return false
  for (const child of Object.values(value as Record<string, unknown>)) {
    if (tooDeep(child, depth + 1)) return true
  }
  return false
}
