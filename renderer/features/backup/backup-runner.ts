import { writeBackup, type BackupManifest, type BackupSink } from '../../db/backup/backup';
import type { StoredBackupKey } from '../../db/backup/backup-format';
import { getBackupSettings, recordBackupRun, scheduledBackupDue, type BackupRun } from '../../db/backup/backup-settings';
import { openBackup, restoreBackup, type OpenedBackup, type RestoreResult } from '../../db/backup/restore';
import type { WenshuDB } from '../../db/database';
import type { Actor } from '../../db/types';
import { BACKUP_FILE_EXTENSION, BACKUP_FILE_PREFIX, type Platform, type WriteStreamRequest } from '../../platform/types';

// Backups as files: the database side (renderer/db/backup) writes frames to a sink; here the
// sink is a file the platform writes a piece at a time, named so the folder sorts by time.

export const BACKUP_FILTERS = [{ name: '文枢备份', extensions: [BACKUP_FILE_EXTENSION] }];

const pad = (n: number) => String(n).padStart(2, '0');

/** 文枢备份-20261201-093000.wsbak (local time); a safety copy before a restore is 文枢恢复前备份-…, never pruned. */
export function backupFileName(now: Date, safety = false): string {
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `${safety ? '文枢恢复前备份-' : BACKUP_FILE_PREFIX}${stamp}.${BACKUP_FILE_EXTENSION}`;
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

/**
 * One backup: 手动 asks where to save (with the passphrase just typed); 定时 goes to the backup
 * folder under the stored key and keeps the latest `keep` there. Failures are recorded for 设置.
 */
export async function runBackup(db: WenshuDB, actor: Actor, platform: Platform, how: { kind: '手动'; passphrase: string } | { kind: '定时'; key: StoredBackupKey; keep: number }, now = new Date()): Promise<BackupOutcome> {
  const file = await openFileSink(platform, { suggestedName: backupFileName(now), filters: BACKUP_FILTERS, target: how.kind === '定时' ? 'backupFolder' : 'dialog' });
  if (!file) return { done: false, reason: how.kind === '定时' ? 'noFolder' : 'cancelled' };
  try {
    const manifest = await writeBackup(db, actor, how.kind === '定时' ? how.key : how.passphrase, file.sink, now, { purpose: how.kind === '定时' ? '定时备份' : '手动备份' });
    const path = await file.finish(how.kind === '定时' ? how.keep : undefined);
    const run: BackupRun = { at: now.toISOString(), path, records: Object.values(manifest.counts).reduce((a, b) => a + b, 0), kind: how.kind };
    await recordBackupRun(db, { ok: true, run });
    return { done: true, run, manifest };
  } catch (e) {
    await file.abort().catch(() => undefined);
    await recordBackupRun(db, { ok: false, at: now.toISOString(), message: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}

export { openBackup };

/**
 * Restore with a safety backup of the current data written first: into the backup folder when
 * one is set, else where the user picks. Without a safety copy there is no restore.
 */
export async function runRestore(db: WenshuDB, actor: Actor, platform: Platform, opened: OpenedBackup, passphrase: string, now = new Date()): Promise<(RestoreResult & { safetyPath: string }) | { cancelled: true }> {
  const folder = await platform.backupFolder();
  const file = await openFileSink(platform, { suggestedName: backupFileName(now, true), filters: BACKUP_FILTERS, target: folder ? 'backupFolder' : 'dialog' });
  if (!file) return { cancelled: true };
  try {
    const result = await restoreBackup(db, actor, opened, passphrase, file.sink, now);
    const safetyPath = await file.finish();
    await recordBackupRun(db, { ok: true, run: { at: now.toISOString(), path: safetyPath, records: 0, kind: '恢复前' } }).catch(() => undefined);
    return { ...result, safetyPath };
  } catch (e) {
    await file.abort().catch(() => undefined);
    throw e;
  }
}

let running = false;

/** The scheduled backup, if due: run by the app shell on start and every half hour. */
export async function scheduledBackupIfDue(db: WenshuDB, actor: Actor, platform: Platform, now = new Date()): Promise<BackupOutcome | null> {
  if (running) return null;
  const s = await getBackupSettings(db);
  if (!scheduledBackupDue(s, now) || !s.scheduledKey) return null;
  if (!(await platform.backupFolder())) return null;
  running = true;
  try {
    return await runBackup(db, actor, platform, { kind: '定时', key: s.scheduledKey, keep: s.keep }, now);
  } finally {
    running = false;
  }
}
