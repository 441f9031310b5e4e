// The main-process side of shared/ipc.ts. Every call is checked twice before it does anything:
// the sender must be the main frame of our own window showing app://wenshu, and the payload
// must match the contract's schema. Responses are checked too, so a bug here cannot leak an
// unexpected shape into the renderer.

import path from 'node:path';
import { app, ipcMain, safeStorage, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { z } from 'zod';
import {
  bytesForIpc,
  ipcChannels,
  ipcContract,
  type IpcChannel,
  type IpcContract,
  type IpcResponse,
} from '../shared/ipc';
import { isAppUrl } from './app-origin';
import { atomicWriteFile } from './atomic-write';
import { createAuditAnchorStore, type AuditAnchorStore } from './audit-anchor';
import { createSecretSealer, type SecretSealer } from './secret-seal';
import { createBackupFolderStore, type BackupFolderStore } from './backup-folder';
import {
  askFolderPath,
  askOpenPath,
  askSavePath,
  readUserFile,
  type SavePathRequest,
} from './file-dialogs';
import { IpcRefusedError } from './ipc-errors';
import { lanChannels, nodeLanClient, type LanClient } from './lan-ipc';
import { createLanLinkStore, type LanLinkStore } from './lan-link';
import { printToPdf, printWithDialog } from './print';
import { isOurWebContents } from './window';
import { ReadFiles } from './read-files';
import { nodeWriteStreamFs, WriteStreams, type WriteStreamFs } from './write-streams';

export { IpcRefusedError } from './ipc-errors';

/** What the handlers need from the outside world; tests substitute fakes. */
export interface IpcDeps {
  isOurWebContents(contents: WebContents): boolean;
  askSavePath(contents: WebContents, request: SavePathRequest): Promise<string | null>;
  askOpenPath(
    contents: WebContents,
    request: { filters?: SavePathRequest['filters'] },
  ): Promise<string | null>;
  writeFileAtomic(file: string, data: Uint8Array): Promise<void>;
  readFile(file: string): Promise<Uint8Array>;
  /** The native folder picker (for the scheduled-backup folder). */
  askFolderPath(contents: WebContents): Promise<string | null>;
  /** Where the chosen backup folder is remembered. */
  backupFolder: BackupFolderStore;
  /** The file operations behind beginWrite … finishWrite. */
  writeStreamFs: WriteStreamFs;
  /** The audit log's second anchor, a sealed file under userData. */
  auditAnchor: AuditAnchorStore;
  /** Seals small secrets (the scheduled-backup key) with the OS keystore. */
  secrets: SecretSealer;
  /** The pairing with the office LAN server, sealed under userData. */
  lanLink: LanLinkStore;
  /** The network I/O to that server (electron/lan-client.ts). */
  lan: LanClient;
}

export const defaultIpcDeps: IpcDeps = {
  isOurWebContents,
  askSavePath,
  askOpenPath,
  writeFileAtomic: (file, data) => atomicWriteFile(file, data),
  readFile: readUserFile,
  askFolderPath,
  backupFolder: createBackupFolderStore(() => app.getPath('userData')),
  writeStreamFs: nodeWriteStreamFs,
  auditAnchor: createAuditAnchorStore(() => app.getPath('userData'), () => safeStorage),
  secrets: createSecretSealer(() => safeStorage),
  lanLink: createLanLinkStore(() => app.getPath('userData'), () => safeStorage),
  lan: nodeLanClient,
};

export type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** Refuse calls from subframes, foreign windows and anything not showing app://wenshu. */
export function assertTrustedSender(
  event: SenderEvent,
  isOurs: (contents: WebContents) => boolean,
): void {
  const frame = event.senderFrame;
  if (frame === null) throw new IpcRefusedError('IPC refused: the sending frame is gone');
  if (frame.parent !== null) throw new IpcRefusedError('IPC refused: not the main frame');
  if (!isOurs(event.sender)) throw new IpcRefusedError('IPC refused: not a window of this app');
  if (!isAppUrl(frame.url)) throw new IpcRefusedError('IPC refused: the frame is not the app page');
}

interface Streams {
  writes: WriteStreams;
  reads: ReadFiles;
}

type ParsedRequest<C extends IpcChannel> = z.output<IpcContract[C]['request']>;

type Implementations = {
  [C in IpcChannel]: (
    contents: WebContents,
    request: ParsedRequest<C>,
    deps: IpcDeps,
    /** The streamed writes and the files opened for reading this set of handlers holds open. */
    streams: Streams,
  ) => Promise<IpcResponse<C>>;
};

const implementations: Implementations = {
  'file:save': async (contents, { suggestedName, data, filters }, deps) => {
    const file = await deps.askSavePath(contents, { suggestedName, filters });
    if (file === null) return { saved: false };
    await deps.writeFileAtomic(file, data);
    return { saved: true, path: file };
  },
  'file:open': async (contents, { filters }, deps) => {
    const file = await deps.askOpenPath(contents, { filters });
    if (file === null) return null;
    const data = bytesForIpc(await deps.readFile(file));
    return { name: path.basename(file), data };
  },
  'file:openForReading': async (contents, { filters }, deps, { reads }) => {
    const file = await deps.askOpenPath(contents, { filters });
    if (file === null) return null;
    return reads.open(contents, file);
  },
  'file:read': async (contents, { token, offset, length }, _deps, { reads }) =>
    bytesForIpc(await reads.read(contents, token, offset, length)),
  'file:closeRead': (contents, { token }, _deps, { reads }) => reads.close(contents, token),
  'print:pdf': (contents, request, deps) => printToPdf(contents, request, deps),
  'print:dialog': (contents, request) => printWithDialog(contents, request),
  'backup:chooseFolder': async (contents, _request, deps) => {
    const folder = await deps.askFolderPath(contents);
    if (folder === null) return { chosen: false, reason: 'cancelled' };
    await deps.backupFolder.save(folder);
    return { chosen: true, path: folder };
  },
  'backup:folder': (_contents, _request, deps) => deps.backupFolder.load(),
  'file:beginWrite': async (contents, { suggestedName, filters, target }, deps, { writes: streams }) => {
    if (target === 'backupFolder') {
      const folder = await deps.backupFolder.load();
      if (folder === null) return { started: false, reason: 'noFolder' };
      return { started: true, ...(await streams.beginInFolder(contents, folder, suggestedName)) };
    }
    const file = await deps.askSavePath(contents, { suggestedName, filters });
    if (file === null) return { started: false, reason: 'cancelled' };
    return { started: true, ...(await streams.begin(contents, file, 'dialog')) };
  },
  'file:appendWrite': (contents, { handle, data }, _deps, { writes }) =>
    writes.append(contents, handle, data),
  'file:finishWrite': (contents, { handle, keepLatest }, _deps, { writes }) =>
    writes.finish(contents, handle, keepLatest),
  'file:abortWrite': (contents, { handle }, _deps, { writes }) => writes.abort(contents, handle),
  'auditAnchor:read': (_contents, _request, deps) => deps.auditAnchor.read(),
  'auditAnchor:write': (_contents, head, deps) => deps.auditAnchor.write(head),
  'secret:seal': (_contents, { text }, deps) => deps.secrets.seal(text),
  'secret:open': (_contents, { sealed }, deps) => deps.secrets.open(sealed),
  'lan:pair': (_contents, request, deps) => lanChannels(deps.lanLink, deps.lan).pair(request),
  'lan:link': (_contents, _request, deps) => lanChannels(deps.lanLink, deps.lan).link(),
  'lan:post': (_contents, request, deps) => lanChannels(deps.lanLink, deps.lan).post(request),
  'lan:unpair': (_contents, _request, deps) => lanChannels(deps.lanLink, deps.lan).unpair(),
};


export type IpcHandler<C extends IpcChannel> = (
  event: SenderEvent,
  payload: unknown,
) => Promise<IpcResponse<C>>;

export type IpcHandlers = { [C in IpcChannel]: IpcHandler<C> };

function createHandler<C extends IpcChannel>(
  channel: C,
  deps: IpcDeps,
  streams: Streams,
): IpcHandler<C> {
  const { request: requestSchema, response: responseSchema } = ipcContract[channel];
  // TypeScript cannot correlate the three lookups by the same C (a union of channels), so the
  // casts below restate what the mapped types already guarantee.
  const implementation = implementations[channel] as Implementations[C];
  return async (event, payload) => {
    assertTrustedSender(event, deps.isOurWebContents);
    const parsed = requestSchema.safeParse(payload);
    if (!parsed.success) {
      throw new IpcRefusedError(`IPC refused: invalid ${channel} request: ${parsed.error.message}`);
    }
    const response = await implementation(
      event.sender,
      parsed.data as ParsedRequest<C>,
      deps,
      streams,
    );
    return responseSchema.parse(response) as IpcResponse<C>;
  };
}

export function createIpcHandlers(deps: IpcDeps = defaultIpcDeps): IpcHandlers {
  // Handles of files being written live here, in main; the renderer only ever holds the UUID.
  // Files opened for reading likewise: the renderer holds a token, main the path and descriptor.
  const streams: Streams = { writes: new WriteStreams(deps.writeStreamFs), reads: new ReadFiles() };
  return {
    'file:save': createHandler('file:save', deps, streams),
    'file:open': createHandler('file:open', deps, streams),
    'file:openForReading': createHandler('file:openForReading', deps, streams),
    'file:read': createHandler('file:read', deps, streams),
    'file:closeRead': createHandler('file:closeRead', deps, streams),
    'print:pdf': createHandler('print:pdf', deps, streams),
    'print:dialog': createHandler('print:dialog', deps, streams),
    'backup:chooseFolder': createHandler('backup:chooseFolder', deps, streams),
    'backup:folder': createHandler('backup:folder', deps, streams),
    'file:beginWrite': createHandler('file:beginWrite', deps, streams),
    'file:appendWrite': createHandler('file:appendWrite', deps, streams),
    'file:finishWrite': createHandler('file:finishWrite', deps, streams),
    'file:abortWrite': createHandler('file:abortWrite', deps, streams),
    'auditAnchor:read': createHandler('auditAnchor:read', deps, streams),
    'auditAnchor:write': createHandler('auditAnchor:write', deps, streams),
    'secret:seal': createHandler('secret:seal', deps, streams),
    'secret:open': createHandler('secret:open', deps, streams),
    'lan:pair': createHandler('lan:pair', deps, streams),
    'lan:link': createHandler('lan:link', deps, streams),
    'lan:post': createHandler('lan:post', deps, streams),
    'lan:unpair': createHandler('lan:unpair', deps, streams),
  };
}

/** Register one ipcMain.handle per contract channel, and nothing else. */
export function registerIpcHandlers(deps: IpcDeps = defaultIpcDeps): void {
  const handlers = createIpcHandlers(deps);
  for (const channel of ipcChannels) {
    ipcMain.handle(channel, handlers[channel]);
  }
}
