import Dexie from 'dexie';
import { version as APP_VERSION } from '../../../package.json';
import { GENESIS_HASH, readAuditHead, type AuditHead } from '../audit';
import { authorize } from '../authorize';
import type { WenshuDB } from '../database';
import type { Actor } from '../types';
import { getSetting, getUnitInfo } from '../repositories/settings';
import { RuleError } from '@shared/domain/rule-error';
import { z } from 'zod';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { AttachmentMeta } from '@shared/domain/attachment-types';
import { BACKUP_SETTINGS_KEY, backupRunSchema, type BackupRun } from '@shared/domain/settings-schemas';
import { defineCommand } from '../commands/define';
import { runCommand } from '../commands/execute';

/** The settings row of this PC's backup schedule (renderer/db/backup/backup-settings.ts). */
export { BACKUP_SETTINGS_KEY };
import { attachmentChunksOf } from '../repositories/attachments';
import { IntegrityError } from '../at-rest/keyring';
import { storedRowsJson } from '../at-rest/encryption-middleware';
import { checksum, deriveKey, encodeFrame, encodeHeader, encodeJsonFrame, encodeRawFrame, encodeTrailer, importStoredKey, checkPassphrase, newFileId, newKdfParams, toBase64, BACKUP_FORMAT, type KdfParams, type StoredBackupKey } from '@shared/backup-format';

// 备份 (issue #6): every table into one encrypted file, streamed a page at a time so 100,000
// records never sit in memory together. The whole read is one read transaction: the file is a
// consistent snapshot even while someone keeps working (their saves wait for it to finish).

/** Where the bytes go: a file written through the platform layer, or memory in tests. */
export interface BackupSink {
  write(bytes: Uint8Array): Promise<void>;
}

/**
 * Search projections are caches built from the registers (renderer/db/projection.ts): a
 * backup leaves them out (one row holds a whole register's index, tens of MB at 100,000 收文)
 * and a restore empties them, so the app rebuilds them from the restored records.
 */
export const DERIVED_TABLES: readonly string[] = ['projections', 'projectionDeltas'];

/**
 * This PC's own audit anchoring (issue #12): the anchor row and login events waiting to join the
 * chain. Never in a backup; a restore keeps them (and appends to the log, never replaces it).
 * Sealed audit segments are not here: they are history and travel in every backup.
 * A LAN seat's sync machinery (issue #19: outbox, refusals, pull cursor and versions) is this PC's
 * too and never in a backup; a restore starts it afresh: the seat pulls again from the beginning
 * (commands still waiting in the outbox are lost with the data they replace: send them first).
 */
export const LOCAL_TABLES: readonly string[] = ['auditAnchor', 'pendingAudit', 'lanOutbox', 'lanConflicts', 'lanSync', 'lanVersions'];

/**
 * An attachment's bytes (issue #17) travel as raw frames, one chunk each, after every table and
 * before the manifest: never as JSON rows (a chunk is binary) and never more than one chunk in
 * memory. The chunks are read in plain (the at-rest seal is this PC's) and sealed again by the
 * backup's key like every frame; a restore seals them again under the restoring PC's key.
 */
export const ATTACHMENT_CHUNKS_TABLE = 'attachmentChunks';
export const ATTACHMENTS_TABLE = 'attachments';

/** Announces one file's chunks: the next `chunks` frames are its bytes, chunk 0 first. */
export interface BackupAttachment {
  kind: 'attachment';
  id: string;
  size: number;
  sha256: string;
  chunks: number;
}

/**
 * A stored file's plain chunks for a backup or a package, in order, one at a time; when the bytes
 * no longer match the file's record (a chunk changed in the files, or the whole not its SHA-256)
 * the refusal names the file and says what was not made (`notDone`: '备份未完成', …).
 */
export async function* storedFileChunks(
  db: WenshuDB,
  file: Pick<AttachmentMeta, 'id' | 'name' | 'size' | 'sha256' | 'chunkCount'>,
  notDone: string,
): AsyncGenerator<Uint8Array> {
  const refused = () => new RuleError(`附件“${file.name}”的内容与登记的校验值（SHA-256）不符，${notDone}；请联系系统管理员检查该附件`);
  const hash = sha256.create();
  let n = 0;
  let size = 0;
  try {
    for await (const chunk of attachmentChunksOf(db, file.id)) {
      if (++n > file.chunkCount) throw refused();
      hash.update(chunk);
      size += chunk.byteLength;
      yield chunk;
    }
  } catch (e) {
    throw e instanceof IntegrityError ? refused() : e;
  }
  if (n !== file.chunkCount || size !== file.size || bytesToHex(hash.digest()) !== file.sha256) throw refused();
}

