// The folder scheduled backups go to. The user chooses it once in a native dialog; main keeps the
// choice in a small JSON file under userData (the renderer never names a folder), and after each
// scheduled backup prunes the oldest 文枢备份-*.wsbak files there, and never anything else.

import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { BACKUP_FILE_EXTENSION, BACKUP_FILE_PREFIX } from '../shared/ipc';
import { atomicWriteFile } from './atomic-write';

export const BACKUP_FOLDER_FILE = 'backup-folder.json';

export interface BackupFolderStore {
  /** The remembered folder, or null when none was chosen (or the record is unreadable). */
  load(): Promise<string | null>;
  save(folder: string): Promise<void>;
}

const storedChoice = z.object({
  version: z.literal(1),
  folder: z.string().min(1).refine((p) => path.isAbsolute(p), { message: 'not an absolute path' }),
});

/** The choice lives in `<userData>/backup-folder.json`, written atomically. */
export function createBackupFolderStore(userDataDir: () => string): BackupFolderStore {
  const file = () => path.join(userDataDir(), BACKUP_FOLDER_FILE);
  return {
    async load() {
      let text: string;
      try {
        text = await readFile(file(), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      try {
        const parsed = storedChoice.safeParse(JSON.parse(text));
        return parsed.success ? parsed.data.folder : null;
      } catch {
        return null; // a damaged record: as if no folder had been chosen
      }
    },
    async save(folder) {
      await mkdir(userDataDir(), { recursive: true });
      const record: z.infer<typeof storedChoice> = { version: 1, folder };
      await atomicWriteFile(file(), new TextEncoder().encode(`${JSON.stringify(record, null, 2)}\n`));
    },
  };
}

const BACKUP_SUFFIX = `.${BACKUP_FILE_EXTENSION}`;

/** 文枢备份-….wsbak: the only names pruning may ever remove. */
export function isBackupFileName(name: string): boolean {
  return (
    name.length > BACKUP_FILE_PREFIX.length + BACKUP_SUFFIX.length &&
    name.startsWith(BACKUP_FILE_PREFIX) &&
    name.endsWith(BACKUP_SUFFIX)
  );
}

function numberAware(text: string): string[] {
  return text.split(/(\d+)/);
}

/**
 * Oldest first. The names embed the time (文枢备份-YYYYMMDD-HHmmss), so name order is time order;
 * the extension is left out and digit runs compare as numbers, so a same-second second backup
 * (…-HHmmss-2) sorts after …-HHmmss and …-10 after …-9.
 */
export function compareBackupNames(a: string, b: string): number {
  const pa = numberAware(a.slice(0, -BACKUP_SUFFIX.length));
  const pb = numberAware(b.slice(0, -BACKUP_SUFFIX.length));
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    if (x === y) continue;
    if (i % 2 === 1) {
      // digit runs (split puts captures at odd indexes)
      const nx = x.replace(/^0+(?=\d)/, '');
      const ny = y.replace(/^0+(?=\d)/, '');
      if (nx.length !== ny.length) return nx.length - ny.length;
      if (nx !== ny) return nx < ny ? -1 : 1;
      continue;
    }
    return x < y ? -1 : 1;
  }
  if (pa.length !== pb.length) return pa.length - pb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface FolderEntry {
  name: string;
  /** A regular file (not a directory, not a symbolic link). */
  isFile: boolean;
}

export interface PruneFs {
  list(dir: string): Promise<FolderEntry[]>;
  rm(file: string, options: { force: boolean }): Promise<void>;
}

/**
 * Keep the latest `keepLatest` backups in `folder` (the one just written always among them) and
 * remove the older ones. Only regular files named 文枢备份-….wsbak are considered. A file that
 * cannot be removed (in use, read-only) is left alone: the new backup is complete either way.
 * Returns the paths removed.
 */
export async function pruneBackups(
  fs: PruneFs,
  folder: string,
  keepLatest: number,
  justWritten: string,
): Promise<string[]> {
  const writtenName = path.basename(justWritten);
  const others = (await fs.list(folder))
    .filter((entry) => entry.isFile && isBackupFileName(entry.name) && entry.name !== writtenName)
    .map((entry) => entry.name)
    .sort(compareBackupNames)
    .reverse(); // newest first
  const keepOthers = isBackupFileName(writtenName) ? keepLatest - 1 : keepLatest;
  const removed: string[] = [];
  for (const name of others.slice(Math.max(0, keepOthers))) {
    const file = path.join(folder, name);
    try {
      await fs.rm(file, { force: false });
      removed.push(file);
    } catch (error) {
      console.warn('文枢: could not remove an old backup', file, error);
    }
  }
  return removed;
}
