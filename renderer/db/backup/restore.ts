import Dexie from 'dexie';
import {
  AUDIT_HEAD_KEY,
  announceAuditHead,
  assertAuditAppendable,
  auditScope,
  chainEntries,
  draftEntryBase,
  externalAnchorSettled,
  GENESIS_HASH,
  headRecords,
  moveExternalAuditAnchor,
  pendingEntryBase,
  readAuditHead,
  RESTORE_ACTION,
  shortId,
  verifyAuditChain,
  type AuditDraft,
  type AuditHead,
  type AuditVerification,
  type SealedSegmentInfo,
} from '../audit';
import { authorize } from '../authorize';
import { WenshuDB } from '../database';
import { CURRENT_SCHEMA_VERSION } from '../schema';
import type { Actor, AuditEntry } from '../types';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { AttachmentMeta } from '@shared/domain/attachment-types';
import type { JobProgress } from '@shared/domain/job-progress';
import { ATTACHMENT_CHUNKS_TABLE, ATTACHMENTS_TABLE, BACKUP_SETTINGS_KEY, LOCAL_TABLES, writeBackup, type BackupAttachment, type BackupFrame, type BackupManifest, type BackupSink, type BackupStart } from './backup';
import { BackupFileError, bytesSource, decodeFrame, decodeRawFrame, deriveKey, fromBase64, parseBackupSource, type ByteSource, type ParsedBackup } from '@shared/backup-format';
import { forgetKeyring, IntegrityError, keyringFor } from '../at-rest/keyring';
import { addRaw, INCOMPLETE, tableDesc } from './restore-rows';
import { inPlaceRows, workerRows, type RowsSink } from './restore-rows-sink';
import { storeAttachmentChunks } from '../repositories/attachments';
import { restoredKeyRows } from '../at-rest/session';
import { familyOf, holdingRestoreLock, newFamilyMember, removeFamilyLeftovers, restoresInProgress, sweepFamilyLeftovers, writePointer } from '../pointer';
import { RuleError } from '@shared/domain/rule-error';

// 恢复 (issue #6, made to write each row once in issue #18). The backup is restored into a NEW
// database (`wenshu~<id>`, db/pointer.ts), frame by frame: each frame is decrypted ahead of need,
// its rows sealed under this PC's key by WebCrypto and written straight to IndexedDB in large
// batches, the audit chain checked as its entries go by. A backup of an older schema version is
// written at its own version and then opened at this one, so the normal migrations upgrade it in
// place. Then what this PC keeps (its audit log, anchors, schedule, key rows) joins it, a safety
// backup of the current data is written and finished, and only then does the pointer switch to the
// new database, in one strict write: all or nothing comes from that switch. A power cut before it
// leaves the old data current (the new database is a leftover, removed at the next start); after
// it, the new. The replaced database is deleted after the switch (or at the next start).

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
  /** The database the app's data now lives in (the pointer names it; the app reloads onto it). */
  database: string;
}

/** The safety backup's file: written, then finished (on disk, in place) before anything is replaced. */
export interface SafetyFile {
  sink: BackupSink;
  finish(): Promise<string>;
}

export interface RestoreOptions {
  /** Rows written so far, the rate and the time left (shared/domain/job-progress). */
  onProgress?: (p: JobProgress) => void;
  /** 取消: honoured until the switch begins; the new database is dropped, the current data untouched. */
  signal?: AbortSignal;
}

/** The last stage: from here 取消 no longer applies. */
export const RESTORE_SWITCH_STAGE = '切换到恢复的数据';

/** Said when a restore is cancelled (取消) before the switch. */
export const RESTORE_CANCELLED = '已取消恢复，当前数据未作任何改动';

/** Scratch databases of restores before issue #18 were named so; one left by a crash is removed. */
export const RESTORE_SCRATCH_PREFIX = '-restore-';

/** How many frames are decrypted ahead of the writes (restore-rows.ts batches the rows). */
const LOOKAHEAD = 6;
const PAGE = 1000;

