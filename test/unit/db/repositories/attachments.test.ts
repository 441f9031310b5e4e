import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { IntegrityError } from '../../../../renderer/db/at-rest/keyring';
import { send } from '../../../../renderer/db/commands/client';
import type { WenshuDB } from '../../../../renderer/db/database';
import {
  ATTACHMENT_CHUNK_SIZE,
  attachmentChunksOf,
  attachmentUsage,
  listAttachments,
  openAttachment,
  putAttachmentFromChunks,
  storeAttachmentChunks,
} from '../../../../renderer/db/repositories/attachments';
import { fileRecords } from '../../../../renderer/db/repositories/filing';
import { getIncoming, registerIncoming } from '../../../../renderer/db/repositories/incoming';
import { createManualTask } from '../../../../renderer/db/repositories/supervision';
import type { Actor } from '../../../../renderer/db/types';
import type { AttachmentMeta } from '../../../../shared/domain/attachment-types';
import type { Registration } from '../../../../shared/domain/incoming-types';
import { PermissionError } from '../../../../shared/domain/permissions';
import { RuleError } from '../../../../shared/domain/rule-error';
import { baseRegistration, finishedIncoming, issuedMeeting, T_ACT, T_REG } from '../../../fixtures/filing';
import { prng } from '../../../fixtures/prng';
import { staffedOffice } from '../helpers';

// Attachments (issue #17 §2) against fake-indexeddb: what the office keeps, who may touch it, and
// what someone holding a copy of the IndexedDB files gets out of them.

const MiB = 1024 * 1024;

/** A 机密 收文 (as in at-rest.test.ts): its content and its files are the 秘书's and the named people's only. */
const SECRET: Registration = {
  receivedDate: '2026-11-20',
  fromUnit: '县国家安全局',
  docNumber: '县安发〔2026〕7号',
  title: '关于绝密演习方案的通报',
  docType: '通报',
  classification: '机密',
  secrecyTerm: { kind: 'years', years: 20 },
  copyNumber: '000003',
  copies: 1,
  pages: 4,
  urgency: '特急',
  signedBy: '张秘书',
  handling: '办件',
} as Registration;

/** A "PDF" of `size` bytes: the PDF header, then seeded noise (incompressible, like a scan). */
function pdfBytes(size: number, seed = 1, marker = ''): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  const rnd = prng(seed);
  for (let i = 0; i < size; i++) out[i] = Math.floor(rnd() * 256);
  const head = new TextEncoder().encode(`%PDF-1.7\n${marker}\n`);
  out.set(head);
  return out;
}

function pdfFile(bytes: Uint8Array<ArrayBuffer>, name = '原件扫描件.pdf'): File {
  return new File([bytes], name, { type: 'application/pdf' });
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function bytesOf(blob: Blob): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await blob.arrayBuffer());
}

async function attach(db: WenshuDB, actor: Actor, ownerId: string, file: File, role: '原件扫描件' | '其他' = '原件扫描件'): Promise<AttachmentMeta> {
  return send(db, actor, 'attachment.add', { ownerKind: 'incoming', ownerId, role, file });
}

async function counts(db: WenshuDB) {
  return {
    attachments: await db.attachments.count(),
    chunks: await db.attachmentChunks.count(),
    audit: await db.auditLog.count(),
    changeLog: await db.changeLog.count(),
  };
}

async function refusal(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a refusal, but it was accepted');
}

/** Every store's rows exactly as IndexedDB holds them (below the middleware), Blobs read out. */
async function rawStores(db: WenshuDB): Promise<Record<string, unknown[]>> {
  const idb = db.backendDB();
  const names = [...idb.objectStoreNames];
  const tx = idb.transaction(names, 'readonly');
  const out: Record<string, unknown[]> = {};
  await Promise.all(
    names.map(
      (n) =>
        new Promise<void>((resolve, reject) => {
          const req = tx.objectStore(n).getAll();
          req.onsuccess = () => {
            out[n] = req.result as unknown[];
            resolve();
          };
          req.onerror = () => reject(req.error ?? new Error('read failed'));
        }),
    ),
  );
  return out;
}

