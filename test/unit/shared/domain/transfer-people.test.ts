import { describe, expect, test } from 'vitest';
import type { CarrierRecord } from '../../../../shared/domain/carrier-types';
import type { IncomingRecord } from '../../../../shared/domain/incoming-types';
import type { MeetingRecord } from '../../../../shared/domain/meeting-types';
import { applyOutgoingAction, createOutgoingRecord } from '../../../../shared/domain/outgoing';
import type { OutgoingRecord } from '../../../../shared/domain/outgoing-types';
import { CARRIERS_REGISTER, INCOMING_REGISTER, MEETINGS_REGISTER, OUTGOING_REGISTER, REGISTERS, TASKS_REGISTER, isAccountId, type AnyRegister } from '../../../../shared/domain/registers';
import type { TaskRecord } from '../../../../shared/domain/supervision-types';
import {
  applyMapping,
  mappingProblem,
  peopleOf,
  personStatus,
  suggestMapping,
  unconfirmedPeople,
  type PackagePerson,
  type PeopleCandidates,
  type PeopleMapping,
} from '../../../../shared/domain/transfer-people';
import { carrierRecord } from '../../../fixtures/carriers';
import { meetingRecord, taskRecord } from '../../../fixtures/meetings';
import { outgoingDraft } from '../../../fixtures/outgoing';

// People mapping of a 迁移包 (issue #20): the persons on the sender's records (its accounts) are
// matched to this PC's accounts or 人员名录 by name, or marked 外单位人员; afterwards the need to
// know holds mapped accounts only, and every register's records say the same.

// The sender's accounts, as its records name them.
const S = {
  zhang: { userId: 's-zhang', name: '张三' },
  li: { userId: 's-li', name: '李四' },
  zhao: { userId: 's-zhao', name: '赵五' }, // nobody here: 外单位人员
  liu: { userId: 's-liu', name: '刘洋' }, // two accounts here have this name: 需确认
  chen: { userId: 's-chen', name: '陈保密' },
  wang: { userId: 's-wang', name: '王局长' },
  sec: { userId: 's-sec', name: '王秘书' },
};
const SENDER_IDS = Object.values(S).map((p) => p.userId);

// This PC: accounts and 人员名录.
const CANDIDATES: PeopleCandidates = {
  accounts: [
    { userId: 'r-zhang', name: '张三', username: 'zhang', note: '' },
    { userId: 'r-li', name: '李四', username: 'li', note: '' },
    { userId: 'r-liu1', name: '刘洋', username: 'liu1', note: '办公室 科员' },
    { userId: 'r-liu2', name: '刘洋', username: 'liu2', note: '财务科 科长' },
    { userId: 'r-chen', name: '陈保密', username: 'chen', note: '' },
    { userId: 'r-wang', name: '王建国', username: 'wang', note: '县财政局 局长' },
    { userId: 'r-sec', name: '王秘书', username: 'sec', note: '' },
  ],
  directory: [
    { personId: 'p-zhaokz', name: '赵科长', unit: '县财政局', title: '科长' },
    // 王局长 in the 名录 is the account 王建国: the account is suggested.
    { personId: 'p-wang', name: '王局长', unit: '县财政局', title: '局长', userId: 'r-wang' },
  ],
};

const AT = '2026-11-20T01:00:00.000Z';

function incoming(id: string, serial: string, over: Partial<IncomingRecord>): IncomingRecord {
  return {
    id,
    year: 2026,
    seq: Number(serial.slice(-4)),
    serial,
    state: '传阅中',
    receivedDate: '2026-11-20',
    fromUnit: '县国家保密局',
    docNumber: '县保发〔2026〕7号',
    title: '关于开展年度保密检查的通知',
    docType: '通知',
    classification: '机密',
    secrecyTerm: { kind: 'years', years: 10 },
    copyNumber: '000012',
    copies: 1,
    pages: 4,
    urgency: '普通',
    signedBy: '王秘书',
    handling: '阅件',
    duplicateKey: '',
    circulation: [],
    reminders: [],
    namedUserIds: [],
    history: [{ action: '登记', at: AT, byId: S.sec.userId, byName: S.sec.name }],
    createdAt: AT,
    updatedAt: AT,
    ...over,
  };
}

