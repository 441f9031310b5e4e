import { describe, expect, test } from 'vitest';
import { changedFields, correctionAuditText, correctionReason, type CorrectableField } from '../../../../shared/domain/correction';
import { carrierFieldsOf, correctCarrier } from '../../../../shared/domain/carrier-correction';
import { correctIncoming, incomingCorrectionRefusal, registrationOf } from '../../../../shared/domain/incoming-correction';
import { correctMeetingInfo, meetingCorrectionRefusal, meetingInfoOf } from '../../../../shared/domain/meeting-correction';
import type { IncomingRecord } from '../../../../shared/domain/incoming-types';
import { carrierRecord, officer, secretary as carrierSecretary } from '../../../fixtures/carriers';
import { deepFreeze } from '../../../fixtures/deep-freeze';
import { meetingRecord, secretary, staff } from '../../../fixtures/meetings';

// 更正 (issue #14), the pure rules: a required reason, old → new per field, the number never
// changes, who may and when, and what the audit log may say under need to know.

const NOW = new Date('2026-12-03T02:00:00.000Z');
const clerk = { id: 'u-sec', name: '王秘书', roles: ['秘书'] as const };

const incoming: IncomingRecord = deepFreeze({
  id: 'r-1',
  year: 2026,
  seq: 7,
  serial: '收〔2026〕0007',
  receivedDate: '2026-11-20',
  fromUnit: '县财政局',
  docNumber: '县财发〔2026〕1号',
  title: '关于做好年终财务决算工作的通知',
  docType: '通知',
  classification: '非密',
  copies: 1,
  pages: 0,
  urgency: '普通',
  signedBy: '6',
  handling: '办件',
  state: '承办中',
  duplicateKey: '县财政局|县财发〔2026〕1号',
  circulation: [],
  reminders: [],
  namedUserIds: [],
  history: [{ action: '登记', at: '2026-11-20T01:00:00.000Z', byId: 'u-sec', byName: '王秘书' }],
  createdAt: '2026-11-20T01:00:00.000Z',
  updatedAt: '2026-11-20T01:00:00.000Z',
} satisfies IncomingRecord);

describe('the shared pieces', () => {
  test('a reason is required (beside 理由) and cleaned', () => {
    expect(() => correctionReason(' \u200b ')).toThrow(expect.objectContaining({ field: 'reason', message: '请填写更正理由' }));
    expect(() => correctionReason('字'.repeat(201))).toThrow(expect.objectContaining({ field: 'reason' }));
    expect(correctionReason(' 误录\u202e ')).toBe('误录');
  });

  test('changed fields in the listed order, values as read; the audit text hides content of a classified record', () => {
    type R = { a: string; b?: number; c: string[] };
    const fields: CorrectableField<R>[] = [
      { key: 'a', label: '甲', content: true },
      { key: 'b', label: '乙', content: false },
      { key: 'c', label: '丙', content: true },
    ];
    const changes = changedFields<R>({ a: 'x', c: ['1'] }, { a: 'y', b: 3, c: ['1'] }, fields);
    expect(changes).toEqual([
      { key: 'a', label: '甲', content: true, before: 'x', after: 'y' },
      { key: 'b', label: '乙', content: false, before: '（空）', after: '3' },
    ]);
    expect(correctionAuditText(changes, '误录', '非密')).toBe('甲：x → y；乙：（空） → 3；理由：误录');
    expect(correctionAuditText(changes, '误录', '秘密')).toBe('甲已更正（涉密，内容略）；乙：（空） → 3；理由略');
  });
});

