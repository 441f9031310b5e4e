import { describe, expect, test } from 'vitest';
import { writeBackup } from '../../../renderer/db/backup/backup';
import { READ_SLICE_BYTES, type ByteSource } from '@shared/backup-format';
import { openBackup, restoreBackup } from '../../../renderer/db/backup/restore';
import { send } from '../../../renderer/db/commands/client';
import { listAttachments, openAttachment } from '../../../renderer/db/repositories/attachments';
import { registerIncoming } from '../../../renderer/db/repositories/incoming';
import { buildTransferPackage, importTransferPackage, openTransferPackage } from '../../../renderer/db/repositories/transfer';
import type { AttachmentMeta } from '../../../shared/domain/attachment-types';
import { bytesOf, jpgFile, pdfFile } from '../../fixtures/attachment-files';
import { memorySink } from '../../fixtures/memory-sink';
import { WenshuDB } from '../../../renderer/db/database';
import { addUser, freshDb, setUpOffice, staffedOffice } from './helpers';

// Restoring a backup and opening a 迁移包 read the file by range, a frame at a time (issue #17:
// gigabytes of scans never sit in memory whole). The file is handed over as a ByteSource (what
// the platform's openFileForReading gives), instrumented here: no read may ask for more than one
// attachment chunk's frame, reads never overlap, and the result is byte for byte the same.

const PASS = '备份口令-2026-冬';
const T = new Date('2026-11-23T02:00:00Z');
const MiB = 1024 * 1024;
/** A chunk's frame: 12-byte IV + 1 MiB sealed + 16-byte tag. */
const CHUNK_FRAME = 12 + MiB + 16;

/** The file as a reader by range, recording what was asked of it. */
function instrumented(bytes: Uint8Array) {
  const stats = { reads: 0, largest: 0, inFlight: 0, mostInFlight: 0, bytesRead: 0 };
  const source: ByteSource = {
    size: bytes.byteLength,
    async read(offset, length) {
      stats.reads++;
      stats.largest = Math.max(stats.largest, length);
      stats.inFlight++;
      stats.mostInFlight = Math.max(stats.mostInFlight, stats.inFlight);
      await new Promise((r) => setTimeout(r, 0));
      stats.inFlight--;
      const out = bytes.slice(offset, offset + length); // a copy, as a disk read gives
      stats.bytesRead += out.byteLength;
      return out;
    },
  };
  return { source, stats };
}

/** An office with one 收文 carrying three multi-chunk scans and a small photo. */
async function officeWithScans() {
  const o = await staffedOffice();
  const doc = await registerIncoming(o.db, o.clerk, {
    receivedDate: '2026-11-20', fromUnit: '县财政局', docNumber: '县财发〔2026〕12号', title: '关于做好年终财务决算工作的通知', docType: '通知',
    classification: '非密', copies: 1, pages: 3, urgency: '普通', signedBy: '张秘书', handling: '办件',
  });
  const files = [pdfFile('正文扫描.pdf', 3 * MiB + 5, 21), pdfFile('附件一.pdf', 2 * MiB + 999, 22), pdfFile('附件二.pdf', 4 * MiB - 1, 23), jpgFile('封面.jpg', 80_000, 24)];
  const metas: AttachmentMeta[] = [];
  for (const file of files) metas.push((await send(o.db, o.clerk, 'attachment.add', { ownerKind: 'incoming', ownerId: doc.id, role: '原件扫描件', file }, T)) as AttachmentMeta);
  return { ...o, doc, files, metas };
}

