import Dexie from 'dexie';
import { appendAudit, AUDIT_HEAD_KEY, verifyAuditChain, type AuditHead } from '../audit';
import { authorize } from '../authorize';
import { WenshuDB } from '../database';
import { RuleError } from '../errors';
import { CURRENT_SCHEMA_VERSION } from '../schema';
import type { Actor } from '../types';
import { BACKUP_SETTINGS_KEY, writeBackup, type BackupFrame, type BackupManifest, type BackupSink, type BackupStart } from './backup';
import { BackupFileError, decodeFrame, deriveKey, parseBackup, type ParsedBackup } from './backup-format';

// 恢复 (issue #6). Nothing touches the current data until the backup has been read in full,
// migrated to this version and checked: the rows go first into a scratch database opened at the
// backup's own schema version, which is then upgraded by the normal migrations, counted and its
// audit chain verified. Only then is a safety backup of the current data written and the
// current tables replaced, all in ONE transaction: either every table is the backup's or none is.

export interface OpenedBackup {
  manifest: BackupManifest;
  start: BackupStart;
  bytes: Uint8Array;
  parsed: ParsedBackup;
  key: CryptoKey;
}

/** Checks the file and the passphrase and returns the manifest to show before restoring. */
export async function openBackup(bytes: Uint8Array, passphrase: string): Promise<OpenedBackup> {
  const parsed = parseBackup(bytes);
  const key = await deriveKey(passphrase, parsed.header.kdf);
  const start = await decodeFrame<BackupFrame>(bytes, parsed, key, 0);
  const manifest = await decodeFrame<BackupFrame>(bytes, parsed, key, parsed.frames.length - 1);
  if (start.kind !== 'start' || manifest.kind !== 'manifest' || start.app !== 'wenshu') throw new BackupFileError('这不是文枢备份文件');
  if (manifest.schemaVersion > CURRENT_SCHEMA_VERSION) {
    throw new BackupFileError(`此备份由较新版本的文枢（${manifest.appVersion}，数据版本 ${manifest.schemaVersion}）生成，本程序的数据版本为 ${CURRENT_SCHEMA_VERSION}，请先升级文枢再恢复`);
  }
  return { manifest, start, bytes, parsed, key };
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** Records per table after restoring (after migrating an older backup). */
  counts: Record<string, number>;
  /** Where the safety backup of the replaced data went. */
  safetyPath: string;
}

/** The safety backup's file: written, then finished (on disk, in place) before anything is replaced. */
export interface SafetyFile {
  sink: BackupSink;
  finish(): Promise<string>;
}

/** Scratch databases of restores are named so; one left by a crash is removed at the next start. */
export const RESTORE_SCRATCH_PREFIX = '-restore-';

/**
 * Restores `opened` over `db`. `safety` receives a full backup of the current data (under the
 * same passphrase), finished before anything is replaced. Refusals (a damaged frame, wrong
 * counts, a broken audit chain, a safety file that cannot be written) leave the current data
 * exactly as it was; the replacement and its audit entry are one transaction.
 */
