import { describe, expect, test } from 'vitest';
import { correctCarrier } from '../../../../shared/domain/carrier-correction';
import type { CarrierRecord } from '../../../../shared/domain/carrier-types';
import { applyIncomingAction } from '../../../../shared/domain/incoming';
import type { IncomingRecord } from '../../../../shared/domain/incoming-types';
import { issueMinutes, saveMinutesDraft, correctMinutes } from '../../../../shared/domain/meeting';
import type { MeetingRecord } from '../../../../shared/domain/meeting-types';
import { maskCarrier, maskIncoming, MASK } from '../../../../shared/domain/need-to-know';
import { CARRIERS_REGISTER, INCOMING_REGISTER, MEETINGS_REGISTER, REGISTERS, viewFor } from '../../../../shared/domain/registers';
import { RuleError } from '../../../../shared/domain/rule-error';
import { carrierRecordSchema, incomingRecordSchema } from '../../../../shared/domain/transfer';
import {
  compareForeign,
  foreignUpdateRefusal,
  minutesReference,
  receiveAsIncoming,
  receiveCarrier,
  receivedIdOf,
  updateForeignOrigin,
  type ReceiveContext,
} from '../../../../shared/domain/transfer-receive';
import { createWorkCalendar } from '../../../../shared/domain/workdays';
import { toIndexEntry } from '../../../../renderer/db/incoming/incoming-index';
import { toCarrierIndexEntry } from '../../../../renderer/db/carriers/carrier-index';
import { carrierRemarkText, carrierSourceText } from '../../../../renderer/print/CarrierRegisterSheet';
import { carrierRecord, li, zhang } from '../../../fixtures/carriers';
import { deepFreeze } from '../../../fixtures/deep-freeze';
import { meetingRecord, minutesInput, secretary as meetingSecretary } from '../../../fixtures/meetings';
import { expectRefusal } from '../../../fixtures/refusal';

// 送往其他单位 (issue #20), the receiving side's pure half: what arrives from another unit becomes
// the receiver's own 收文 and 台账 entries, with new numbers, the sender's number as 原编号 and the
// sender's history kept read-only; ids derived from the sender's, so the same record arriving
// again is found, told same / newer / older, and only its sender part is ever updated.

const cal = createWorkCalendar();
const NOW = new Date(2026, 11, 3, 10, 0); // Thursday 2026-12-03, the import
const LATER = new Date(2026, 11, 8, 10, 0);
const SENDER = { unitName: '甲县人民政府办公室', fondsCode: 'Z101' };
const receiver = deepFreeze({ id: 'u-rx', name: '乙秘书' });
const officer = deepFreeze({ userId: 'u-rx-bmy', name: '乙保密员' });

function ctx(over: Partial<ReceiveContext> = {}): ReceiveContext {
  return { sender: SENDER, packageId: 'pkg-1', today: '2026-12-03', now: NOW, actor: receiver, number: { year: 2026, seq: 21, serial: '收〔2026〕0021' }, ...over };
}

const T1 = '2026-11-20T01:00:00.000Z';
const T2 = '2026-11-23T02:00:00.000Z';
const T3 = '2026-11-25T03:00:00.000Z';