describe('restore reads the backup a frame at a time (issue #17)', () => {
  test('several multi-chunk files: never more than one chunk frame asked at once, and every byte back', async () => {
    const o = await officeWithScans();
    const sink = memorySink();
    await writeBackup(o.db, o.admin, PASS, sink, T);
    const file = sink.bytes();
    expect(file.byteLength).toBeGreaterThan(9 * MiB);

    const target = freshDb();
    const admin = await setUpOffice(target);
    const { source, stats } = instrumented(file);
    const opened = await openBackup(source, PASS);
    const restored = new WenshuDB((await restoreBackup(target, admin, opened, PASS, { sink: memorySink(), finish: async () => 'memory://safety.wsbak' }, T)).database);

    // One chunk's frame (or one checksum slice) at a time, one read after another.
    expect(stats.largest).toBeLessThanOrEqual(Math.max(CHUNK_FRAME, READ_SLICE_BYTES));
    expect(stats.mostInFlight).toBe(1);
    // The checksum pass and the frames: about twice the file, never the file many times over.
    expect(stats.bytesRead).toBeLessThan(file.byteLength * 2 + MiB);
    expect(stats.reads).toBeGreaterThan(2 * 9);

    const clerk = o.clerk;
    const listed = await listAttachments(restored, clerk, 'incoming', o.doc.id);
    expect(listed.map((m) => m.name).sort()).toEqual(o.metas.map((m) => m.name).sort());
    for (const [i, meta] of o.metas.entries()) {
      expect(await bytesOf(await openAttachment(restored, clerk, meta.id))).toEqual(await bytesOf(o.files[i]!));
    }
  }, 60_000);

  test('a damaged or cut-short file read by range is refused before anything changes', async () => {
    const o = await officeWithScans();
    const sink = memorySink();
    await writeBackup(o.db, o.admin, PASS, sink, T);
    const file = sink.bytes();

    const flipped = file.slice();
    flipped[Math.floor(flipped.length / 2)]! ^= 0x01;
    await expect(openBackup(instrumented(flipped).source, PASS)).rejects.toThrow('备份文件已损坏或被改动（校验值不符），不能恢复');
    await expect(openBackup(instrumented(file.slice(0, file.length - 10)).source, PASS)).rejects.toThrow('备份文件不完整（文件被截断），不能恢复');
    await expect(openBackup(instrumented(file).source, '不是这个口令-2026')).rejects.toThrow('口令不正确，无法打开此备份');

    // A file that shrinks after it was chosen (cut on the USB disk mid-restore) reads short: refused.
    const opened = await openBackup(instrumented(file).source, PASS);
    const shrunk: ByteSource = { size: file.byteLength, read: async (offset, length) => file.slice(offset, Math.min(offset + length, file.byteLength - 3 * MiB)) };
    const target = freshDb();
    const admin = await setUpOffice(target);
    const usersBefore = await target.users.toArray();
    await expect(restoreBackup(target, admin, { ...opened, file: shrunk }, PASS, { sink: memorySink(), finish: async () => 'memory://safety.wsbak' }, T)).rejects.toThrow('备份文件不完整（文件被截断），不能恢复');
    expect(await target.users.toArray()).toEqual(usersBefore);
    expect(await target.attachments.count()).toBe(0);
  }, 60_000);
});

describe('a 迁移包 is opened and imported a frame at a time (issue #17)', () => {
  test('never more than one chunk frame asked at once; the files arrive byte for byte', async () => {
    const o = await officeWithScans();
    const chief = await addUser(o.db, o.admin, 'chief', ['秘书', '安全保密管理员']);
    const prepared = await buildTransferPackage(o.db, chief, { incoming: [o.doc.id] }, { purpose: '本单位其他计算机', recipient: '市档案馆', classifiedMode: '复制', copyApprover: { userId: chief.id, name: chief.displayName } }, T);

    const r = freshDb();
    const rAdmin = await setUpOffice(r);
    const rChief = await addUser(r, rAdmin, 'chief', ['秘书', '安全保密管理员']);
    const { source, stats } = instrumented(prepared.bytes);
    const opened = await openTransferPackage(source, prepared.passphrase);
    await importTransferPackage(r, rChief, opened, T);

    expect(stats.largest).toBeLessThanOrEqual(Math.max(CHUNK_FRAME, READ_SLICE_BYTES));
    expect(stats.mostInFlight).toBe(1);
    for (const [i, meta] of o.metas.entries()) {
      expect(await bytesOf(await openAttachment(r, rChief, meta.id))).toEqual(await bytesOf(o.files[i]!));
    }

    const flipped = prepared.bytes.slice();
    flipped[Math.floor(flipped.length / 2)]! ^= 0x01;
    await expect(openTransferPackage(instrumented(flipped).source, prepared.passphrase)).rejects.toThrow('迁移包已损坏或被改动（校验值不符），不能导入');
  }, 90_000);
});