/**
 * Rows per read of a table (issue #18): each row is written as JSON as soon as it is read, so a
 * read's row objects die young (a read of 1,000 rows lived across every collection of its frame
 * and was promoted: +352 MB of garbage sampled during a backup of 324,198 records).
 */
export const ROWS_PER_READ = 250;

/**
 * A rows frame's UTF-8 JSON stops growing at this many bytes (a row longer than that goes alone
 * in its frame): frames are bounded by size, not by a count of rows of any size. Each row's JSON
 * is kept as bytes (outside the JS heap) until its frame is sealed: a frame's text as one string
 * (hundreds of KB, allocated straight into V8's large-object space) was garbage only a full
 * collection frees. Restores read any size of frame (older backups: 1,000 rows each).
 */
export const FRAME_BYTES_MAX = 256 * 1024;

const utf8 = new TextEncoder();
const utf8Text = new TextDecoder();

export interface BackupStart {
  kind: 'start';
  app: 'wenshu';
  appVersion: string;
  schemaVersion: number;
  createdAt: string;
  tables: string[];
  /**
   * The installation's data key (base64), inside the encrypted frames like every row: the key
   * slots in the users rows wrap it, so after a restore — on this PC or a new one — everyone
   * signs in with the passwords they had when the backup was made. Whoever holds the file and its
   * passphrase can read every record in it anyway; the key adds nothing to that. Absent in
   * backups from before encryption at rest.
   */
  dataKey?: string;
}

export interface BackupRows {
  kind: 'rows';
  table: string;
  rows: unknown[];
}

export interface BackupManifest {
  kind: 'manifest';
  app: 'wenshu';
  appVersion: string;
  schemaVersion: number;
  createdAt: string;
  createdBy: string;
  unitName: string;
  /** Records per table. */
  counts: Record<string, number>;
  /** The audit log's last entry when the backup was taken. */
  auditHead: AuditHead;
  /** Attached files in the file (issue #17; absent in backups from before attachments). */
  attachments?: { files: number; bytes: number };
}

export type BackupFrame = BackupStart | BackupRows | BackupAttachment | BackupManifest;


type BackupFile = Pick<AttachmentMeta, 'id' | 'name' | 'size' | 'sha256' | 'chunkCount'>;

/** `{"kind":"rows","table":…,"rows":[…]}` from each row's JSON bytes (JSON.stringify's text of a BackupRows). */
function rowsFrameJson(table: string, rows: readonly Uint8Array[]): Uint8Array {
  const head = utf8.encode(`{"kind":"rows","table":${JSON.stringify(table)},"rows":[`);
  const tail = utf8.encode(']}');
  const out = new Uint8Array(head.length + rows.reduce((n, r) => n + r.length, 0) + Math.max(0, rows.length - 1) + tail.length);
  out.set(head);
  let at = head.length;
  rows.forEach((r, i) => {
    if (i > 0) out[at++] = 0x2c; // ','
    out.set(r, at);
    at += r.length;
  });
  out.set(tail, at);
  return out;
}

/**
 * The next ROWS_PER_READ rows of table `name` after key `after`, as IndexedDB stores them (sealed,
 * below the at-rest middleware), read by the backup's own read transaction: the snapshot.
 */
// A Dexie promise, not a native one: it is awaited inside the backup's read transaction, where only
// Dexie's own promises keep the transaction alive (a native one let it commit early in the desktop
// app: "Transaction committed too early").
function readStored(trans: IDBTransaction, name: string, after: IDBValidKey | undefined): PromiseLike<unknown[]> {
  return new Dexie.Promise<unknown[]>((resolve, reject) => {
    const req = trans.objectStore(name).getAll(after === undefined ? null : IDBKeyRange.lowerBound(after, true), ROWS_PER_READ);
    req.onsuccess = () => resolve(req.result as unknown[]);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB read failed'));
  });
}

/**
 * Writes a full backup of `db` to `sink` and returns its manifest. The caller logs it with
 * recordBackup once the file is complete (the file holds the log as it was when it began).
 */
