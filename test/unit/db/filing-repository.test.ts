import { describe, expect, test } from 'vitest';
import { verifyAuditChain } from '../../../renderer/db/audit';
import type { WenshuDB } from '../../../renderer/db/database';
import {
  archiveEntryOfRecord,
  archiveYears,
  correctFiledRecord,
  fileRecords,
  filingCandidates,
  getFilingSettings,
  listArchive,
  saveFilingSettings,
} from '../../../renderer/db/repositories/filing';
import { actOnIncoming, getIncoming, registerIncoming } from '../../../renderer/db/repositories/incoming';
import { correctMeetingMinutes, createMeetingRecord, saveMinutes, signInInvitee, updateMeeting } from '../../../renderer/db/repositories/meetings';
import { saveDepartment } from '../../../renderer/db/repositories/settings';
import type { FilingItem } from '../../../shared/domain/filing';
import { baseRegistration as base, filingOffice, finishedIncoming as finished, issuedMeeting as issued, T_REG } from '../../fixtures/filing';
import { meetingInput, minutesInput } from '../../fixtures/meetings';
import { RuleError } from '@shared/domain/rule-error';

// 归档 through the repository (issue #6), on fake-indexeddb: 件号 per class (年度 → 机构 →
// 保管期限) from gap-free counters, in the same transaction as the rows, the filed markers and the
// audit entries; a batch with one bad item changes nothing; a filed record is read-only and its
// catalogue entry changes only through 更正. Every call gets an explicit local clock.

const T_FILE = new Date(2026, 11, 1, 10, 0); // Tuesday 2026-12-01
const T_FILE2 = new Date(2026, 11, 2, 10, 0);
const T_FIX = new Date(2026, 11, 3, 10, 0);

/** Every table, each in primary-key order: what a refused call must leave exactly as it was. */
async function dump(db: WenshuDB): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) out[t.name] = await t.orderBy(':id').toArray();
  return out;
}

const item = (kind: FilingItem['kind'], recordId: string, orgCode: string, retention: FilingItem['retention'], pages?: number): FilingItem => ({
  kind,
  recordId,
  orgCode,
  retention,
  ...(pages ? { pages } : {}),
});