/** Every byte sequence and string a copy of the files gives away, as one list of byte arrays. */
async function everyByte(rows: Record<string, unknown[]>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  const te = new TextEncoder();
  const walk = async (v: unknown): Promise<void> => {
    if (v instanceof Blob) out.push(await bytesOf(v));
    else if (ArrayBuffer.isView(v)) out.push(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    else if (typeof v === 'string') out.push(te.encode(v));
    else if (Array.isArray(v)) for (const x of v) await walk(x);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) {
      out.push(te.encode(k));
      await walk(x);
    }
  };
  for (const list of Object.values(rows)) await walk(list);
  return out;
}

function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

async function rawPut(db: WenshuDB, store: string, row: unknown): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const tx = db.backendDB().transaction(store, 'readwrite');
    tx.objectStore(store).put(row);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('write failed'));
  });
}

async function rawGet(db: WenshuDB, store: string, key: IDBValidKey): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = db.backendDB().transaction(store, 'readonly').objectStore(store).get(key);
    req.onsuccess = () => resolve(req.result as Record<string, unknown>);
    req.onerror = () => reject(req.error ?? new Error('read failed'));
  });
}

describe('attachments', () => {
  test('a 2.5 MiB scan is kept in 3 chunks and opens byte for byte with its SHA-256; the step and the audit entry name it', async () => {
    const { db, clerk } = await staffedOffice();
    const rec = await registerIncoming(db, clerk, baseRegistration, {}, T_REG);
    const bytes = pdfBytes(2.5 * MiB);
    const meta = await attach(db, clerk, rec.id, pdfFile(bytes));

    expect(meta).toMatchObject({ ownerKind: 'incoming', ownerId: rec.id, role: '原件扫描件', name: '原件扫描件.pdf', type: 'application/pdf', size: bytes.length, chunkSize: MiB, chunkCount: 3 });
    expect(meta.sha256).toBe(sha256(bytes));
    expect(meta.addedBy).toEqual({ id: clerk.id, name: clerk.displayName });
    expect(await listAttachments(db, clerk, 'incoming', rec.id)).toEqual([meta]);

    const opened = await openAttachment(db, clerk, meta.id);
    expect(opened.type).toBe('application/pdf');
    const back = await bytesOf(opened);
    expect(back.length).toBe(bytes.length);
    expect(sha256(back)).toBe(meta.sha256);

    const sizes: number[] = [];
    for await (const c of attachmentChunksOf(db, meta.id)) sizes.push(c.length);
    expect(sizes).toEqual([MiB, MiB, 0.5 * MiB]);

    const after = await getIncoming(db, clerk, rec.id);
    expect(after!.record.history.at(-1)).toMatchObject({ action: '添加附件', byId: clerk.id, note: '原件扫描件.pdf（原件扫描件）' });
    const entry = (await db.auditLog.toArray()).at(-1)!;
    expect(entry).toMatchObject({ action: '添加附件', entityType: '收文', entityId: rec.id });
    expect(entry.summary).toContain('《原件扫描件.pdf》');
    expect(entry.summary).toContain('2.5 MB');
    expect(entry.summary).toContain(meta.sha256);
  });

  test('the change log records the file, never its bytes', async () => {
    const { db, clerk } = await staffedOffice();
    const rec = await registerIncoming(db, clerk, baseRegistration, {}, T_REG);
    const meta = await attach(db, clerk, rec.id, pdfFile(pdfBytes(1.5 * MiB)));
    const log = await db.changeLog.where('commandId').equals((await db.changeLog.toArray()).at(-1)!.commandId).toArray();
    // The file's row and its 收文 (the history step); no chunk row (projectionDeltas are never logged).
    expect(log.map((r) => r.entity).sort()).toEqual(['attachments', 'incoming']);
    expect(await db.attachmentChunks.count()).toBe(2);
    expect(log.find((r) => r.entity === 'attachments')!.after).toEqual(meta);
    expect(JSON.stringify(log).length).toBeLessThan(20_000);
  });

  test('over a limit: a clear message on the file field and nothing stored', async () => {
    const { db, admin, clerk } = await staffedOffice();
    const rec = await registerIncoming(db, clerk, baseRegistration, {}, T_REG);

    // The default 50 MB per file: an 85.3 MB scan.
    let before = await counts(db);
    const big = new File([new Uint8Array(Math.round(85.3 * MiB))], '大文件.pdf', { type: 'application/pdf' });
    let e = await refusal(attach(db, clerk, rec.id, big));
    expect(e).toBeInstanceOf(RuleError);
    expect(e).toMatchObject({ field: 'file', message: '文件 85.3 MB，超过单个附件上限 50 MB（设置 → 存储）' });
    expect(await counts(db)).toEqual(before);

    // Tighter limits (设置 → 存储): 2 MB a file, 3 MB a record.
    await send(db, admin, 'settings.save', { key: 'attachments', value: { maxFileMB: 2, maxRecordMB: 3 } });
    await attach(db, clerk, rec.id, pdfFile(pdfBytes(1.8 * MiB, 2)));
    before = await counts(db);
    e = await refusal(attach(db, clerk, rec.id, pdfFile(pdfBytes(1.5 * MiB, 3))));
    expect(e).toMatchObject({ field: 'file', message: '此件已有附件 1.8 MB，加上本文件 1.5 MB 将超过每件记录上限 3 MB（设置 → 存储）' });
    e = await refusal(attach(db, clerk, rec.id, pdfFile(pdfBytes(2 * MiB + 1, 4))));
    expect(e).toMatchObject({ field: 'file', message: '文件略大于 2 MB，超过单个附件上限 2 MB（设置 → 存储）' });
    expect(await counts(db)).toEqual(before);
    // A removed file no longer counts against the record.
    const [held] = await listAttachments(db, clerk, 'incoming', rec.id);
    await send(db, clerk, 'attachment.remove', { id: held!.id, reason: '扫错了' });
    await attach(db, clerk, rec.id, pdfFile(pdfBytes(1.5 * MiB, 3)));

    // The limits themselves: field errors, nothing saved.
    e = await refusal(send(db, admin, 'settings.save', { key: 'attachments', value: { maxFileMB: 100, maxRecordMB: 50 } }));
    expect(e).toMatchObject({ field: 'maxRecordMB', message: '每件记录的上限不能小于单个附件上限' });
    e = await refusal(send(db, admin, 'settings.save', { key: 'attachments', value: { maxFileMB: 0, maxRecordMB: 50 } }));
    expect(e).toMatchObject({ field: 'maxFileMB', message: '至少 1 MB' });
    // Only 系统设置 may change them.
    expect(await refusal(send(db, clerk, 'settings.save', { key: 'attachments', value: { maxFileMB: 9, maxRecordMB: 90 } }))).toBeInstanceOf(PermissionError);
  });

  test('file kinds: by type, by extension when the type is generic (OFD), and the content must match', async () => {
    const { db, clerk } = await staffedOffice();
    const rec = await registerIncoming(db, clerk, baseRegistration, {}, T_REG);
    const ofd = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]);
    const m = await attach(db, clerk, rec.id, new File([ofd], 'C:\\扫描\\正文.OFD', { type: 'application/octet-stream' }), '其他');
    expect(m).toMatchObject({ type: 'application/ofd', name: '正文.OFD', size: 8 });
    const jpg = await attach(db, clerk, rec.id, new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0])], 'p1.jpg', { type: 'image/jpeg' }), '其他');
    expect(jpg.type).toBe('image/jpeg');

    const before = await counts(db);
    let e = await refusal(attach(db, clerk, rec.id, new File([new Uint8Array([0x47, 0x49, 0x46])], 'a.gif', { type: 'image/gif' })));
    expect(e).toMatchObject({ field: 'file', message: '不支持的文件类型（a.gif）：只能添加 PDF、JPG、PNG、OFD 文件' });
    e = await refusal(attach(db, clerk, rec.id, new File([new TextEncoder().encode('MZ not a pdf')], '通知.pdf', { type: 'application/pdf' })));
    expect(e).toMatchObject({ field: 'file' });
    expect(e.message).toContain('文件内容不是 PDF 格式');
    e = await refusal(attach(db, clerk, rec.id, new File([], '空.pdf', { type: 'application/pdf' })));
    expect(e).toMatchObject({ field: 'file', message: '文件是空的（0 字节），请重新选择' });
    // A 收文's file is its scan or 其他, not a 签到表.
    e = await refusal(send(db, clerk, 'attachment.add', { ownerKind: 'incoming', ownerId: rec.id, role: '签到表', file: pdfFile(pdfBytes(100)) }));
    expect(e).toMatchObject({ field: 'role' });
    expect(await counts(db)).toEqual(before);
  });

  test('need to know: outside a 机密 收文 nobody lists, opens or adds its files; the audit log names it by 密级 only', async () => {
    const { db, clerk, outsider, officer } = await staffedOffice();
    const rec = await registerIncoming(db, clerk, SECRET, {}, T_REG);
    const meta = await attach(db, clerk, rec.id, pdfFile(pdfBytes(5000, 9), '雷霆行动方案.pdf'));

    expect(await refusal(listAttachments(db, outsider, 'incoming', rec.id))).toBeInstanceOf(PermissionError);
    const e = await refusal(openAttachment(db, outsider, meta.id));
    expect(e).toBeInstanceOf(PermissionError);
    expect(e.message).toContain('不在知悉范围内');
    const before = await counts(db);
    expect(await refusal(attach(db, outsider, rec.id, pdfFile(pdfBytes(100))))).toBeInstanceOf(PermissionError);
    expect(await refusal(send(db, outsider, 'attachment.remove', { id: meta.id, reason: '试试' }))).toBeInstanceOf(PermissionError);
    // The 保密员 is within every need to know and reads the file, but does not keep the 收文.
    expect(await listAttachments(db, officer, 'incoming', rec.id)).toHaveLength(1);
    expect(await refusal(attach(db, officer, rec.id, pdfFile(pdfBytes(100))))).toBeInstanceOf(PermissionError);
    expect(await counts(db)).toEqual(before);

    const entry = (await db.auditLog.where('action').equals('添加附件').toArray()).at(-1)!;
    expect(entry.summary).toContain('【机密】');
    expect(entry.summary).toContain(meta.sha256);
    expect(entry.summary).not.toContain('雷霆');
    expect(entry.summary).not.toContain('演习');
    // The history step keeps the name, but an outsider's view of the record does not.
    const masked = await getIncoming(db, outsider, rec.id);
    expect(JSON.stringify(masked)).not.toContain('雷霆');
  });

  test('a filed 收文 takes no file and loses none: the refusal names its 档号', async () => {
    const { db, clerk } = await staffedOffice();
    const rec = await finishedIncoming(db, clerk, { id: 'BGS', name: '办公室' });
    const meta = await attach(db, clerk, rec.id, pdfFile(pdfBytes(3000)));
    const [filed] = await fileRecords(db, clerk, 2026, [{ kind: '收文', recordId: rec.id, orgCode: 'BGS', retention: '永久' }], T_ACT);
    const before = await counts(db);
    let e = await refusal(attach(db, clerk, rec.id, pdfFile(pdfBytes(3000, 5))));
    expect(e).toBeInstanceOf(RuleError);
    expect(e.message).toBe(`此件已归档（档号 ${filed!.archiveCode}），不能添加附件；如需更正，请在“归档”中办理更正`);
    e = await refusal(send(db, clerk, 'attachment.remove', { id: meta.id, reason: '不需要了' }));
    expect(e.message).toContain(`档号 ${filed!.archiveCode}`);
    expect(e.message).toContain('不能删除附件');
    expect(await counts(db)).toEqual(before);
    // Still read: a filed 件's scan is its 电子文件.
    expect(sha256(await bytesOf(await openAttachment(db, clerk, meta.id)))).toBe(meta.sha256);
  });

  test('删除附件: with a reason, a recorded step; the bytes are kept', async () => {
    const { db, clerk } = await staffedOffice();
    const rec = await registerIncoming(db, clerk, baseRegistration, {}, T_REG);
    const meta = await attach(db, clerk, rec.id, pdfFile(pdfBytes(4000)));
    const e = await refusal(send(db, clerk, 'attachment.remove', { id: meta.id, reason: '  ' }));
    expect(e).toMatchObject({ field: 'reason', message: '请填写删除理由' });
    expect(await refusal(send(db, clerk, 'attachment.remove', { id: meta.id } as never))).toMatchObject({ field: 'reason', message: '请填写删除理由' });

    const removed = await send(db, clerk, 'attachment.remove', { id: meta.id, reason: '误传了另一份文件' });
    expect(removed.removed).toMatchObject({ by: { id: clerk.id }, reason: '误传了另一份文件' });
    expect(await listAttachments(db, clerk, 'incoming', rec.id)).toEqual([]);
    expect(await listAttachments(db, clerk, 'incoming', rec.id, { includeRemoved: true })).toEqual([removed]);
    expect(sha256(await bytesOf(await openAttachment(db, clerk, meta.id)))).toBe(meta.sha256);
    expect(await db.attachmentChunks.count()).toBe(1);
    expect((await getIncoming(db, clerk, rec.id))!.record.history.at(-1)).toMatchObject({ action: '删除附件', note: '原件扫描件.pdf（原件扫描件）：误传了另一份文件' });
    expect((await db.auditLog.toArray()).at(-1)).toMatchObject({ action: '删除附件', entityId: rec.id });
    expect((await db.auditLog.toArray()).at(-1)!.summary).toContain('理由：误传了另一份文件');
    expect((await refusal(send(db, clerk, 'attachment.remove', { id: meta.id, reason: '再删' }))).message).toContain('该附件已于');
  });

  test('纪要: the signed 签到表 goes with the meeting, as a step of its history; a 收文’s role is refused', async () => {
    const { db, clerk } = await staffedOffice();
    const m = await issuedMeeting(db, clerk);
    const meta = await send(db, clerk, 'attachment.add', { ownerKind: 'meetings', ownerId: m.id, role: '签到表', file: new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 9])], '签到表.jpg', { type: 'image/jpeg' }) });
    expect((await db.meetings.get(m.id))!.history.at(-1)).toMatchObject({ action: '添加附件', note: '签到表.jpg（签到表）' });
    expect(await listAttachments(db, clerk, 'meetings', m.id)).toEqual([meta]);
    const e = await refusal(send(db, clerk, 'attachment.add', { ownerKind: 'meetings', ownerId: m.id, role: '原件扫描件', file: pdfFile(pdfBytes(100)) }));
    expect(e).toMatchObject({ field: 'role', message: '此类记录的附件用途只能是：签到表、纪要扫描件、其他' });
  });

  test('发文: the 定稿 goes with the draft, as a step of its history', async () => {
    const { db, clerk, dept } = await staffedOffice();
    await send(db, clerk, 'outgoing.saveSeries', { series: [{ id: 's-fa', code: '县政办发', pattern: '县政办发〔YYYY〕N号', issuerMark: '测试县人民政府办公室文件', issuerName: '测试县人民政府办公室' }] }, T_REG);
    const draft = await send(db, clerk, 'outgoing.draft', { draft: {
      title: '关于做好冬季安全生产工作的通知', docType: '通知', direction: '下行文', seriesId: 's-fa', mainTo: ['各乡镇人民政府'], copyTo: [], classification: '非密',
      urgency: '普通', draftingUnit: { id: dept.id, name: dept.name }, drafter: { userId: clerk.id, name: clerk.displayName }, countersignUnits: [], printCopies: 2, disclosure: '主动公开',
    } }, T_REG);
    const meta = await send(db, clerk, 'attachment.add', { ownerKind: 'outgoing', ownerId: draft.id, role: '定稿', file: pdfFile(pdfBytes(3000), '定稿.pdf') });
    expect((await db.outgoing.get(draft.id))!.history.at(-1)).toMatchObject({ action: '添加附件', note: '定稿.pdf（定稿）' });
    expect(await listAttachments(db, clerk, 'outgoing', draft.id)).toEqual([meta]);
    expect((await db.auditLog.toArray()).at(-1)).toMatchObject({ action: '添加附件', entityType: '发文', entityId: draft.id });
  });

  test('督办 反馈材料: the 秘书 attaches it (督办 keeps no history); a 工作人员 may read it, not add', async () => {
    const { db, clerk, reader } = await staffedOffice();
    const task = await createManualTask(db, clerk, { content: '落实年终决算', unit: '财务科', person: '李四', dueDate: '2026-12-20', assignedBy: '王主任' }, T_REG);
    const meta = await send(db, clerk, 'attachment.add', { ownerKind: 'tasks', ownerId: task.id, role: '反馈材料', file: new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1])], '反馈.png', { type: 'image/png' }) });
    expect(meta).toMatchObject({ ownerKind: 'tasks', type: 'image/png', role: '反馈材料' });
    expect(await listAttachments(db, reader, 'tasks', task.id)).toEqual([meta]);
    expect(await refusal(send(db, reader, 'attachment.add', { ownerKind: 'tasks', ownerId: task.id, role: '反馈材料', file: pdfFile(pdfBytes(100)) }))).toBeInstanceOf(PermissionError);
    expect((await db.auditLog.toArray()).at(-1)).toMatchObject({ action: '添加附件', entityType: '督办', entityId: task.id });
  });
});

