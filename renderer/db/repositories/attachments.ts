import { createSHA256 } from 'hash-wasm';
import { z } from 'zod';
import {
  attachmentAuditText,
  attachmentFiledRefusal,
  attachmentTypeOf,
  cleanFileName,
  contentMatchesType,
  fileLimitProblem,
  filedOf,
  NeedToKnowError,
  recordLimitProblem,
  requireAttachmentRight,
  roleProblem,
  TYPE_REFUSAL,
} from '@shared/domain/attachment';
import {
  ATTACHMENT_OWNER_KINDS,
  ATTACHMENT_ROLES,
  ATTACHMENT_TYPES,
  type AttachmentMeta,
  type AttachmentOwnerKind,
  type AttachmentUsage,
} from '@shared/domain/attachment-types';
import { isClassified } from '@shared/domain/enums';
import { auditLabel, registerOf, type AnyRegister, type RegisterRow } from '@shared/domain/registers';
import { RuleError } from '@shared/domain/rule-error';
import { cleanParagraphs } from '@shared/domain/text';
import { IntegrityError, type Keyring } from '../at-rest/keyring';
import { authorize } from '../authorize';
import { defineCommand } from '../commands/define';
import type { WenshuDB } from '../database';
import { newId } from '../ids';
import { hasProjection, putRegisterRow, registerTable } from '../registers';
import type { Actor, AttachmentChunkRow } from '../types';
import { getSetting } from './settings';

// Attachments (issue #17 §2): the scanned original kept with its record.
//
// A file is one `attachments` row (AttachmentMeta: name, type, size, SHA-256, who added it; sealed
// at rest by the middleware like every row) and `chunkCount` rows of `attachmentChunks`, each at
// most ATTACHMENT_CHUNK_SIZE plain bytes sealed HERE with the data key (AES-256-GCM through
// WebCrypto, additional data binding the attachment id and the chunk number, so a chunk moved to
// another file or another place fails to open) and stored as a Blob. The middleware lets chunk
// rows through unpacked (at-rest/encryption-middleware.ts, selfSealedTables): JSON-packing and
// the synchronous cipher are for records, not megabytes of scan. Sealing is asynchronous, so it
// happens in the command's prepare(), before the write transaction opens (no non-Dexie await may
// happen inside one); run() then checks again and writes meta, chunks, the owner's history step
// and the audit entry together.
//
// Readers verify every chunk (GCM) and the whole file (SHA-256 against the sealed meta) and
// refuse with IntegrityError: a flipped byte in the files is never shown as the scan.

/** Plain bytes per stored chunk: one chunk is what a reader or a backup holds in memory at a time. */
export const ATTACHMENT_CHUNK_SIZE = 1024 * 1024;

const te = new TextEncoder();

/** The additional data of chunk `n` of attachment `attachmentId`. */
function chunkBinding(attachmentId: string, n: number): Uint8Array {
  return te.encode(`wenshu/attachment-chunk/v1\u0000${attachmentId}\u0000${n}`);
}

let blobsSurviveClone: boolean | undefined;

/**
 * How a sealed chunk is stored: a Blob (Chromium keeps it as a file beside the database, off the
 * JS heap; Node's structured clone keeps it too), or the bytes themselves where the environment's
 * structured clone drops Blobs (jsdom's Blob comes out of fake-indexeddb as an empty object — the
 * component tests). Decided once by trying.
 */
function storedForm(sealed: Uint8Array<ArrayBuffer>): Blob | Uint8Array {
  if (blobsSurviveClone === undefined) {
    try {
      const probe: unknown = structuredClone(new Blob([new Uint8Array([7])]));
      blobsSurviveClone = probe instanceof Blob && probe.size === 1;
    } catch {
      blobsSurviveClone = false;
    }
  }
  return blobsSurviveClone ? new Blob([sealed]) : sealed;
}

