/**
 * The page's only door to the main process: the contract's methods (one function each),
 * engine events, and the path of a dropped file. No raw ipcRenderer reaches the page.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import { API_METHODS, type ApiEvent, type GenocatApi, type GenocatBridge } from '../shared/api.js'

const EVENT_CHANNEL = 'genocat:event'

const api = Object.fromEntries(
  API_METHODS.map((method) => [method, (input: unknown) => ipcRenderer.invoke(method, input)]),
) as unknown as GenocatApi

const bridge: GenocatBridge = {
  api,
  onEvent(listener) {
    const handler = (_event: IpcRendererEvent, payload: ApiEvent) => listener(payload)
    ipcRenderer.on(EVENT_CHANNEL, handler)
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler)
  },
  pathForFile(file) {
    // Electron ≥ 32 removed File.path; webUtils gives the path of a dropped desktop file.
    return file instanceof File ? webUtils.getPathForFile(file) : ''
  },
}

contextBridge.exposeInMainWorld('genocat', bridge)