describe('attachments at rest, tried as someone holding a copy of the files', () => {
  test('a marker written into a scan is nowhere in the files, not in a chunk, not in a meta row', async () => {
    const { db, clerk } = await staffedOffice();
    const rec = await registerIncoming(db, clerk, SECRET, {}, T_REG);
    const marker = 'WENSHU-PLAINTEXT-MARKER-雷霆行动-0042';
    // The marker at the start, across the first chunk boundary and at the end.
    const bytes = pdfBytes(2 * MiB + 777, 11, marker);
    const m = new TextEncoder().encode(marker);
    bytes.set(m, MiB - 10);
    bytes.set(m, bytes.length - m.length);
    const meta = await attach(db, clerk, rec.id, pdfFile(bytes, `${marker}.pdf`));
    expect(contains(await bytesOf(await openAttachment(db, clerk, meta.id)), m)).toBe(true);

    const raw = await rawStores(db);
    expect(raw.attachmentChunks).toHaveLength(3);
    // Node's structured clone keeps Blobs: the chunks are stored as Blobs, as in Chromium.
    expect(raw.attachmentChunks!.every((r) => (r as { data: unknown }).data instanceof Blob)).toBe(true);
    const all = await everyByte(raw);
    expect(all.some((b) => contains(b, m))).toBe(false);
    expect(all.some((b) => contains(b, new TextEncoder().encode('雷霆行动')))).toBe(false);
    // The meta row: ids, kind and day readable (its indexes), name, size and hash sealed.
    const rawMeta = raw.attachments![0] as Record<string, unknown>;
    expect(Object.keys(rawMeta).sort()).toEqual(['$e', 'addedAt', 'id', 'ownerId', 'ownerKind']);
    expect(JSON.stringify(rawMeta)).not.toContain(meta.sha256);
  });

  test('a flipped byte, a swapped chunk, a forged readable chunk: each refused with IntegrityError', async () => {
    const { db, clerk } = await staffedOffice();
    const rec = await registerIncoming(db, clerk, baseRegistration, {}, T_REG);
    const meta = await attach(db, clerk, rec.id, pdfFile(pdfBytes(2 * MiB + 5, 21)));
    const first = await rawGet(db, 'attachmentChunks', [meta.id, 0]);
    const second = await rawGet(db, 'attachmentChunks', [meta.id, 1]);
    const good = await bytesOf(first.data as Blob);

    // One byte of the ciphertext flipped.
    const flipped = new Uint8Array(good);
    flipped[5000] = flipped[5000]! ^ 0x01;
    await rawPut(db, 'attachmentChunks', { ...first, data: new Blob([flipped]) });
    let e = await refusal(openAttachment(db, clerk, meta.id));
    expect(e).toBeInstanceOf(IntegrityError);
    expect(e.message).toBe('数据文件中的记录被改动或损坏（attachmentChunks），已拒绝读取');
    e = await refusal((async () => {
      for await (const _ of attachmentChunksOf(db, meta.id)) void _;
    })());
    expect(e).toBeInstanceOf(IntegrityError);

    // Chunk 1's sealed bytes put in place of chunk 0 (each is bound to its number).
    await rawPut(db, 'attachmentChunks', { ...first, data: second.data });
    expect(await refusal(openAttachment(db, clerk, meta.id))).toBeInstanceOf(IntegrityError);

    // A chunk of plain bytes written into the files.
    await rawPut(db, 'attachmentChunks', { ...first, data: new Blob([pdfBytes(MiB, 21)]) });
    expect(await refusal(openAttachment(db, clerk, meta.id))).toBeInstanceOf(IntegrityError);

    // A readable field beside the chunk: refused by the middleware itself.
    await rawPut(db, 'attachmentChunks', { ...first, data: new Blob([good]), note: '可读内容' });
    expect(await refusal(db.attachmentChunks.get([meta.id, 0]))).toBeInstanceOf(IntegrityError);

    // Restored as it was: opens again.
    await rawPut(db, 'attachmentChunks', { ...first, data: new Blob([good]) });
    expect((await openAttachment(db, clerk, meta.id)).size).toBe(meta.size);

    // A missing last chunk.
    await new Promise<void>((resolve) => {
      const tx = db.backendDB().transaction('attachmentChunks', 'readwrite');
      tx.objectStore('attachmentChunks').delete([meta.id, 2]);
      tx.oncomplete = () => resolve();
    });
    expect(await refusal(openAttachment(db, clerk, meta.id))).toBeInstanceOf(IntegrityError);
  });
});

