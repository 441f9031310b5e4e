import { authorize } from '../authorize';
import type { WenshuDB } from '../database';
import type { Actor } from '../types';
import { writeWithAudit } from '../write';
import { BACKUP_SETTINGS_KEY, checkPassphrase } from './backup';
import { storedKeyFor, type StoredBackupKey } from './backup-format';
import { RuleError } from '@shared/domain/rule-error';

// The backup schedule and the record of the last backups, kept in the settings table. Backups
// run daily by default once the administrator has chosen a folder and set the passphrase.

export { BACKUP_SETTINGS_KEY };
export const DEFAULT_BACKUP_INTERVAL_DAYS = 1;
export const DEFAULT_BACKUP_KEEP = 10;

export interface BackupRun {
  at: string;
  /** Where the file went (as the platform reports it). */
  path: string;
  records: number;
  kind: '手动' | '定时' | '恢复前';
}

export interface BackupSettings {
  /** Days between scheduled backups; 0 = no schedule. */
  intervalDays: number;
  /** Scheduled backups kept in the folder. */
  keep: number;
  /**
   * The key scheduled backups are encrypted with (the argon2id output, never the passphrase);
   * absent until a passphrase is set. Kept here only where the OS offers no keystore (the web
   * build): this row is sealed under the data key, so it opens only while someone is signed in.
   */
  scheduledKey?: StoredBackupKey;
  /** The same key sealed by the OS keystore (desktop: safeStorage), base64; opens on this PC and OS account only. */
  scheduledKeySealed?: string;
  lastSuccess?: BackupRun;
  lastFailure?: { at: string; message: string };
}

export async function getBackupSettings(db: WenshuDB): Promise<BackupSettings> {
  const v = (await db.settings.get(BACKUP_SETTINGS_KEY))?.value as Partial<BackupSettings> | undefined;
  return { intervalDays: DEFAULT_BACKUP_INTERVAL_DAYS, keep: DEFAULT_BACKUP_KEEP, ...v };
}

/**
 * Saves the schedule; a new passphrase (when given) replaces the stored key of scheduled backups,
 * sealed by `seal` (the OS keystore) where the platform has one.
 */
export async function saveBackupSchedule(
  db: WenshuDB,
  actor: Actor,
  input: { intervalDays: number; keep: number; passphrase?: string },
  now = new Date(),
  seal?: (text: string) => Promise<string>,
): Promise<BackupSettings> {
  actor = await authorize(db, actor, 'settings.manage');
  if (!Number.isInteger(input.intervalDays) || input.intervalDays < 0 || input.intervalDays > 30) throw RuleError.at('intervalDays', '备份间隔应为 0–30 天（0 表示不定时备份）');
  if (!Number.isInteger(input.keep) || input.keep < 1 || input.keep > 365) throw RuleError.at('keep', '保留份数应为 1–365');
  let scheduledKey: StoredBackupKey | undefined;
  if (input.passphrase !== undefined && input.passphrase !== '') {
    try {
      checkPassphrase(input.passphrase);
    } catch (e) {
      throw RuleError.at('passphrase', (e as Error).message);
    }
    scheduledKey = await storedKeyFor(input.passphrase);
  }
  // Without a working keystore the key stays in this row, which is sealed under the data key.
  const sealed = scheduledKey && seal ? await seal(JSON.stringify(scheduledKey)).catch(() => undefined) : undefined;
  return writeWithAudit(db, actor, [db.settings], async (audit) => {
    const before = await getBackupSettings(db);
    const next: BackupSettings = { ...before, intervalDays: input.intervalDays, keep: input.keep };
    if (sealed) {
      next.scheduledKeySealed = sealed;
      delete next.scheduledKey;
    } else if (scheduledKey) {
      next.scheduledKey = scheduledKey;
      delete next.scheduledKeySealed;
    }
    await db.settings.put({ key: BACKUP_SETTINGS_KEY, value: next });
    audit({
      action: '修改备份设置',
      entityType: '设置',
      entityId: BACKUP_SETTINGS_KEY,
      summary: `${input.intervalDays ? `每 ${input.intervalDays} 天定时备份` : '不定时备份'}，保留 ${input.keep} 份${scheduledKey ? `；更换了定时备份口令（密钥${sealed ? '由系统密钥库封存' : '以本机数据密钥加密保存'}）` : ''}`,
    });
    return next;
  }, now);
}

/** Notes a finished or failed backup (not audited: the backup itself is, by writeBackup). */
export async function recordBackupRun(db: WenshuDB, result: { ok: true; run: BackupRun } | { ok: false; at: string; message: string }): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const s = await getBackupSettings(db);
    const next: BackupSettings = result.ok ? { ...s, lastSuccess: result.run } : { ...s, lastFailure: { at: result.at, message: result.message } };
    if (result.ok) delete next.lastFailure;
    await db.settings.put({ key: BACKUP_SETTINGS_KEY, value: next });
  });
}

/** Hours of grace after the scheduled time before 工作台 warns (the PC may have been off overnight). */
const GRACE_HOURS = 12;

/**
 * Whether the last successful backup is older than the schedule allows. Without a schedule, a
 * backup older than 7 days (or none at all) still warns: an office must not run without one.
 */
export function backupOverdue(s: Pick<BackupSettings, 'intervalDays' | 'lastSuccess'>, now: Date): boolean {
  const days = s.intervalDays > 0 ? s.intervalDays : 7;
  if (!s.lastSuccess) return true;
  return now.getTime() - new Date(s.lastSuccess.at).getTime() > days * 86_400_000 + GRACE_HOURS * 3_600_000;
}

/** Whether a scheduled backup should run now (due by the interval, with a key and a schedule). */
export function scheduledBackupDue(s: BackupSettings, now: Date): boolean {
  if (s.intervalDays <= 0 || (!s.scheduledKey && !s.scheduledKeySealed)) return false;
  if (!s.lastSuccess) return true;
  return now.getTime() - new Date(s.lastSuccess.at).getTime() >= s.intervalDays * 86_400_000;
}
