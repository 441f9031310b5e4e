import { describe, expect, test } from 'vitest';
import { concat } from '@shared/backup-format';
import { backupOverdue, getBackupSettings, saveBackupSchedule, scheduledBackupDue } from '../../../../renderer/db/backup/backup-settings';
import { openBackup } from '../../../../renderer/db/backup/restore';
import { backupFileName, runBackup, runRestore, scheduledBackupIfDue } from '../../../../renderer/features/backup/backup-runner';
import type { Platform, WriteStreamRequest } from '../../../../renderer/platform/types';
import { WenshuDB } from '../../../../renderer/db/database';
import { freshDb, setUpOffice, staffedOffice } from '../../db/helpers';

// Backups through the platform: files begun, appended, finished or aborted; the schedule; the
// warning rule; restore writing its safety copy first.

const PASS = '备份口令-2026-冬';

/** A platform whose files live in memory; `folder` null = no backup folder chosen. */
function fakePlatform(folder: string | null = 'D:\\备份') {
  const sealedByKeystore = new Map<string, string>();
  const files = new Map<string, Uint8Array>();
  const open = new Map<string, { req: WriteStreamRequest; parts: Uint8Array[] }>();
  const log: string[] = [];
  let n = 0;
  const p: Platform = {
    canMakePdf: true,
    canChooseFolder: true,
    canTellPrintCancelled: true,
    auditAnchor: null,
    lan: null,
    // The OS keystore, faked: opens only what it sealed (as safeStorage opens only on this PC).
    secrets: {
      seal: async (text) => {
        const id = `k${sealedByKeystore.size}`;
        sealedByKeystore.set(id, text);
        return btoa(id);
      },
      open: async (sealed) => {
        const text = sealedByKeystore.get(atob(sealed));
        if (text === undefined) throw new Error('无法解封');
        return text;
      },
    },
    saveFile: async () => ({ saved: false }),
    openFile: async () => null,
    openFileForReading: async () => null,
    printToPdf: async () => ({ kind: 'cancelled' }),
    print: async () => ({ kind: 'printed' }),
    chooseBackupFolder: async () => ({ chosen: false, reason: 'cancelled' }),
    backupFolder: async () => folder,
    beginWrite: async (req) => {
      if (req.target === 'backupFolder' && !folder) return { started: false, reason: 'noFolder' };
      const handle = `h${++n}`;
      open.set(handle, { req, parts: [] });
      log.push(`begin ${req.target} ${req.suggestedName}`);
      return { started: true, handle, path: req.suggestedName };
    },
    appendWrite: async (handle, data) => {
      open.get(handle)!.parts.push(data.slice());
    },
    finishWrite: async (handle, keep) => {
      const f = open.get(handle)!;
      open.delete(handle);
      files.set(f.req.suggestedName, concat(f.parts));
      log.push(`finish ${f.req.suggestedName}${keep ? ` keep ${keep}` : ''}`);
      return { path: `${f.req.target === 'backupFolder' ? `${folder}\\` : ''}${f.req.suggestedName}`, removed: [] };
    },
    abortWrite: async (handle) => {
      log.push(`abort ${open.get(handle)?.req.suggestedName}`);
      open.delete(handle);
    },
  };
  return { platform: p, files, open, log };
}