/** The bytes of a Blob (jsdom's Blob has no arrayBuffer(): read through FileReader there). */
export function blobBytes(blob: Blob): Promise<Uint8Array> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer().then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('读取文件失败'));
    reader.readAsArrayBuffer(blob);
  });
}

function storedBytes(data: unknown): Promise<Uint8Array> | null {
  if (ArrayBuffer.isView(data)) return Promise.resolve(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  if (data && typeof data === 'object' && Object.prototype.toString.call(data) === '[object Blob]') return blobBytes(data as Blob);
  return null;
}

/** `file` in slices of `size` bytes, one slice read at a time. */
async function* blobChunks(file: Blob, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < file.size; at += size) yield await blobBytes(file.slice(at, Math.min(at + size, file.size)));
}

/** `source` re-cut into pieces of exactly `size` bytes (the last one shorter). */
async function* rechunk(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  let buf = new Uint8Array(size);
  let fill = 0;
  for await (const piece of source) {
    let at = 0;
    while (at < piece.length) {
      const take = Math.min(size - fill, piece.length - at);
      buf.set(piece.subarray(at, at + take), fill);
      fill += take;
      at += take;
      if (fill === size) {
        yield buf;
        buf = new Uint8Array(size);
        fill = 0;
      }
    }
  }
  if (fill > 0) yield buf.subarray(0, fill);
}

interface Sealed {
  size: number;
  sha256: string;
  chunkCount: number;
}

/**
 * Seals `source` (already cut to ATTACHMENT_CHUNK_SIZE) chunk by chunk, hashing the plain bytes as
 * they pass, and hands each sealed row to `sink`.
 */
async function sealChunks(keyring: Keyring, attachmentId: string, source: AsyncIterable<Uint8Array>, sink: (row: AttachmentChunkRow) => Promise<void> | void): Promise<Sealed> {
  const hash = await createSHA256();
  hash.init();
  let n = 0;
  let size = 0;
  for await (const plain of source) {
    hash.update(plain);
    size += plain.length;
    const sealed = (await keyring.sealAsync(plain, chunkBinding(attachmentId, n))) as Uint8Array<ArrayBuffer>;
    await sink({ attachmentId, n, data: storedForm(sealed) });
    n += 1;
  }
  return { size, sha256: hash.digest('hex'), chunkCount: n };
}

// --- who may, on which record -----------------------------------------------------------------

function ownerRegister(kind: AttachmentOwnerKind): AnyRegister {
  const d = registerOf(kind);
  if (!d) throw new RuleError(`内部错误：没有登记簿 ${kind}`);
  return d;
}

async function ownerRow(db: WenshuDB, d: AnyRegister, ownerId: string): Promise<RegisterRow> {
  const row = await registerTable(db, d).get(ownerId);
  if (!row) throw new RuleError(`该${d.label}不存在`);
  return row;
}

/**
 * The record a file is added to or removed from, once `actor` may: it exists, they are within its
 * need to know (asked first: an outsider learns nothing more), they act on its register, and it is
 * not filed (a filed 件 is changed only by 归档更正; the refusal names its 档号).
 */
async function changeableOwner(db: WenshuDB, actor: Actor, kind: AttachmentOwnerKind, ownerId: string, what: '添加附件' | '删除附件'): Promise<{ d: AnyRegister; owner: RegisterRow }> {
  const d = ownerRegister(kind);
  const owner = await ownerRow(db, d, ownerId);
  if (!d.canSee(actor, owner)) throw new NeedToKnowError();
  requireAttachmentRight(actor, kind);
  const filed = filedOf(owner);
  if (filed) throw new RuleError(attachmentFiledRefusal(filed, what));
  return { d, owner };
}

/** Bytes of the files a record holds (removed ones no longer count against its limit). */
async function heldBytes(db: WenshuDB, kind: AttachmentOwnerKind, ownerId: string): Promise<number> {
  const metas = await db.attachments.where('[ownerKind+ownerId]').equals([kind, ownerId]).toArray();
  return metas.filter((m) => !m.removed).reduce((s, m) => s + m.size, 0);
}

