import { describe, expect, test } from 'vitest';
import type { Registration } from '@shared/domain/incoming-types';
import { PermissionError } from '@shared/domain/permissions';
import { verifyAuditChain } from '../../../renderer/db/audit';
import { send } from '../../../renderer/db/commands/client';
import { registerIncoming } from '../../../renderer/db/repositories/incoming';
import { recordOutput } from '../../../renderer/db/repositories/output';
import { baseRegistration } from '../../fixtures/filing';
import { staffedOffice } from './helpers';

// 附件打印 / 附件另存 (issue #17 §2): an attachment of a classified record leaves only as a numbered,
// watermarked, logged copy (打印份号 taken before it leaves, voided when cancelled); one of an
// unclassified record is logged once it has left, with no number; nobody outside the record's need
// to know can log (or make) one.

const T = new Date(2026, 11, 4, 10, 0);
const MARK = '李秘书（clerk） 2026-12-04 10:00 文枢';

const SECRET = {
  ...baseRegistration,
  docNumber: '县安发〔2026〕7号',
  title: '关于某专项工作的通报',
  classification: '机密',
  secrecyTerm: { kind: 'years', years: 20 },
  copyNumber: '000003',
} as Registration;

function pdf(name: string): File {
  const bytes = new Uint8Array(4096).fill(0x20);
  bytes.set(new TextEncoder().encode('%PDF-1.7\n'));
  return new File([bytes], name, { type: 'application/pdf' });
}

async function office() {
  const o = await staffedOffice();
  const open = await registerIncoming(o.db, o.clerk, baseRegistration, {}, T);
  const secret = await registerIncoming(o.db, o.clerk, SECRET, {}, T);
  const add = (ownerId: string, name: string) => send(o.db, o.clerk, 'attachment.add', { ownerKind: 'incoming', ownerId, role: '原件扫描件', file: pdf(name) }, T);
  return { ...o, open, secret, openFile: await add(open.id, '来文扫描.pdf'), secretFile: await add(secret.id, '专项工作通报扫描.pdf') };
}
const last = async (db: Awaited<ReturnType<typeof office>>['db']) => (await db.auditLog.orderBy('seq').last())!;

describe('attachment outputs', () => {
  test('a classified record\'s file: each copy numbered in one series (附YYYY-NNNNNN), the record named by number and 密级, never the file or the title', async () => {
    const { db, clerk, secret, secretFile } = await office();
    const printed = await recordOutput(db, clerk, { kind: '附件打印', attachmentId: secretFile.id, watermark: MARK }, T);
    expect(printed).toEqual({ highest: '机密', copyNumber: '附2026-000001', watermark: MARK });
    const entry = await last(db);
    expect(entry).toMatchObject({ action: '打印附件', entityType: '收文', entityId: secret.id });
    expect(entry.summary).toContain('打印份号 附2026-000001');
    expect(entry.summary).toContain(`${secret.serial}【机密】`);
    expect(entry.summary).toContain(`SHA-256 ${secretFile.sha256}`);
    expect(entry.summary).toContain(`水印“${MARK}”`);
    expect(entry.summary).not.toContain('专项工作');
    expect(entry.details).toMatchObject({ output: '附件打印', copyNumber: '附2026-000001', attachmentId: secretFile.id, highest: '机密' });

    // 另存 (the watermarked PDF) takes the next number of the same series.
    const saved = await recordOutput(db, clerk, { kind: '附件另存', attachmentId: secretFile.id, path: '/docs/收〔2026〕0002-扫描.pdf', watermark: MARK }, T);
    expect(saved.copyNumber).toBe('附2026-000002');
    expect((await last(db)).summary).toContain('文件 收〔2026〕0002-扫描.pdf');

    // Cancelled: that number is voided in the log, and the next copy gets a new one.
    const voided = await recordOutput(db, clerk, { kind: '附件打印', attachmentId: secretFile.id, copyNumber: '附2026-000002', cancelled: true }, T);
    expect(voided.copyNumber).toBe('附2026-000002');
    expect(await last(db)).toMatchObject({ action: '取消打印附件' });
    expect((await last(db)).summary).toContain('打印份号 附2026-000002 作废');
    expect((await recordOutput(db, clerk, { kind: '附件打印', attachmentId: secretFile.id, watermark: MARK }, T)).copyNumber).toBe('附2026-000003');
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  test('an unclassified record\'s file: no number, no watermark, the file named', async () => {
    const { db, clerk, openFile } = await office();
    const out = await recordOutput(db, clerk, { kind: '附件另存', attachmentId: openFile.id, path: '/docs/来文扫描.pdf', watermark: MARK }, T);
    expect(out).toEqual({ highest: '非密', copyNumber: null, watermark: null });
    const entry = await last(db);
    expect(entry.action).toBe('另存附件');
    expect(entry.summary).toContain('《来文扫描.pdf》（原件扫描件）');
    expect(entry.summary).not.toContain('打印份号');
    expect(entry.summary).not.toContain('水印');
  });

  test('outside the record\'s need to know: refused, nothing logged, no number taken', async () => {
    const { db, outsider, clerk, secretFile } = await office();
    const before = await db.auditLog.count();
    await expect(recordOutput(db, outsider, { kind: '附件打印', attachmentId: secretFile.id, watermark: MARK }, T)).rejects.toBeInstanceOf(PermissionError);
    expect(await db.auditLog.count()).toBe(before);
    expect((await recordOutput(db, clerk, { kind: '附件打印', attachmentId: secretFile.id, watermark: MARK }, T)).copyNumber).toBe('附2026-000001');
  });
});
