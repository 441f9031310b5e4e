// Saving a file the user asked for must never leave a half-written one behind: a power cut or a
// full disk in the middle of an export must leave either the old file or the complete new one.
// So: write a temp file in the same directory, fsync it, rename it over the destination (atomic
// on one file system), and on any failure remove the temp file and leave the destination alone.

import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import path from 'node:path';

/** The few file operations atomicWriteFile needs; tests substitute failing ones. */
export interface AtomicWriteFs {
  open(file: string, flags: string, mode?: number): Promise<AtomicFileHandle>;
  rename(from: string, to: string): Promise<void>;
  rm(file: string, options: { force: boolean }): Promise<void>;
}

export interface AtomicFileHandle {
  writeFile(data: Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export const nodeFs: AtomicWriteFs = {
  open: (file, flags, mode) => fsp.open(file, flags, mode),
  rename: (from, to) => fsp.rename(from, to),
  rm: (file, options) => fsp.rm(file, options),
};

/** A hidden name next to the destination; 'wx' below makes sure it never already exists. */
export function tempPathFor(destination: string): string {
  const dir = path.dirname(destination);
  const base = path.basename(destination);
  return path.join(dir, `.${base}.${randomBytes(6).toString('hex')}.wenshu-tmp`);
}

export async function atomicWriteFile(
  destination: string,
  data: Uint8Array,
  fs: AtomicWriteFs = nodeFs,
): Promise<void> {
  const temp = tempPathFor(destination);
  let handle: AtomicFileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx', 0o666);
    await handle.writeFile(data);
    await handle.sync(); // the bytes are on disk before the name points at them
    await handle.close();
    handle = undefined;
    await fs.rename(temp, destination);
  } catch (error) {
    if (handle) await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(path.dirname(destination));
}

/**
 * Persist the rename itself (POSIX). Best effort: Windows cannot open a directory for fsync, and
 * the file is already complete under its final name either way.
 */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await fsp.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // ignore: see above
  }
}
