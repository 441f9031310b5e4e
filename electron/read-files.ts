// Files the user chose, read by range (issue #17): a restore or a 迁移包 of gigabytes of scans is
// read a frame at a time instead of crossing IPC whole. The path stays here, behind a random
// token valid only for the window that opened it; a read is capped (MAX_READ_BYTES, checked by
// the contract) and never goes past the file's end; the file is closed when the renderer says it
// is done, or when its window goes away.

import { randomUUID } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { WebContents } from 'electron';
import { IpcRefusedError } from './ipc-errors';

/** Files one window may hold open for reading at once (each holds a file descriptor). */
export const MAX_OPEN_READS_PER_WINDOW = 8;

interface OpenRead {
  readonly contents: WebContents;
  readonly handle: FileHandle;
  readonly size: number;
}

export class ReadFiles {
  private readonly reads = new Map<string, OpenRead>();
  private readonly watched = new WeakSet<WebContents>();

  /** How many files are open (for tests and diagnostics). */
  get openCount(): number {
    return this.reads.size;
  }

  /** Opens the chosen file; its name and size go to the renderer, its path does not. */
  async open(contents: WebContents, file: string): Promise<{ name: string; size: number; token: string }> {
    const mine = [...this.reads.values()].filter((r) => r.contents === contents).length;
    if (mine >= MAX_OPEN_READS_PER_WINDOW) throw new IpcRefusedError('IPC refused: too many files open for reading');
    const handle = await open(file, 'r');
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw new Error('所选项不是文件 (not a regular file)');
      const token = randomUUID();
      this.reads.set(token, { contents, handle, size: info.size });
      this.watch(contents);
      return { name: path.basename(file), size: info.size, token };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Up to `length` bytes from `offset` (fewer at the end of the file, none past it). */
  async read(contents: WebContents, token: string, offset: number, length: number): Promise<Uint8Array> {
    const { handle, size } = this.lookup(contents, token);
    const n = Math.max(0, Math.min(length, size - offset));
    const buffer = new Uint8Array(n);
    let got = 0;
    while (got < n) {
      const { bytesRead } = await handle.read(buffer, got, n - got, offset + got);
      if (bytesRead === 0) break; // the file shrank since it was opened: the caller sees a short read
      got += bytesRead;
    }
    return got === n ? buffer : buffer.slice(0, got);
  }

  async close(contents: WebContents, token: string): Promise<void> {
    const read = this.lookup(contents, token);
    this.reads.delete(token);
    await read.handle.close();
  }

  /** Closes every file a webContents holds open (its window closed or crashed). */
  async closeAllOf(contents: WebContents): Promise<void> {
    const tokens = [...this.reads].filter(([, r]) => r.contents === contents).map(([t]) => t);
    await Promise.all(tokens.map((token) => this.close(contents, token)));
  }

  private lookup(contents: WebContents, token: string): OpenRead {
    const read = this.reads.get(token);
    if (read === undefined) throw new IpcRefusedError('IPC refused: unknown read token');
    if (read.contents !== contents) throw new IpcRefusedError('IPC refused: the read token belongs to another window');
    return read;
  }

  private watch(contents: WebContents): void {
    if (this.watched.has(contents)) return;
    this.watched.add(contents);
    const closeAll = () => {
      this.closeAllOf(contents).catch((error: unknown) => {
        console.warn('文枢: could not close files opened for reading', error);
      });
    };
    contents.once('destroyed', closeAll);
    contents.on('render-process-gone', closeAll);
  }
}