export async function writeBackup(
  db: WenshuDB,
  actor: Actor,
  secret: string | StoredBackupKey,
  sink: BackupSink,
  now = new Date(),
): Promise<BackupManifest> {
  // A scheduled backup runs for whoever is signed in, under the key the administrator stored.
  actor = await authorize(db, actor, typeof secret === 'string' ? 'settings.manage' : null);
  let kdf: KdfParams;
  let key: CryptoKey;
  if (typeof secret === 'string') {
    checkPassphrase(secret);
    kdf = newKdfParams();
    key = await deriveKey(secret, kdf);
  } else {
    kdf = secret.kdf;
    key = await importStoredKey(secret);
  }
  const sum = checksum();
  const out = async (bytes: Uint8Array) => {
    sum.update(bytes);
    await sink.write(bytes);
  };
  const createdAt = now.toISOString();
  const tables = db.tables.map((t) => t.name).filter((n) => !DERIVED_TABLES.includes(n) && !LOCAL_TABLES.includes(n)).sort();
  let index = 0;
  const header = encodeHeader({ format: BACKUP_FORMAT, fileId: newFileId(), kdf });
  const frame = async (value: BackupFrame, last = false) => out(await encodeFrame(key, header.tag, index++, last, value));

  // The files to carry, as the snapshot lists them (their chunks are read after it: see below).
  const files: BackupFile[] = [];
  // Rows frames queued in order, each sealed as soon as it is queued and written after the one before.
  let writing: Promise<void> = Promise.resolve();
  const manifest = await db.transaction('r', db.tables, async () => {
    // The manifest's audit head and unit are read first, before any Dexie.waitFor: the snapshot is
    // the same, and a read right after the last wait sometimes found the transaction committed (in
    // the desktop app, where each write is a round trip to main).
    const head = (await readAuditHead(db)) ?? { seq: 0, hash: GENESIS_HASH };
    const unit = await getUnitInfo(db);
    // Dexie.waitFor keeps the read transaction open across the encryption and the file writes.
    await Dexie.waitFor(out(header.bytes));
    const dataKey = toBase64(db.keyring.exportDataKey());
    await Dexie.waitFor(frame({ kind: 'start', app: 'wenshu', appVersion: APP_VERSION, schemaVersion: db.verno, createdAt, tables, dataKey }));
    // The stored rows are read right here, below the at-rest middleware, by this transaction (the
    // snapshot), a page at a time by primary key; each page is opened by WebCrypto in parallel
    // (storedRowsJson: the middleware's checks, its rows' JSON without parsing them) while the next
    // page is read, and rows frames are sealed and written while the next page is opened.
    const trans = Dexie.currentTransaction!.idbtrans;
    const queueFrame = (table: string, rowsJson: readonly Uint8Array[]) => {
      const sealed = encodeJsonFrame(key, header.tag, index++, false, rowsFrameJson(table, rowsJson));
      const before = writing;
      writing = (async () => {
        const bytes = await sealed;
        await before;
        await out(bytes);
      })();
      // Reported where it is awaited (with the next page, or at the end of the table).
      writing.catch(() => undefined);
    };
    const counts: Record<string, number> = {};
    for (const name of tables) {
      counts[name] = 0;
      // Chunks are written as raw frames after the tables.
      if (name === ATTACHMENT_CHUNKS_TABLE) continue;
      const core = db.core.table(name);
      // Every table's key is inline: a stored row says its own key, and the next read starts after it.
      const keyOf = (row: unknown) => core.schema.primaryKey.extractKey!(row) as IDBValidKey;
      const opened = storedRowsJson(db.keyring, core);
      // The frame being filled: its rows as UTF-8 JSON, and their bytes.
      let pending: Uint8Array[] = [];
      let size = 0;
      let next: PromiseLike<unknown[]> | null = readStored(trans, name, undefined);
      while (next) {
        const stored: unknown[] = await next;
        next = stored.length === ROWS_PER_READ ? readStored(trans, name, keyOf(stored[stored.length - 1])) : null;
        if (stored.length === 0) break;
        // Dexie.waitFor keeps the read transaction open across WebCrypto and the file writes.
        const [json] = await Dexie.waitFor(Promise.all([opened(stored), writing]));
        for (const [i, row] of json.entries()) {
          // This PC's backup schedule (with the scheduled-backup key) stays on this PC: it is not
          // data, and a file must not carry the key that opens other files. Opened all the same (a
          // changed row is refused here as anywhere).
          if (name === 'settings' && (stored[i] as { key?: unknown }).key === BACKUP_SETTINGS_KEY) continue;
          // Attached files' rows are noted: their chunks follow the tables.
          if (name === ATTACHMENTS_TABLE) {
            const r = JSON.parse(utf8Text.decode(row)) as AttachmentMeta;
            files.push({ id: r.id, name: r.name, size: r.size, sha256: r.sha256, chunkCount: r.chunkCount });
          }
          counts[name] += 1;
          if (size > 0 && size + row.length + 1 > FRAME_BYTES_MAX) {
            queueFrame(name, pending);
            pending = [];
            size = 0;
          }
          pending.push(row);
          size += row.length + 1;
        }
      }
      if (pending.length) queueFrame(name, pending);
    }
    await Dexie.waitFor(writing);
    if (tables.includes(ATTACHMENT_CHUNKS_TABLE)) counts[ATTACHMENT_CHUNKS_TABLE] = files.reduce((n, f) => n + f.chunkCount, 0);
    const m: BackupManifest = {
      kind: 'manifest',
      app: 'wenshu',
      appVersion: APP_VERSION,
      schemaVersion: db.verno,
      createdAt,
      createdBy: actor.displayName || actor.username,
      unitName: unit?.name ?? '',
      counts,
      auditHead: head,
      ...(tables.includes(ATTACHMENTS_TABLE) ? { attachments: { files: files.length, bytes: files.reduce((n, f) => n + f.size, 0) } } : {}),
    };
    return m;
  }).catch(async (e: unknown) => {
    // A failed read leaves no frame still on its way to the sink.
    await writing.catch(() => undefined);
    throw e;
  });
  // The files' bytes, a chunk at a time, outside the read transaction (gigabytes of scans must not
  // hold every save waiting). Still the snapshot's: a file's chunks never change once added, and a
  // removed file keeps its bytes; a file added since is not in the snapshot's rows either.
  for (const f of files) {
    await frame({ kind: 'attachment', id: f.id, size: f.size, sha256: f.sha256, chunks: f.chunkCount });
    // A stored file that no longer matches its own record would make the whole backup unrestorable: said now, by name.
    for await (const chunk of storedFileChunks(db, f, '备份未完成')) await out(await encodeRawFrame(key, header.tag, index++, false, chunk));
  }
  await frame(manifest, true);
  await sink.write(encodeTrailer(sum.digest()));
  return manifest;
}

