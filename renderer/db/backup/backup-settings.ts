import { z } from 'zod';
import { BACKUP_SETTINGS_KEY, DEFAULT_BACKUP_INTERVAL_DAYS, DEFAULT_BACKUP_KEEP, type BackupRun, type BackupSettings } from '@shared/domain/settings-schemas';
import { RuleError } from '@shared/domain/rule-error';
import { defineCommand } from '../commands/define';
import { runCommand } from '../commands/execute';
import type { WenshuDB } from '../database';
import { getSetting } from '../repositories/settings';
import type { Actor } from '../types';
import { checkPassphrase } from '@shared/backup-format';
import { storedKeyFor, type StoredBackupKey } from '@shared/backup-format';

// The backup schedule and the record of the last backups, kept in the settings table. Backups
// run daily by default once the administrator has chosen a folder and set the passphrase.

export { BACKUP_SETTINGS_KEY, DEFAULT_BACKUP_INTERVAL_DAYS, DEFAULT_BACKUP_KEEP, type BackupRun, type BackupSettings };

/** The schedule, typed (its schema and default: shared/domain/settings-schemas SETTINGS.backup). */
export async function getBackupSettings(db: WenshuDB): Promise<BackupSettings> {
  return getSetting(db, 'backup');
}

const seal = z.custom<(text: string) => Promise<string>>((v) => typeof v === 'function');

/**
 * Saves the schedule; a new passphrase (when given) replaces the stored key of scheduled backups,
 * sealed by `seal` (the OS keystore, a function the UI passes from its Platform) where the
 * platform has one. The key is derived (argon2id) and sealed in prepare(), before the transaction.
 */
export const saveBackupScheduleCommand = defineCommand({
  name: 'backup.settings.save',
  input: z.object({
    intervalDays: z.number().refine((n) => Number.isInteger(n) && n >= 0 && n <= 30, '备份间隔应为 0–30 天（0 表示不定时备份）'),
    keep: z.number().refine((n) => Number.isInteger(n) && n >= 1 && n <= 365, '保留份数应为 1–365'),
    passphrase: z.string().optional(),
    seal: seal.optional(),
  }),
  permission: 'settings.manage',
  tables: ['settings'],
  prepare: async (_db, _actor, input) => {
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
    const sealed = scheduledKey && input.seal ? await input.seal(JSON.stringify(scheduledKey)).catch(() => undefined) : undefined;
    return { scheduledKey, sealed };
  },
  run: async ({ db, put, audit }, input, { scheduledKey, sealed }): Promise<BackupSettings> => {
    const before = await getBackupSettings(db);
    const next: BackupSettings = { ...before, intervalDays: input.intervalDays, keep: input.keep };
    if (sealed) {
      next.scheduledKeySealed = sealed;
      delete next.scheduledKey;
    } else if (scheduledKey) {
      next.scheduledKey = scheduledKey;
      delete next.scheduledKeySealed;
    }
    await put('settings', { key: BACKUP_SETTINGS_KEY, value: next });
    audit({
      action: '修改备份设置',
      entityType: '设置',
      entityId: BACKUP_SETTINGS_KEY,
      summary: `${input.intervalDays ? `每 ${input.intervalDays} 天定时备份` : '不定时备份'}，保留 ${input.keep} 份${scheduledKey ? `；更换了定时备份口令（密钥${sealed ? '由系统密钥库封存' : '以本机数据密钥加密保存'}）` : ''}`,
    });
    return next;
  },
});

export async function saveBackupSchedule(
  db: WenshuDB,
  actor: Actor,
  input: { intervalDays: number; keep: number; passphrase?: string },
  now = new Date(),
  seal?: (text: string) => Promise<string>,
): Promise<BackupSettings> {
  return runCommand(db, actor, saveBackupScheduleCommand, { ...input, ...(seal ? { seal } : {}) }, now);
}

/**
 * A failed backup, noted for 设置 and 工作台 (a scheduled backup that did not run, a file that
 * failed). Audited too: the log shows that the office went without its backup. Allowed while the
 * audit log refuses appends (its entry then waits), so the failure is never lost.
 */
export const backupFailedCommand = defineCommand({
  name: 'backup.fail',
  input: z.object({ at: z.string(), message: z.string() }),
  // Scheduled backups run for whoever is signed in.
  permission: null,
  tables: ['settings'],
  pendingIfRefused: true,
  run: async ({ db, put, audit }, { at, message }) => {
    const s = await getBackupSettings(db);
    await put('settings', { key: BACKUP_SETTINGS_KEY, value: { ...s, lastFailure: { at, message } } });
    audit({ action: '备份失败', entityType: '系统', entityId: 'backup', summary: message });
  },
});

/** Notes a failed backup (a successful one is noted by recordBackup, with its audit entry). */
export async function recordBackupFailure(db: WenshuDB, actor: Actor, failure: { at: string; message: string }, now = new Date()): Promise<void> {
  await runCommand(db, actor, backupFailedCommand, failure, now);
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