/** The owner with one more history step, for registers that keep a history (督办 keeps none). */
async function addHistoryStep(db: WenshuDB, d: AnyRegister, owner: RegisterRow, step: { action: '添加附件' | '删除附件'; at: string; actor: Actor; note: string }): Promise<void> {
  const history = (owner as { history?: unknown }).history;
  if (!Array.isArray(history)) return;
  const row = { ...owner, history: [...history, { action: step.action, at: step.at, byId: step.actor.id, byName: step.actor.displayName, note: step.note }], updatedAt: step.at };
  await putRegisterRow(db, d, row as RegisterRow);
}

/** The register's table (and its search projection's deltas) for a command's moreTables. */
function ownerTables(kind: AttachmentOwnerKind | undefined): string[] {
  const d = kind ? registerOf(kind) : undefined;
  if (!d) return [];
  return [d.table, ...(hasProjection(d) ? ['projectionDeltas'] : [])];
}

// --- commands ---------------------------------------------------------------------------------

/** A File (or a Blob): what a file input or a drop gives. Its name comes from File.name. */
const fileInput = z.custom<Blob>(
  (v) => !!v && typeof v === 'object' && typeof (v as Blob).size === 'number' && typeof (v as Blob).slice === 'function' && typeof (v as Blob).type === 'string',
  { message: '请选择文件' },
);

const addInput = z.object({
  ownerKind: z.enum(ATTACHMENT_OWNER_KINDS),
  ownerId: z.string({ error: '请选择记录' }).min(1, '请选择记录'),
  role: z.enum(ATTACHMENT_ROLES, { error: '请选择附件用途' }),
  file: fileInput,
});

/**
 * 添加附件: keeps a file (PDF, JPG, PNG, OFD) with a 收文, 纪要, 督办 or 发文. Who: whoever acts on
 * that register (收文办理, 会议管理, 督办管理, 发文办理: the 秘书) and is within the record's need to
 * know; never on a filed record. Limits from the setting `attachments`: over one, a RuleError on
 * `file` and nothing is stored. prepare() checks, hashes (SHA-256, streamed) and seals the chunks
 * outside the transaction; run() checks again and writes everything in one.
 */
export const addAttachmentCommand = defineCommand({
  name: 'attachment.add',
  input: addInput,
  permission: null,
  tables: ['attachments', 'attachmentChunks'],
  moreTables: (input) => ownerTables(input.ownerKind),
  prepare: async (db, actor, input, now) => {
    await changeableOwner(db, actor, input.ownerKind, input.ownerId, '添加附件');
    const role = roleProblem(input.ownerKind, input.role);
    if (role) throw RuleError.at('role', role);
    const file = input.file;
    const rawName = typeof (file as File).name === 'string' ? (file as File).name : '';
    const type = attachmentTypeOf(rawName, file.type);
    if (!type) throw RuleError.at('file', `不支持的文件类型${rawName ? `（${rawName}）` : ''}：${TYPE_REFUSAL}`);
    const limits = await getSetting(db, 'attachments');
    const tooLarge = fileLimitProblem(file.size, limits) ?? recordLimitProblem(file.size, await heldBytes(db, input.ownerKind, input.ownerId), limits);
    if (tooLarge) throw RuleError.at('file', tooLarge);
    if (!contentMatchesType(type, await blobBytes(file.slice(0, 1024)))) {
      throw RuleError.at('file', `文件内容不是 ${ATTACHMENT_TYPES[type]} 格式（${rawName || '所选文件'}）：请确认文件完好、扩展名正确`);
    }
    const id = newId();
    const chunks: AttachmentChunkRow[] = [];
    const sealed = await sealChunks(db.keyring, id, blobChunks(file, ATTACHMENT_CHUNK_SIZE), (row) => void chunks.push(row));
    // A file that changed while it was read (a scan still being written) is not kept half-read.
    if (sealed.size !== file.size) throw RuleError.at('file', '读取文件时文件发生变化，请待扫描完成后重新添加');
    const meta: AttachmentMeta = {
      id,
      ownerKind: input.ownerKind,
      ownerId: input.ownerId,
      role: input.role,
      name: cleanFileName(rawName, type),
      type,
      size: sealed.size,
      sha256: sealed.sha256,
      addedBy: { id: actor.id, name: actor.displayName },
      addedAt: now.toISOString(),
      chunkSize: ATTACHMENT_CHUNK_SIZE,
      chunkCount: sealed.chunkCount,
    };
    return { meta, chunks, limits };
  },
  run: async ({ db, actor, now, audit, add }, input, { meta, chunks, limits }) => {
    // Again inside the transaction: the record may have been filed, or filled, meanwhile.
    const { d, owner } = await changeableOwner(db, actor, input.ownerKind, input.ownerId, '添加附件');
    const over = recordLimitProblem(meta.size, await heldBytes(db, input.ownerKind, input.ownerId), limits);
    if (over) throw RuleError.at('file', over);
    await add('attachments', meta);
    for (const c of chunks) await add('attachmentChunks', c);
    await addHistoryStep(db, d, owner, { action: '添加附件', at: now.toISOString(), actor, note: `${meta.name}（${meta.role}）` });
    audit({
      action: '添加附件',
      entityType: d.entityType,
      entityId: owner.id,
      summary: attachmentAuditText({ recordLabel: auditLabel(d, owner), classified: isClassified(d.classification(owner)), name: meta.name, role: meta.role, size: meta.size, sha256: meta.sha256 }),
    });
    return meta;
  },
});

