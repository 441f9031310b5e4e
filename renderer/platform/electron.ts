// The Platform inside the Electron shell: every call goes through window.wenshu (the preload
// bridge) to the main process, which shows native dialogs, writes files atomically and prints.

import { bytesForIpc, type FileFilter as IpcFileFilter, type WenshuApi } from '../../shared/ipc';
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
    kind: 'electron',
    saveFile: ({ suggestedName, data, filters }) =>
      api.saveFile({ suggestedName, data: bytesForIpc(data), filters: contractFilters(filters) }),
    openFile: ({ filters }) => api.openFile({ filters: contractFilters(filters) }),
    printToPdf: ({ landscape, mode, suggestedName }) =>
      api.printToPdf({ landscape, mode, suggestedName }),
    print: async ({ landscape }) => {
      await api.print({ landscape }); // cancelling the system dialog is not an error
    },
  };
}