describe('filing a year', () => {
  test('two 机构 × two 保管期限 each number 0001 up in 日期/文号 order, with the right 档号, boxes, markers and audit', async () => {
    const { db, clerk, dept, cwk } = await filingOffice();
    const bgs = { id: dept.id, name: dept.name };
    const a = await finished(db, clerk, bgs, { writtenDate: '2026-03-02' });
    const b = await finished(db, clerk, bgs, { writtenDate: '2026-03-05', docType: '决定' });
    const c = await finished(db, clerk, bgs, { writtenDate: '2026-01-10' });
    const d = await finished(db, clerk, { id: cwk.id, name: cwk.name }, { writtenDate: '2026-02-01' });
    const e = await finished(db, clerk, { id: cwk.id, name: cwk.name }, { writtenDate: '2026-02-01', receivedDate: '2026-11-19' });
    const m = await issued(db, clerk);
    const start = await db.auditLog.count();

    // Given in no particular order: 件号 follow 日期 then 文号, per class.
    const rows = await fileRecords(
      db,
      clerk,
      2026,
      [item('纪要', m.id, 'BGS', '永久', 2), item('收文', e.id, 'CWK', '定期10年'), item('收文', b.id, 'BGS', '永久'), item('收文', c.id, 'BGS', '定期10年'), item('收文', a.id, 'BGS', '永久'), item('收文', d.id, 'CWK', '永久')],
      T_FILE,
    );
    expect(rows.map((r) => [r.archiveCode, r.recordLabel])).toEqual([
      ['Z109-WS·2026-D10-BGS-0001', c.serial],
      ['Z109-WS·2026-D10-CWK-0001', e.serial],
      ['Z109-WS·2026-Y-BGS-0001', a.serial],
      ['Z109-WS·2026-Y-BGS-0002', b.serial],
      ['Z109-WS·2026-Y-BGS-0003', '常务会议第1期'],
      ['Z109-WS·2026-Y-CWK-0001', d.serial],
    ]);
    expect((await db.counters.where(':id').startsWith('归档:').toArray()).map((x) => [x.key, x.last])).toEqual([
      ['归档:BGS:D10|2026', 1],
      ['归档:BGS:Y|2026', 3],
      ['归档:CWK:D10|2026', 1],
      ['归档:CWK:Y|2026', 1],
    ]);

    // The catalogue of the year, in catalogue order (永久 before 定期10年, then 机构, then 件号: not
    // 档号 order, where D10 sorts first), with the 纪要 mapped as the office's own document.
    const { entries, boxes } = await listArchive(db, clerk, 2026);
    expect(entries.map((r) => r.archiveCode)).toEqual([
      'Z109-WS·2026-Y-BGS-0001',
      'Z109-WS·2026-Y-BGS-0002',
      'Z109-WS·2026-Y-BGS-0003',
      'Z109-WS·2026-Y-CWK-0001',
      'Z109-WS·2026-D10-BGS-0001',
      'Z109-WS·2026-D10-CWK-0001',
    ]);
    expect(entries).toEqual(expect.arrayContaining(rows));
    expect(entries).toHaveLength(rows.length);
    expect(entries.find((r) => r.kind === '纪要')).toMatchObject({
      itemNo: 3,
      docNumber: '常务会议第1期',
      responsible: '测试县人民政府办公室',
      title: '县政府常务会议纪要[县政府第12次常务会议]',
      date: '2026-11-30',
      pages: 2,
      box: 1,
      fondsCode: 'Z109',
      filedAt: T_FILE.toISOString(),
      filedBy: 'clerk',
    });
    expect(entries.find((r) => r.recordId === a.id)).toMatchObject({ docNumber: a.docNumber, responsible: '县财政局', title: a.title, date: '2026-03-02', pages: 3, classification: '非密' });
    expect(boxes.map((x) => [x.year, x.orgCode, x.retention, x.box, x.firstItemNo, x.lastItemNo, x.count])).toEqual([
      [2026, 'BGS', '永久', 1, 1, 3, 3],
      [2026, 'CWK', '永久', 1, 1, 1, 1],
      [2026, 'BGS', '定期10年', 1, 1, 1, 1],
      [2026, 'CWK', '定期10年', 1, 1, 1, 1],
    ]);

    // The records are marked filed, with a step in their history.
    const filedA = (await db.incoming.get(a.id))!;
    expect(filedA.filed).toEqual({ archiveCode: 'Z109-WS·2026-Y-BGS-0001', filedAt: T_FILE.toISOString() });
    expect(filedA.history.at(-1)).toMatchObject({ action: '归档', note: 'Z109-WS·2026-Y-BGS-0001', byId: clerk.id });
    expect((await db.meetings.get(m.id))!.filed?.archiveCode).toBe('Z109-WS·2026-Y-BGS-0003');
    expect((await archiveEntryOfRecord(db, clerk, m.id))?.archiveCode).toBe('Z109-WS·2026-Y-BGS-0003');
    expect(await archiveYears(db, clerk)).toEqual([2026]);

    // One audit entry per 件, all in the filing's transaction.
    const log = (await db.auditLog.orderBy('seq').toArray()).slice(start);
    // (Logged in the order the 件号 were taken: by 日期.)
    expect(log.map((x) => [x.action, x.entityId, x.time])).toEqual([c, d, e, a, b, m].map((x) => ['归档', x.id, T_FILE.toISOString()]));
    expect(log.map((x) => x.entityType)).toEqual(['收文', '收文', '收文', '收文', '收文', '会议']);
    expect(log.find((x) => x.entityId === a.id)!.summary).toBe(`Z109-WS·2026-Y-BGS-0001 ${a.serial}《${a.title}》，第1盒`);
    expect((await verifyAuditChain(db)).ok).toBe(true);

    // Nothing is left to file in 2026.
    expect(await filingCandidates(db, clerk, 2026)).toEqual([]);
  });

  test('a second filing continues each class without gaps, and fills the last box before opening the next', async () => {
    const { db, clerk, dept } = await filingOffice();
    await saveFilingSettings(db, clerk, { ...(await getFilingSettings(db)), boxCapacity: { maxItems: 3, maxPages: 100 } });
    const bgs = { id: dept.id, name: dept.name };
    const first = [await finished(db, clerk, bgs, { writtenDate: '2026-01-01' }), await finished(db, clerk, bgs, { writtenDate: '2026-01-02' })];
    await fileRecords(db, clerk, 2026, first.map((r) => item('收文', r.id, 'BGS', '永久')), T_FILE);
    // Filed later but dated earlier: still numbered after what is already filed (件号 are never reused or shifted).
    const second = [await finished(db, clerk, bgs, { writtenDate: '2025-12-30', receivedDate: '2026-01-04' }), await finished(db, clerk, bgs, { writtenDate: '2026-02-01' })];
    const rows = await fileRecords(db, clerk, 2026, second.map((r) => item('收文', r.id, 'BGS', '永久')), T_FILE2);
    expect(rows.map((r) => [r.itemNo, r.archiveCode, r.box])).toEqual([
      [3, 'Z109-WS·2026-Y-BGS-0003', 1],
      [4, 'Z109-WS·2026-Y-BGS-0004', 2],
    ]);
    const { entries, boxes } = await listArchive(db, clerk, 2026);
    expect(entries.map((r) => r.itemNo)).toEqual([1, 2, 3, 4]);
    expect(boxes.map((b) => [b.box, b.firstItemNo, b.lastItemNo])).toEqual([
      [1, 1, 3],
      [2, 4, 4],
    ]);
  });

  test('a batch with one bad item is refused, naming it, and changes nothing at all', async () => {
    const { db, clerk, admin, dept, cwk } = await filingOffice();
    const bgs = { id: dept.id, name: dept.name };
    const good = await finished(db, clerk, bgs, { writtenDate: '2026-03-02' });
    const open = await registerIncoming(db, clerk, { ...base, docNumber: '县财发〔2026〕999号' }, {}, T_REG);
    const unissued = await createMeetingRecord(db, clerk, meetingInput(), T_REG);
    const filedOne = await finished(db, clerk, bgs);
    await fileRecords(db, clerk, 2026, [item('收文', filedOne.id, 'BGS', '永久')], T_FILE);
    await saveDepartment(db, admin, { id: cwk.id, code: 'CWK', name: '财务科', disabled: true });
    const ok = item('收文', good.id, 'BGS', '永久');

    const cases: [FilingItem[], string | RegExp][] = [
      [[ok, item('收文', open.id, 'BGS', '永久')], `收文 ${open.serial}尚未办结（当前状态：已登记），办结后才能归档`],
      [[ok, item('纪要', unissued.id, 'BGS', '永久')], '2026-11-27 常务会议的纪要尚未签发，签发后才能归档'],
      [[ok, item('收文', filedOne.id, 'BGS', '永久')], `收文 ${filedOne.serial}已归档（档号 Z109-WS·2026-Y-BGS-0001），不能重复归档`],
      [[ok, item('收文', good.id, 'BGS', '定期10年')], '第 2 项：同一件文件选择了两次'],
      [[ok, item('收文', 'no-such-id', 'BGS', '永久')], '第 2 项：该收文不存在'],
      [[item('收文', good.id, 'XYZ', '永久')], `收文 ${good.serial}：机构代码“XYZ”不存在，请先在“设置—机构”中添加`],
      [[item('收文', good.id, 'CWK', '永久')], `收文 ${good.serial}：机构“财务科”（CWK）已停用，不能再归入新文件`],
      [[ok, { ...ok, recordId: open.id, retention: '长期' as never }], '第 2 项：保管期限“长期”无效，应为永久、定期30年、定期10年之一'],
    ];
    const before = await dump(db);
    for (const [items, message] of cases) {
      await expect(fileRecords(db, clerk, 2026, items, T_FILE2)).rejects.toThrow(message);
      expect(await dump(db)).toEqual(before);
    }
    await expect(fileRecords(db, clerk, 2025, [ok], T_FILE2)).rejects.toThrow(`收文 ${good.serial}属于 2026 年度，不能归入 2025 年度`);
    await expect(fileRecords(db, clerk, 2026, [], T_FILE2)).rejects.toThrow('请选择要归档的文件');
    await expect(fileRecords(db, clerk, 2026, [{ ...ok, pages: 0 }], T_FILE2)).rejects.toBeInstanceOf(RuleError);
    expect(await dump(db)).toEqual(before);

    // The good item alone goes through and takes the next number: nothing was used up by the refusals.
    const [row] = await fileRecords(db, clerk, 2026, [ok], T_FILE2);
    expect(row!.archiveCode).toBe('Z109-WS·2026-Y-BGS-0002');
  });

  test('only the 秘书 (归档) may file, list or correct', async () => {
    const { db, clerk, reader, admin, dept } = await filingOffice();
    const r = await finished(db, clerk, { id: dept.id, name: dept.name });
    for (const who of [reader, admin]) {
      await expect(fileRecords(db, who, 2026, [item('收文', r.id, 'BGS', '永久')], T_FILE)).rejects.toThrow('没有权限');
      await expect(listArchive(db, who, 2026)).rejects.toThrow('没有权限');
      await expect(filingCandidates(db, who, 2026)).rejects.toThrow('没有权限');
    }
    expect(await db.archive.count()).toBe(0);
  });
});