/**
 * 删除附件: the file leaves the record's list with the reason, as a step of its history; its bytes
 * are kept (the step can be checked against them). Same rights as adding; refused once filed.
 */
export const removeAttachmentCommand = defineCommand({
  name: 'attachment.remove',
  input: z.object({
    id: z.string({ error: '请选择附件' }).min(1, '请选择附件'),
    reason: z.string({ error: '请填写删除理由' }).transform((v) => cleanParagraphs(v)).pipe(z.string().min(1, '请填写删除理由').max(500, '理由不能超过 500 个字')),
  }),
  permission: null,
  tables: ['attachments'],
  prepare: async (db, _actor, input) => {
    const meta = await db.attachments.get(input.id);
    if (!meta) throw new RuleError('该附件不存在');
    return { ownerKind: meta.ownerKind };
  },
  moreTables: (_input, { ownerKind }) => ownerTables(ownerKind),
  run: async ({ db, actor, now, audit, put }, input) => {
    const meta = await db.attachments.get(input.id);
    if (!meta) throw new RuleError('该附件不存在');
    const { d, owner } = await changeableOwner(db, actor, meta.ownerKind, meta.ownerId, '删除附件');
    if (meta.removed) throw new RuleError(`该附件已于 ${meta.removed.at.slice(0, 10)} 删除`);
    const at = now.toISOString();
    const removed: AttachmentMeta = { ...meta, removed: { by: { id: actor.id, name: actor.displayName }, at, reason: input.reason } };
    await put('attachments', removed);
    await addHistoryStep(db, d, owner, { action: '删除附件', at, actor, note: `${meta.name}（${meta.role}）：${input.reason}` });
    const classified = isClassified(d.classification(owner));
    audit({
      action: '删除附件',
      entityType: d.entityType,
      entityId: owner.id,
      // A classified record's reason is content (as in 更正): left out of the log.
      summary: `${attachmentAuditText({ recordLabel: auditLabel(d, owner), classified, name: meta.name, role: meta.role, size: meta.size, sha256: meta.sha256 })}${classified ? '' : `；理由：${input.reason}`}`,
    });
    return removed;
  },
});

// --- reads ------------------------------------------------------------------------------------