describe('收文 更正', () => {
  test('old → new in a 更正 history line; the 收文编号, year and seq never change', () => {
    const { record, changes } = correctIncoming(incoming, { ...registrationOf(incoming), signedBy: '张秘书', pages: 3, serial: '收〔2026〕9999' } as never, '登记时误录', clerk, NOW);
    expect(record.serial).toBe('收〔2026〕0007');
    expect(record.seq).toBe(7);
    expect(changes.map((c) => c.key)).toEqual(['pages', 'signedBy']);
    expect(record.history.at(-1)).toEqual({ action: '更正', at: NOW.toISOString(), byId: 'u-sec', byName: '王秘书', note: '页数：0 → 3；签收人：6 → 张秘书；理由：登记时误录' });
    expect(record.state).toBe('承办中');
  });

  test('a corrected 来文字号 is normalised and moves the duplicate key; an emptied optional field is gone', () => {
    const withAttachment = { ...incoming, attachments: '附表' };
    const { record } = correctIncoming(withAttachment, { ...registrationOf(withAttachment), docNumber: '县财发[2026]2号', attachments: '' }, '文号误录', clerk, NOW);
    expect(record.docNumber).toBe('县财发〔2026〕2号');
    expect(record.duplicateKey).toBe('县财政局|县财发〔2026〕2号');
    expect('attachments' in record).toBe(false);
  });

  test('refused: no reason, no change, a bad field (beside it), another year, 办理方式 once handling began', () => {
    const reg = registrationOf(incoming);
    expect(() => correctIncoming(incoming, { ...reg, pages: 3 }, '', clerk, NOW)).toThrow(expect.objectContaining({ field: 'reason' }));
    expect(() => correctIncoming(incoming, reg, '误录', clerk, NOW)).toThrow('没有需要更正的内容');
    expect(() => correctIncoming(incoming, { ...reg, pages: -1 }, '误录', clerk, NOW)).toThrow(expect.objectContaining({ field: 'pages' }));
    expect(() => correctIncoming(incoming, { ...reg, receivedDate: '2027-01-02' }, '误录', clerk, NOW)).toThrow(expect.objectContaining({ field: 'receivedDate' }));
    expect(() => correctIncoming(incoming, { ...reg, handling: '阅件' }, '误录', clerk, NOW)).toThrow(expect.objectContaining({ field: 'handling' }));
    expect(correctIncoming({ ...incoming, state: '已登记' }, { ...reg, handling: '阅件' }, '误录', clerk, NOW).record.handling).toBe('阅件');
  });

  test('who may: 收文办理 before 办结, only the 秘书 after; nobody after 归档 (the 档号 and 归档更正 named)', () => {
    expect(incomingCorrectionRefusal(incoming, { roles: ['秘书'] })).toBeNull();
    expect(incomingCorrectionRefusal(incoming, { roles: ['工作人员'] })).toContain('没有权限更正收文');
    expect(incomingCorrectionRefusal(incoming, { roles: ['安全保密管理员'] })).toContain('没有权限更正收文');
    expect(incomingCorrectionRefusal({ ...incoming, state: '已办结' }, { roles: ['秘书'] })).toBeNull();
    const filed = { ...incoming, state: '已办结' as const, filed: { archiveCode: 'Z109-WS·2026-Y-BGS-0001', filedAt: NOW.toISOString() } };
    expect(incomingCorrectionRefusal(filed, { roles: ['秘书'] })).toBe('该收文已归档（档号 Z109-WS·2026-Y-BGS-0001），不能更正；如需更正，请在“归档”中办理更正');
    expect(() => correctIncoming(filed, { ...registrationOf(filed), pages: 3 }, '误录', clerk, NOW)).toThrow('Z109-WS·2026-Y-BGS-0001');
  });

  test('a 收文 with carriers keeps 密级, 份号 and 份数 for the 台账; made 秘密 it asks for its carriers', () => {
    const secret = { ...incoming, classification: '机密' as const, secrecyTerm: { kind: 'years' as const, years: 20 }, copyNumber: '000003', carrierIds: ['c-1'] };
    expect(() => correctIncoming(secret, { ...registrationOf(secret), classification: '秘密', secrecyTerm: undefined }, '误录', clerk, NOW)).toThrow(expect.objectContaining({ field: 'classification' }));
    expect(() => correctIncoming(secret, { ...registrationOf(secret), copies: 2 }, '误录', clerk, NOW)).toThrow(expect.objectContaining({ field: 'copies' }));
    expect(correctIncoming(secret, { ...registrationOf(secret), pages: 2 }, '误录', clerk, NOW).needsCarriers).toBe(false);
    expect(correctIncoming(incoming, { ...registrationOf(incoming), classification: '秘密', copyNumber: '1' }, '漏标密级', clerk, NOW).needsCarriers).toBe(true);
  });
});

