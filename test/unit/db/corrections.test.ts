import { describe, expect, test } from 'vitest';
import type { WenshuDB } from '../../../renderer/db/database';
import { fileRecords } from '../../../renderer/db/repositories/filing';
import { correctIncomingRecord, getIncoming, listIncoming, registerIncoming } from '../../../renderer/db/repositories/incoming';
import { send } from '../../../renderer/db/commands/client';
import { registrationOf } from '../../../shared/domain/incoming-correction';
import { baseRegistration as base, filingOffice, finishedIncoming, T_REG } from '../../fixtures/filing';
import { addUser, carrierOffice } from './helpers';
import { correctMeeting, createMeetingRecord } from '../../../renderer/db/repositories/meetings';
import { correctCarrierRecord, registerCarrier } from '../../../renderer/db/repositories/carriers';
import { meetingInfoOf } from '../../../shared/domain/meeting-correction';
import { carrierFieldsOf } from '../../../shared/domain/carrier-correction';
import { meetingInput } from '../../fixtures/meetings';

// 更正 through the commands (issue #14), on fake-indexeddb: the record, its history, its search
// entry and its audit entry change together; a refused 更正 changes nothing.

const T_FIX = new Date(2026, 11, 3, 10, 0);

async function dump(db: WenshuDB): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) out[t.name] = await t.orderBy(':id').toArray();
  return out;
}

async function lastAudit(db: WenshuDB) {
  return (await db.auditLog.orderBy('seq').last())!;
}

describe('incoming.correct', () => {
  test('corrects 签收人 and 页数: number unchanged, old → new with the reason in history and audit, search current', async () => {
    const { db, clerk } = await filingOffice();
    const r = await registerIncoming(db, clerk, { ...base, signedBy: '6', pages: 0 }, {}, T_REG);
    const after = await correctIncomingRecord(db, clerk, r.id, { ...registrationOf(r), signedBy: '张秘书', pages: 4, title: '关于做好年终决算工作的补充通知' }, '登记时误录', T_FIX);
    expect(after.serial).toBe(r.serial);
    expect(after.seq).toBe(r.seq);
    expect(after.signedBy).toBe('张秘书');
    expect(after.pages).toBe(4);
    const step = after.history.at(-1)!;
    expect(step.action).toBe('更正');
    expect(step.byName).toBe(clerk.displayName);
    expect(step.note).toBe('标题：关于做好年终财务决算工作的通知 → 关于做好年终决算工作的补充通知；页数：0 → 4；签收人：6 → 张秘书；理由：登记时误录');
    const stored = await db.incoming.get(r.id);
    expect(stored).toEqual(after);
    const entry = await lastAudit(db);
    expect(entry.action).toBe('收文更正');
    expect(entry.entityId).toBe(r.id);
    expect(entry.summary).toContain(r.serial);
    expect(entry.summary).toContain('签收人：6 → 张秘书');
    expect(entry.summary).toContain('页数：0 → 4');
    expect(entry.summary).toContain('理由：登记时误录');
    // The search projection follows the corrected title.
    const hits = await listIncoming(db, clerk, { offset: 0, limit: 10, search: '补充通知' }, '2026-12-03');
    expect(hits.rows.map((x) => x.id)).toEqual([r.id]);
  });

  test('a reason is required, beside its field; nothing changes', async () => {
    const { db, clerk } = await filingOffice();
    const r = await registerIncoming(db, clerk, { ...base, signedBy: '6' }, {}, T_REG);
    const before = await dump(db);
    await expect(correctIncomingRecord(db, clerk, r.id, { ...registrationOf(r), signedBy: '张秘书' }, '  ', T_FIX)).rejects.toMatchObject({ field: 'reason', message: '请填写更正理由' });
    await expect(correctIncomingRecord(db, clerk, r.id, { ...registrationOf(r), signedBy: '' }, '误录', T_FIX)).rejects.toMatchObject({ field: 'signedBy' });
    await expect(correctIncomingRecord(db, clerk, r.id, registrationOf(r), '误录', T_FIX)).rejects.toThrow('没有需要更正的内容');
    // The 收文日期 may not leave the number's year.
    await expect(correctIncomingRecord(db, clerk, r.id, { ...registrationOf(r), receivedDate: '2025-12-31' }, '误录', T_FIX)).rejects.toMatchObject({ field: 'receivedDate' });
    expect(await dump(db)).toEqual(before);
  });

  test('only 收文办理 may correct; a 工作人员 is refused', async () => {
    const { db, clerk, reader } = await filingOffice();
    const r = await registerIncoming(db, clerk, base, {}, T_REG);
    await expect(correctIncomingRecord(db, reader, r.id, { ...registrationOf(r), pages: 5 }, '误录', T_FIX)).rejects.toThrow('没有权限更正收文');
  });

  test('after 办结 the 秘书 still corrects; after 归档 refused naming the 档号 and 归档更正', async () => {
    const { db, clerk, dept } = await filingOffice();
    const r = await finishedIncoming(db, clerk, { id: dept.id, name: dept.name }, { pages: 0 });
    const fixed = await correctIncomingRecord(db, clerk, r.id, { ...registrationOf(r), pages: 3 }, '页数漏填', T_FIX);
    expect(fixed.state).toBe('已办结');
    const [row] = await fileRecords(db, clerk, 2026, [{ kind: '收文', recordId: r.id, orgCode: 'BGS', retention: '永久' }], T_FIX);
    const before = await dump(db);
    const refused = correctIncomingRecord(db, clerk, r.id, { ...registrationOf(fixed), pages: 4 }, '再改', T_FIX);
    await expect(refused).rejects.toThrow(`该收文已归档（档号 ${row!.archiveCode}），不能更正；如需更正，请在“归档”中办理更正`);
    expect(await dump(db)).toEqual(before);
  });

  test('a classified 收文: the audit summary names no title, unit or reason', async () => {
    const { db, clerk, admin } = await filingOffice();
    await addUser(db, admin, 'auditor', ['安全审计员']);
    const secret = await registerIncoming(db, clerk, { ...base, classification: '机密', copyNumber: '3', title: '关于机密事项的请示', fromUnit: '某机关' }, {}, T_REG);
    await send(db, clerk, 'incoming.correct', { id: secret.id, registration: { ...registrationOf(secret), title: '关于机密事项的再请示', fromUnit: '某某机关', urgency: '加急' }, reason: '标题误录为请示' }, T_FIX);
    const entry = await lastAudit(db);
    expect(entry.action).toBe('收文更正');
    expect(entry.summary).toBe(`${secret.serial}【机密】 来文单位已更正（涉密，内容略）；标题已更正（涉密，内容略）；紧急程度：普通 → 加急；理由略`);
    // Its carrier was named from the title: corrected with it, and logged without it.
    const carrier = (await db.carriers.get(secret.carrierIds![0]!))!;
    expect(carrier.name).toBe('关于机密事项的再请示');
    expect(carrier.history.at(-1)!.action).toBe('更正');
    const all = await db.auditLog.toArray();
    expect(all.some((e) => e.summary.includes('机密事项'))).toBe(false);
    // A reader outside the need to know sees that it was corrected, not what.
    const outsider = await addUser(db, admin, 'outsider2', ['工作人员']);
    const masked = (await getIncoming(db, outsider, secret.id))!;
    expect(masked.record.history.at(-1)).toEqual({ action: '更正', at: T_FIX.toISOString(), byId: clerk.id, byName: clerk.displayName });
  });

  test('the 密级 or 份数 of a 收文 with carriers is corrected in the 台账, not here; made 秘密 it gets its carriers', async () => {
    const { db, clerk } = await filingOffice();
    const secret = await registerIncoming(db, clerk, { ...base, classification: '机密', copyNumber: '3' }, {}, T_REG);
    await expect(correctIncomingRecord(db, clerk, secret.id, { ...registrationOf(secret), copies: 2 }, '误录', T_FIX)).rejects.toMatchObject({ field: 'copies' });
    const plain = await registerIncoming(db, clerk, { ...base, docNumber: '县财发〔2026〕9号' }, {}, T_REG);
    const made = await correctIncomingRecord(db, clerk, plain.id, { ...registrationOf(plain), classification: '秘密', copyNumber: '7' }, '密级漏标', T_FIX);
    expect(made.carrierIds).toHaveLength(1);
    const carrier = (await db.carriers.get(made.carrierIds![0]!))!;
    expect(carrier.copyNumber).toBe('000007');
    expect(carrier.classification).toBe('秘密');
  });
});

