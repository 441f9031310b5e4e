import Dexie from 'dexie';
import { verifyAuditChain } from '../audit';
import { authorize } from '../authorize';
import { WenshuDB } from '../database';
import { RuleError } from '../errors';
import { CURRENT_SCHEMA_VERSION } from '../schema';
import type { Actor } from '../types';
import { writeWithAudit } from '../write';
import { writeBackup, type BackupFrame, type BackupManifest, type BackupSink, type BackupStart } from './backup';
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
}

/**
 * Restores `opened` over `db`. `safety` receives a full backup of the current data (under the
 * same passphrase) before anything is replaced. Refusals (a damaged frame, wrong counts, a broken
 * audit chain) leave the current data exactly as it was.
 */
export async function restoreBackup(db: WenshuDB, actor: Actor, opened: OpenedBackup, passphrase: string, safety: BackupSink, now = new Date()): Promise<RestoreResult> {
  actor = await authorize(db, actor, 'settings.manage');
  const { manifest, start, bytes, parsed, key } = opened;
  const scratchName = `${db.name}-restore-${crypto.randomUUID()}`;
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
      if ((seen[table] ?? 0) !== n) throw new BackupFileError(`备份文件内容不完整：${table} 应有 ${n} 条，实有 ${seen[table] ?? 0} 条`);
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

    // 3. A safety backup of what is about to be replaced.
    await writeBackup(db, actor, passphrase, safety, now, { purpose: '恢复前的安全备份' });

    // 4. Every table replaced in one transaction.
    await db.transaction('rw', db.tables, async () => {
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
        if ((await table.count()) !== counts[table.name]) throw new RuleError(`恢复 ${table.name} 时条数不符，已撤销恢复`);
      }
    });
    // 5. The restore is the next entry of the restored chain.
    await writeWithAudit(db, actor, [], async (audit) => {
      audit({
        action: '恢复备份',
        entityType: '系统',
        entityId: 'backup',
        summary: `恢复 ${manifest.createdAt.slice(0, 10)} 由 ${manifest.createdBy} 生成的备份（文枢 ${manifest.appVersion}，数据版本 ${manifest.schemaVersion}），共 ${Object.values(counts).reduce((a, b) => a + b, 0)} 条记录`,
      });
    }, now);
    return { manifest, counts };
  } finally {
    scratch.close();
    await Dexie.delete(scratchName);
  }
}