describe('backup files through the platform', { timeout: 60_000 }, () => {
  test('a manual backup is one finished file named by the local time, recorded as the last success', async () => {
    const { db, admin } = await staffedOffice();
    const fake = fakePlatform();
    const now = new Date(2026, 11, 1, 9, 30, 5);
    const r = await runBackup(db, admin, fake.platform, { kind: '手动', passphrase: PASS }, now);
    expect(r.done).toBe(true);
    expect(fake.log).toEqual(['begin dialog 文枢手动备份-20261201-093005.wsbak', 'finish 文枢手动备份-20261201-093005.wsbak']);
    // Logged once the file is complete, naming it.
    expect((await db.auditLog.orderBy('seq').last())?.summary).toContain('手动备份：');
    expect((await db.auditLog.orderBy('seq').last())?.summary).toContain('文枢手动备份-20261201-093005.wsbak');
    const opened = await openBackup(fake.files.get('文枢手动备份-20261201-093005.wsbak')!, PASS);
    expect(opened.manifest.counts.users).toBe(5);
    expect((await getBackupSettings(db)).lastSuccess).toMatchObject({ at: now.toISOString(), kind: '手动', path: '文枢手动备份-20261201-093005.wsbak' });
  });

  test('a failing backup aborts its file and records the failure', async () => {
    const { db, admin } = await staffedOffice();
    const fake = fakePlatform();
    await expect(runBackup(db, admin, fake.platform, { kind: '手动', passphrase: 'short' })).rejects.toThrow('备份口令至少 8 个字符');
    expect(fake.files.size).toBe(0);
    expect(fake.open.size).toBe(0);
    expect(fake.log.at(-1)).toMatch(/^abort /);
    expect((await getBackupSettings(db)).lastFailure?.message).toBe('备份口令至少 8 个字符');
  });

  test('scheduled: due once a day with a key and a folder, kept to the latest N, run for whoever is signed in', async () => {
    const { db, admin, clerk } = await staffedOffice();
    const fake = fakePlatform();
    const t0 = new Date(2026, 11, 1, 9, 0);
    // No key yet: nothing runs.
    expect(await scheduledBackupIfDue(db, clerk, fake.platform, t0)).toBeNull();
    await saveBackupSchedule(db, admin, { intervalDays: 1, keep: 7, passphrase: PASS }, t0);
    const first = await scheduledBackupIfDue(db, clerk, fake.platform, t0);
    expect(first).toMatchObject({ done: true, run: { kind: '定时', path: 'D:\\备份\\文枢备份-20261201-090000.wsbak' } });
    expect(fake.log.at(-1)).toBe('finish 文枢备份-20261201-090000.wsbak keep 7');
    // Not again the same day; again 24 hours later. The file opens with the passphrase.
    expect(await scheduledBackupIfDue(db, clerk, fake.platform, new Date(2026, 11, 1, 17, 0))).toBeNull();
    expect(await scheduledBackupIfDue(db, clerk, fake.platform, new Date(2026, 11, 2, 9, 0))).toMatchObject({ done: true });
    expect((await openBackup(fake.files.get('文枢备份-20261202-090000.wsbak')!, PASS)).manifest.createdBy).toBe('clerk');
    // Without a folder (the browser build), nothing is written and 设置 says why.
    expect(await scheduledBackupIfDue(db, clerk, fakePlatform(null).platform, new Date(2026, 11, 9, 9, 0))).toEqual({ done: false, reason: 'noFolder' });
    expect((await getBackupSettings(db)).lastFailure?.message).toBe('未选择备份文件夹，定时备份没有运行');
  });

  test('restore writes the safety copy first (into the backup folder) and keeps it', async () => {
    const source = await staffedOffice();
    const fake = fakePlatform();
    await runBackup(source.db, source.admin, fake.platform, { kind: '手动', passphrase: PASS }, new Date(2026, 11, 1, 9, 0));
    const file = fake.files.get('文枢手动备份-20261201-090000.wsbak')!;

    const db = freshDb();
    const admin = await setUpOffice(db);
    // The safety copy is finished while the old data (one account) is still there.
    const finish = fake.platform.finishWrite;
    fake.platform.finishWrite = async (handle, keep) => {
      expect(await db.users.count()).toBe(1);
      return finish(handle, keep);
    };
    const r = await runRestore(db, admin, fake.platform, await openBackup(file, PASS), PASS, new Date(2026, 11, 1, 10, 0));
    expect(r).toMatchObject({ safetyPath: 'D:\\备份\\文枢恢复前备份-20261201-100000.wsbak' });
    expect((await openBackup(fake.files.get('文枢恢复前备份-20261201-100000.wsbak')!, PASS)).manifest.counts.users).toBe(1);
    expect(await new WenshuDB((r as { database: string }).database).users.count()).toBe(5);
  });
});