describe('candidates', () => {
  test('finished 收文 and issued 纪要 of the year not yet filed, with the proposed 保管期限 and 机构', async () => {
    const { db, clerk, dept } = await filingOffice();
    const bgs = { id: dept.id, name: dept.name };
    const notice = await finished(db, clerk, bgs, { writtenDate: '2026-03-02' });
    const decision = await finished(db, clerk, bgs, { writtenDate: '2026-03-01', docType: '决定', pages: 7 });
    await registerIncoming(db, clerk, { ...base, docNumber: '县财发〔2026〕998号' }, {}, T_REG); // not finished
    const m = await issued(db, clerk);
    await createMeetingRecord(db, clerk, meetingInput({ name: '未签发的会议' }), T_REG); // not issued

    let list = await filingCandidates(db, clerk, 2026);
    expect(list.map((c) => [c.kind, c.label, c.proposedRetention, c.proposedOrgCode, c.entry.date, c.pagesEstimated])).toEqual([
      ['收文', decision.serial, '永久', 'BGS', '2026-03-01', false],
      ['收文', notice.serial, '定期10年', 'BGS', '2026-03-02', false],
      ['纪要', '常务会议第1期', '永久', undefined, '2026-11-30', true],
    ]);
    expect(list[0]!.entry).toMatchObject({ pages: 7, responsible: '县财政局', title: base.title });
    expect(await filingCandidates(db, clerk, 2025)).toEqual([]);

    // Settings: 通知 kept 30 years, 纪要 filed under 办公室 by default.
    const s = await getFilingSettings(db);
    await saveFilingSettings(db, clerk, { ...s, retentionByDocType: { ...s.retentionByDocType, 通知: '定期30年' }, defaultOrgCode: 'BGS' });
    list = await filingCandidates(db, clerk, 2026);
    expect(list.map((c) => [c.proposedRetention, c.proposedOrgCode])).toEqual([
      ['永久', 'BGS'],
      ['定期30年', 'BGS'],
      ['永久', 'BGS'],
    ]);
    expect((await db.auditLog.orderBy('seq').last())!).toMatchObject({ action: '修改归档设置', summary: '每盒 100 件、200 页；默认机构：BGS；保管期限：通知 定期10年 → 定期30年' });
    await expect(saveFilingSettings(db, clerk, { ...s, defaultOrgCode: 'XYZ' })).rejects.toMatchObject({ field: 'defaultOrgCode' });

    await fileRecords(db, clerk, 2026, [item('纪要', m.id, 'BGS', '永久')], T_FILE);
    expect((await filingCandidates(db, clerk, 2026)).map((c) => c.label)).toEqual([decision.serial, notice.serial]);
  });
});