/** The sender's 收〔2026〕0007: a 机密 通知 of 省财政厅, 2 份 from 份号 000003, taken to 办结 there. */
function senderIncoming(over: Partial<IncomingRecord> = {}): IncomingRecord {
  return deepFreeze({
    id: 'snd-in-7',
    receivedDate: '2026-11-20',
    fromUnit: '省财政厅',
    docNumber: '财预〔2026〕45号',
    title: '关于专项资金的通知',
    docType: '通知',
    classification: '机密',
    secrecyTerm: { kind: 'years', years: 10 },
    copyNumber: '000003',
    copies: 2,
    pages: 4,
    urgency: '加急',
    writtenDate: '2026-11-18',
    attachments: '资金分配表',
    signedBy: '甲秘书',
    handling: '办件',
    summary: '专项资金下达',
    year: 2026,
    seq: 7,
    serial: '收〔2026〕0007',
    state: '已办结',
    duplicateKey: '省财政厅|财预〔2026〕45号',
    circulation: [{ userId: 'snd-u-9', name: '甲局长', sentAt: T2, readAt: T2 }],
    reminders: [],
    namedUserIds: ['snd-u-9'],
    carrierIds: ['snd-c-1', 'snd-c-2'],
    history: [
      { action: '登记', at: T1, byId: 'snd-u-1', byName: '甲秘书' },
      { action: '批示', at: T2, byId: 'snd-u-1', byName: '甲秘书', note: '甲县长：请乙县协助办理' },
      { action: '办结', at: T3, byId: 'snd-u-1', byName: '甲秘书', note: '已转乙县' },
    ],
    createdAt: T1,
    updatedAt: T3,
    ...over,
  } satisfies IncomingRecord);
}

/** The sender's meeting with its 纪要 issued as 常务会议第1期 (two 议定事项). */
function senderMinutes(): MeetingRecord {
  const drafted = saveMinutesDraft(meetingRecord({ id: 'snd-m-1' }), minutesInput(), cal, meetingSecretary, new Date(2026, 10, 27, 11, 0));
  return deepFreeze(issueMinutes(drafted, { number: '第1期', year: 2026, seq: 1 }, cal, meetingSecretary, new Date(2026, 10, 30, 10, 0)));
}

describe('receivedIdOf: the receiver id of a sender record', () => {
  test('the same for the same record on every call, another for another record or register; UUID-shaped', () => {
    const a = receivedIdOf('incoming', 'snd-in-7');
    expect(receivedIdOf('incoming', 'snd-in-7')).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(receivedIdOf('incoming', 'snd-in-8')).not.toBe(a);
    expect(receivedIdOf('carriers', 'snd-in-7')).not.toBe(a);
    expect(receivedIdOf('meetings', 'snd-in-7')).not.toBe(a);
    expect(a).not.toBe('snd-in-7');
  });
});

describe('a sender 收文 → the receiver\'s own 收文', () => {
  test('receiver number, today, sender as 来文单位, its 来文字号 and number kept; 已登记 by the importer; sender history kept without account ids', () => {
    const r = receiveAsIncoming(senderIncoming(), '收文', ctx({ arrivingCarrierIds: new Set(['snd-c-1']) }));
    expect(r).toMatchObject({
      id: receivedIdOf('incoming', 'snd-in-7'),
      year: 2026,
      seq: 21,
      serial: '收〔2026〕0021',
      receivedDate: '2026-12-03',
      fromUnit: '甲县人民政府办公室',
      docNumber: '财预〔2026〕45号',
      legacyNumber: '收〔2026〕0007',
      title: '关于专项资金的通知',
      docType: '通知',
      classification: '机密',
      secrecyTerm: { kind: 'years', years: 10 },
      copyNumber: '000003',
      copies: 2,
      pages: 4,
      urgency: '加急',
      writtenDate: '2026-11-18',
      attachments: '资金分配表',
      summary: '专项资金下达',
      signedBy: '乙秘书',
      handling: '办件',
      state: '已登记',
      duplicateKey: '甲县人民政府办公室|财预〔2026〕45号',
      circulation: [],
      namedUserIds: [],
      reminders: [],
      createdAt: NOW.toISOString(),
    });
    // Only the carriers that arrive are linked, by their received ids.
    expect(r.carrierIds).toEqual([receivedIdOf('carriers', 'snd-c-1')]);
    // The receiver's procedure: none of the sender's steps (批示, 承办 …) on the record itself.
    expect(r.proposal).toBeUndefined();
    expect(r.instruction).toBeUndefined();
    expect(r.history).toEqual([
      { action: '登记', at: NOW.toISOString(), byId: 'u-rx', byName: '乙秘书', note: '由迁移包接收：来自甲县人民政府办公室，原编号 收〔2026〕0007（迁移包 pkg-1）' },
    ]);
    expect(r.origin).toEqual({
      kind: '收文',
      unit: '甲县人民政府办公室',
      fondsCode: 'Z101',
      number: '收〔2026〕0007',
      recordId: 'snd-in-7',
      version: T3,
      packageId: 'pkg-1',
      receivedAt: NOW.toISOString(),
      state: '已办结',
      fromUnit: '省财政厅',
      history: [
        { action: '登记', at: T1, byName: '甲秘书' },
        { action: '批示', at: T2, byName: '甲秘书', note: '甲县长：请乙县协助办理' },
        { action: '办结', at: T3, byName: '甲秘书', note: '已转乙县' },
      ],
    });
    // What is stored passes the 迁移包's own check (it can be sent on).
    expect(incomingRecordSchema.parse(r)).toEqual(r);
  });

  test('the receiver\'s procedure then runs on it as on any 收文', () => {
    const r = receiveAsIncoming(senderIncoming(), '收文', ctx());
    expect(r.carrierIds).toBeUndefined();
    const checked = applyIncomingAction(r, { type: '初审' }, { id: 'u-rx', name: '乙秘书', roles: ['秘书'] }, LATER, cal);
    expect(checked.state).toBe('已初审');
    expect(checked.origin).toEqual(r.origin);
  });

  test('a 成文日期 after the import day is not carried (the registration rule); a sender without a unit name is refused', () => {
    const r = receiveAsIncoming(senderIncoming({ writtenDate: '2026-12-05' }), '收文', ctx());
    expect(r.writtenDate).toBeUndefined();
    const e = expectRefusal(RuleError, () => receiveAsIncoming(senderIncoming(), '收文', ctx({ sender: { unitName: '  ' } })));
    expect(e.message).toBe('迁移包未写明发送单位，不能作为来文登记');
  });
});