/**
 * A finished backup: its audit entry and the run noted for 设置 and 工作台, together, once its file
 * is complete (a failed file is no backup). The file holds the log as it was when it began.
 */
export const recordBackupCommand = defineCommand({
  name: 'backup.record',
  input: z.object({
    purpose: z.string(),
    /** Records in the file and the audit log's last entry in it (from its manifest). */
    records: z.number(),
    auditHeadSeq: z.number(),
    run: backupRunSchema,
  }),
  // Scheduled backups run for whoever is signed in (writeBackup checked who may back up).
  permission: null,
  tables: ['settings'],
  run: async ({ db, put, audit }, { purpose, records, auditHeadSeq, run }) => {
    const s = await getSetting(db, 'backup');
    const { lastFailure: _cleared, ...rest } = s;
    await put('settings', { key: BACKUP_SETTINGS_KEY, value: { ...rest, lastSuccess: run } });
    audit({ action: '备份', entityType: '系统', entityId: 'backup', summary: `${purpose}：${records} 条记录，审计日志至第 ${auditHeadSeq} 条；文件 ${run.path}` });
  },
});

/** Records in a backup's counts: every table's rows but the files' chunks (bytes, not records). */
export function recordCount(counts: Record<string, number>): number {
  return Object.entries(counts).reduce((a, [t, n]) => a + (t === ATTACHMENT_CHUNKS_TABLE ? 0 : n), 0);
}

export async function recordBackup(db: WenshuDB, actor: Actor, manifest: BackupManifest, purpose: string, run: BackupRun, now = new Date()): Promise<void> {
  const records = recordCount(manifest.counts);
  await runCommand(db, actor, recordBackupCommand, { purpose, records, auditHeadSeq: manifest.auditHead.seq, run }, now);
}