describe('a filed record is read-only', () => {
  test('a filed 收文 refuses every step with a message naming its 档号, and is shown filed even masked', async () => {
    const { db, clerk, outsider, dept } = await filingOffice();
    const r = await finished(db, clerk, { id: dept.id, name: dept.name }, { classification: '机密', copyNumber: '2' });
    await fileRecords(db, clerk, 2026, [item('收文', r.id, 'BGS', '永久')], T_FILE);
    const before = await dump(db);
    await expect(actOnIncoming(db, clerk, r.id, { type: '催办', note: '请尽快' }, T_FILE2)).rejects.toThrow(
      '此件已归档（档号 Z109-WS·2026-Y-BGS-0001），不能催办；如需更正，请在“归档”中办理更正',
    );
    await expect(actOnIncoming(db, clerk, r.id, { type: '办结', result: '再次办结' }, T_FILE2)).rejects.toBeInstanceOf(RuleError);
    expect(await dump(db)).toEqual(before);
    const masked = await getIncoming(db, outsider, r.id);
    expect(masked!.canSeeContent).toBe(false);
    expect(masked!.record.filed?.archiveCode).toBe('Z109-WS·2026-Y-BGS-0001');
  });

  test('a filed meeting refuses 更正 of its minutes, edits and 签到', async () => {
    const { db, clerk } = await filingOffice();
    const m = await issued(db, clerk);
    await fileRecords(db, clerk, 2026, [item('纪要', m.id, 'BGS', '永久')], T_FILE);
    const before = await dump(db);
    await expect(correctMeetingMinutes(db, clerk, m.id, minutesInput({ title: '县政府常务会议纪要（更正）' }), '错字', T_FILE2)).rejects.toThrow(
      '该会议纪要已归档（档号 Z109-WS·2026-Y-BGS-0001），不能更正纪要；如需更正，请在“归档”中办理更正',
    );
    await expect(updateMeeting(db, clerk, m.id, meetingInput(), T_FILE2)).rejects.toThrow('已归档（档号 Z109-WS·2026-Y-BGS-0001），不能修改会议信息');
    await expect(signInInvitee(db, clerk, m.id, m.invitees[0]!.personId, { status: '到会' }, T_FILE2)).rejects.toThrow('不能修改签到');
    await expect(saveMinutes(db, clerk, m.id, minutesInput(), T_FILE2)).rejects.toThrow('不能修改纪要');
    expect(await dump(db)).toEqual(before);
  });
});