describe('a sender 纪要 → the receiver\'s 收文 (文种 纪要)', () => {
  test('number 会议类型〔年〕第N期 as 来文字号 and 原编号, its text and 议定事项 kept readable, 办件 for its decisions', () => {
    const m = senderMinutes();
    const r = receiveAsIncoming(m, '纪要', ctx());
    expect(minutesReference(m)).toBe('常务会议〔2026〕第1期');
    expect(r).toMatchObject({
      id: receivedIdOf('meetings', 'snd-m-1'),
      serial: '收〔2026〕0021',
      fromUnit: '甲县人民政府办公室',
      docNumber: '常务会议〔2026〕第1期',
      legacyNumber: '常务会议〔2026〕第1期',
      title: '县政府常务会议纪要',
      docType: '纪要',
      classification: '非密',
      copies: 1,
      urgency: '普通',
      writtenDate: '2026-11-30',
      handling: '办件',
      state: '已登记',
      summary: '县政府第12次常务会议（2026-11-27），议题：研究年终财政决算；部署寒假安全工作',
    });
    expect(r.pages).toBeGreaterThanOrEqual(1);
    expect(r.origin).toMatchObject({ kind: '纪要', number: '常务会议〔2026〕第1期', recordId: 'snd-m-1', state: '已签发', version: m.updatedAt });
    expect(r.origin!.fromUnit).toBeUndefined();
    expect(r.origin!.minutes).toMatchObject({
      meetingName: '县政府第12次常务会议',
      meetingType: '常务会议',
      meetingDate: '2026-11-27',
      host: '张县长',
      title: '县政府常务会议纪要',
      paragraphs: ['11月27日，张县长主持召开县政府第12次常务会议。', '会议研究了年终财政决算和寒假安全工作。'],
      decisions: [
        { content: '县财政局牵头起草年终财政决算报告', unit: '县财政局', person: '王局长', dueDate: '2026-12-10' },
        { content: '县教育局制定寒假安全工作方案', unit: '县教育局', person: '李局长', dueDate: m.issued!.decisions[1]!.dueDate },
      ],
      issuedByName: '王秘书',
    });
    expect(r.origin!.history.map((h) => h.action)).toEqual(m.history.map((h) => h.action));
    expect(r.origin!.history.every((h) => !('byId' in h))).toBe(true);
    expect(incomingRecordSchema.parse(r)).toEqual(r);
  });

  test('minutes without 议定事项 are read (阅件); minutes not issued, or a record of the other kind, are refused', () => {
    const m = senderMinutes();
    const noDecisions = deepFreeze({ ...m, issued: { ...m.issued!, decisions: [] } });
    expect(receiveAsIncoming(noDecisions, '纪要', ctx()).handling).toBe('阅件');
    const draft = meetingRecord({ id: 'snd-m-2' });
    expect(expectRefusal(RuleError, () => receiveAsIncoming(draft, '纪要', ctx())).message).toBe('2026-11-27 常务会议的纪要尚未签发，不能送往其他单位');
    expect(MEETINGS_REGISTER.transfer.receive!.refusal(draft)).toBe('2026-11-27 常务会议的纪要尚未签发，不能送往其他单位');
    expect(MEETINGS_REGISTER.transfer.receive!.refusal(m)).toBeNull();
    expectRefusal(RuleError, () => receiveAsIncoming(m, '收文', ctx()));
    expectRefusal(RuleError, () => receiveAsIncoming(senderIncoming(), '纪要', ctx()));
  });
});