describe('会议 更正 before 签发', () => {
  const m = meetingRecord();
  test('old → new with the reason; meeting day follows 开始时间', () => {
    const { record, changes } = correctMeetingInfo(m, { ...meetingInfoOf(m), location: '五楼会议室', startAt: '2026-11-26 15:00' }, '地点误录', secretary, NOW);
    expect(changes.map((c) => [c.label, c.before, c.after])).toEqual([
      ['开始时间', '2026-11-27 09:30', '2026-11-26 15:00'],
      ['地点', '三楼会议室', '五楼会议室'],
    ]);
    expect(record.meetingDate).toBe('2026-11-26');
    expect(record.history.at(-1)!.note).toBe('会议信息更正：开始时间：2026-11-27 09:30 → 2026-11-26 15:00；地点：三楼会议室 → 五楼会议室；理由：地点误录');
    expect(record.invitees).toEqual(m.invitees);
  });

  test('refused: without a reason, by a 工作人员, after 签发 (纪要更正), after 归档 (档号)', () => {
    expect(() => correctMeetingInfo(m, { ...meetingInfoOf(m), location: 'x' }, ' ', secretary, NOW)).toThrow(expect.objectContaining({ field: 'reason' }));
    expect(meetingCorrectionRefusal(m, staff)).toContain('没有权限');
    const issued = { ...m, issued: { title: 't', paragraphs: [], decisions: [], number: '第1期', year: 2026, seq: 1, issuedAt: NOW.toISOString(), issuedById: 'u-sec', issuedByName: '王秘书' } };
    expect(meetingCorrectionRefusal(issued, secretary)).toContain('纪要已签发（第1期）');
    expect(meetingCorrectionRefusal({ ...issued, filed: { archiveCode: 'Z109-WS·2026-Y-BGS-0002', filedAt: NOW.toISOString() } }, secretary)).toContain('档号 Z109-WS·2026-Y-BGS-0002');
  });
});

describe('涉密载体 更正', () => {
  const c = carrierRecord();
  test('the 保密员 corrects 页数 and 份号: the 编号 stays, old → new in the history', () => {
    const { record, changes } = correctCarrier(c, { ...carrierFieldsOf(c), pages: 8, copyNumber: '2' }, '页数误录', officer, NOW);
    expect(record.serial).toBe(c.serial);
    expect(record.copyNumber).toBe('000002');
    expect(changes.map((x) => [x.label, x.before, x.after])).toEqual([
      ['份号', '000001', '000002'],
      ['页数', '6', '8'],
    ]);
    expect(record.history.at(-1)!.action).toBe('更正');
  });

  test('来文字号: added, normalised, changed and removed by a 更正; a content field (kept out of the audit log of a classified record)', () => {
    const added = correctCarrier(c, { ...carrierFieldsOf(c), docNumber: '某政发[2026]7号' }, '漏录来文字号', officer, NOW);
    expect(added.record.docNumber).toBe('某政发〔2026〕7号');
    expect(added.changes.map((x) => [x.label, x.before, x.after, x.content])).toEqual([['来文字号', '（空）', '某政发〔2026〕7号', true]]);
    const removed = correctCarrier(added.record, { ...carrierFieldsOf(added.record), docNumber: '' }, '误录', officer, NOW);
    expect('docNumber' in removed.record).toBe(false);
    expect(() => correctCarrier(c, { ...carrierFieldsOf(c), docNumber: '号'.repeat(51) }, '误录', officer, NOW)).toThrow(expect.objectContaining({ field: 'docNumber', message: '来文字号不能超过 50 个字' }));
  });

  test('refused: a 秘书, no reason, a 密级 below 秘密 (台账), a marking after 降密', () => {
    expect(() => correctCarrier(c, { ...carrierFieldsOf(c), pages: 8 }, '误录', carrierSecretary, NOW)).toThrow('没有权限更正涉密载体');
    expect(() => correctCarrier(c, { ...carrierFieldsOf(c), pages: 8 }, '', officer, NOW)).toThrow(expect.objectContaining({ field: 'reason' }));
    expect(() => correctCarrier(c, { ...carrierFieldsOf(c), classification: '内部' }, '误录', officer, NOW)).toThrow(expect.objectContaining({ field: 'classification' }));
    const lowered = { ...c, markingHistory: [{ action: '降密' as const, at: NOW.toISOString(), byName: 'x', approver: { userId: 'a', name: 'a' }, basis: 'b', from: { level: '绝密' as const, term: null }, to: { level: '机密' as const, term: null } }] };
    expect(() => correctCarrier(lowered, { ...carrierFieldsOf(lowered), classification: '秘密' }, '误录', officer, NOW)).toThrow(expect.objectContaining({ field: 'classification' }));
  });
});
