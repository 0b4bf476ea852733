import type { IncomingMessage, ServerResponse } from 'node:http'
import { toErrorData } from '../shared/errors.js'
import type { ApiHost } from '../main/api/host.js'
import { readJsonBody } from './read-json-body.js'
import { sendError, sendJson } from './responses.js'

/**
 * `POST /api/call/<method>`: the body is the method's input, the answer the host's
 * `ApiResult`, always 200 because a failed call is data, not an HTTP failure. Only refusals
 * before the host runs (size, syntax) use other statuses.
 */
export async function handleCall(
  host: ApiHost,
  method: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = await readJsonBody(req)
  if (body.kind === 'too-large') {
    sendError(res, 413, 'INVALID_ARGUMENT', 'The request body is larger than 1 MB.')
    return
  }
  if (body.kind === 'malformed') {
    sendError(res, 400, 'INVALID_ARGUMENT', body.message)
    return
  }
  sendJson(res, 200, await callSafely(host, method, body.value))
}

/** `host.call` promises never to throw; a bug there still must not leave the request hanging. */
async function callSafely(host: ApiHost, method: string, input: unknown): Promise<unknown> {
  try {
    return await host.call(method, input)
  } catch (error) {
    return { ok: false, error: toErrorData(error) }
  }
}