describe('meeting.correct and carrier.correct', () => {
  test('a meeting before 签发: corrected with history and audit; a classified one logs no name', async () => {
    const { db, clerk } = await filingOffice();
    const m = await createMeetingRecord(db, clerk, meetingInput({ classification: '秘密', name: '关于秘密事项的专题会议' }), T_REG);
    const after = await correctMeeting(db, clerk, m.id, { ...meetingInfoOf(m), name: '关于秘密事项的第二次专题会议', host: '李县长' }, '名称误录', T_FIX);
    expect(after.history.at(-1)!.action).toBe('更正');
    const entry = await lastAudit(db);
    expect(entry.action).toBe('会议更正');
    expect(entry.summary).toContain('会议名称已更正（涉密，内容略）；主持人：张县长 → 李县长；理由略');
    expect(entry.summary).not.toContain('秘密事项');
  });

  test('a carrier: the 保密员 corrects 页数; the 编号 stays; the audit names it by 编号 and 密级', async () => {
    const { db, baomi, carrierInput: input } = await carrierOffice();
    const c = await registerCarrier(db, baomi, input, T_REG);
    const after = await correctCarrierRecord(db, baomi, c.id, { ...carrierFieldsOf(c), pages: 14 }, '页数误录', T_FIX);
    expect(after.serial).toBe(c.serial);
    expect(after.pages).toBe(14);
    const entry = await lastAudit(db);
    expect(entry.action).toBe('涉密载体更正');
    expect(entry.summary).toBe(`${c.serial}【机密】份号000001 页数：12 → 14；理由略`);
  });
});