export async function restoreBackup(db: WenshuDB, actor: Actor, opened: OpenedBackup, passphrase: string, safety: SafetyFile, now = new Date()): Promise<RestoreResult> {
  actor = await authorize(db, actor, 'settings.manage');
  const { manifest, start, bytes, parsed, key } = opened;
  if (start.schemaVersion !== manifest.schemaVersion || start.createdAt !== manifest.createdAt) throw new BackupFileError('备份文件内容不完整或已被改动，不能恢复');
  const scratchName = `${db.name}${RESTORE_SCRATCH_PREFIX}${crypto.randomUUID()}`;
  let scratch = new WenshuDB(scratchName, start.schemaVersion);
  try {
    // 1. The rows into a scratch database at the backup's schema version.
    await scratch.open();
    const seen: Record<string, number> = {};
    for (let i = 1; i < parsed.frames.length - 1; i++) {
      const f = await decodeFrame<BackupFrame>(bytes, parsed, key, i);
      if (f.kind !== 'rows' || !scratch.tables.some((t) => t.name === f.table)) throw new BackupFileError('备份文件内容不完整或已被改动，不能恢复');
      await scratch.table(f.table).bulkAdd(f.rows);
      seen[f.table] = (seen[f.table] ?? 0) + f.rows.length;
    }
    for (const [table, n] of Object.entries(manifest.counts)) {
      if ((seen[table] ?? 0) !== n) throw new BackupFileError(`备份文件内容不完整：${TABLE_LABELS[table] ?? table}应有 ${n} 条，实有 ${seen[table] ?? 0} 条`);
    }
    // 2. Migrated to this version by the normal upgrade path, then checked.
    scratch.close();
    scratch = new WenshuDB(scratchName);
    await scratch.open();
    const chain = await verifyAuditChain(scratch);
    if (!chain.ok) throw new BackupFileError(`备份中的审计日志校验不通过（${chain.reason}），不能恢复`);
    if (chain.headHash !== manifest.auditHead.hash) throw new BackupFileError('备份中的审计日志与清单不符，不能恢复');
    const counts: Record<string, number> = {};
    for (const t of scratch.tables) counts[t.name] = await t.count();

    // 3. A safety backup of what is about to be replaced, complete on disk before step 4.
    await writeBackup(db, actor, passphrase, safety.sink, now);
    const safetyPath = await safety.finish();

    // 4. Every table replaced, and the restore logged as the next entry of the restored chain,
    //    in one transaction. This PC's own backup schedule stays.
    await db.transaction('rw', db.tables, async () => {
      const replaced = ((await db.settings.get(AUDIT_HEAD_KEY))?.value as AuditHead | undefined) ?? { seq: 0, hash: '' };
      const schedule = await db.settings.get(BACKUP_SETTINGS_KEY);
      for (const table of db.tables) {
        await table.clear();
        const source = scratch.table(table.name);
        const keyPath = source.schema.primKey.keyPath as string;
        let last: unknown = undefined;
        for (;;) {
          const page: Record<string, unknown>[] = await Dexie.waitFor(
            Dexie.ignoreTransaction(() => (last === undefined ? source.orderBy(':id').limit(1000).toArray() : source.where(':id').above(last).limit(1000).toArray())),
          );
          if (page.length === 0) break;
          await table.bulkAdd(page);
          if (page.length < 1000) break;
          last = page[page.length - 1]![keyPath];
        }
        if ((await table.count()) !== counts[table.name]) throw new RuleError(`恢复${TABLE_LABELS[table.name] ?? table.name}时条数不符，已撤销恢复`);
      }
      if (schedule) await db.settings.put(schedule);
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      await appendAudit(
        db,
        actor,
        [
          {
            action: '恢复备份',
            entityType: '系统',
            entityId: 'backup',
            summary: `恢复 ${manifest.createdAt.slice(0, 10)} 由 ${manifest.createdBy} 生成的备份（文枢 ${manifest.appVersion}，数据版本 ${manifest.schemaVersion}），共 ${total} 条记录；恢复前的数据已备份到 ${safetyPath}`,
            details: { replacedAuditHead: replaced, backupAuditHead: manifest.auditHead, backupCreatedAt: manifest.createdAt, safetyPath },
          },
        ],
        now,
      );
    });
    return { manifest, counts, safetyPath };
  } finally {
    scratch.close();
    await Dexie.delete(scratchName);
  }
}

/** Removes scratch databases a crashed restore left behind (they hold decrypted data). */
export async function removeRestoreLeftovers(db: WenshuDB): Promise<number> {
  const names = await Dexie.getDatabaseNames();
  const left = names.filter((n) => n.startsWith(`${db.name}${RESTORE_SCRATCH_PREFIX}`));
  for (const n of left) await Dexie.delete(n);
  return left.length;
}

/** Table names as the office reads them (messages, the manifest shown before restoring). */
export const TABLE_LABELS: Record<string, string> = {
  settings: '设置',
  users: '用户',
  loginThrottle: '登录限制',
  departments: '机构',
  calendarOverrides: '节假日调整',
  counters: '编号计数',
  auditLog: '审计日志',
  incoming: '收文',
  projections: '检索索引',
  projectionDeltas: '检索索引增量',
  carriers: '涉密载体',
  inventorySessions: '清点记录',
  people: '人员名录',
  meetings: '会议',
  tasks: '督办',
  archive: '归档目录',
};
