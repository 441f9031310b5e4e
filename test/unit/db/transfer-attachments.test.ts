import { describe, expect, test } from 'vitest';
import { checksum, concat, decodeFrame, decodeRawFrame, deriveKey, encodeRawFrame, encodeTrailer, parseBackup, TRANSFER_FILE } from '@shared/backup-format';
import { send } from '../../../renderer/db/commands/client';
import { listAttachments, openAttachment } from '../../../renderer/db/repositories/attachments';
import { registerIncoming } from '../../../renderer/db/repositories/incoming';
import { recordOutput } from '../../../renderer/db/repositories/output';
import { buildTransferPackage, importTransferPackage, openTransferPackage, previewTransferPackage } from '../../../renderer/db/repositories/transfer';
import type { AttachmentMeta } from '../../../shared/domain/attachment-types';
import { normalizeTransferPassphrase } from '../../../shared/domain/transfer';
import { jpgFile, pdfFile, sha256Of } from '../../fixtures/attachment-files';
import { addUser, freshDb, setUpOffice, staffedOffice } from './helpers';

// Attachments in 迁移包 (issue #17): a record's files go with it, sealed by the package's key a
// chunk at a time, checked (SHA-256) when the package is opened and again as they are stored;
// imported with their record, and a second import adds nothing (same id, same SHA-256: 已存在).

const T = new Date(2026, 10, 23, 10, 0);
const T_EXPORT = new Date(2026, 10, 24, 9, 0);
const T_IMPORT = new Date(2026, 10, 25, 9, 0);
const MiB = 1024 * 1024;

async function sender() {
  const o = await staffedOffice();
  const chief = await addUser(o.db, o.admin, 'chief', ['秘书', '安全保密管理员']);
  const doc = await registerIncoming(o.db, o.clerk, {
    receivedDate: '2026-11-21', fromUnit: '市保密局', docNumber: '市保发〔2026〕8号', title: '关于某重大专项的机密通报', docType: '通报',
    classification: '机密', copyNumber: '3', copies: 1, pages: 5, urgency: '普通', writtenDate: '2026-11-18', signedBy: '张秘书', handling: '阅件',
  }, {}, T);
  const pdf = pdfFile('市保发〔2026〕8号.pdf', 2 * MiB + 777, 41);
  const jpg = jpgFile('第1页.jpg', 90_000, 42);
  const a = (await send(o.db, o.clerk, 'attachment.add', { ownerKind: 'incoming', ownerId: doc.id, role: '原件扫描件', file: pdf }, T)) as AttachmentMeta;
  const b = (await send(o.db, o.clerk, 'attachment.add', { ownerKind: 'incoming', ownerId: doc.id, role: '其他', file: jpg }, new Date(T.getTime() + 60_000))) as AttachmentMeta;
  const c = (await send(o.db, o.clerk, 'attachment.add', { ownerKind: 'incoming', ownerId: doc.id, role: '其他', file: jpgFile('扫错了.jpg', 3000, 43) }, T)) as AttachmentMeta;
  await send(o.db, o.clerk, 'attachment.remove', { id: c.id, reason: '扫错了' }, T);
  return { ...o, chief, doc, pdf, jpg, a, b, c };
}

async function receiver() {
  const db = freshDb();
  const admin = await setUpOffice(db);
  const chief = await addUser(db, admin, 'chief', ['秘书', '安全保密管理员']);
  return { db, admin, chief };
}