/**
 * Restores `opened` over `db`. `safety` receives a full backup of the current data (under the
 * same passphrase), finished before the switch. Refusals (a damaged frame, wrong counts, a broken
 * audit chain, a safety file that cannot be written, 取消) leave the current data exactly as it
 * was and the pointer where it was; the new database is dropped.
 */
export async function restoreBackup(
  db: WenshuDB,
  actor: Actor,
  opened: OpenedBackup,
  passphrase: string,
  safety: SafetyFile,
  now = new Date(),
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  actor = await authorize(db, actor, 'settings.manage');
  // The current log must be intact: a restore appends to it (refused like any other write).
  await db.transaction('r', auditScope(db), () => assertAuditAppendable(db));
  const { manifest, start } = opened;
  if (start.schemaVersion !== manifest.schemaVersion || start.createdAt !== manifest.createdAt) throw new BackupFileError(INCOMPLETE);
  const family = familyOf(db.name);
  const newName = newFamilyMember(db.name);
  return holdingRestoreLock(family, async () => {
    restoresInProgress.add(newName);
    // The new database is sealed under this installation's key, like the current one.
    const ring = keyringFor(newName);
    ring.unlock(db.keyring.exportDataKey());
    ring.strict = db.keyring.strict;
    const job = new Job(options, recordTotal(manifest));
    let target: WenshuDB | null = null;
    let switched: AuditHead | null = null;
    try {
      const written = await writeRows(newName, opened, job);
      target = written.target;
      // Records per table as written (the files' chunks as stored: a restore cuts them as this PC
      // does); counted back only where the migrations of an older backup ran over them.
      const counts: Record<string, number> = {};
      for (const t of target.tables) {
        if (LOCAL_TABLES.includes(t.name)) continue;
        counts[t.name] = written.migrated || t.name === ATTACHMENT_CHUNKS_TABLE ? await t.count() : (written.seen[t.name] ?? 0);
      }
      // The key rows for the restored users' key slots (async work: before the switch's transaction).
      const keyRows = await restoredKeyRows(db, start.dataKey ? fromBase64(start.dataKey) : null, now);

      // A safety backup of what is about to be replaced, complete on disk before the switch.
      job.stage('备份当前数据');
      job.check();
      await writeBackup(db, actor, passphrase, safety.sink, now);
      const safetyPath = await safety.finish();
      job.check();

      job.stage(RESTORE_SWITCH_STAGE);
      let head: AuditHead;
      try {
        head = await finishAndSwitch(db, target, actor, manifest, counts, keyRows, safetyPath, now, (h) => {
          switched = h;
        });
      } catch (e) {
        // Once the pointer names the new database the restore has happened, whatever failed after.
        if (!switched) throw e;
        head = switched;
      }
      restoresInProgress.delete(newName);
      // The external anchor (the desktop's sealed file) follows the database now current. Until it
      // is written it names the replaced head, which the new database explains (kept or sealed in
      // it), so a crash here is caught up at the next sign-in; it was never written ahead of the switch.
      moveExternalAuditAnchor(db.name, newName);
      announceAuditHead(target, head);
      await externalAnchorSettled(newName);
      target.close();
      // The replaced database goes now (its connection here closed first); whatever keeps it open
      // elsewhere, the next start removes it.
      db.close();
      await Promise.race([sweepFamilyLeftovers(family), new Promise((ok) => setTimeout(ok, 5000))]).catch(() => undefined);
      forgetKeyring(db.name);
      return { manifest, counts, safetyPath, database: newName };
    } catch (e) {
      if (switched) throw e;
      target?.close();
      await Dexie.delete(newName).catch(() => undefined);
      forgetKeyring(newName);
      throw e;
    } finally {
      restoresInProgress.delete(newName);
    }
  });
}

/** Progress and 取消 of one restore. */
class Job {
  done = 0;
  private current = '读取备份';
  private readonly startedAt = performance.now();
  private last = 0;

