import { describe, expect, test } from 'vitest';
import { verifyAuditChain } from '../../../renderer/db/audit';
import { findFilingPackageExport } from '../../../renderer/db/repositories/filing-package';
import { recordOutput } from '../../../renderer/db/repositories/output';
import { staffedOffice } from './helpers';

// recordOutput: the one audited output path. The per-register kinds (收文, 纪要, 督办, carriers,
// 迁移包) are covered beside their repositories; here the 归档 outputs, the 归档包, the 密级 an
// entry carries and the refusals.

const T = new Date(2026, 11, 4, 10, 0);
const records = [
  { id: 'a', classification: '非密' as const },
  { id: 'b', classification: '机密' as const },
  { id: 'c', classification: '秘密' as const },
];
const last = async (db: Awaited<ReturnType<typeof staffedOffice>>['db']) => (await db.auditLog.orderBy('seq').last())!;

describe('recordOutput', () => {
  test('归档 prints and exports: 年度, count, how, the file name and the watermark; details carry the highest 密级', async () => {
    const { db, clerk } = await staffedOffice();
    const printed = await recordOutput(db, clerk, { kind: '导出PDF', document: '备考表', year: 2026, records, boxes: 2, path: '/docs/备考表-2026.pdf', watermark: '李秘书（mishu） 2026-12-04 10:00 文枢' }, T);
    expect(printed).toEqual({ highest: '机密', watermark: '李秘书（mishu） 2026-12-04 10:00 文枢', copyNumber: null });
    expect(await last(db)).toMatchObject({
      action: '打印备考表',
      entityType: '档案',
      entityId: '2026',
      summary: '2026 年度备考表，共 3 件；导出PDF；2 盒；水印“李秘书（mishu） 2026-12-04 10:00 文枢”',
      details: { year: 2026, count: 3, output: '导出PDF', document: '备考表', path: '/docs/备考表-2026.pdf', highest: '机密' },
    });

    await recordOutput(db, clerk, { kind: '导出XLSX', document: '归档文件目录', year: 2026, records: records.slice(0, 1), path: 'D:\\归档\\归档文件目录-2026.xlsx', watermark: null }, T);
    expect(await last(db)).toMatchObject({ action: '导出归档文件目录', summary: '2026 年度归档文件目录，共 1 件；文件：归档文件目录-2026.xlsx', details: { highest: '非密' } });

    const paper = await recordOutput(db, clerk, { kind: '打印', document: '归档章', year: 2026, records: records.slice(0, 1), watermark: 'x' }, T);
    // Not classified: no watermark to put on it.
    expect(paper.watermark).toBeNull();
    expect(await last(db)).toMatchObject({ action: '打印归档章', summary: '2026 年度归档章，共 1 件；打印；水印“x”' });
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  test('the 归档包 is logged with its manifest hash, which a later check finds', async () => {
    const { db, clerk } = await staffedOffice();
    const sha = 'ab'.repeat(32);
    await recordOutput(db, clerk, { kind: '归档包', year: 2026, path: '/media/usb/Z109-2026.zip', manifestSha256: sha, files: 11, items: 4, withheld: 1, pdf: false }, T);
    expect(await last(db)).toMatchObject({
      action: '导出归档包',
      entityId: '2026',
      summary: `2026 年度归档包：4 件、11 个文件（1 件不在知悉范围，未含内容），未含 PDF；清单 SHA-256 ${sha.slice(0, 16)}…；文件 /media/usb/Z109-2026.zip`,
    });
    expect(await findFilingPackageExport(db, clerk, sha)).toMatchObject({ path: '/media/usb/Z109-2026.zip', actorName: 'clerk' });
  });

  test('refuses an actor without the right, and a bad 年度, writing nothing', async () => {
    const { db, clerk, reader } = await staffedOffice();
    const before = await db.auditLog.count();
    await expect(recordOutput(db, reader, { kind: '打印', document: '归档文件目录', year: 2026, records }, T)).rejects.toThrow('没有权限');
    await expect(recordOutput(db, reader, { kind: '载体打印', document: '涉密载体登记表', carrierIds: [], watermark: null }, T)).rejects.toThrow('没有权限');
    await expect(recordOutput(db, clerk, { kind: '打印', document: '归档文件目录', year: 26, records }, T)).rejects.toThrow('年度无效');
    expect(await db.auditLog.count()).toBe(before);
  });
});
