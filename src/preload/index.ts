// Exposes only the contract's methods to the page (no raw ipcRenderer). The contract grows
// with the workbench issue; today the page learns the app's version and platform.
import { contextBridge } from 'electron'

contextBridge.exposeInMainWorld('genocat', {
  platform: process.platform,
})
