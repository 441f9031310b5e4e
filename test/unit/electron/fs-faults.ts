// File-system faults for the atomic-write and save-handler tests: real operations on a real temp
// directory, with one step made to fail the way a full disk or a locked file would.

import { nodeFs, type AtomicFileHandle, type AtomicWriteFs } from '../../../electron/atomic-write';

const ENOSPC = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });

/**
 * Real file operations, except the write stores only the first half of the data for real and
 * then fails: a disk filling up in the middle of an export.
 */
export function failingMidWrite(): AtomicWriteFs {
  return {
    ...nodeFs,
    async open(file, flags, mode) {
      const real = await nodeFs.open(file, flags, mode);
      const handle: AtomicFileHandle = {
        async writeFile(data) {
          await real.writeFile(data.subarray(0, Math.floor(data.length / 2)));
          throw ENOSPC;
        },
        sync: () => real.sync(),
        close: () => real.close(),
      };
      return handle;
    },
  };
}

export function failingRename(): AtomicWriteFs {
  return {
    ...nodeFs,
    async rename() {
      throw Object.assign(new Error('EPERM: file in use'), { code: 'EPERM' });
    },
  };
}

export function failingSync(): AtomicWriteFs {
  return {
    ...nodeFs,
    async open(file, flags, mode) {
      const real = await nodeFs.open(file, flags, mode);
      return {
        writeFile: (data: Uint8Array) => real.writeFile(data),
        sync: async () => {
          throw Object.assign(new Error('EIO'), { code: 'EIO' });
        },
        close: () => real.close(),
      };
    },
  };
}