  constructor(
    private readonly options: RestoreOptions,
    readonly total: number,
  ) {
    this.report(true);
  }

  check(): void {
    if (this.options.signal?.aborted) throw new RuleError(RESTORE_CANCELLED);
  }

  stage(text: string): void {
    this.current = text;
    this.report(true);
  }

  add(rows: number, stage?: string): void {
    this.done += rows;
    if (stage && stage !== this.current) {
      this.current = stage;
      this.report(true);
    } else this.report(false);
  }

  private report(now: boolean): void {
    const t = performance.now();
    if (!now && t - this.last < 100) return;
    this.last = t;
    this.options.onProgress?.({ stage: this.current, done: Math.min(this.done, this.total), total: this.total, unit: '条', startedAt: this.startedAt });
  }
}

/** Rows the restore writes: every table's records and each file's chunks. */
function recordTotal(manifest: BackupManifest): number {
  return Object.values(manifest.counts).reduce((a, b) => a + b, 0);
}

/**
 * Frames 1..n-2 decrypted in order, up to LOOKAHEAD ahead of the one asked for. The file is still
 * read one range after another (never two reads at once: the desktop reads through main), only
 * the decryption of one frame overlaps the reading of the next and the writing of the last.
 */
class FrameReader {
  private readonly ahead = new Map<number, Promise<Uint8Array>>();
  private nextToRead: number;
  private readonly file: ByteSource;

  constructor(
    private readonly opened: OpenedBackup,
    first: number,
    private readonly last: number,
  ) {
    this.nextToRead = first;
    let queue: Promise<unknown> = Promise.resolve();
    const source = opened.file;
    this.file = {
      size: source.size,
      read: (offset, length) => {
        const p = queue.then(() => source.read(offset, length));
        queue = p.catch(() => undefined);
        return p;
      },
    };
  }

  raw(index: number): Promise<Uint8Array> {
    while (this.nextToRead <= this.last && this.nextToRead < index + LOOKAHEAD) {
      const i = this.nextToRead++;
      const p = decodeRawFrame(this.file, this.opened.parsed, this.opened.key, i);
      p.catch(() => undefined); // reported when asked for
      this.ahead.set(i, p);
    }
    const p = this.ahead.get(index) ?? decodeRawFrame(this.file, this.opened.parsed, this.opened.key, index);
    this.ahead.delete(index);
    return p;
  }

