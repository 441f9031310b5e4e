// The only bridge between the page and the main process. It exposes exactly the IPC contract as
// window.wenshu — one function per channel, each forwarding its single argument — and nothing
// generic (no ipcRenderer, no send/on). Runs sandboxed: bundled to one file that may only
// require 'electron'. Imports from shared/ipc are type-only, so zod is not bundled in here.

import { contextBridge, ipcRenderer } from 'electron';
import type { IpcChannel, IpcRequest, IpcResponse, WENSHU_API_KEY, WenshuApi } from '../shared/ipc';

function invoker<C extends IpcChannel>(channel: C) {
  return (request: IpcRequest<C>): Promise<IpcResponse<C>> =>
    ipcRenderer.invoke(channel, request) as Promise<IpcResponse<C>>;
}

// Typed as WenshuApi: a missing, extra or mismatched method is a compile error.
const wenshuApi: WenshuApi = Object.freeze({
  saveFile: invoker('file:save'),
  openFile: invoker('file:open'),
  openFileForReading: invoker('file:openForReading'),
  readFileRange: invoker('file:read'),
  closeReadFile: invoker('file:closeRead'),
  printToPdf: invoker('print:pdf'),
  print: invoker('print:dialog'),
  chooseBackupFolder: invoker('backup:chooseFolder'),
  backupFolder: invoker('backup:folder'),
  beginWrite: invoker('file:beginWrite'),
  appendWrite: invoker('file:appendWrite'),
  finishWrite: invoker('file:finishWrite'),
  abortWrite: invoker('file:abortWrite'),
  readAuditAnchor: invoker('auditAnchor:read'),
  writeAuditAnchor: invoker('auditAnchor:write'),
  sealSecret: invoker('secret:seal'),
  openSecret: invoker('secret:open'),
  lanPair: invoker('lan:pair'),
  lanLink: invoker('lan:link'),
  lanPost: invoker('lan:post'),
  lanUnpair: invoker('lan:unpair'),
});

const apiKey: typeof WENSHU_API_KEY = 'wenshu';
contextBridge.exposeInMainWorld(apiKey, wenshuApi);
