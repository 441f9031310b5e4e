import Dexie from 'dexie';
import { describe, expect, test } from 'vitest';
import { writeBackup } from '../../../renderer/db/backup/backup';
import { BackupFileError, checksum, concat, decodeFrame, decodeRawFrame, deriveKey, encodeRawFrame, encodeTrailer, parseBackup, TRAILER_MAGIC } from '@shared/backup-format';
import { openBackup, restoreBackup } from '../../../renderer/db/backup/restore';
import { send } from '../../../renderer/db/commands/client';
import { WenshuDB } from '../../../renderer/db/database';
import { attachmentChunksOf, listAttachments, openAttachment } from '../../../renderer/db/repositories/attachments';
import { completeSetup } from '../../../renderer/db/repositories/auth';
import { registerIncoming } from '../../../renderer/db/repositories/incoming';
import { toActor } from '../../../renderer/db/repositories/users';
import type { Actor } from '../../../renderer/db/types';
import type { AttachmentMeta } from '../../../shared/domain/attachment-types';
import { collect, jpgFile, pdfFile, sha256Of } from '../../fixtures/attachment-files';
import { memorySink } from '../../fixtures/memory-sink';
import { ADMIN_PASSWORD, freshDb, setUpOffice, staffedOffice } from './helpers';

// Attachments in backups (issue #17): each file's chunks travel as frames of their own, sealed by
// the backup's key, one chunk in memory at a time; a restore brings every file back byte for byte
// (SHA-256 checked) or, when one does not match its record, refuses and changes nothing.

const PASS = '备份口令-2026-冬';
const T = new Date('2026-11-23T02:00:00Z');
const MiB = 1024 * 1024;

/** An office with one 收文 and two files on it: a 3-chunk PDF and a JPG, the JPG then removed. */
async function officeWithFiles() {
  const o = await staffedOffice();
  const { db, clerk } = o;
  const doc = await registerIncoming(db, clerk, {
    receivedDate: '2026-11-20', fromUnit: '县财政局', docNumber: '县财发〔2026〕12号', title: '关于做好年终财务决算工作的通知', docType: '通知',
    classification: '非密', copies: 1, pages: 3, urgency: '普通', signedBy: '张秘书', handling: '办件',
  });
  const pdf = pdfFile('县财发〔2026〕12号.pdf', 2 * MiB + 12_345, 11);
  const jpg = jpgFile('第1页.jpg', 300_000, 12);
  const a = (await send(db, clerk, 'attachment.add', { ownerKind: 'incoming', ownerId: doc.id, role: '原件扫描件', file: pdf }, T)) as AttachmentMeta;
  const b = (await send(db, clerk, 'attachment.add', { ownerKind: 'incoming', ownerId: doc.id, role: '其他', file: jpg }, T)) as AttachmentMeta;
  await send(db, clerk, 'attachment.remove', { id: b.id, reason: '重复扫描' }, T);
  return { ...o, doc, pdf, jpg, a, b, shaPdf: await sha256Of(pdf), shaJpg: await sha256Of(jpg) };
}

async function freshInstall(): Promise<{ db: WenshuDB; admin: Actor }> {
  const db = freshDb();
  return { db, admin: await setUpOffice(db) };
}

function safety() {
  return { sink: memorySink(), finish: async () => 'memory://safety.wsbak' };
}

/**
 * The backup re-written by someone holding its passphrase, with the second chunk of the file
 * altered: every frame still decrypts and the checksum holds, only the file's bytes are wrong.
 */
async function withAlteredChunk(file: Uint8Array, attachmentId: string): Promise<Uint8Array> {
  const parsed = parseBackup(file);
  const key = await deriveKey(PASS, parsed.header.kdf);
  const headerEnd = parsed.frames[0]!.start - 4;
  const parts: Uint8Array[] = [file.subarray(0, headerEnd)];
  let target = -1;
  for (let i = 0; i < parsed.frames.length; i++) {
    const f = parsed.frames[i]!;
    if (target === -1 && i > 0 && i < parsed.frames.length - 1) {
      // Raw chunk frames are not JSON: they fail to decode as one and are passed over.
      const frame = await decodeFrame<{ kind: string; id?: string }>(file, parsed, key, i).catch(() => null);
      if (frame?.kind === 'attachment' && frame.id === attachmentId) target = i + 2;
    }
    if (i === target) {
      const plain = await decodeRawFrame(file, parsed, key, i);
      plain[100] = plain[100]! ^ 0xff;
      parts.push(await encodeRawFrame(key, parsed.tag, i, false, plain));
    } else parts.push(file.subarray(f.start - 4, f.end));
  }
  expect(target).toBeGreaterThan(0);
  const body = concat(parts);
  const sum = checksum();
  sum.update(body);
  return concat([body, encodeTrailer(sum.digest())]);
}