describe('restore and import: storeAttachmentChunks / putAttachmentFromChunks', () => {
  test('a file read from one installation chunk by chunk is stored in another, re-cut and re-sealed, and opens the same', async () => {
    const a = await staffedOffice();
    const rec = await registerIncoming(a.db, a.clerk, baseRegistration, {}, T_REG);
    const bytes = pdfBytes(2 * MiB + 300, 31);
    const meta = await attach(a.db, a.clerk, rec.id, pdfFile(bytes));

    const b = await staffedOffice();
    const there = await registerIncoming(b.db, b.clerk, baseRegistration, {}, T_REG);
    // Pieces of 300 KB, as a package reader would hand them over.
    async function* pieces(): AsyncGenerator<Uint8Array> {
      for (let at = 0; at < bytes.length; at += 300 * 1024) yield bytes.subarray(at, Math.min(at + 300 * 1024, bytes.length));
    }
    const stored = await putAttachmentFromChunks(b.db, { ...meta, ownerId: there.id }, pieces());
    expect(stored).toMatchObject({ chunkSize: ATTACHMENT_CHUNK_SIZE, chunkCount: 3, sha256: meta.sha256 });
    expect(sha256(await bytesOf(await openAttachment(b.db, b.clerk, meta.id)))).toBe(sha256(bytes));

    // The stream of installation A straight into a third one.
    const c = await staffedOffice();
    await putAttachmentFromChunks(c.db, meta, attachmentChunksOf(a.db, meta.id));
    const back: Uint8Array[] = [];
    for await (const chunk of attachmentChunksOf(c.db, meta.id)) back.push(chunk);
    expect(sha256(Buffer.concat(back))).toBe(meta.sha256);
  });

  test('bytes that do not match the SHA-256 are refused and nothing is left behind', async () => {
    const { db } = await staffedOffice();
    const bytes = pdfBytes(MiB + 10, 41);
    const meta: AttachmentMeta = {
      id: 'imported-1',
      ownerKind: 'incoming',
      ownerId: 'x',
      role: '原件扫描件',
      name: 'a.pdf',
      type: 'application/pdf',
      size: bytes.length,
      sha256: sha256(bytes),
      addedBy: { id: 'u', name: '张三' },
      addedAt: '2026-11-20T01:00:00.000Z',
      chunkSize: MiB,
      chunkCount: 2,
    };
    const changed = new Uint8Array(bytes);
    changed[100] = changed[100]! ^ 0xff;
    async function* once(b: Uint8Array): AsyncGenerator<Uint8Array> {
      yield b;
    }
    expect(await refusal(storeAttachmentChunks(db, meta, once(changed)))).toBeInstanceOf(IntegrityError);
    expect(await refusal(putAttachmentFromChunks(db, meta, once(bytes.subarray(0, MiB))))).toBeInstanceOf(IntegrityError);
    expect(await db.attachmentChunks.count()).toBe(0);
    expect(await db.attachments.count()).toBe(0);
  });
});