/** The package re-written by someone holding its passphrase, one byte of the PDF's 2nd chunk changed. */
async function withAlteredChunk(file: Uint8Array, passphrase: string, attachmentId: string): Promise<Uint8Array> {
  const parsed = parseBackup(file, TRANSFER_FILE);
  const key = await deriveKey(normalizeTransferPassphrase(passphrase), parsed.header.kdf);
  const parts: Uint8Array[] = [file.subarray(0, parsed.frames[0]!.start - 4)];
  let target = -1;
  for (let i = 0; i < parsed.frames.length; i++) {
    const f = parsed.frames[i]!;
    const frame = target === -1 ? await decodeFrame<{ kind: string; meta?: { id: string } }>(file, parsed, key, i).catch(() => null) : null;
    if (frame?.kind === 'attachment' && frame.meta?.id === attachmentId) target = i + 2;
    if (i === target) {
      const plain = await decodeRawFrame(file, parsed, key, i);
      plain[5] = plain[5]! ^ 0x40;
      parts.push(await encodeRawFrame(key, parsed.tag, i, false, plain, TRANSFER_FILE));
    } else parts.push(file.subarray(f.start - 4, f.end));
  }
  expect(target).toBeGreaterThan(0);
  const body = concat(parts);
  const sum = checksum();
  sum.update(body);
  return concat([body, encodeTrailer(sum.digest())]);
}