describe('a sender 涉密载体 → the receiver\'s 台账', () => {
  const senderCarrier = (over: Partial<CarrierRecord> = {}) =>
    carrierRecord({ id: 'snd-c-1', serial: '载〔2026〕0003', source: { kind: '收文', incomingId: 'snd-in-7', incomingSerial: '收〔2026〕0007' }, copyOf: 'snd-c-0', docNumber: '财预〔2026〕45号', ...over });
  const carrierCtx = (over: Partial<ReceiveContext> = {}) =>
    ctx({ number: { year: 2026, seq: 9, serial: '载〔2026〕0009' }, actor: { id: officer.userId, name: officer.name }, custodian: officer, knowers: [zhang, { userId: '', name: '外单位人员甲' }, zhang, li], ...over });

  test('with its 收文: new 编号, 原编号 kept, source the receiver\'s 收文, the given custody and mapped 知悉范围 only, 在库, its 移交 line', () => {
    const incoming = { id: receivedIdOf('incoming', 'snd-in-7'), serial: '收〔2026〕0021' };
    const c = receiveCarrier(senderCarrier(), carrierCtx({ incomingOf: (id) => (id === 'snd-in-7' ? incoming : undefined) }));
    expect(c).toMatchObject({
      id: receivedIdOf('carriers', 'snd-c-1'),
      serial: '载〔2026〕0009',
      name: '关于某专项工作的通知',
      carrierType: '纸质文件',
      classification: '机密',
      secrecyTerm: { kind: 'years', years: 20 },
      secrecyStart: '2026-01-15',
      copyNumber: '000001',
      quantity: 1,
      pages: 6,
      docNumber: '财预〔2026〕45号',
      source: { kind: '收文', incomingId: incoming.id, incomingSerial: '收〔2026〕0021' },
      custodian: officer,
      knowers: [zhang, li],
      location: '机要室保密柜',
      state: '在库',
      loans: [],
      copies: [],
      markingHistory: [],
    });
    // The sender's copy relation names a record that is not here.
    expect(c.copyOf).toBeUndefined();
    expect(c.origin).toEqual({
      unit: '甲县人民政府办公室',
      fondsCode: 'Z101',
      serial: '载〔2026〕0003',
      recordId: 'snd-c-1',
      version: senderCarrier().updatedAt,
      mode: '移交',
      packageId: 'pkg-1',
      receivedAt: NOW.toISOString(),
      history: [{ action: '登记', at: '2026-03-01T01:00:00.000Z', byName: '陈保密' }],
    });
    expect(c.history).toEqual([
      { action: '登记', at: NOW.toISOString(), byId: 'u-rx-bmy', byName: '乙保密员', note: '接收甲县人民政府办公室移交，原编号 载〔2026〕0003（迁移包 pkg-1）；随收文 收〔2026〕0021' },
    ]);
    expect(carrierRecordSchema.parse(c)).toEqual(c);
  });

  test('without its 收文: from 外单位 (the sender); an electronic copy says so; nobody mapped: the 保管人 alone knows', () => {
    const c = receiveCarrier(senderCarrier(), carrierCtx({ classifiedMode: '复制', knowers: [{ userId: ' ', name: '外单位人员甲' }], custodian: undefined, location: '保密室 2 号柜' }));
    expect(c.source).toEqual({ kind: '外单位', unit: '甲县人民政府办公室' });
    expect(c.custodian).toEqual(officer);
    expect(c.knowers).toEqual([officer]);
    expect(c.location).toBe('保密室 2 号柜');
    expect(c.origin!.mode).toBe('复制');
    expect(c.history[0]!.note).toBe('接收甲县人民政府办公室复制件（电子副本），原编号 载〔2026〕0003（迁移包 pkg-1）');
    expect(carrierRecordSchema.parse(c)).toEqual(c);
    // The 台账 says where it came from, and its 原编号.
    expect(carrierSourceText(c)).toBe('外单位移交（甲县人民政府办公室）');
    expect(carrierRemarkText(c)).toBe('原编号载〔2026〕0003');
    // 更正 keeps the source (the registration schema knows 外单位).
    const corrected = correctCarrier(c, { name: '关于某专项工作的通知（更正）', carrierType: c.carrierType, classification: c.classification, secrecyTerm: c.secrecyTerm, secrecyStart: c.secrecyStart, copyNumber: c.copyNumber, quantity: 1, pages: 6 }, '名称误录', { id: officer.userId, name: officer.name, roles: ['安全保密管理员'] }, LATER);
    expect(corrected.record.source).toEqual(c.source);
    expect(corrected.record.origin).toEqual(c.origin);
  });
});