/** A record as `actor` may open its files: it exists and they are within its need to know. */
async function readableOwner(db: WenshuDB, actor: Actor, kind: AttachmentOwnerKind, ownerId: string): Promise<Actor> {
  const who = await authorize(db, actor, 'records.read');
  const d = ownerRegister(kind);
  const owner = await ownerRow(db, d, ownerId);
  if (!d.canSee(who, owner)) throw new NeedToKnowError();
  return who;
}

/**
 * The files of a record, oldest first; removed ones only with `includeRemoved` (the history shows
 * them). PermissionError outside the record's need to know.
 */
export async function listAttachments(db: WenshuDB, actor: Actor, ownerKind: AttachmentOwnerKind, ownerId: string, opts: { includeRemoved?: boolean } = {}): Promise<AttachmentMeta[]> {
  await readableOwner(db, actor, ownerKind, ownerId);
  const metas = await db.attachments.where('[ownerKind+ownerId]').equals([ownerKind, ownerId]).toArray();
  return metas.filter((m) => opts.includeRemoved || !m.removed).sort((a, b) => (a.addedAt < b.addedAt ? -1 : a.addedAt > b.addedAt ? 1 : 0));
}

/** One file's record, for whoever may see its owner (PermissionError otherwise). */
export async function getAttachment(db: WenshuDB, actor: Actor, id: string): Promise<AttachmentMeta> {
  const meta = await db.attachments.get(id);
  if (!meta) throw new RuleError('该附件不存在');
  await readableOwner(db, actor, meta.ownerKind, meta.ownerId);
  return meta;
}

/**
 * The file as it was added: a Blob of its type, every chunk opened (GCM) and the whole checked
 * against its SHA-256 (IntegrityError when anything in the files was changed). Also a removed
 * file (its bytes are kept). PermissionError outside the record's need to know.
 */
export async function openAttachment(db: WenshuDB, actor: Actor, id: string): Promise<Blob> {
  const meta = await getAttachment(db, actor, id);
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for await (const chunk of attachmentChunksOf(db, id)) parts.push(chunk as Uint8Array<ArrayBuffer>);
  return new Blob(parts, { type: meta.type });
}

/**
 * The plain bytes of attachment `id`, chunk by chunk in order, one chunk in memory at a time: for
 * backups and packages. No permission check (callers have checked). Each chunk is opened and its
 * length checked as it comes; after the last, the SHA-256 of the whole is compared with the meta's
 * — a changed, missing, moved or extra-long chunk throws IntegrityError (the consumer must treat
 * what it received so far as void).
 */
export async function* attachmentChunksOf(db: WenshuDB, id: string): AsyncGenerator<Uint8Array> {
  const meta = await db.attachments.get(id);
  if (!meta) throw new RuleError('该附件不存在');
  const hash = await createSHA256();
  hash.init();
  let size = 0;
  for (let n = 0; n < meta.chunkCount; n++) {
    const row = await db.attachmentChunks.get([id, n]);
    const stored = row ? storedBytes(row.data) : null;
    if (!stored) throw new IntegrityError('attachmentChunks', [id, n]);
    const plain = await db.keyring.openAsync(await stored, chunkBinding(id, n));
    const expected = n < meta.chunkCount - 1 ? meta.chunkSize : meta.size - meta.chunkSize * (meta.chunkCount - 1);
    if (!plain || plain.length !== expected) throw new IntegrityError('attachmentChunks', [id, n]);
    hash.update(plain);
    size += plain.length;
    yield plain;
  }
  if (size !== meta.size || hash.digest('hex') !== meta.sha256) throw new IntegrityError('attachments', id);
}

/**
 * For restore and import (backups, 迁移包, 归档包 read back): stores the bytes of a file whose
 * AttachmentMeta came with them, from `chunks` as they are read (any sizes; re-cut to
 * ATTACHMENT_CHUNK_SIZE, sealed with THIS installation's key, one chunk in memory at a time, each
 * written in its own small transaction). After the last chunk the size and SHA-256 must match
 * `meta`: otherwise every chunk written is deleted again and IntegrityError is thrown. Returns the
 * meta as stored here (chunkSize/chunkCount of this installation's cut; `removed` kept).
 *
 * It writes the chunk rows only, not the meta row: a restore (outside the command pipeline) then
 * puts the meta with `putAttachmentFromChunks`; an import command writes the returned meta in its
 * own transaction with its audit entry, so a file appears in a list only once its bytes are in.
 * Chunk rows are not change-logged (commands/change-log.ts).
 */