describe('attachments in 迁移包', { timeout: 120_000 }, () => {
  test('the files go with their record (not a removed one), the preview counts them, the import brings them byte for byte; the same package again adds nothing', async () => {
    const s = await sender();
    const prepared = await buildTransferPackage(s.db, s.chief, { incoming: [s.doc.id] }, { purpose: '本单位其他计算机', recipient: '市档案馆', classifiedMode: '复制', copyApprover: { userId: s.chief.id, name: s.chief.displayName } }, T_EXPORT);
    expect(prepared.manifest.attachments).toEqual({ files: 2, bytes: s.pdf.size + s.jpg.size });
    // Sealed by the package's key.
    expect(new TextDecoder('latin1').decode(prepared.bytes)).not.toContain('%PDF-1.7');

    await recordOutput(s.db, s.chief, { kind: '迁移包', manifest: prepared.manifest, path: '/media/usb/迁移包.wstransfer' }, T_EXPORT);
    expect((await s.db.auditLog.where('action').equals('导出迁移包').first())?.summary).toContain('附件 2 个（2.1 MB）');

    const r = await receiver();
    const opened = await openTransferPackage(prepared.bytes, prepared.passphrase);
    expect(opened.attachments?.map((x) => x.meta.name)).toEqual(['市保发〔2026〕8号.pdf', '第1页.jpg']);
    const preview = await previewTransferPackage(r.db, r.chief, opened);
    expect(preview.files).toMatchObject({ files: 2, bytes: s.pdf.size + s.jpg.size, toAdd: { files: 2, bytes: s.pdf.size + s.jpg.size } });

    const result = await importTransferPackage(r.db, r.chief, opened, T_IMPORT);
    expect(result.files).toEqual({ files: 2, bytes: s.pdf.size + s.jpg.size });
    const listed = await listAttachments(r.db, r.chief, 'incoming', s.doc.id);
    expect(listed.map((m) => [m.id, m.name, m.size, m.sha256])).toEqual([
      [s.a.id, s.a.name, s.pdf.size, await sha256Of(s.pdf)],
      [s.b.id, s.b.name, s.jpg.size, await sha256Of(s.jpg)],
    ]);
    expect(await sha256Of(await openAttachment(r.db, r.chief, s.a.id))).toBe(await sha256Of(s.pdf));
    expect(await sha256Of(await openAttachment(r.db, r.chief, s.b.id))).toBe(await sha256Of(s.jpg));
    expect(await r.db.attachments.get(s.c.id)).toBeUndefined();
    const entry = await r.db.auditLog.where('action').equals('导入迁移包').first();
    expect(entry?.summary).toContain('附件 2 个');

    // Again: the record and its files are already here, the same; the same file is not imported twice
    // (refused before any file's bytes are written).
    const chunksBefore = await r.db.attachmentChunks.count();
    const again = await openTransferPackage(prepared.bytes, prepared.passphrase);
    const second = await previewTransferPackage(r.db, r.chief, again);
    expect(second.alreadyImported).toMatch(/未重复导入/);
    expect(second.files.toAdd.files).toBe(0);
    expect(second.files.byStatus['已存在（相同）']).toBe(2);
    await expect(importTransferPackage(r.db, r.chief, again, T_IMPORT)).rejects.toThrow(/未重复导入/);
    expect(await r.db.attachmentChunks.count()).toBe(chunksBefore);
  });

  test('送往其他单位: the files belong to the receiver\'s own 收文 (ids derived from the sender\'s: a second arrival is found)', async () => {
    const s = await sender();
    const prepared = await buildTransferPackage(s.db, s.chief, { incoming: [s.doc.id] }, { purpose: '送往其他单位', recipient: '市档案馆', classifiedMode: '移交' }, T_EXPORT);
    const r = await receiver();
    const opened = await openTransferPackage(prepared.bytes, prepared.passphrase);
    const preview = await previewTransferPackage(r.db, r.chief, opened, {}, undefined, T_IMPORT);
    expect(preview.files.toAdd.files).toBe(2);
    await importTransferPackage(r.db, r.chief, opened, T_IMPORT);
    const received = (await r.db.incoming.toArray()).find((x) => x.legacyNumber === s.doc.serial)!;
    expect(received.id).not.toBe(s.doc.id);
    const listed = await listAttachments(r.db, r.chief, 'incoming', received.id);
    expect(listed.map((m) => [m.name, m.size])).toEqual([
      [s.a.name, s.pdf.size],
      [s.b.name, s.jpg.size],
    ]);
    expect(listed.map((m) => m.id)).not.toContain(s.a.id);
    expect(await sha256Of(await openAttachment(r.db, r.chief, listed[0]!.id))).toBe(await sha256Of(s.pdf));
    // Another package with the same record and files: nothing new, the files recognised.
    const again = await buildTransferPackage(s.db, s.chief, { incoming: [s.doc.id] }, { purpose: '送往其他单位', recipient: '市档案馆', classifiedMode: '移交' }, T_EXPORT);
    const second = await previewTransferPackage(r.db, r.chief, await openTransferPackage(again.bytes, again.passphrase), {}, undefined, T_IMPORT);
    expect(second.files.byStatus['已存在（相同）']).toBe(2);
  });

  test('a file whose bytes do not match its SHA-256 is refused when the package is opened, by name', async () => {
    const s = await sender();
    const prepared = await buildTransferPackage(s.db, s.chief, { incoming: [s.doc.id] }, { purpose: '本单位其他计算机', recipient: '市档案馆', classifiedMode: '复制', copyApprover: { userId: s.chief.id, name: s.chief.displayName } }, T_EXPORT);
    const altered = await withAlteredChunk(prepared.bytes, prepared.passphrase, s.a.id);
    await expect(openTransferPackage(altered, prepared.passphrase)).rejects.toThrow('迁移包中的附件“市保发〔2026〕8号.pdf”校验值（SHA-256）不符');
  });

  test('an import that fails leaves no chunk behind', async () => {
    const s = await sender();
    const prepared = await buildTransferPackage(s.db, s.chief, { incoming: [s.doc.id] }, { purpose: '本单位其他计算机', recipient: '市档案馆', classifiedMode: '复制', copyApprover: { userId: s.chief.id, name: s.chief.displayName } }, T_EXPORT);
    const r = await receiver();
    const opened = await openTransferPackage(prepared.bytes, prepared.passphrase);
    // A 秘书 without the 保密员's right may not import a classified record: refused after the bytes were staged.
    const clerk = await addUser(r.db, r.admin, 'clerk', ['秘书']);
    await expect(importTransferPackage(r.db, clerk, opened, T_IMPORT)).rejects.toThrow();
    expect(await r.db.attachmentChunks.count()).toBe(0);
    expect(await r.db.attachments.count()).toBe(0);
    expect(await r.db.incoming.count()).toBe(0);
  });
});