describe('the same sender record again: same, newer, or not', () => {
  const updater = { packageId: 'pkg-2', now: LATER, actor: receiver };

  test('收文: same when unchanged; newer when the sender recorded more since; the update replaces the sender part only', () => {
    const first = receiveAsIncoming(senderIncoming(), '收文', ctx());
    expect(compareForeign(first, senderIncoming())).toBe('same');
    const T4 = '2026-12-05T02:00:00.000Z';
    const grown = senderIncoming({ history: [...senderIncoming().history, { action: '归档', at: T4, byId: 'snd-u-1', byName: '甲秘书', note: 'Z101-WS·2026-Y-BGS-0007' }], updatedAt: T4 });
    expect(compareForeign(first, grown)).toBe('newer');

    // Meanwhile the receiver ran its own procedure: the update leaves it alone.
    const handled = applyIncomingAction(first, { type: '初审' }, { id: 'u-rx', name: '乙秘书', roles: ['秘书'] }, LATER, cal);
    const updated = updateForeignOrigin(handled, grown, updater);
    expect(updated.state).toBe('已初审');
    expect(updated.serial).toBe(first.serial);
    expect(updated.origin!.history).toHaveLength(4);
    expect(updated.origin).toMatchObject({ version: T4, packageId: 'pkg-2', receivedAt: NOW.toISOString(), refreshedAt: LATER.toISOString() });
    expect(updated.history.map((h) => h.action)).toEqual(['登记', '初审', '修改']);
    expect(updated.history.at(-1)!.note).toBe('更新来文单位办理记录（迁移包 pkg-2）');
    expect(compareForeign(updated, grown)).toBe('same');
    // The older version, arriving after the newer one: not offered, and refused if asked.
    expect(compareForeign(updated, senderIncoming())).toBe('older-or-different');
    expect(expectRefusal(RuleError, () => updateForeignOrigin(updated, senderIncoming(), updater)).message).toBe('迁移包中的这条记录不比本机已接收的新，无需更新');
    expect(incomingRecordSchema.parse(updated)).toEqual(updated);
  });

  test('another record under the id, a record of the other kind, or one not from another unit: older-or-different', () => {
    const first = receiveAsIncoming(senderIncoming(), '收文', ctx());
    expect(compareForeign(first, senderIncoming({ id: 'snd-in-8' }))).toBe('older-or-different');
    expect(compareForeign(first, { ...senderMinutes(), id: 'snd-in-7' })).toBe('older-or-different');
    const { origin: _o, ...own } = first;
    expect(compareForeign(own, senderIncoming())).toBe('older-or-different');
    expect(foreignUpdateRefusal(own)).toBe('该记录不是从其他单位接收的');
    // A changed record claiming the same version is not taken as newer.
    expect(compareForeign(first, senderIncoming({ history: [] }))).toBe('older-or-different');
  });

  test('纪要: a 更正 at the sender is newer, and the update brings the corrected text', () => {
    const m = senderMinutes();
    const first = receiveAsIncoming(m, '纪要', ctx());
    expect(compareForeign(first, m)).toBe('same');
    const corrected = correctMinutes(m, minutesInput({ paragraphs: ['更正后的第一段。'] }), '文字有误', cal, meetingSecretary, new Date(2026, 11, 4, 9, 0));
    expect(compareForeign(first, corrected)).toBe('newer');
    const updated = updateForeignOrigin(first, corrected, updater);
    expect(updated.origin!.minutes!.paragraphs).toEqual(['更正后的第一段。']);
    expect(updated.title).toBe(first.title);
  });

  test('a filed 收文 is read-only: no update of its sender part', () => {
    const first = receiveAsIncoming(senderIncoming(), '收文', ctx());
    const filed = { ...first, filed: { archiveCode: 'Z102-WS·2026-Y-BGS-0001', filedAt: LATER.toISOString() } };
    const T4 = '2026-12-05T02:00:00.000Z';
    expect(foreignUpdateRefusal(filed)).toBe('收文 收〔2026〕0021 已归档，不能更新来文单位办理记录');
    expectRefusal(RuleError, () => updateForeignOrigin(filed, senderIncoming({ updatedAt: T4, history: [] }), updater));
  });

  test('载体: same, then newer after the sender recorded a line; update keeps the receiver\'s custody', () => {
    const sender = carrierRecord({ id: 'snd-c-1', serial: '载〔2026〕0003' });
    const c = receiveCarrier(sender, ctx({ number: { year: 2026, seq: 9, serial: '载〔2026〕0009' }, custodian: officer, knowers: [zhang] }));
    expect(compareForeign(c, sender)).toBe('same');
    const T4 = '2026-12-05T02:00:00.000Z';
    const moved = carrierRecord({ id: 'snd-c-1', serial: '载〔2026〕0003', history: [...sender.history, { action: '移交', at: T4, byId: 'u-bmy', byName: '陈保密', note: '移交 乙县' }], state: '已移交', updatedAt: T4 });
    expect(compareForeign(c, moved)).toBe('newer');
    const updated = updateForeignOrigin(c, moved, updater);
    expect(updated.state).toBe('在库');
    expect(updated.custodian).toEqual(officer);
    expect(updated.origin!.history.at(-1)).toEqual({ action: '移交', at: T4, byName: '陈保密', note: '移交 乙县' });
    expect(updated.history.at(-1)).toMatchObject({ action: '变更', note: '更新来文单位办理记录（迁移包 pkg-2）' });
    expect(carrierRecordSchema.parse(updated)).toEqual(updated);
  });
});