  /** Frame `index` decrypted and inflated: its UTF-8 JSON. */
  async inflated(index: number): Promise<Uint8Array> {
    const plain = await this.raw(index);
    try {
      return new Uint8Array(await new Response(new Blob([plain.slice()]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).arrayBuffer());
    } catch {
      throw new BackupFileError(INCOMPLETE);
    }
  }
}

/** How every rows frame a backup writes begins (backup.ts: JSON.stringify's text of a BackupRows). */
const ROWS_FRAME_OPENING = new TextEncoder().encode('{"kind":"rows",');

function opensAsRows(json: Uint8Array): boolean {
  return json.length >= ROWS_FRAME_OPENING.length && ROWS_FRAME_OPENING.every((b, i) => json[i] === b);
}

/**
 * Every frame into the new database `name`: at this schema version straight in, an older one at
 * its own version and then migrated by opening it at this one. Counts and the audit chain are
 * checked here; returns the database open at this version.
 */
async function writeRows(name: string, opened: OpenedBackup, job: Job): Promise<{ target: WenshuDB; seen: Record<string, number>; migrated: boolean }> {
  const { manifest, start, parsed } = opened;
  const older = start.schemaVersion < CURRENT_SCHEMA_VERSION;
  let target = new WenshuDB(name, start.schemaVersion);
  let sink: RowsSink | null = null;
  try {
    await target.open();
    // Sealed as this version stores rows (an older version's index on a field this one no longer
    // indexes simply stays empty, and is dropped by the upgrade).
    const current = older ? new WenshuDB(name) : target;
    const tableNames = target.tables.map((t) => t.name);
    const sealed = current.tables.map(tableDesc);
    const onRows = (table: string, n: number) => job.add(n, `写入${TABLE_LABELS[table] ?? table}`);
    const check = () => job.check();
    // At this schema version the rows go to Web Workers, which parse, seal and write them while
    // this thread reads and decrypts the next frames and checks the audit chain
    // (restore-rows-sink.ts); an older backup's rows (some tables written through Dexie, then
    // migrated), or all of them where no worker starts, are parsed, sealed and written here.
    sink =
      (!older && (await workerRows({ dbName: name, dataKey: target.keyring.exportDataKey(), tableNames, sealed, onRows, check }))) ||
      inPlaceRows({
        write: (table, rows) => addRaw(target.backendDB(), table, rows),
        keyring: target.keyring,
        tableNames,
        sealed,
        other: (table, rows) => target.table(table).bulkAdd(rows).then(() => undefined),
        checkChain: !older,
        onRows,
        check,
      });
    const reader = new FrameReader(opened, 1, parsed.frames.length - 2);
    let chunks = 0;
    for (let i = 1; i < parsed.frames.length - 1; i++) {
      job.check();
      const json = await reader.inflated(i);
      if (!opensAsRows(json)) {
        let f: BackupFrame;
        try {
          f = JSON.parse(new TextDecoder().decode(json)) as BackupFrame;
        } catch {
          throw new BackupFileError(INCOMPLETE);
        }
        if (f.kind === 'attachment') {
          // The rows before it written (its metadata row among them); then its chunks (issue #17),
          // each sealed into the new database as it is read.
          await sink.drain();
          i = await restoreAttachment(target, reader, opened, f, i);
          chunks += f.chunks;
          job.add(f.chunks, '写入附件');
          continue;
        }
        // Anything else is a rows frame written otherwise, or refused by the writer.
      }
      await sink.frame(json);
    }
    const written = await sink.end(manifest.auditHead);
    sink.close();
    sink = null;
    const seen: Record<string, number> = { ...written.seen, ...(chunks ? { [ATTACHMENT_CHUNKS_TABLE]: chunks } : {}) };
    for (const [table, n] of Object.entries(manifest.counts)) {
      if ((seen[table] ?? 0) !== n) throw new BackupFileError(`备份文件内容不完整：${TABLE_LABELS[table] ?? table}应有 ${n} 条，实有 ${seen[table] ?? 0} 条`);
    }
    job.stage('校验审计日志');
    let chain: AuditVerification;
    if (older) {
      // Migrated to this version by the normal upgrade path, then checked as stored.
      target.close();
      target = current;
      await target.open();
      chain = await verifyAuditChain(target);
    } else {
      chain = written.chain!;
      if (chain.ok && !written.storedHeadMatches) throw new BackupFileError('备份中的审计日志与清单不符，不能恢复');
    }
    if (!chain.ok) throw new BackupFileError(`备份中的审计日志校验不通过（${chain.reason}），不能恢复`);
    if (chain.headHash !== manifest.auditHead.hash) throw new BackupFileError('备份中的审计日志与清单不符，不能恢复');
    return { target, seen, migrated: older };
  } catch (e) {
    target.close();
    throw e;
  } finally {
    sink?.close();
  }
}

/**
 * The end of a restore, all in one read-write transaction on the current database (no other
 * window writes to its audit log meanwhile): what this PC keeps joins the new database, the
 * restore is logged as the next entry of the chain now in place, and the pointer switches. The
 * audit log is never replaced (issue #12): when the backup's chain is a prefix of the current one
 * the current log stays as it is (the entries after the backup's head are added after it);
 * otherwise the current entries are kept as a sealed segment and the backup's chain takes their
 * place. Either way the restore entry names both heads. The current database is marked as moved in
 * the same transaction, so a save queued behind it in another window is refused, not lost.
 */
async function finishAndSwitch(
  db: WenshuDB,
  target: WenshuDB,
  actor: Actor,
  manifest: BackupManifest,
  counts: Record<string, number>,
  keyRows: { key: string; value: unknown }[],
  safetyPath: string,
  now: Date,
  onSwitched: (head: AuditHead) => void,
): Promise<AuditHead> {
  const scope = [...auditScope(db), ...(db.tables.some((t) => t.name === 'auditSegments') ? [db.auditSegments] : [])];
  // Writes to the new database from inside this transaction: Dexie.waitFor keeps it open, and
  // only Dexie calls are awaited directly in it (see restore before issue #18).
  const into = <T>(work: () => Promise<T>): Promise<T> => Dexie.waitFor(Dexie.ignoreTransaction(work));
  return db.transaction('rw', scope, async () => {
    await assertAuditAppendable(db);
    const replaced = (await readAuditHead(db)) ?? { seq: 0, hash: GENESIS_HASH };
    const backupHead: AuditHead = { seq: manifest.auditHead.seq, hash: manifest.auditHead.hash };
    const prefix = backupHead.seq <= replaced.seq && (await db.auditLog.get(backupHead.seq))?.hash === backupHead.hash;
    let sealed: SealedSegmentInfo | null = null;
    if (prefix) {
      // The backup's log is the current one up to its head: the rest follows it.
      await copyLog(db, backupHead.seq, (page) => into(() => target.auditLog.bulkAdd(page)));
    } else {
      const id = crypto.randomUUID();
      const count = await copyLog(db, 0, (page) => into(() => target.auditSegments.bulkAdd(page.map((entry) => ({ segment: id, seq: entry.seq, entry })))));
      sealed = { id, count, headSeq: replaced.seq, headHash: replaced.hash };
    }
    // This PC's sealed segments stay as they are (segment ids are random: the same id is the same segment).
    if (db.tables.some((t) => t.name === 'auditSegments')) {
      const ids = (await db.auditSegments.orderBy('segment').uniqueKeys()) as string[];
      for (const id of ids) {
        await into(() => target.auditSegments.where('segment').equals(id).delete());
        await copySegment(db, id, (page) => into(() => target.auditSegments.bulkAdd(page)));
      }
    }
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
    // Pending sign-in events join the chain before the restore entry; this PC's anchor rows and
    // backup schedule stay.
    const pending = db.tables.some((t) => t.name === 'pendingAudit') ? await db.pendingAudit.orderBy('id').toArray() : [];
    const entries = chainEntries(prefix ? replaced : backupHead, [...pending.map(pendingEntryBase), draftEntryBase(actor, draft, now)]);
    const anchors = db.tables.some((t) => t.name === 'auditAnchor') ? await db.auditAnchor.toArray() : [];
    const schedule = await db.settings.get(BACKUP_SETTINGS_KEY);
    const lastEntry = entries[entries.length - 1]!;
    const head = { seq: lastEntry.seq, hash: lastEntry.hash };
    const records = headRecords(target, head);
    // The last write to the new database, strict (as every Dexie write here): once it is on disk,
    // every batch written before it is too.
    await into(() =>
      target.transaction('rw', [target.settings, target.auditLog, target.auditAnchor], async () => {
        if (anchors.length) await target.auditAnchor.bulkPut(anchors);
        if (schedule) await target.settings.put(schedule);
        await target.settings.bulkPut(keyRows);
        await target.auditLog.bulkAdd(entries);
        await target.settings.put(records.setting);
        if (records.anchor) await target.auditAnchor.put(records.anchor);
      }),
    );
    // The switch. From here on the new database is the app's.
    await into(() => writePointer(target.name));
    onSwitched(head);
    const current = (await db.settings.get(AUDIT_HEAD_KEY))?.value as Record<string, unknown> | undefined;
    await db.settings.put({ key: AUDIT_HEAD_KEY, value: { ...current, movedTo: target.name } });
    return head;
  });
}

/** Audit entries after `after`, in seq order, a page at a time, each handed to `write`; returns how many. */
async function copyLog(db: WenshuDB, after: number, write: (page: AuditEntry[]) => Promise<unknown>): Promise<number> {
  let n = 0;
  for (;;) {
    const page = await db.auditLog.where('seq').above(after).limit(PAGE).toArray();
    if (page.length) await write(page);
    n += page.length;
    if (page.length < PAGE) return n;
    after = page[page.length - 1]!.seq;
  }
}

/** One sealed segment's rows, in seq order, a page at a time. */
async function copySegment(db: WenshuDB, id: string, write: (page: { segment: string; seq: number; entry: AuditEntry }[]) => Promise<unknown>): Promise<void> {
  let after: number = -Infinity;
  for (;;) {
    const page = await db.auditSegments.where('[segment+seq]').between([id, after], [id, Dexie.maxKey], false, true).limit(PAGE).toArray();
    if (page.length) await write(page);
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.seq;
  }
}

/**
 * One attached file from the backup into the new database: its chunks (the raw frames after
 * frame `at`) decrypted one at a time, hashed and sealed under this PC's key. The file must be
 * the one its row in the backup describes (size and SHA-256), or the restore stops here, before
 * anything of the current data is touched. Returns the index of the file's last frame.
 */
async function restoreAttachment(target: WenshuDB, reader: FrameReader, opened: OpenedBackup, f: BackupAttachment, at: number): Promise<number> {
  const { parsed } = opened;
  const meta = target.tables.some((t) => t.name === ATTACHMENTS_TABLE) ? await target.attachments.get(f.id) : undefined;
  const lastFrame = at + f.chunks;
  if (!meta || !Number.isInteger(f.chunks) || f.chunks < 0 || lastFrame >= parsed.frames.length - 1) throw new BackupFileError(INCOMPLETE);
  const hash = sha256.create();
  let size = 0;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let i = at + 1; i <= lastFrame; i++) {
      const plain = await reader.raw(i);
      hash.update(plain);
      size += plain.byteLength;
      yield plain;
    }
  }
  const mismatch = () => new BackupFileError(`备份中的附件“${meta.name}”校验值（SHA-256）不符，文件已损坏或被改动，不能恢复；现有数据未作任何改动`);
  if (meta.sha256 !== f.sha256 || meta.size !== f.size) throw mismatch();
  let stored: AttachmentMeta;
  try {
    stored = await storeAttachmentChunks(target, meta, chunks());
  } catch (e) {
    // storeAttachmentChunks checks the size and SHA-256 after the last chunk as well.
    throw e instanceof IntegrityError ? mismatch() : e;
  }
  if (size !== meta.size || bytesToHex(hash.digest()) !== meta.sha256) throw mismatch();
  // Cut as this installation cuts (the same 1 MiB today; the row says how).
  if (stored.chunkSize !== meta.chunkSize || stored.chunkCount !== meta.chunkCount) await target.attachments.put(stored);
  return lastFrame;
}

/**
 * Removes what crashed restores left behind (they hold sealed or, before issue #18, decrypted
 * data): scratch databases of the old kind, and any database of this one's family the pointer
 * does not name.
 */
export async function removeRestoreLeftovers(db: WenshuDB): Promise<number> {
  const names = await Dexie.getDatabaseNames();
  const left = names.filter((n) => n.startsWith(`${db.name}${RESTORE_SCRATCH_PREFIX}`));
  for (const n of left) await Dexie.delete(n);
  return left.length + (await removeFamilyLeftovers(familyOf(db.name))).length;
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
  importedFiles: '已导入文件记录',
  archive: '归档目录',
  auditSegments: '审计日志封存段',
  auditAnchor: '审计锚点',
  pendingAudit: '待入链的登录记录',
  lanOutbox: '局域网待上传操作',
  lanConflicts: '局域网待处理冲突',
  lanSync: '局域网同步位置',
  lanVersions: '局域网记录版本',
};