describe('attachmentUsage', () => {
  test('total, per register and the largest records by number; removed files still take their space', async () => {
    const { db, clerk } = await staffedOffice();
    const small = await registerIncoming(db, clerk, { ...baseRegistration, docNumber: '县财发〔2026〕2号' }, {}, T_REG);
    const large = await registerIncoming(db, clerk, { ...baseRegistration, docNumber: '县财发〔2026〕3号' }, {}, T_REG);
    const task = await createManualTask(db, clerk, { content: '落实', unit: '财务科', person: '李四', dueDate: '2026-12-20', assignedBy: '王主任' }, T_REG);
    await attach(db, clerk, small.id, pdfFile(pdfBytes(1000, 1)));
    const gone = await attach(db, clerk, large.id, pdfFile(pdfBytes(3000, 2)));
    await attach(db, clerk, large.id, pdfFile(pdfBytes(5000, 3)));
    await send(db, clerk, 'attachment.add', { ownerKind: 'tasks', ownerId: task.id, role: '反馈材料', file: pdfFile(pdfBytes(2000, 4)) });
    await send(db, clerk, 'attachment.remove', { id: gone.id, reason: '重复' });

    expect(await attachmentUsage(db)).toEqual({
      totalBytes: 11000,
      files: 4,
      byOwnerKind: [
        { ownerKind: 'incoming', bytes: 9000, files: 3 },
        { ownerKind: 'tasks', bytes: 2000, files: 1 },
      ],
      largestRecords: [
        { ownerKind: 'incoming', ownerId: large.id, number: large.serial, bytes: 8000, files: 2 },
        { ownerKind: 'tasks', ownerId: task.id, number: task.serial, bytes: 2000, files: 1 },
        { ownerKind: 'incoming', ownerId: small.id, number: small.serial, bytes: 1000, files: 1 },
      ],
    });
  });
});