describe('need to know: the sender part is content', () => {
  const staff = { id: 'u-staff', roles: ['工作人员'] as const };

  test('a classified received 收文 outside the need to know shows nothing of the sender part', () => {
    const r = receiveAsIncoming(senderIncoming(), '收文', ctx());
    const masked = maskIncoming(r);
    expect(masked.origin).toBeUndefined();
    expect(masked.legacyNumber).toBeUndefined();
    const text = JSON.stringify(masked);
    for (const secret of ['甲县长：请乙县协助办理', '省财政厅', '财预', '关于专项资金的通知']) expect(text).not.toContain(secret);
    expect(masked.title).toBe(MASK);
    const view = viewFor(INCOMING_REGISTER, staff, r);
    expect(view.canSeeContent).toBe(false);
    expect(view.record.origin).toBeUndefined();
    // The 秘书 sees it in full.
    expect(viewFor(INCOMING_REGISTER, { id: 'u-rx', roles: ['秘书'] }, r).record.origin).toEqual(r.origin);
  });

  test('a classified 纪要 received: its paragraphs and 议定事项 are hidden like its title', () => {
    const m = senderMinutes();
    const r = receiveAsIncoming(deepFreeze({ ...m, classification: '秘密' }), '纪要', ctx());
    expect(r.classification).toBe('秘密');
    expect(r.secrecyTerm).toEqual({ kind: 'years', years: 10 });
    const text = JSON.stringify(viewFor(INCOMING_REGISTER, staff, r).record);
    for (const secret of ['会议研究了年终财政决算', '县财政局牵头起草', '县政府常务会议纪要']) expect(text).not.toContain(secret);
  });

  test('a received carrier outside the need to know: no 原编号, no sender history', () => {
    const c = receiveCarrier(carrierRecord({ id: 'snd-c-1', serial: '载〔2026〕0003' }), ctx({ custodian: officer, knowers: [zhang] }));
    expect(maskCarrier(c).origin).toBeUndefined();
    expect(JSON.stringify(viewFor(CARRIERS_REGISTER, staff, c).record)).not.toContain('载〔2026〕0003');
  });
});