// 收〔2026〕0001: 承办 by 李四, read by 张三, 赵五 and 刘洋. 收〔2026〕0002: read by 张三.
const IN1 = incoming('r-1', '收〔2026〕0001', {
  state: '承办中',
  handling: '办件',
  assignment: { host: { id: 'd-1', name: '保密科' }, cooperating: [], person: { ...S.li }, at: AT },
  circulation: [
    { ...S.zhang, sentAt: AT, readAt: AT },
    { ...S.zhao, sentAt: AT },
    { ...S.liu, sentAt: AT },
  ],
  namedUserIds: [S.li.userId, S.zhang.userId, S.zhao.userId, S.liu.userId],
});
const IN2 = incoming('r-2', '收〔2026〕0002', { circulation: [{ ...S.zhang, sentAt: AT }], namedUserIds: [S.zhang.userId] });

// 载〔2026〕0001: known to 张三 and 赵五, kept by 陈保密, lent to 张三 (approved by 陈保密); an
// earlier loan to 赵五.
const CARRIER: CarrierRecord = carrierRecord({
  knowers: [{ ...S.zhang }, { ...S.zhao }],
  custodian: { ...S.chen },
  state: '借出',
  loan: { borrower: { ...S.zhang }, purpose: '查阅', approver: { ...S.chen }, dueDate: '2026-11-30', lentAt: AT, lentByName: S.chen.name },
  loans: [{ borrower: { ...S.zhao }, purpose: '查阅', approver: { ...S.chen }, dueDate: '2026-11-10', lentAt: AT, lentByName: S.chen.name, returnedAt: AT, returnedByName: S.chen.name }],
});

// A classified meeting: 王局长 (an account there) and 赵五 invited with accounts, 李局长 by name only.
const MEETING: MeetingRecord = meetingRecord({
  classification: '秘密',
  secrecyTerm: { kind: 'years', years: 10 },
  invitees: [
    { personId: 'p-wang', name: '王局长', unit: '县财政局', title: '局长', role: '出席', userId: S.wang.userId },
    { personId: 'p-zhao', name: '赵五', unit: '县发改委', title: '主任', role: '列席', userId: S.zhao.userId },
    { personId: 'p-li', name: '李局长', unit: '县教育局', title: '局长', role: '出席' },
  ],
  attendance: { 'p-wang': { status: '到会' } },
});

// 督办: 责任人 赵科长 (text; a 名录 entry here).
const TASK: TaskRecord = taskRecord({ person: '赵科长' });

// A classified 发文: drafted by 张三 (created by 王秘书), 核稿 by 李四, 签发 by 王局长 (the
// 名录 entry of the account s-wang there).
function outgoing(): OutgoingRecord {
  const sec = { id: S.sec.userId, name: S.sec.name, roles: ['秘书'] as const };
  const reviewer = { id: S.li.userId, name: S.li.name, roles: ['秘书'] as const };
  const now = new Date(2026, 10, 23, 9, 0);
  let r = createOutgoingRecord(outgoingDraft({ classification: '秘密', secrecyTerm: { kind: 'years', years: 10 }, disclosure: '不予公开', drafter: { ...S.zhang } }), 'o-1', sec, now);
  r = applyOutgoingAction(r, { type: '送核稿' }, sec, now);
  r = applyOutgoingAction(r, { type: '核稿', text: '同意' }, reviewer, now);
  r = applyOutgoingAction(r, { type: '签发', signerId: 'sp-wang', text: '同意印发', date: '2026-11-23' }, sec, now, {
    signer: { id: 'sp-wang', name: '王局长', userId: S.wang.userId },
  });
  return r;
}
const OUT = outgoing();

const ITEMS = { incoming: [IN1, IN2], outgoing: [OUT], carriers: [CARRIER], meetings: [MEETING], tasks: [TASK] };

const reader = (id: string) => ({ id, roles: ['工作人员'] as const });
const byKey = (persons: readonly PackagePerson[], key: string) => persons.find((p) => p.key === key);