describe('the schedule and the warning', { timeout: 60_000 }, () => {
  test('backupOverdue: never backed up, or older than the interval plus 12 hours (7 days without a schedule)', () => {
    const at = (d: number, h = 0) => new Date(2026, 11, d, h).toISOString();
    const now = new Date(2026, 11, 10, 12);
    expect(backupOverdue({ intervalDays: 1 }, now)).toBe(true);
    expect(backupOverdue({ intervalDays: 1, lastSuccess: { at: at(9, 1), path: '', records: 0, kind: '定时' } }, now)).toBe(false);
    expect(backupOverdue({ intervalDays: 1, lastSuccess: { at: at(8, 23), path: '', records: 0, kind: '定时' } }, now)).toBe(true);
    expect(backupOverdue({ intervalDays: 0, lastSuccess: { at: at(4, 0), path: '', records: 0, kind: '手动' } }, now)).toBe(false);
    expect(backupOverdue({ intervalDays: 0, lastSuccess: { at: at(2, 0), path: '', records: 0, kind: '手动' } }, now)).toBe(true);
  });

  test('scheduledBackupDue needs a schedule and a key', () => {
    const now = new Date(2026, 11, 10, 12);
    const key = { kdf: { alg: 'argon2id' as const, memorySize: 8, iterations: 1, parallelism: 1, salt: '' }, key: '' };
    expect(scheduledBackupDue({ intervalDays: 1, keep: 10 }, now)).toBe(false);
    expect(scheduledBackupDue({ intervalDays: 0, keep: 10, scheduledKey: key }, now)).toBe(false);
    expect(scheduledBackupDue({ intervalDays: 1, keep: 10, scheduledKey: key }, now)).toBe(true);
    expect(scheduledBackupDue({ intervalDays: 2, keep: 10, scheduledKey: key, lastSuccess: { at: new Date(2026, 11, 9, 12).toISOString(), path: '', records: 0, kind: '定时' } }, now)).toBe(false);
  });

  test('saveBackupSchedule refuses bad values beside the field and keeps the old key when no passphrase is given', async () => {
    const { db, admin, clerk } = await staffedOffice();
    await expect(saveBackupSchedule(db, admin, { intervalDays: 31, keep: 10 })).rejects.toMatchObject({ field: 'intervalDays' });
    await expect(saveBackupSchedule(db, admin, { intervalDays: 1, keep: 0 })).rejects.toMatchObject({ field: 'keep' });
    await expect(saveBackupSchedule(db, admin, { intervalDays: 1, keep: 10, passphrase: 'short' })).rejects.toMatchObject({ field: 'passphrase' });
    await expect(saveBackupSchedule(db, clerk, { intervalDays: 1, keep: 10 })).rejects.toThrow('没有权限');
    const withKey = await saveBackupSchedule(db, admin, { intervalDays: 1, keep: 10, passphrase: PASS });
    const again = await saveBackupSchedule(db, admin, { intervalDays: 2, keep: 5 });
    expect(again.scheduledKey).toEqual(withKey.scheduledKey);
    expect(JSON.stringify(await db.settings.toArray())).not.toContain(PASS);
    expect(backupFileName(new Date(2026, 0, 2, 3, 4, 5))).toBe('文枢备份-20260102-030405.wsbak');
  });

  test('on the desktop the scheduled-backup key is sealed by the OS keystore: the settings row holds no key, the scheduled run opens it, another PC cannot', async () => {
    const { db, admin } = await staffedOffice();
    const fake = fakePlatform();
    const secrets = fake.platform.secrets!;
    const saved = await saveBackupSchedule(db, admin, { intervalDays: 1, keep: 3, passphrase: PASS }, new Date(), (t) => secrets.seal(t));
    expect(saved.scheduledKey).toBeUndefined();
    expect(saved.scheduledKeySealed).toMatch(/^[A-Za-z0-9+/=]+$/);
    const row = JSON.stringify((await db.settings.get('backup'))!.value);
    expect(row).not.toContain('"key"');
    const sealedKey = JSON.parse(await secrets.open(saved.scheduledKeySealed!)) as { key: string };
    expect(row).not.toContain(sealedKey.key);
    const now = new Date(2026, 11, 1, 9, 0, 0);
    const r = await scheduledBackupIfDue(db, admin, fake.platform, now);
    expect(r).toMatchObject({ done: true });
    // The file opens with the passphrase: the sealed key is the one the passphrase made.
    const file = [...fake.files.values()][0]!;
    expect((await openBackup(file, PASS)).manifest.counts.users).toBeGreaterThan(0);
    // A copy of this database on another PC: its keystore cannot open the key; the failure is recorded.
    const elsewhere = fakePlatform();
    await expect(scheduledBackupIfDue(db, admin, elsewhere.platform, new Date(2026, 11, 3, 9))).rejects.toThrow('无法解封');
    expect((await getBackupSettings(db)).lastFailure?.message).toContain('无法解封');
  });
});
