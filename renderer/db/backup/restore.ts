import Dexie, { type Table } from 'dexie';
import {
  announceAuditHead,
  assertAuditAppendable,
  auditScope,
  chainEntries,
  draftEntryBase,
  GENESIS_HASH,
  headRecords,
  pendingEntryBase,
  readAuditHead,
  RESTORE_ACTION,
  shortId,
  verifyAuditChain,
  type AuditDraft,
  type AuditHead,
  type SealedSegmentInfo,
} from '../audit';
import { authorize } from '../authorize';
import { WenshuDB } from '../database';
import { CURRENT_SCHEMA_VERSION } from '../schema';
import type { Actor } from '../types';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { AttachmentMeta } from '@shared/domain/attachment-types';
import { ATTACHMENT_CHUNKS_TABLE, ATTACHMENTS_TABLE, BACKUP_SETTINGS_KEY, LOCAL_TABLES, writeBackup, type BackupAttachment, type BackupFrame, type BackupManifest, type BackupSink, type BackupStart } from './backup';
import { BackupFileError, bytesSource, decodeFrame, decodeRawFrame, deriveKey, fromBase64, parseBackupSource, type ByteSource, type ParsedBackup } from './backup-format';
import { forgetKeyring, IntegrityError, keyringFor } from '../at-rest/keyring';
import { storeAttachmentChunks } from '../repositories/attachments';
import { restoredKeyRows } from '../at-rest/session';
import { RuleError } from '@shared/domain/rule-error';

// 恢复 (issue #6). Nothing touches the current data until the backup has been read in full,
// migrated to this version and checked: the rows go first into a scratch database opened at the
// backup's own schema version, which is then upgraded by the normal migrations, counted and its
// audit chain verified. Only then is a safety backup of the current data written and the
// current tables replaced, all in ONE transaction: either every table is the backup's or none is.
// The audit log is the exception: it is appended to, never replaced (see step 4).

export interface OpenedBackup {
  manifest: BackupManifest;
  start: BackupStart;
  /** The file, read again a frame at a time by the restore (never whole: issue #17). */
  file: ByteSource;
  parsed: ParsedBackup;
  key: CryptoKey;
}

/**
 * Checks the file and the passphrase and returns the manifest to show before restoring. The file
 * is read by range (the platform's openFileForReading), bytes in memory are wrapped alike.
 */
