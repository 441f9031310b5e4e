import { fileNameStamp } from '@shared/domain/dates';
import { recordBackup, recordCount, writeBackup, type BackupManifest, type BackupSink } from '../../db/backup/backup';
import type { StoredBackupKey } from '@shared/backup-format';
import { getBackupSettings, recordBackupFailure, scheduledBackupDue, type BackupRun } from '../../db/backup/backup-settings';
import { openBackup, restoreBackup, type OpenedBackup, type RestoreOptions, type RestoreResult } from '../../db/backup/restore';
import type { WenshuDB } from '../../db/database';
import type { Actor } from '../../db/types';
import { BACKUP_FILE_EXTENSION, BACKUP_FILE_PREFIX, type Platform, type WriteStreamRequest } from '../../platform/types';

// Backups as files: the database side (renderer/db/backup) writes frames to a sink; here the
// sink is a file the platform writes a piece at a time, named so the folder sorts by time.

export const BACKUP_FILTERS = [{ name: '文枢备份', extensions: [BACKUP_FILE_EXTENSION] }];


/**
 * 文枢备份-20261201-093000.wsbak for scheduled backups (the only names the backup folder's
 * pruning removes); 文枢手动备份-… for one made by hand and 文枢恢复前备份-… for the safety copy
 * before a restore, never pruned.
 */
export function backupFileName(now: Date, kind: '定时' | '手动' | '恢复前' = '定时'): string {
  const stamp = fileNameStamp(now);
  const prefix = kind === '定时' ? BACKUP_FILE_PREFIX : kind === '手动' ? '文枢手动备份-' : '文枢恢复前备份-';
  return `${prefix}${stamp}.${BACKUP_FILE_EXTENSION}`;
}

/**
 * One backup or restore at a time, across windows where the platform has Web Locks (Chromium,
 * Electron): a scheduled backup never runs in the middle of a restore, nor two at once.
 */
async function exclusively<T>(work: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? ((await locks.request('wenshu-backup', work)) as T) : work();
}

/** A file opened through the platform; null when the user cancelled or there is no backup folder. */
async function openFileSink(platform: Platform, req: WriteStreamRequest): Promise<{ sink: BackupSink; finish(keep?: number): Promise<string>; abort(): Promise<void> } | null> {
  const start = await platform.beginWrite(req);
  if (!start.started) return null;
  const { handle } = start;
  return {
    sink: { write: (bytes) => platform.appendWrite(handle, bytes) },
    finish: async (keep) => (await platform.finishWrite(handle, keep)).path,
    abort: () => platform.abortWrite(handle),
  };
}

export type BackupOutcome = { done: true; run: BackupRun; manifest: BackupManifest } | { done: false; reason: 'cancelled' | 'noFolder' };

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Notes a failed backup. Best effort: when even the note cannot be written (the account was just
 * disabled, say), the backup's own error is the one the caller sees.
 */
async function noteFailure(db: WenshuDB, actor: Actor, failure: { at: string; message: string }, now: Date): Promise<void> {
  await recordBackupFailure(db, actor, failure, now).catch(() => undefined);
}

/**
 * One backup: 手动 asks where to save (with the passphrase just typed); 定时 goes to the backup
 * folder under the stored key and keeps the latest `keep` there. Logged once the file is
 * complete; a failure (a vanished folder included) is recorded for 设置 and 工作台.
 */
export function runBackup(db: WenshuDB, actor: Actor, platform: Platform, how: { kind: '手动'; passphrase: string } | { kind: '定时'; key: StoredBackupKey; keep: number }, now = new Date()): Promise<BackupOutcome> {
  return exclusively(async () => {
    let file: Awaited<ReturnType<typeof openFileSink>> = null;
    try {
      file = await openFileSink(platform, { suggestedName: backupFileName(now, how.kind), filters: BACKUP_FILTERS, target: how.kind === '定时' ? 'backupFolder' : 'dialog' });
      if (!file) {
        if (how.kind === '定时') await noteFailure(db, actor, { at: now.toISOString(), message: '未选择备份文件夹，定时备份没有运行' }, now);
        return { done: false, reason: how.kind === '定时' ? 'noFolder' : 'cancelled' };
      }
      const manifest = await writeBackup(db, actor, how.kind === '定时' ? how.key : how.passphrase, file.sink, now);
      const path = await file.finish(how.kind === '定时' ? how.keep : undefined);
      file = null; // finished: nothing to abort any more
      const run: BackupRun = { at: now.toISOString(), path, records: recordCount(manifest.counts), kind: how.kind };
      await recordBackup(db, actor, manifest, how.kind === '定时' ? '定时备份' : '手动备份', run, now);
      return { done: true, run, manifest };
    } catch (e) {
      if (file) await file.abort().catch(() => undefined);
      await noteFailure(db, actor, { at: now.toISOString(), message: messageOf(e) }, now);
      throw e;
    }
  });
}

export { openBackup };

/**
 * Restore, with a safety backup of the current data written and finished first: into the
 * backup folder when one is set, else where the user picks. Without a safety copy there is no
 * restore. `options`: the progress bar and 取消 (restoreBackup).
 */
export function runRestore(db: WenshuDB, actor: Actor, platform: Platform, opened: OpenedBackup, passphrase: string, now = new Date(), options: RestoreOptions = {}): Promise<RestoreResult | { cancelled: true }> {
  return exclusively(async () => {
    const folder = await platform.backupFolder();
    const file = await openFileSink(platform, { suggestedName: backupFileName(now, '恢复前'), filters: BACKUP_FILTERS, target: folder ? 'backupFolder' : 'dialog' });
    if (!file) return { cancelled: true };
    let finished = false;
    try {
      return await restoreBackup(db, actor, opened, passphrase, {
        sink: file.sink,
        finish: async () => {
          const path = await file.finish();
          finished = true;
          return path;
        },
      }, now, options);
    } catch (e) {
      // A finished safety copy is kept: it is a complete backup of the data as it still is.
      if (!finished) await file.abort().catch(() => undefined);
      throw e;
    }
  });
}

let running = false;

/** The scheduled-backup key sealed by the OS keystore; a key that does not open is a failed backup. */
async function openSealedKey(platform: Platform, sealed: string): Promise<StoredBackupKey> {
  if (!platform.secrets) throw new Error('此电脑无法解封定时备份密钥，请在“设置 → 备份与恢复”中重新设置定时备份口令');
  return JSON.parse(await platform.secrets.open(sealed)) as StoredBackupKey;
}

/** The scheduled backup, if due: run by the app shell on start and every half hour. */
export async function scheduledBackupIfDue(db: WenshuDB, actor: Actor, platform: Platform, now = new Date()): Promise<BackupOutcome | null> {
  if (running) return null;
  const s = await getBackupSettings(db);
  if (!scheduledBackupDue(s, now)) return null;
  running = true;
  try {
    let key: StoredBackupKey | undefined;
    try {
      key = s.scheduledKeySealed ? await openSealedKey(platform, s.scheduledKeySealed) : s.scheduledKey;
    } catch (e) {
      // Shown in 设置 and on 工作台 like any failed backup.
      await noteFailure(db, actor, { at: now.toISOString(), message: messageOf(e) }, now);
      throw e;
    }
    if (!key) return null;
    return await runBackup(db, actor, platform, { kind: '定时', key, keep: s.keep }, now);
  } finally {
    running = false;
  }
}