describe('更正 of a filed 件', () => {
  test('changes the catalogue entry, never 件号 or 档号, and audits old → new with the reason', async () => {
    const { db, clerk, dept } = await filingOffice();
    const r = await finished(db, clerk, { id: dept.id, name: dept.name }, { writtenDate: '2026-03-02' });
    const [row] = await fileRecords(db, clerk, 2026, [item('收文', r.id, 'BGS', '永久')], T_FILE);
    const fixed = await correctFiledRecord(db, clerk, row!.id, { pages: 4, remarks: '附件另存' }, '复核页数', T_FIX);
    expect(fixed).toMatchObject({ pages: 4, remarks: '附件另存', itemNo: 1, archiveCode: row!.archiveCode, title: r.title });
    expect(fixed.corrections).toEqual([{ at: T_FIX.toISOString(), byId: clerk.id, byName: 'clerk', reason: '复核页数', before: { pages: 3, remarks: '' }, after: { pages: 4, remarks: '附件另存' } }]);
    expect(await db.archive.get(row!.id)).toEqual(fixed);
    const last = (await db.auditLog.orderBy('seq').last())!;
    expect(last).toMatchObject({ action: '归档更正', entityType: '档案', entityId: row!.id, time: T_FIX.toISOString() });
    expect(last.summary).toBe(`Z109-WS·2026-Y-BGS-0001 ${r.serial}：页数：3 → 4；备注：（空） → 附件另存；理由：复核页数`);
    // The filed 收文 itself stays as filed.
    expect((await db.incoming.get(r.id))!.pages).toBe(3);

    const before = await dump(db);
    await expect(correctFiledRecord(db, clerk, row!.id, { pages: 4 }, '再核', T_FIX)).rejects.toThrow('没有需要更正的内容');
    await expect(correctFiledRecord(db, clerk, row!.id, { pages: 5 }, ' ', T_FIX)).rejects.toMatchObject({ field: 'reason' });
    await expect(correctFiledRecord(db, clerk, 'nope', { pages: 5 }, '核对', T_FIX)).rejects.toThrow('该归档条目不存在');
    expect(await dump(db)).toEqual(before);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  test('a classified 件 keeps its 题名 in the catalogue but never in the audit log', async () => {
    const { db, clerk, dept } = await filingOffice();
    const secretTitle = '关于绝密工程选址的报告';
    const r = await finished(db, clerk, { id: dept.id, name: dept.name }, { classification: '机密', copyNumber: '1', title: secretTitle, docType: '报告' });
    const [row] = await fileRecords(db, clerk, 2026, [item('收文', r.id, 'BGS', '定期30年')], T_FILE);
    expect(row).toMatchObject({ title: secretTitle, classification: '机密', archiveCode: 'Z109-WS·2026-D30-BGS-0001' });
    await correctFiledRecord(db, clerk, row!.id, { title: `${secretTitle}（修订）`, pages: 9 }, '题名补全：工程选址', T_FIX);
    const log = await db.auditLog.toArray();
    expect(log.filter((e) => e.action === '归档').map((e) => e.summary)).toEqual([`Z109-WS·2026-D30-BGS-0001 ${r.serial}【机密】，第1盒`]);
    expect(log.find((e) => e.action === '归档更正')!.summary).toBe(`Z109-WS·2026-D30-BGS-0001 ${r.serial}：题名已更正（涉密，内容略）；页数：3 → 9；理由略`);
    expect(JSON.stringify(log)).not.toContain('选址');
    expect((await listArchive(db, clerk, 2026)).entries[0]!.title).toBe(`${secretTitle}（修订）`);
  });
});
