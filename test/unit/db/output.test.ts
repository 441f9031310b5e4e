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

  test('发文 prints and exports: named by 文号 and 密级 (never the 标题), 导出 for XLSX and Word, a watermark only when classified', async () => {
    const { db, clerk } = await staffedOffice();
    const open = { id: 'o1', serial: '县政办发〔2026〕1号', classification: '非密' as const };
    const secret = { id: 'o2', serial: '县政办发〔2026〕2号', classification: '机密' as const };
    const mark = '李秘书（mishu） 2026-12-04 10:00 文枢';

    expect((await recordOutput(db, clerk, { kind: '打印', document: '发文稿纸', records: [open], watermark: mark }, T)).watermark).toBeNull();
    expect(await last(db)).toMatchObject({ action: '打印发文稿纸', entityType: '发文', entityId: 'o1', summary: '共 1 件', details: { output: '打印', document: '发文稿纸', highest: '非密' } });

    expect(await recordOutput(db, clerk, { kind: '导出PDF', document: '分发签收单', records: [secret], watermark: mark }, T)).toEqual({ highest: '机密', watermark: mark, copyNumber: null });
    expect(await last(db)).toMatchObject({ action: '打印分发签收单', entityType: '发文', entityId: 'o2', summary: `共 1 件，含涉密 1 件：县政办发〔2026〕2号【机密】；水印“${mark}”` });

    await recordOutput(db, clerk, { kind: '打印', document: '发文登记簿', records: [open, secret], watermark: mark }, T);
    expect(await last(db)).toMatchObject({ action: '打印发文登记簿', entityType: '发文', entityId: '', details: { ids: ['o1', 'o2'], highest: '机密' } });

    await recordOutput(db, clerk, { kind: '导出XLSX', document: '发文登记簿', records: [open], path: '/docs/发文登记簿.xlsx' }, T);
    expect(await last(db)).toMatchObject({ action: '导出发文登记簿', summary: '共 1 件', details: { output: '导出XLSX', path: '/docs/发文登记簿.xlsx' } });

    await recordOutput(db, clerk, { kind: '导出DOCX', document: '发文红头文件', records: [secret], path: '/docs/县政办发〔2026〕2号.docx', watermark: mark }, T);
    expect(await last(db)).toMatchObject({ action: '导出发文红头文件', entityType: '发文', entityId: 'o2', details: { output: '导出DOCX', document: '发文红头文件', highest: '机密' } });
    expect(JSON.stringify(await db.auditLog.toArray())).not.toContain('标题');
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  test('发文 outputs need 查阅 (records.read): refused for an actor without it', async () => {
    const { db, admin } = await staffedOffice();
    const before = await db.auditLog.count();
    await expect(recordOutput(db, admin, { kind: '打印', document: '发文稿纸', records: [{ id: 'o1', serial: '县政办发〔2026〕1号', classification: '非密' }] }, T)).rejects.toThrow('没有权限');
    expect(await db.auditLog.count()).toBe(before);
  });

  test('refuses an actor without the right, and a bad 年度, writing nothing', async () => {
    const { db, clerk, reader } = await staffedOffice();
    const before = await db.auditLog.count();
    await expect(recordOutput(db, reader, { kind: '打印', document: '归档文件目录', year: 2026, records }, T)).rejects.toThrow('没有权限');
    await expect(recordOutput(db, reader, { kind: '载体打印', document: '涉密载体登记表', carrierIds: [], watermark: null }, T)).rejects.toThrow('没有权限');
    await expect(recordOutput(db, clerk, { kind: '打印', document: '归档文件目录', year: 26, records }, T)).rejects.toThrow('年度无效');
    expect(await db.auditLog.count()).toBe(before);
  });

  test('运转时效分析: logged with its register and period (a statistic names no record); needs flow.view; a bad period is refused', async () => {
    const { db, clerk, officer } = await staffedOffice();
    await recordOutput(db, clerk, { kind: '导出XLSX', document: '运转时效分析', period: { start: '2026-01-01', end: '2026-12-31' }, register: 'incoming', path: 'D:\\统计\\运转时效分析-收文.xlsx' }, T);
    expect(await last(db)).toMatchObject({
      action: '导出运转时效分析',
      entityType: '收文',
      summary: '收文运转时效分析，统计期间 2026-01-01 至 2026-12-31；文件：运转时效分析-收文.xlsx',
      details: { output: '导出XLSX', document: '运转时效分析', register: 'incoming', period: { start: '2026-01-01', end: '2026-12-31' }, highest: null },
    });
    await recordOutput(db, clerk, { kind: '打印', document: '运转时效分析', period: { start: '2026-10-01', end: '2026-12-31' }, register: 'tasks' }, T);
    expect(await last(db)).toMatchObject({ action: '打印运转时效分析', entityType: '督办', summary: '督办运转时效分析，统计期间 2026-10-01 至 2026-12-31' });

    const before = await db.auditLog.count();
    // The 保密员 does not read the 运转时效 figures.
    await expect(recordOutput(db, officer, { kind: '打印', document: '运转时效分析', period: { start: '2026-01-01', end: '2026-12-31' }, register: 'incoming' }, T)).rejects.toThrow('没有权限');
    await expect(recordOutput(db, clerk, { kind: '打印', document: '运转时效分析', period: { start: '2026-12-31', end: '2026-01-01' }, register: 'incoming' }, T)).rejects.toThrow('统计期间无效');
    await expect(recordOutput(db, clerk, { kind: '打印', document: '运转时效分析', period: { start: '2026-02-30', end: '2026-03-01' }, register: 'incoming' }, T)).rejects.toThrow('统计期间无效');
    expect(await db.auditLog.count()).toBe(before);
  });
});