describe('the registry and search', () => {
  test('收文, 纪要 and 载体 are received by their descriptors\' hooks; 发文 and 督办 do not go to another unit', () => {
    expect(INCOMING_REGISTER.transfer.receive!.into).toBe('incoming');
    expect(MEETINGS_REGISTER.transfer.receive!.into).toBe('incoming');
    expect(CARRIERS_REGISTER.transfer.receive!.into).toBe('carriers');
    expect(REGISTERS.filter((d) => d.transfer.receive === null).map((d) => d.kind)).toEqual(['outgoing', 'tasks']);
    const row = senderIncoming();
    expect(INCOMING_REGISTER.transfer.receive!.idOf(row)).toBe(receivedIdOf('incoming', row.id));
    const made = INCOMING_REGISTER.transfer.receive!.make(row, ctx()) as IncomingRecord;
    expect(made.id).toBe(INCOMING_REGISTER.transfer.receive!.idOf(row));
    expect(INCOMING_REGISTER.transfer.receive!.compare(made, row)).toBe('same');
  });

  test('a received 收文 is found by its 原编号 (by anyone) and its original 来文单位 (within the need to know); a carrier by its 原编号', () => {
    const r = receiveAsIncoming(senderIncoming(), '收文', ctx());
    expect(INCOMING_REGISTER.search.publicText(r)).toContain('收〔2026〕0007');
    expect(INCOMING_REGISTER.search.contentText(r)).toContain('省财政厅');
    const entry = toIndexEntry(r);
    expect(entry.publicText).toContain('0007');
    expect(entry.text).toContain('省财政厅');
    const c = receiveCarrier(carrierRecord({ id: 'snd-c-1', serial: '载〔2026〕0003' }), ctx({ number: { year: 2026, seq: 9, serial: '载〔2026〕0009' } }));
    expect(CARRIERS_REGISTER.search.publicText(c)).toContain('载〔2026〕0003');
    expect(toCarrierIndexEntry(c).publicText).toContain('0003');
    // Records made here are indexed exactly as before.
    expect(toIndexEntry(senderIncoming()).text.split('\n')).toHaveLength(6);
  });
});
