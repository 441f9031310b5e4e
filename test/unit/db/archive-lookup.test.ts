import { describe, expect, test } from 'vitest';
import { verifyAuditChain } from '../../../renderer/db/audit';
import { archiveFacets, filedPrintOf, getArchiveView, searchArchive } from '../../../renderer/db/repositories/archive-lookup';
import { correctFiledRecord, fileRecords } from '../../../renderer/db/repositories/filing';
import { recordOutput } from '../../../renderer/db/repositories/output';
import { MASK } from '../../../shared/domain/need-to-know';
import { filingOffice, finishedIncoming, issuedMeeting } from '../../fixtures/filing';

// 档案查阅 (issue #14): every reader finds filed 件 by 档号, 题名, 年度 and 机构, need to know as
// everywhere (a classified 件 outside it is 【涉密】 and never matched on its hidden text), and
// printing a filed 件 is an audited output named without a classified 题名.

const T_FILE = new Date(2026, 11, 1, 10, 0);
const T_FIX = new Date(2026, 11, 2, 10, 0);
const T_PRINT = new Date(2026, 11, 3, 10, 0);
const SECRET_TITLE = '关于某重点工程选址方案的请示';

async function filedOffice() {
  const office = await filingOffice();
  const { db, clerk, dept, cwk } = office;
  const open = await finishedIncoming(db, clerk, { id: dept.id, name: dept.name }, { title: '关于做好年终财务决算工作的通知' });
  const secret = await finishedIncoming(db, clerk, { id: cwk.id, name: cwk.name }, { title: SECRET_TITLE, fromUnit: '县发展和改革局', classification: '秘密', copyNumber: '1' });
  const meeting = await issuedMeeting(db, clerk);
  const rows = await fileRecords(
    db,
    clerk,
    2026,
    [
      { kind: '收文', recordId: open.id, orgCode: 'BGS', retention: '永久' },
      { kind: '收文', recordId: secret.id, orgCode: 'CWK', retention: '定期30年' },
      { kind: '纪要', recordId: meeting.id, orgCode: 'BGS', retention: '永久', pages: 2 },
    ],
    T_FILE,
  );
  const codeOf = (id: string) => rows.find((r) => r.recordId === id)!;
  return { ...office, open: codeOf(open.id), secret: codeOf(secret.id), minutes: codeOf(meeting.id) };
}

describe('档案查阅: finding filed 件', () => {
  test('a 工作人员 finds a 件 by 题名, 档号, 年度 and 机构; a classified one is masked and never matched on its 题名', async () => {
    const { db, reader, open, secret, minutes } = await filedOffice();
    const all = await searchArchive(db, reader, { offset: 0, limit: 50 });
    expect(all.rows.map((v) => [v.entry.archiveCode, v.entry.title, v.canSeeContent])).toEqual([
      [secret.archiveCode, MASK, false],
      [open.archiveCode, open.title, true],
      [minutes.archiveCode, minutes.title, true],
    ]);
    // Nothing of the classified 件's content reaches the reader.
    const seen = JSON.stringify(all);
    for (const hidden of [SECRET_TITLE, '县发展和改革局', secret.docNumber]) expect(seen).not.toContain(hidden);

    const ids = async (q: Parameters<typeof searchArchive>[2]) => (await searchArchive(db, reader, q)).rows.map((v) => v.entry.archiveCode);
    expect(await ids({ search: '年终财务', offset: 0, limit: 50 })).toEqual([open.archiveCode]);
    expect(await ids({ search: '选址方案', offset: 0, limit: 50 })).toEqual([]);
    expect(await ids({ search: secret.docNumber, offset: 0, limit: 50 })).toEqual([]);
    // 档号 and the 收文编号 are not secret: found, still masked.
    expect(await ids({ search: secret.archiveCode, offset: 0, limit: 50 })).toEqual([secret.archiveCode]);
    expect(await ids({ search: 'cwk', offset: 0, limit: 50 })).toEqual([secret.archiveCode]);
    expect(await ids({ orgCode: 'BGS', offset: 0, limit: 50 })).toEqual([open.archiveCode, minutes.archiveCode]);
    expect(await ids({ year: 2025, offset: 0, limit: 50 })).toEqual([]);
    expect(await ids({ year: 2026, orgCode: 'BGS', search: '常务会议', offset: 0, limit: 50 })).toEqual([minutes.archiveCode]);
    expect(await archiveFacets(db, reader)).toEqual({ years: [2026], orgs: [{ code: 'BGS', name: '办公室' }, { code: 'CWK', name: '财务科' }] });
    await expect(searchArchive(db, reader, { year: 20260, offset: 0, limit: 50 })).rejects.toMatchObject({ field: 'year' });
  });

  test('the 秘书 sees the classified 件 in full; the 系统管理员 has no 档案查阅', async () => {
    const { db, clerk, admin, secret } = await filedOffice();
    const v = (await getArchiveView(db, clerk, secret.id))!;
    expect(v).toMatchObject({ canSeeContent: true, registerKind: 'incoming', orgName: '财务科' });
    expect(v.entry.title).toBe(SECRET_TITLE);
    expect((await searchArchive(db, clerk, { search: '选址方案', offset: 0, limit: 50 })).rows.map((r) => r.entry.id)).toEqual([secret.id]);
    await expect(searchArchive(db, admin, { offset: 0, limit: 50 })).rejects.toThrow('没有权限');
    await expect(getArchiveView(db, admin, secret.id)).rejects.toThrow('没有权限');
    expect(await getArchiveView(db, clerk, 'nope')).toBeNull();
  });

  test('a 更正 of a classified 件 shows only when and by whom outside the need to know', async () => {
    const { db, clerk, reader, secret } = await filedOffice();
    await correctFiledRecord(db, clerk, secret.id, { title: `${SECRET_TITLE}（修订）` }, '题名漏字', T_FIX);
    const v = (await getArchiveView(db, reader, secret.id))!;
    expect(v.canSeeContent).toBe(false);
    expect(v.entry.corrections).toEqual([{ at: T_FIX.toISOString(), byId: clerk.id, byName: 'clerk', reason: '', before: {}, after: {} }]);
    expect(JSON.stringify(v)).not.toContain('选址');
    expect(JSON.stringify(v)).not.toContain('漏字');
  });
});

