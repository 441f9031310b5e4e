// Files written a piece at a time (backups: 100,000 records never sit in memory together).
// beginWrite opens `<final>.partial-<random>` beside the destination; appendWrite adds to it;
// finishWrite fsyncs, closes and renames it into place, so the destination is either absent (or
// the old file) or complete; abortWrite, a failed write, or the window going away deletes it.
// Handles are random UUIDs, each valid only for the webContents that began it.

import { randomBytes, randomUUID } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import path from 'node:path';
import type { WebContents } from 'electron';
import { nodeFs, syncDirectory, type AtomicFileHandle, type AtomicWriteFs } from './atomic-write';
import { pruneBackups, type FolderEntry, type PruneFs } from './backup-folder';
import { IpcRefusedError } from './ipc-errors';

/** The file operations a streamed write needs; tests substitute failing ones. */
export interface WriteStreamFs extends AtomicWriteFs, PruneFs {
  /** True when anything (file, folder, link) has this name. */
  exists(file: string): Promise<boolean>;
  isDirectory(dir: string): Promise<boolean>;
}

export const nodeWriteStreamFs: WriteStreamFs = {
  ...nodeFs,
  async list(dir): Promise<FolderEntry[]> {
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    return entries.map((entry) => ({ name: entry.name, isFile: entry.isFile() }));
  },
  async exists(file) {
    try {
      await fsp.lstat(file);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  },
  async isDirectory(dir) {
    try {
      return (await fsp.stat(dir)).isDirectory();
    } catch {
      return false;
    }
  },
};

export type WriteTarget = 'dialog' | 'backupFolder';

/** Open streamed writes one window may hold at once (each holds a file descriptor). */
export const MAX_OPEN_WRITES_PER_WINDOW = 16;

interface OpenWrite {
  readonly contents: WebContents;
  readonly target: WriteTarget;
  readonly partial: string;
  /** Where finish renames the partial file to (a backup-folder name may still move on at finish). */
  final: string;
  file: AtomicFileHandle | null;
  state: 'open' | 'failed' | 'done';
  /** Operations on one file run one after another, in the order they were asked for. */
  queue: Promise<unknown>;
}

function partialPathFor(final: string): string {
  return `${final}.partial-${randomBytes(6).toString('hex')}`;
}

/** name.ext → name-2.ext, name-3.ext, … (a name without an extension just gets the suffix). */
function numberedName(name: string, n: number): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)}-${n}${name.slice(dot)}` : `${name}-${n}`;
}

export class WriteStreams {
  private readonly writes = new Map<string, OpenWrite>();
  private readonly watched = new WeakSet<WebContents>();

  constructor(private readonly fs: WriteStreamFs = nodeWriteStreamFs) {}

  /** How many writes are open (for tests and diagnostics). */
  get openCount(): number {
    return this.writes.size;
  }

  /**
   * `name` in `folder`, or name-2, name-3, … when something already has that name there (on
   * disk, or an unfinished write headed for it).
   */
  async freeName(folder: string, name: string, except?: OpenWrite): Promise<string> {
    for (let n = 1; n <= 1000; n++) {
      const candidate = path.join(folder, n === 1 ? name : numberedName(name, n));
      const reserved = [...this.writes.values()].some(
        (w) => w !== except && w.state === 'open' && w.final === candidate,
      );
      if (!reserved && !(await this.fs.exists(candidate))) return candidate;
    }
    throw new Error(`备份文件夹中同名文件过多 (too many files named ${name})`);
  }

  /** Starts a write into the backup folder under a name not yet taken there. */
  async beginInFolder(contents: WebContents, folder: string, name: string) {
    if (!(await this.fs.isDirectory(folder))) {
      throw new Error(`备份文件夹不存在或无法访问：${folder}`);
    }
    return this.begin(contents, await this.freeName(folder, name), 'backupFolder');
  }

  /** Starts a write to `final` (a path the user chose, or one freeName found). */
  async begin(
    contents: WebContents,
    final: string,
    target: WriteTarget,
  ): Promise<{ handle: string; path: string }> {
    const mine = [...this.writes.values()].filter((w) => w.contents === contents).length;
    if (mine >= MAX_OPEN_WRITES_PER_WINDOW) {
      throw new IpcRefusedError('IPC refused: too many files open for writing');
    }
    const partial = partialPathFor(final);
    // 'ax': created here and now (never an existing file), every write goes to its end.
    const file = await this.fs.open(partial, 'ax', 0o666);
    const handle = randomUUID();
    this.writes.set(handle, {
      contents,
      target,
      partial,
      final,
      file,
      state: 'open',
      queue: Promise.resolve(),
    });
    this.watch(contents);
    return { handle, path: final };
  }

  append(contents: WebContents, handle: string, data: Uint8Array): Promise<void> {
    const write = this.lookup(contents, handle);
    return this.run(write, async () => {
      const file = this.assertOpen(write);
      try {
        await file.writeFile(data);
      } catch (error) {
        await this.fail(write);
        throw error;
      }
    });
  }

  finish(
    contents: WebContents,
    handle: string,
    keepLatest?: number,
  ): Promise<{ path: string; removed: string[] }> {
    const write = this.lookup(contents, handle);
    return this.run(write, async () => {
      const file = this.assertOpen(write);
      try {
        await file.sync(); // the bytes are on disk before the name points at them
        await file.close();
        write.file = null;
        if (write.target === 'backupFolder' && (await this.fs.exists(write.final))) {
          // Something took the name since begin: never overwrite a backup, take the next name.
          write.final = await this.freeName(path.dirname(write.final), path.basename(write.final), write);
        }
        await this.fs.rename(write.partial, write.final);
      } catch (error) {
        await this.fail(write);
        throw error;
      }
      write.state = 'done';
      this.writes.delete(handle);
      const folder = path.dirname(write.final);
      await syncDirectory(folder);
      const removed =
        keepLatest !== undefined && write.target === 'backupFolder'
          ? await pruneBackups(this.fs, folder, keepLatest, write.final)
          : [];
      return { path: write.final, removed };
    });
  }

  /** Drops an unfinished write and its partial file. Aborting after a failed write is a no-op. */
  abort(contents: WebContents, handle: string): Promise<void> {
    const write = this.lookup(contents, handle);
    this.writes.delete(handle);
    return this.run(write, async () => {
      if (write.state === 'open') await this.discard(write);
      write.state = 'done';
    });
  }

  /** Drops every unfinished write of a webContents (its window closed or crashed). */
  async abortAllOf(contents: WebContents): Promise<void> {
    const handles = [...this.writes].filter(([, w]) => w.contents === contents).map(([h]) => h);
    await Promise.all(handles.map((handle) => this.abort(contents, handle)));
  }

  private watch(contents: WebContents): void {
    if (this.watched.has(contents)) return;
    this.watched.add(contents);
    const dropAll = () => {
      this.abortAllOf(contents).catch((error: unknown) => {
        console.warn('文枢: could not clean up unfinished files', error);
      });
    };
    // Closed, or crashed (a reloaded page no longer knows its handles either way).
    contents.once('destroyed', dropAll);
    contents.on('render-process-gone', dropAll);
  }

  private lookup(contents: WebContents, handle: string): OpenWrite {
    const write = this.writes.get(handle);
    if (write === undefined) throw new IpcRefusedError('IPC refused: unknown write handle');
    if (write.contents !== contents) {
      throw new IpcRefusedError('IPC refused: the write handle belongs to another window');
    }
    return write;
  }

  private assertOpen(write: OpenWrite): AtomicFileHandle {
    if (write.state === 'done') throw new Error('文件已完成或已放弃 (the write has ended)');
    if (write.state === 'failed' || write.file === null) {
      throw new Error('写入文件失败，请重新开始 (the write already failed)');
    }
    return write.file;
  }

  private run<T>(write: OpenWrite, operation: () => Promise<T>): Promise<T> {
    const result = write.queue.then(operation);
    write.queue = result.catch(() => undefined);
    return result;
  }

  /** After a failure: nothing half-written stays on disk; the handle stays until aborted. */
  private async fail(write: OpenWrite): Promise<void> {
    await this.discard(write);
    write.state = 'failed';
  }

  private async discard(write: OpenWrite): Promise<void> {
    if (write.file) {
      const file = write.file;
      write.file = null;
      await file.close().catch(() => undefined);
    }
    await this.fs.rm(write.partial, { force: true }).catch(() => undefined);
  }
}
