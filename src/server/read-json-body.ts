import type { IncomingMessage } from 'node:http'

/** The largest JSON body `POST /api/call/<method>` accepts: inputs are filters and ids, not data. */
export const MAX_JSON_BYTES = 1024 * 1024

/** A body read for its JSON: the parsed value, or why it could not be. */
export type JsonBody =
  | { readonly kind: 'ok'; readonly value: unknown }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'malformed'; readonly message: string }

/**
 * Reads a request body as JSON; an empty body is `{}` (methods without input). Past `limit`
 * bytes it stops keeping chunks but drains the rest, so the client can read the 413 instead of
 * seeing its upload cut off mid-send.
 */
export async function readJsonBody(
  req: IncomingMessage,
  limit: number = MAX_JSON_BYTES,
): Promise<JsonBody> {
  const chunks: Buffer[] = []
  let bytes = 0
  let tooLarge = false
  for await (const chunk of req as AsyncIterable<Buffer>) {
    bytes += chunk.length
    if (bytes > limit && !tooLarge) {
      tooLarge = true
      chunks.length = 0
    }
    if (!tooLarge) chunks.push(chunk)
  }
  if (tooLarge) return { kind: 'too-large' }
  const text = Buffer.concat(chunks).toString('utf8')
  if (text.trim() === '') return { kind: 'ok', value: {} }
  try {
    return { kind: 'ok', value: JSON.parse(text) as unknown }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return { kind: 'malformed', message: `The request body is not valid JSON: ${reason}` }
  }
}