export async function openBackup(input: Uint8Array | ByteSource, passphrase: string): Promise<OpenedBackup> {
  const file = input instanceof Uint8Array ? bytesSource(input) : input;
  const parsed = await parseBackupSource(file);
  const key = await deriveKey(passphrase, parsed.header.kdf);
  const start = await decodeFrame<BackupFrame>(file, parsed, key, 0);
  const manifest = await decodeFrame<BackupFrame>(file, parsed, key, parsed.frames.length - 1);
  if (start.kind !== 'start' || manifest.kind !== 'manifest' || start.app !== 'wenshu') throw new BackupFileError('这不是文枢备份文件');
  if (manifest.schemaVersion > CURRENT_SCHEMA_VERSION) {
    throw new BackupFileError(`此备份由较新版本的文枢（${manifest.appVersion}，数据版本 ${manifest.schemaVersion}）生成，本程序的数据版本为 ${CURRENT_SCHEMA_VERSION}，请先升级文枢再恢复`);
  }
  return { manifest, start, file, parsed, key };
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
  // The current log must be intact: a restore appends to it (refused like any other write).
  await db.transaction('r', auditScope(db), () => assertAuditAppendable(db));
  const { manifest, start, file, parsed, key } = opened;
  if (start.schemaVersion !== manifest.schemaVersion || start.createdAt !== manifest.createdAt) throw new BackupFileError('备份文件内容不完整或已被改动，不能恢复');
  const scratchName = `${db.name}${RESTORE_SCRATCH_PREFIX}${crypto.randomUUID()}`;
  // The scratch copy is sealed under this installation's key like the live database.
  keyringFor(scratchName).unlock(db.keyring.exportDataKey());
  let scratch = new WenshuDB(scratchName, start.schemaVersion);
  try {
    // 1. The rows into a scratch database at the backup's schema version.
    await scratch.open();
    const seen: Record<string, number> = {};
    for (let i = 1; i < parsed.frames.length - 1; i++) {
      const f = await decodeFrame<BackupFrame>(file, parsed, key, i);
      if (f.kind === 'attachment') {
        // A file's chunks follow (issue #17), each sealed into the scratch copy as it is read.
        i = await restoreAttachment(scratch, opened, f, i);
        seen[ATTACHMENT_CHUNKS_TABLE] = (seen[ATTACHMENT_CHUNKS_TABLE] ?? 0) + f.chunks;
        continue;
      }
      if (f.kind !== 'rows' || !scratch.tables.some((t) => t.name === f.table)) throw new BackupFileError(INCOMPLETE);
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
    for (const t of scratch.tables) if (!LOCAL_TABLES.includes(t.name)) counts[t.name] = await t.count();
    // The backup's own sealed segments (segment ids are random: an id here is the same segment).
    const scratchSegments = scratch.tables.some((t) => t.name === 'auditSegments') ? ((await scratch.auditSegments.orderBy('segment').uniqueKeys()) as string[]) : [];

    // The key rows for the restored users' key slots (async work: before step 4's transaction).
    const keyRows = await restoredKeyRows(db, start.dataKey ? fromBase64(start.dataKey) : null, now);

    // 3. A safety backup of what is about to be replaced, complete on disk before step 4.
    await writeBackup(db, actor, passphrase, safety.sink, now);
    const safetyPath = await safety.finish();

    // 4. Every table replaced, and the restore logged as the next entry of the audit chain, in
    //    one transaction. This PC's own backup schedule stays. The audit log is never replaced
    //    (issue #12): when the backup's chain is a prefix of the current one the current log
    //    stays as it is; otherwise the current entries are kept as a sealed segment and the
    //    backup's chain takes their place. Either way the restore entry names both heads.
    await db.transaction('rw', db.tables, async () => {
      await assertAuditAppendable(db);
      const replaced = (await readAuditHead(db)) ?? { seq: 0, hash: GENESIS_HASH };
      const backupHead: AuditHead = { seq: manifest.auditHead.seq, hash: manifest.auditHead.hash };
      const prefix = backupHead.seq <= replaced.seq && (await db.auditLog.get(backupHead.seq))?.hash === backupHead.hash;
      const sealed = prefix ? null : await sealAuditLog(db, replaced);
      // The entries are made now and written after the copy, straight in this scope (see below).
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      const kept = sealed
        ? `恢复前的审计日志（${sealed.count} 条，链尾第 ${sealed.headSeq} 条）与备份的不同源，已完整封存为日志段 ${shortId(sealed.id)}`
        : `恢复前的审计日志全部保留（备份之后的 ${replaced.seq - backupHead.seq} 条仍在链中）`;
      const draft: AuditDraft = {
        action: RESTORE_ACTION,
        entityType: '系统',
        entityId: 'backup',
        summary: `恢复 ${manifest.createdAt.slice(0, 10)} 由 ${manifest.createdBy} 生成的备份（文枢 ${manifest.appVersion}，数据版本 ${manifest.schemaVersion}），共 ${total} 条记录；恢复前的数据已备份到 ${safetyPath}；审计日志：恢复前链尾第 ${replaced.seq} 条（${replaced.hash.slice(0, 12)}…），备份链尾第 ${backupHead.seq} 条（${backupHead.hash.slice(0, 12)}…），${kept}`,
        details: {
          replacedAuditHead: replaced,
          backupAuditHead: backupHead,
          auditLog: sealed ? 'sealed' : 'kept',
          ...(sealed ? { sealedSegment: sealed } : {}),
          backupCreatedAt: manifest.createdAt,
          safetyPath,
        },
      };
      const pending = await db.pendingAudit.orderBy('id').toArray();
      const entries = chainEntries(prefix ? replaced : backupHead, [...pending.map(pendingEntryBase), draftEntryBase(actor, draft, now)]);
      const schedule = await db.settings.get(BACKUP_SETTINGS_KEY);
      // What to copy from the scratch database. This PC's pending events and anchor stay;
      // segments are only ever added to (the backup's own, where this database lacks them).
      const missing = new Set<string>();
      for (const id of scratchSegments) if ((await db.auditSegments.where('segment').equals(id).count()) === 0) missing.add(id);
      const jobs: { table: Table; keep?: (row: Record<string, unknown>) => boolean }[] = [];
      for (const table of db.tables) {
        if (table.name === 'auditSegments' && missing.size) jobs.push({ table, keep: (r) => missing.has(r.segment as string) });
        if (KEPT_TABLES.includes(table.name) || (prefix && table.name === 'auditLog')) continue;
        await table.clear();
        jobs.push({ table });
      }
      // Paged copy. From the first Dexie.waitFor on, only Dexie calls are awaited directly in
      // this scope: awaiting a helper's native promise here loses the transaction's zone and lets
      // IndexedDB commit early (PrematureCommitError), which is why the audit writes follow inline.
      for (const { table, keep } of jobs) {
        const source = scratch.table(table.name);
        const keyPath = source.schema.primKey.keyPath;
        let last: unknown = undefined;
        // A page of attachment chunks is a few MB of sealed bytes, not 1000 of them.
        const size = table.name === ATTACHMENT_CHUNKS_TABLE ? CHUNK_PAGE : PAGE;
        for (;;) {
          const page: Record<string, unknown>[] = await Dexie.waitFor(
            Dexie.ignoreTransaction(() => (last === undefined ? source.orderBy(':id').limit(size).toArray() : source.where(':id').above(last).limit(size).toArray())),
          );
          if (page.length === 0) break;
          const rows = keep ? page.filter(keep) : page;
          if (rows.length) await table.bulkAdd(rows);
          if (page.length < size) break;
          const lastRow = page[page.length - 1]!;
          last = Array.isArray(keyPath) ? keyPath.map((k) => lastRow[k]) : lastRow[keyPath as string];
        }
        if (!keep && (await table.count()) !== counts[table.name]) throw new RuleError(`恢复${TABLE_LABELS[table.name] ?? table.name}时条数不符，已撤销恢复`);
      }
      if (schedule) await db.settings.put(schedule);
      await db.settings.bulkPut(keyRows);
      // The restore entry (after any pending sign-in events) continues the chain that is now in
      // place: the current one (prefix) or the backup's (the current one sealed above).
      await db.auditLog.bulkAdd(entries);
      if (pending.length) await db.pendingAudit.bulkDelete(pending.map((p) => p.id!));
      const lastEntry = entries[entries.length - 1]!;
      const head = { seq: lastEntry.seq, hash: lastEntry.hash };
      const records = headRecords(db, head);
      await db.settings.put(records.setting);
      if (records.anchor) await db.auditAnchor.put(records.anchor);
      announceAuditHead(db, head);
    });
    return { manifest, counts, safetyPath };
  } finally {
    scratch.close();
    await Dexie.delete(scratchName);
    forgetKeyring(scratchName);
  }
}

/** Tables a restore does not replace: this PC's audit anchoring, and segments (only added to). */
const KEPT_TABLES: readonly string[] = [...LOCAL_TABLES, 'auditSegments'];

const PAGE = 1000;
const CHUNK_PAGE = 8;

const INCOMPLETE = '备份文件内容不完整或已被改动，不能恢复';

/**
 * One attached file from the backup into the scratch database: its chunks (the raw frames after
 * frame `at`) decrypted one at a time, hashed and sealed under this PC's key. The file must be
 * the one its row in the backup describes (size and SHA-256), or the restore stops here, before
 * anything of the current data is touched. Returns the index of the file's last frame.
 */
async function restoreAttachment(scratch: WenshuDB, opened: OpenedBackup, f: BackupAttachment, at: number): Promise<number> {
  const { file, parsed, key } = opened;
  const meta = scratch.tables.some((t) => t.name === ATTACHMENTS_TABLE) ? await scratch.attachments.get(f.id) : undefined;
  const lastFrame = at + f.chunks;
  if (!meta || !Number.isInteger(f.chunks) || f.chunks < 0 || lastFrame >= parsed.frames.length - 1) throw new BackupFileError(INCOMPLETE);
  const hash = sha256.create();
  let size = 0;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let i = at + 1; i <= lastFrame; i++) {
      const plain = await decodeRawFrame(file, parsed, key, i);
      hash.update(plain);
      size += plain.byteLength;
      yield plain;
    }
  }
  const mismatch = () => new BackupFileError(`备份中的附件“${meta.name}”校验值（SHA-256）不符，文件已损坏或被改动，不能恢复；现有数据未作任何改动`);
  if (meta.sha256 !== f.sha256 || meta.size !== f.size) throw mismatch();
  let stored: AttachmentMeta;
  try {
    stored = await storeAttachmentChunks(scratch, meta, chunks());
  } catch (e) {
    // storeAttachmentChunks checks the size and SHA-256 after the last chunk as well.
    throw e instanceof IntegrityError ? mismatch() : e;
  }
  if (size !== meta.size || bytesToHex(hash.digest()) !== meta.sha256) throw mismatch();
  // Cut as this installation cuts (the same 1 MiB today; the row says how).
  if (stored.chunkSize !== meta.chunkSize || stored.chunkCount !== meta.chunkCount) await scratch.attachments.put(stored);
  return lastFrame;
}

/**
 * Moves the current audit log into a new sealed segment (verifiable as its own chain; the
 * restore entry records its id, count and head) and empties the log for the backup's chain.
 */
async function sealAuditLog(db: WenshuDB, head: AuditHead): Promise<SealedSegmentInfo> {
  const id = crypto.randomUUID();
  let count = 0;
  let after = 0;
  for (;;) {
    const page = await db.auditLog.where('seq').above(after).limit(PAGE).toArray();
    if (page.length === 0) break;
    await db.auditSegments.bulkAdd(page.map((entry) => ({ segment: id, seq: entry.seq, entry })));
    count += page.length;
    after = page[page.length - 1]!.seq;
  }
  await db.auditLog.clear();
  return { id, count, headSeq: head.seq, headHash: head.hash };
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
  bulletins: '督办通报',
  outgoing: '发文',
  docNumbers: '文号台账',
  attachments: '附件',
  attachmentChunks: '附件内容',
  archive: '归档目录',
  auditSegments: '审计日志封存段',
  auditAnchor: '审计锚点',
  pendingAudit: '待入链的登录记录',
};