describe('档案查阅: printing a filed 件', () => {
  test('is an audited output: 档号, 收文编号 and 密级 in the log, the watermark noted, never a classified 题名', async () => {
    const { db, clerk, reader, open, secret } = await filedOffice();
    const before = await db.auditLog.count();
    await recordOutput(db, reader, { kind: '打印', document: '归档件', archiveId: open.id, watermark: null }, T_PRINT);
    const printedOpen = (await db.auditLog.orderBy('seq').last())!;
    expect(printedOpen).toMatchObject({ action: '打印归档件', entityType: '档案', entityId: open.id, actorName: 'reader' });
    expect(printedOpen.summary).toBe(`${open.archiveCode} ${open.recordLabel}《${open.title}》（收文处理笺）`);

    await recordOutput(db, clerk, { kind: '导出PDF', document: '归档件', archiveId: secret.id, watermark: 'clerk 2026-12-03 10:00' }, T_PRINT);
    const printedSecret = (await db.auditLog.orderBy('seq').last())!;
    expect(printedSecret.summary).toBe(`${secret.archiveCode} ${secret.recordLabel}【秘密】（收文处理笺）；导出PDF；水印“clerk 2026-12-03 10:00”`);
    expect(JSON.stringify(printedSecret)).not.toContain('选址');
    expect(await db.auditLog.count()).toBe(before + 2);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  test('is refused outside the need to know, to a role without 打印 rights, and for a 件 that does not exist; nothing is logged', async () => {
    const { db, reader, admin, secret, open } = await filedOffice();
    const before = await db.auditLog.count();
    await expect(filedPrintOf(db, reader, secret.id)).rejects.toThrow(`${secret.archiveCode} 为涉密文件，您不在知悉范围内，不能打印`);
    await expect(recordOutput(db, reader, { kind: '打印', document: '归档件', archiveId: secret.id, watermark: null }, T_PRINT)).rejects.toThrow('不在知悉范围内');
    await expect(recordOutput(db, admin, { kind: '打印', document: '归档件', archiveId: open.id, watermark: null }, T_PRINT)).rejects.toThrow('没有权限');
    await expect(recordOutput(db, reader, { kind: '打印', document: '归档件', archiveId: 'nope', watermark: null }, T_PRINT)).rejects.toThrow('该归档文件不存在');
    expect(await db.auditLog.count()).toBe(before);
    // Within the need to know: the record and its register, to print from.
    const filed = await filedPrintOf(db, reader, open.id);
    expect(filed.register.kind).toBe('incoming');
    expect(filed.record.id).toBe(open.recordId);
  });
});