describe('peopleOf: the persons of a package', () => {
  const persons = peopleOf(ITEMS);

  test('each sender account once, with where it appears (per role, records counted)', () => {
    expect(byKey(persons, S.zhang.userId)).toEqual({
      key: S.zhang.userId,
      userId: S.zhang.userId,
      name: '张三',
      roles: [
        { role: '传阅人', count: 2 },
        { role: '拟稿人', count: 1 },
        { role: '知悉人', count: 1 },
        { role: '借阅人', count: 1 },
      ],
    });
    // 陈保密: 保管人, and 批准人 of two loans of one carrier (one record).
    expect(byKey(persons, S.chen.userId)?.roles).toEqual([
      { role: '保管人', count: 1 },
      { role: '批准人', count: 1 },
    ]);
    expect(byKey(persons, S.li.userId)?.roles).toEqual([
      { role: '承办人', count: 1 },
      { role: '核稿人', count: 1 },
    ]);
    // The 发文's creator is in its need to know; named by the history line of 拟稿.
    expect(byKey(persons, S.sec.userId)?.roles).toEqual([{ role: '知悉人', count: 1 }]);
    // The 签发人's account is in the need to know with nothing beside it but the 签发 by name.
    expect(byKey(persons, S.wang.userId)?.roles).toEqual([
      { role: '签发人', count: 1 },
      { role: '参会人', count: 1 },
    ]);
    expect(byKey(persons, S.zhao.userId)?.roles).toEqual([
      { role: '传阅人', count: 1 },
      { role: '知悉人', count: 1 },
      { role: '借阅人', count: 1 },
      { role: '参会人', count: 1 },
    ]);
  });

  test('every register contributes; a name without an account is keyed by name; invitees without accounts are not persons to map', () => {
    expect(persons.map((p) => p.key).sort()).toEqual([...SENDER_IDS, '名:赵科长'].sort());
    expect(byKey(persons, '名:赵科长')).toEqual({ key: '名:赵科长', userId: '', name: '赵科长', roles: [{ role: '责任人', count: 1 }] });
    expect(persons.some((p) => p.name === '李局长')).toBe(false);
  });

  test('a register without the hook names nobody; an empty package has no persons', () => {
    const silent: AnyRegister = { ...INCOMING_REGISTER, transfer: { ...INCOMING_REGISTER.transfer, people: null, mapPeople: null } } as AnyRegister;
    expect(peopleOf({ incoming: [IN1] }, [silent])).toEqual([]);
    expect(peopleOf({})).toEqual([]);
  });
});

describe('suggestMapping: by name, never guessing', () => {
  const persons = peopleOf(ITEMS);
  const suggested = suggestMapping(persons, CANDIDATES);

  test('one account of the name → that account; a 名录 entry linked to an account → the account', () => {
    expect(suggested[S.zhang.userId]).toEqual({ kind: 'account', userId: 'r-zhang', name: '张三' });
    expect(suggested[S.wang.userId]).toEqual({ kind: 'account', userId: 'r-wang', name: '王建国' });
    expect(personStatus({ key: S.zhang.userId }, suggested)).toBe('已匹配');
  });

  test('no account but one 名录 entry → the entry; nobody → 外单位人员', () => {
    expect(suggested['名:赵科长']).toEqual({ kind: 'directory', personId: 'p-zhaokz', name: '赵科长' });
    expect(suggested[S.zhao.userId]).toEqual({ kind: 'external', name: '赵五' });
    expect(personStatus({ key: S.zhao.userId }, suggested)).toBe('外单位人员');
  });

  test('two accounts of the name: not chosen, 需确认 until the importer picks', () => {
    expect(suggested[S.liu.userId]).toBeUndefined();
    expect(personStatus({ key: S.liu.userId }, suggested)).toBe('需确认');
    expect(unconfirmedPeople(persons, suggested).map((p) => p.name)).toEqual(['刘洋']);
    expect(mappingProblem(persons, suggested, CANDIDATES)).toBe('请确认“刘洋”对应本机的哪一位人员（或标为外单位人员）');
    expect(mappingProblem(persons, { ...suggested, [S.liu.userId]: { kind: 'account', userId: 'r-liu2', name: '刘洋' } }, CANDIDATES)).toBeNull();
  });

  test('two 名录 entries of the name (no account): 需确认 too', () => {
    const two: PeopleCandidates = { ...CANDIDATES, directory: [...CANDIDATES.directory, { personId: 'p-zhaokz2', name: '赵科长', unit: '县教育局', title: '科长' }] };
    expect(suggestMapping(persons, two)['名:赵科长']).toBeUndefined();
  });

  test('names compare without spaces, width or an earlier 外单位人员 mark', () => {
    const p = (name: string): PackagePerson => ({ key: `k-${name}`, userId: `k-${name}`, name, roles: [] });
    const s = suggestMapping([p('张 三'), p('张三（外单位人员）'), p('李四　')], CANDIDATES);
    expect(Object.values(s).map((t) => (t.kind === 'account' ? t.userId : t.kind))).toEqual(['r-zhang', 'r-zhang', 'r-li']);
  });

  test('an account disabled (gone from the candidates) since the preview is refused at import', () => {
    const resolved: PeopleMapping = { ...suggested, [S.liu.userId]: { kind: 'account', userId: 'r-liu2', name: '刘洋' } };
    const without = { ...CANDIDATES, accounts: CANDIDATES.accounts.filter((a) => a.userId !== 'r-liu2') };
    expect(mappingProblem(persons, resolved, without)).toBe('“刘洋”对应的账户“刘洋”已不存在或已停用，请重新选择');
  });
});