describe('attachments in backups', { timeout: 120_000 }, () => {
  test('every file comes back byte for byte (the removed one too, still removed); no write holds more than a chunk', async () => {
    const o = await officeWithFiles();
    const sink = memorySink();
    const writes: number[] = [];
    const manifest = await writeBackup(o.db, o.admin, PASS, { write: async (b) => (writes.push(b.byteLength), sink.write(b)) }, T);
    expect(manifest.attachments).toEqual({ files: 2, bytes: o.pdf.size + o.jpg.size });
    expect(manifest.counts.attachments).toBe(2);
    expect(manifest.counts.attachmentChunks).toBe(o.a.chunkCount + o.b.chunkCount);
    expect(o.a.chunkCount).toBeGreaterThanOrEqual(3);
    // Streamed: the 2 MiB file went out in pieces of at most one chunk (plus the frame's 32 bytes).
    expect(Math.max(...writes)).toBeLessThanOrEqual(o.a.chunkSize + 64);
    const file = sink.bytes();
    // Sealed by the backup's key: the PDF's header is nowhere in the file.
    expect(new TextDecoder('latin1').decode(file)).not.toContain('%PDF-1.7');

    const target = await freshInstall();
    const opened = await openBackup(file, PASS);
    expect(opened.manifest.attachments).toEqual(manifest.attachments);
    const result = await restoreBackup(target.db, target.admin, opened, PASS, safety(), T);
    expect(result.counts.attachments).toBe(2);
    expect(result.counts.attachmentChunks).toBe(manifest.counts.attachmentChunks);
    const restored = new WenshuDB(result.database);

    const clerk = toActor((await restored.users.where('usernameKey').equals('clerk').first())!);
    const listed = await listAttachments(restored, clerk, 'incoming', o.doc.id);
    expect(listed.map((m) => [m.name, m.sha256])).toEqual([['县财发〔2026〕12号.pdf', o.shaPdf]]);
    expect(await sha256Of(await openAttachment(restored, clerk, o.a.id))).toBe(o.shaPdf);
    // The removed file's bytes are kept (a recorded step, not a deletion) and come back with it.
    expect((await restored.attachments.get(o.b.id))?.removed?.reason).toBe('重复扫描');
    expect(await sha256Of(await collect(attachmentChunksOf(restored, o.b.id)))).toBe(o.shaJpg);
  });

  test('a file whose bytes no longer match its SHA-256 refuses the restore by name, and nothing changes', async () => {
    const o = await officeWithFiles();
    const sink = memorySink();
    await writeBackup(o.db, o.admin, PASS, sink, T);
    const altered = await withAlteredChunk(sink.bytes(), o.a.id);
    const target = await freshInstall();
    const before = { users: await target.db.users.toArray(), audit: await target.db.auditLog.count() };
    const opened = await openBackup(altered, PASS);
    const s = safety();
    const refused = await restoreBackup(target.db, target.admin, opened, PASS, s, T).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BackupFileError);
    expect((refused as Error).message).toMatch(/附件“县财发〔2026〕12号\.pdf”校验值（SHA-256）不符/);
    expect(await target.db.users.toArray()).toEqual(before.users);
    expect(await target.db.auditLog.count()).toBe(before.audit);
    expect(await target.db.attachments.count()).toBe(0);
    expect(await target.db.attachmentChunks.count()).toBe(0);
    // Refused before the safety copy was even begun: nothing was about to be replaced.
    expect(s.sink.bytes().length).toBe(0);
  });

  test('a stored file changed in the database files stops the backup, naming it', async () => {
    const o = await officeWithFiles();
    // Chunks 0 and 1 swapped in the files: each is sealed to its own place, so neither opens.
    const [c0, c1] = await o.db.attachmentChunks.bulkGet([[o.a.id, 0], [o.a.id, 1]]);
    await o.db.attachmentChunks.bulkPut([{ ...c0!, data: c1!.data }, { ...c1!, data: c0!.data }]);
    const sink = memorySink();
    await expect(writeBackup(o.db, o.admin, PASS, sink, T)).rejects.toThrow('附件“县财发〔2026〕12号.pdf”的内容与登记的校验值（SHA-256）不符，备份未完成');
  });

  test('one flipped byte in a chunk frame is caught by the file checksum', async () => {
    const o = await officeWithFiles();
    const sink = memorySink();
    await writeBackup(o.db, o.admin, PASS, sink, T);
    const file = sink.bytes().slice();
    const at = file.length - TRAILER_MAGIC.length - 32 - 2_000_000;
    file[at] = file[at]! ^ 0x01;
    await expect(openBackup(file, PASS)).rejects.toThrow('备份文件已损坏或被改动');
  });

  test('a backup from before attachments (schema v11) still restores, with no files', async () => {
    const name = `wenshu-v11-${Math.random().toString(36).slice(2)}`;
    const old = new WenshuDB(name, 11);
    const admin = toActor(await completeSetup(old, { unitName: '迁移测试办', fondsCode: 'Z001', username: 'admin', password: ADMIN_PASSWORD, passwordConfirm: ADMIN_PASSWORD }, T));
    const sink = memorySink();
    const manifest = await writeBackup(old, admin, PASS, sink, T);
    expect(manifest.attachments).toBeUndefined();
    old.close();
    await Dexie.delete(name);
    const target = await freshInstall();
    const result = await restoreBackup(target.db, target.admin, await openBackup(sink.bytes(), PASS), PASS, safety(), T);
    expect(result.counts.attachments).toBe(0);
    const restored = new WenshuDB(result.database);
    expect(await restored.attachmentChunks.count()).toBe(0);
    expect((await restored.users.toArray()).map((u) => u.username)).toEqual(['admin']);
  });
});
