// The Platform inside the Electron shell: every call goes through window.wenshu (the preload
// bridge) to the main process, which shows native dialogs, writes files atomically and prints.

import {
  bytesForIpc,
  MAX_READ_BYTES,
  MAX_WRITE_CHUNK_BYTES,
  type FileFilter as IpcFileFilter,
  type WenshuApi,
} from '../../shared/ipc';
import type { FileFilter, Platform } from './types';

/**
 * Only the fields the contract names: main rejects unknown keys, and a caller's filter objects
 * may carry extra ones.
 */
function contractFilters(filters: FileFilter[] | undefined): IpcFileFilter[] | undefined {
  return filters?.map(({ name, extensions }) => ({ name, extensions: [...extensions] }));
}

export function createElectronPlatform(api: WenshuApi): Platform {
  return {
    canMakePdf: true,
    canChooseFolder: true,
    canTellPrintCancelled: true,
    saveFile: ({ suggestedName, data, filters }) =>
      api.saveFile({ suggestedName, data: bytesForIpc(data), filters: contractFilters(filters) }),
    openFile: ({ filters }) => api.openFile({ filters: contractFilters(filters) }),
    openFileForReading: async ({ filters }) => {
      const opened = await api.openFileForReading({ filters: contractFilters(filters) });
      if (opened === null) return null;
      const { name, size, token } = opened;
      return {
        name,
        size,
        read: async (offset, length) => {
          // Main answers at most MAX_READ_BYTES per call: a larger range comes in several.
          if (length <= MAX_READ_BYTES) return api.readFileRange({ token, offset, length });
          const out = new Uint8Array(length);
          let got = 0;
          while (got < length) {
            const piece = await api.readFileRange({ token, offset: offset + got, length: Math.min(MAX_READ_BYTES, length - got) });
            out.set(piece, got);
            got += piece.byteLength;
            if (piece.byteLength === 0) break;
          }
          return got === length ? out : out.slice(0, got);
        },
        close: () => api.closeReadFile({ token }),
      };
    },
    printToPdf: ({ landscape, mode, suggestedName }) =>
      api.printToPdf({ landscape, mode, suggestedName }),
    print: async ({ landscape }) => {
      // Cancelling the system dialog is not an error, but it is not a print either.
      const { printed } = await api.print({ landscape });
      return printed ? { kind: 'printed' } : { kind: 'cancelled' };
    },
    chooseBackupFolder: () => api.chooseBackupFolder(),
    backupFolder: () => api.backupFolder(),
    beginWrite: ({ suggestedName, filters, target }) =>
      api.beginWrite({ suggestedName, filters: contractFilters(filters), target }),
    appendWrite: async (handle, data) => {
      // The bridge takes at most MAX_WRITE_CHUNK_BYTES per call: a larger piece goes in several.
      for (let at = 0; at < data.byteLength; at += MAX_WRITE_CHUNK_BYTES) {
        const piece = data.subarray(at, at + MAX_WRITE_CHUNK_BYTES);
        await api.appendWrite({ handle, data: bytesForIpc(piece) });
      }
    },
    finishWrite: (handle, keepLatest) =>
      api.finishWrite(keepLatest === undefined ? { handle } : { handle, keepLatest }),
    abortWrite: async (handle) => {
      await api.abortWrite({ handle });
    },
    secrets: {
      seal: async (text) => (await api.sealSecret({ text })).sealed,
      open: async (sealed) => (await api.openSecret({ sealed })).text,
    },
    lan: {
      link: () => api.lanLink(),
      pair: (req) => api.lanPair(req),
      post: (path, body, token) => api.lanPost(token === undefined ? { path, body } : { path, body, token }),
      unpair: () => api.lanUnpair(),
    },
    auditAnchor: {
      read: () => api.readAuditAnchor(),
      // Only the two fields the contract names (main rejects unknown keys).
      write: async ({ seq, hash }) => {
        await api.writeAuditAnchor({ seq, hash });
      },
    },
  };
}