describe('applyMapping: the records as they arrive here', () => {
  const persons = peopleOf(ITEMS);
  const mapping: PeopleMapping = { ...suggestMapping(persons, CANDIDATES), [S.liu.userId]: { kind: 'account', userId: 'r-liu2', name: '刘洋' } };
  const out = applyMapping(ITEMS, mapping);
  const accountIds = new Set(CANDIDATES.accounts.map((a) => a.userId));

  /** Every id a record's need to know holds. */
  const needToKnowIds = [
    ...out.incoming.flatMap((r) => r.namedUserIds),
    ...out.outgoing.flatMap((r) => r.namedUserIds),
    ...out.carriers.flatMap((c) => c.knowers.map((k) => k.userId)),
    ...out.carriers.map((c) => c.custodian.userId),
    ...out.meetings.flatMap((m) => m.invitees.map((i) => i.userId).filter((x) => x !== undefined)),
  ];

  test('no sender account id is left in any need to know; an unmapped person is in no need to know', () => {
    for (const id of needToKnowIds) expect(SENDER_IDS).not.toContain(id);
    expect(needToKnowIds.filter(isAccountId).every((id) => accountIds.has(id))).toBe(true);
    expect(out.incoming[0]!.namedUserIds).toEqual(['r-li', 'r-zhang', 'r-liu2']);
    expect(out.incoming[1]!.namedUserIds).toEqual(['r-zhang']);
  });

  test('收文: a mapped reader sees the classified record, the others (and 外单位人员) do not', () => {
    const [r1] = out.incoming;
    expect(INCOMING_REGISTER.canSee(reader('r-zhang'), r1!)).toBe(true);
    expect(INCOMING_REGISTER.canSee(reader('r-liu2'), r1!)).toBe(true);
    expect(INCOMING_REGISTER.canSee(reader('r-liu1'), r1!)).toBe(false);
    expect(INCOMING_REGISTER.canSee(reader(S.zhang.userId), r1!)).toBe(false);
    expect(r1!.assignment?.person).toEqual({ userId: 'r-li', name: '李四' });
    // 赵五 stays on the 传阅 list by name, marked, with an id no account has.
    expect(r1!.circulation.map((c) => c.name)).toEqual(['张三', '赵五（外单位人员）', '刘洋']);
    expect(isAccountId(r1!.circulation[1]!.userId)).toBe(false);
    expect(r1!.circulation[0]).toEqual({ userId: 'r-zhang', name: '张三', sentAt: AT, readAt: AT });
    // History is the sender's part: as it was.
    expect(r1!.history).toEqual(IN1.history);
  });

  test('涉密载体: 知悉范围, 保管人, loans follow the mapping; 外单位人员 stays visible by name only', () => {
    const [c] = out.carriers;
    expect(c!.knowers).toEqual([
      { userId: 'r-zhang', name: '张三' },
      { userId: `ext:${S.zhao.userId}`, name: '赵五（外单位人员）' },
    ]);
    expect(c!.custodian).toEqual({ userId: 'r-chen', name: '陈保密' });
    expect(c!.loan?.borrower).toEqual({ userId: 'r-zhang', name: '张三' });
    expect(c!.loan?.approver).toEqual({ userId: 'r-chen', name: '陈保密' });
    expect(c!.loans[0]!.borrower.name).toBe('赵五（外单位人员）');
    expect(CARRIERS_REGISTER.canSee(reader('r-zhang'), c!)).toBe(true);
    expect(CARRIERS_REGISTER.canSee(reader('r-li'), c!)).toBe(false);
    expect(CARRIERS_REGISTER.canSee(reader(S.zhao.userId), c!)).toBe(false);
  });

  test('会议: an invitee mapped to an account may read; one without stays an invitee by name, with no account', () => {
    const [m] = out.meetings;
    expect(m!.invitees).toEqual([
      { personId: 'p-wang', name: '王建国', unit: '县财政局', title: '局长', role: '出席', userId: 'r-wang' },
      { personId: 'p-zhao', name: '赵五', unit: '县发改委', title: '主任', role: '列席' },
      { personId: 'p-li', name: '李局长', unit: '县教育局', title: '局长', role: '出席' },
    ]);
    expect(m!.attendance).toEqual(MEETING.attendance);
    expect(MEETINGS_REGISTER.canSee(reader('r-wang'), m!)).toBe(true);
    expect(MEETINGS_REGISTER.canSee(reader('r-zhang'), m!)).toBe(false);
  });

  test('发文: 拟稿人, 核稿人 and the 签发人\'s account follow the mapping', () => {
    const [o] = out.outgoing;
    expect(o!.drafter).toEqual({ userId: 'r-zhang', name: '张三' });
    expect(o!.review?.reviewer).toEqual({ userId: 'r-li', name: '李四' });
    expect([...o!.namedUserIds].sort()).toEqual(['r-li', 'r-sec', 'r-wang', 'r-zhang']);
    expect(OUTGOING_REGISTER.canSee(reader('r-wang'), o!)).toBe(true);
    expect(OUTGOING_REGISTER.canSee(reader('r-liu1'), o!)).toBe(false);
    // The 签发 as written stays (it is the sender's paper).
    expect(o!.signoff).toEqual(OUT.signoff);
  });

  test('督办: 责任人 becomes the 名录 name; marked 外单位人员 it keeps its text', () => {
    expect(out.tasks[0]!.person).toBe('赵科长');
    const ext = applyMapping({ tasks: [TASK] }, { '名:赵科长': { kind: 'external', name: '赵科长' } });
    expect(ext.tasks[0]).toEqual(TASK);
    expect(TASKS_REGISTER.transfer.people!(ext.tasks[0]!)).toEqual([{ userId: '', name: '赵科长', role: '责任人' }]);
  });

  test('a person left 需确认 (not in the mapping) is treated as 外单位人员: never in a need to know', () => {
    const { [S.liu.userId]: _, ...partial } = mapping;
    const r1 = applyMapping({ incoming: [IN1] }, partial).incoming[0]!;
    expect(r1.namedUserIds).toEqual(['r-li', 'r-zhang']);
    expect(r1.circulation[2]!.name).toBe('刘洋（外单位人员）');
    expect(INCOMING_REGISTER.canSee(reader('r-liu1'), r1)).toBe(false);
    expect(INCOMING_REGISTER.canSee(reader('r-liu2'), r1)).toBe(false);
  });

  test('a 名录 entry is no account: it keeps its name, not the need to know', () => {
    const toEntry: PeopleMapping = { ...mapping, [S.zhang.userId]: { kind: 'directory', personId: 'p-zhaokz', name: '赵科长' } };
    const c = applyMapping({ carriers: [CARRIER] }, toEntry).carriers[0]!;
    expect(c.knowers[0]).toEqual({ userId: 'ext:dir:p-zhaokz', name: '赵科长' });
    expect(c.knowers.map((k) => k.userId).some(isAccountId)).toBe(false);
  });

  test('two sender accounts mapped to one account: 知悉范围 names them once', () => {
    const merged: PeopleMapping = { ...mapping, [S.zhao.userId]: { kind: 'account', userId: 'r-zhang', name: '张三' } };
    expect(applyMapping({ carriers: [CARRIER] }, merged).carriers[0]!.knowers).toEqual([{ userId: 'r-zhang', name: '张三' }]);
  });

  test('every mapped record is still a valid record of its register; the same mapping gives the same records', () => {
    for (const d of REGISTERS) for (const r of out[d.kind as keyof typeof out]) expect(() => d.transfer.schema.parse(r)).not.toThrow();
    expect(applyMapping(ITEMS, mapping)).toEqual(out);
    // The packages's own records are not changed.
    expect(ITEMS.incoming[0]).toBe(IN1);
    expect(IN1.namedUserIds).toContain(S.zhang.userId);
  });

  test('a record that already arrived once (外单位人员 ids, marked names) maps to itself again', () => {
    const again = peopleOf(out);
    const zhao = again.find((p) => p.name === '赵五')!;
    expect(zhao.key).toBe(`ext:${S.zhao.userId}`);
    const twice = applyMapping(out, suggestMapping(again, CANDIDATES));
    expect(twice.carriers[0]!.knowers[1]).toEqual({ userId: `ext:${S.zhao.userId}`, name: '赵五（外单位人员）' });
  });
});
