/**
 * The Electron adapter of the API contract: one `ipcMain.handle` per contract method, all
 * through one wrapper that checks the sender and hands the input to the host (which
 * validates it and returns errors as data). Engine events go to every window.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron'
import { API_METHODS, type ApiEvent, type ApiResult } from '../shared/api.js'
import type { ApiHost } from './api/host.js'

export const EVENT_CHANNEL = 'genocat:event'

/** Only our own page may call: the built renderer (file://) or the dev server in development. */
export function isTrustedSender(event: IpcMainInvokeEvent, devUrl: string | undefined): boolean {
  const url = event.senderFrame?.url ?? ''
  if (devUrl && url.startsWith(devUrl)) return true
  return url.startsWith('file://')
}

export function registerIpc(host: ApiHost, devUrl: string | undefined): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(method, async (event, input: unknown): Promise<ApiResult<unknown>> => {
      if (!isTrustedSender(event, devUrl))
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: 'This page may not call the Genocat API.' },
        }
      return host.call(method, input)
    })
  }
  const stop = host.onEvent((event) => broadcast(event))
  return () => {
    stop()
    for (const method of API_METHODS) ipcMain.removeHandler(method)
  }
}

export function broadcast(event: ApiEvent): void {
  for (const window of BrowserWindow.getAllWindows()) {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event)
  }
}