export async function storeAttachmentChunks(db: WenshuDB, meta: AttachmentMeta, chunks: AsyncIterable<Uint8Array>): Promise<AttachmentMeta> {
  let written = 0;
  try {
    const sealed = await sealChunks(db.keyring, meta.id, rechunk(chunks, ATTACHMENT_CHUNK_SIZE), async (row) => {
      await db.attachmentChunks.put(row);
      written = row.n + 1;
    });
    if (sealed.size !== meta.size || sealed.sha256 !== meta.sha256) throw new IntegrityError('attachments', meta.id);
    // Chunks of an earlier, longer copy of the same file (a restore over it) would linger.
    await db.attachmentChunks.where('[attachmentId+n]').between([meta.id, sealed.chunkCount], [meta.id, Infinity]).delete();
    return { ...meta, chunkSize: ATTACHMENT_CHUNK_SIZE, chunkCount: sealed.chunkCount };
  } catch (e) {
    if (written > 0) await db.attachmentChunks.where('[attachmentId+n]').between([meta.id, 0], [meta.id, Infinity]).delete();
    throw e;
  }
}

/**
 * storeAttachmentChunks, then the meta row (restore: a system operation outside the command
 * pipeline, like the rest of a restore). Returns the meta as stored.
 */
export async function putAttachmentFromChunks(db: WenshuDB, meta: AttachmentMeta, chunks: AsyncIterable<Uint8Array>): Promise<AttachmentMeta> {
  const stored = await storeAttachmentChunks(db, meta, chunks);
  await db.attachments.put(stored);
  return stored;
}

/**
 * Storage use for 设置 → 存储: every stored file counts (a removed one's bytes are kept, so they
 * still take the space), per register, and the 10 records taking the most, named by number only
 * (the descriptor's number(): never a title, whoever reads the page).
 */
export async function attachmentUsage(db: WenshuDB): Promise<AttachmentUsage> {
  const byKind = new Map<AttachmentOwnerKind, { bytes: number; files: number }>();
  const byRecord = new Map<string, { ownerKind: AttachmentOwnerKind; ownerId: string; bytes: number; files: number }>();
  let totalBytes = 0;
  let files = 0;
  await db.attachments.each((m) => {
    totalBytes += m.size;
    files += 1;
    const k = byKind.get(m.ownerKind) ?? { bytes: 0, files: 0 };
    byKind.set(m.ownerKind, { bytes: k.bytes + m.size, files: k.files + 1 });
    const key = `${m.ownerKind}\u0000${m.ownerId}`;
    const r = byRecord.get(key) ?? { ownerKind: m.ownerKind, ownerId: m.ownerId, bytes: 0, files: 0 };
    byRecord.set(key, { ...r, bytes: r.bytes + m.size, files: r.files + 1 });
  });
  const top = [...byRecord.values()].sort((a, b) => b.bytes - a.bytes || (a.ownerId < b.ownerId ? -1 : 1)).slice(0, 10);
  const largestRecords: AttachmentUsage['largestRecords'] = [];
  for (const r of top) {
    const d = registerOf(r.ownerKind);
    const row = d ? await registerTable(db, d).get(r.ownerId) : undefined;
    largestRecords.push({ ...r, number: d && row ? d.number(row) || '（未编号）' : '（记录已不存在）' });
  }
  return {
    totalBytes,
    files,
    byOwnerKind: ATTACHMENT_OWNER_KINDS.filter((k) => byKind.has(k)).map((k) => ({ ownerKind: k, ...byKind.get(k)! })),
    largestRecords,
  };
}
