import { describe, expect, it } from 'vitest';
import { canSeeMeeting, checkMinutes, correctMinutes, createMeeting, currentMinutes, DEFAULT_MINUTES_DUE_WORKDAYS, editMeeting, isMinutesOverdue, issueMinutes, minutesDueDate, saveMinutesDraft, signIn, type Attendance, type MeetingRecord, type MinutesInput } from '../../../../shared/domain/meeting';
import { createWorkCalendar } from '../../../../shared/domain/workdays';
import { deepFreeze } from '../../../fixtures/deep-freeze';
import {
  decisionByDate,
  decisionByWorkdays,
  disabledSecretary,
  invitedStaff,
  li,
  MEETING_DAY,
  meetingInput,
  meetingRecord,
  minutesInput,
  secretary,
  staff,
  wang,
  zhao,
} from '../../../fixtures/meetings';
import { expectRefusal } from '../../../fixtures/refusal';
import { RuleError } from '@shared/domain/rule-error';

// 会议 and 会议纪要 (DOMAIN.md §5, issue #5): the pure rules. Every dated case uses the shipped
// official calendar (chinese-days): 2026-11-27 is a Friday; 2026-10-01..07 are 国庆 holidays and
// Saturday 2026-10-10 is a 调休 working day. Times are local wall-clock, so the day is the same in
// every time zone.

const cal = createWorkCalendar();
const NOW = new Date(2026, 10, 20, 9, 0); // Friday 2026-11-20, a week before the meeting
const LATER = new Date(2026, 10, 27, 11, 0); // the meeting day
const ISSUE_AT = new Date(2026, 10, 30, 0, 30); // Monday 2026-11-30, just after local midnight

const refused = (fn: () => unknown) => expectRefusal(RuleError, fn);
const NUMBER = deepFreeze({ number: '第1期', year: 2026, seq: 1 });

/** meetingRecord() with the minutesInput() draft saved. */
function drafted(over: Partial<MeetingRecord> = {}): MeetingRecord {
  return deepFreeze(saveMinutesDraft(meetingRecord(over), minutesInput(), cal, secretary, LATER));
}

/** drafted(), issued as 第1期 on ISSUE_AT. */
function issued(over: Partial<MeetingRecord> = {}): MeetingRecord {
  return deepFreeze(issueMinutes(drafted(over), NUMBER, cal, secretary, ISSUE_AT));
}

describe('createMeeting', () => {
  it('stores the checked input with the meeting day, no 签到, no minutes and a 创建 entry', () => {
    const m = createMeeting(meetingInput(), 'm-9', secretary, NOW);
    const at = NOW.toISOString();
    expect(m).toEqual({
      id: 'm-9',
      name: '县政府第12次常务会议',
      meetingType: '常务会议',
      startAt: '2026-11-27T09:30',
      meetingDate: '2026-11-27',
      location: '三楼会议室',
      host: '张县长',
      recorder: '王秘书',
      classification: '非密',
      topics: ['研究年终财政决算', '部署寒假安全工作'],
      invitees: [wang, li, zhao],
      attendance: {},
      corrections: [],
      minutesState: '未签发',
      history: [{ action: '创建', at, byId: 'u-sec', byName: '王秘书' }],
      createdAt: at,
      updatedAt: at,
    });
    expect(m).not.toHaveProperty('secrecyTerm');
    expect(m).not.toHaveProperty('draft');
    expect(m).not.toHaveProperty('issued');
  });

  it('trims text, accepts "T" or a space in 开始时间, and drops a 保密期限 given to a 非密 meeting', () => {
    const m = createMeeting(
      meetingInput({ name: '  专题会议  ', startAt: '2026-11-27T14:05', location: ' 二楼 ', secrecyTerm: { kind: 'years', years: 10 } }),
      'm-2',
      secretary,
      NOW,
    );
    expect(m).toMatchObject({ name: '专题会议', startAt: '2026-11-27T14:05', meetingDate: '2026-11-27', location: '二楼' });
    expect(m).not.toHaveProperty('secrecyTerm');
  });

  it('gives a classified meeting the default 保密期限 of its level unless one is given', () => {
    expect(createMeeting(meetingInput({ classification: '机密' }), 'm-2', secretary, NOW).secrecyTerm).toEqual({ kind: 'years', years: 20 });
    expect(createMeeting(meetingInput({ classification: '秘密' }), 'm-3', secretary, NOW).secrecyTerm).toEqual({ kind: 'years', years: 10 });
    expect(createMeeting(meetingInput({ classification: '绝密', secrecyTerm: { kind: 'years', years: 5 } }), 'm-4', secretary, NOW).secrecyTerm).toEqual({
      kind: 'years',
      years: 5,
    });
  });

  it('refuses a meeting without invitees', () => {
    const e = refused(() => createMeeting(meetingInput({ invitees: [] }), 'm-2', secretary, NOW));
    expect(e.message).toBe('请至少邀请一人');
    expect(e.field).toBe('invitees');
  });

  it('refuses the same person invited twice, even in another role', () => {
    const e = refused(() => createMeeting(meetingInput({ invitees: [{ ...wang }, { ...li }, { ...wang, role: '列席' }] }), 'm-2', secretary, NOW));
    expect(e.message).toBe('王局长重复邀请');
    expect(e.field).toBe('invitees');
  });

  it.each(['2026-11-27', '2026-11-27 9:30', '27/11/2026 09:30', '2026-02-30 09:00', '2026-11-27 24:00', '2026-11-27 09:60', '2026-11-27T09:30:00', ''])(
    'refuses 开始时间 %j',
    (startAt) => {
      const e = refused(() => createMeeting(meetingInput({ startAt }), 'm-2', secretary, NOW));
      expect(e.message).toBe('开始时间格式如 2026-11-23 09:00');
      expect(e.field).toBe('startAt');
    },
  );

  it('accepts 开始时间 at the edges of the day', () => {
    expect(createMeeting(meetingInput({ startAt: '2026-11-27 00:00' }), 'm-2', secretary, NOW).startAt).toBe('2026-11-27T00:00');
    expect(createMeeting(meetingInput({ startAt: '2026-11-27 23:59' }), 'm-3', secretary, NOW).startAt).toBe('2026-11-27T23:59');
  });

  it('refuses blank required fields beside the field', () => {
    expect(refused(() => createMeeting(meetingInput({ name: '   ' }), 'm-2', secretary, NOW))).toMatchObject({ message: '请填写会议名称', field: 'name' });
    expect(refused(() => createMeeting(meetingInput({ meetingType: '' }), 'm-2', secretary, NOW))).toMatchObject({ message: '请填写会议类型', field: 'meetingType' });
    expect(refused(() => createMeeting(meetingInput({ location: '' }), 'm-2', secretary, NOW))).toMatchObject({ message: '请填写地点', field: 'location' });
    expect(refused(() => createMeeting(meetingInput({ name: '会'.repeat(101) }), 'm-2', secretary, NOW)).message).toBe('会议名称不能超过 100 个字');
  });

  it('refuses anyone without 会议管理, and a disabled 秘书', () => {
    expect(refused(() => createMeeting(meetingInput(), 'm-2', staff, NOW)).message).toBe('没有权限（需要：会议管理）');
    expect(refused(() => createMeeting(meetingInput(), 'm-2', disabledSecretary, NOW)).message).toBe('没有权限（需要：会议管理）');
  });
});

describe('editMeeting', () => {
  it('changes the fields, moves the meeting day, drops the 签到 of an uninvited person and logs 修改', () => {
    const signed = deepFreeze(signIn(signIn(meetingRecord(), 'p-li', { status: '到会' }, secretary, NOW), 'p-zhao', { status: '缺席' }, secretary, NOW));
    const edited = editMeeting(signed, meetingInput({ startAt: '2026-12-01 15:00', invitees: [{ ...wang }, { ...li }] }), secretary, LATER);
    expect(edited).toMatchObject({ id: 'm-1', startAt: '2026-12-01T15:00', meetingDate: '2026-12-01', invitees: [wang, li], attendance: { 'p-li': { status: '到会' } } });
    expect(Object.keys(edited.attendance)).toEqual(['p-li']);
    expect(edited.history.map((h) => h.action)).toEqual(['创建', '签到', '签到', '修改']);
    expect(edited.history.at(-1)).toEqual({ action: '修改', at: LATER.toISOString(), byId: 'u-sec', byName: '王秘书' });
    expect(edited.updatedAt).toBe(LATER.toISOString());
    expect(edited.createdAt).toBe(signed.createdAt);
  });

  it('adds and removes the 保密期限 with the 密级', () => {
    const secret = deepFreeze(editMeeting(meetingRecord(), meetingInput({ classification: '机密' }), secretary, LATER));
    expect(secret.secrecyTerm).toEqual({ kind: 'years', years: 20 });
    const open = editMeeting(secret, meetingInput(), secretary, LATER);
    expect(open.classification).toBe('非密');
    expect(open).not.toHaveProperty('secrecyTerm');
  });

  it('is refused after 签发, without permission, and on bad input', () => {
    expect(refused(() => editMeeting(issued(), meetingInput(), secretary, LATER)).message).toBe('纪要已签发，会议信息不能再修改');
    expect(refused(() => editMeeting(meetingRecord(), meetingInput(), staff, LATER)).message).toBe('没有权限（需要：会议管理）');
    expect(refused(() => editMeeting(meetingRecord(), meetingInput({ invitees: [] }), secretary, LATER)).message).toBe('请至少邀请一人');
  });
});

describe('signIn (签到)', () => {
  const m = meetingRecord();

  it('到会 and 缺席 are stored bare and noted with the name', () => {
    const a = signIn(m, 'p-wang', { status: '到会' }, secretary, LATER);
    expect(a.attendance).toEqual({ 'p-wang': { status: '到会' } });
    expect(a.history.at(-1)).toEqual({ action: '签到', at: LATER.toISOString(), byId: 'u-sec', byName: '王秘书', note: '王局长到会' });
    const b = signIn(a, 'p-zhao', { status: '缺席' }, secretary, LATER);
    expect(b.attendance).toEqual({ 'p-wang': { status: '到会' }, 'p-zhao': { status: '缺席' } });
    expect(b.history.at(-1)!.note).toBe('赵主任缺席');
    expect(b.updatedAt).toBe(LATER.toISOString());
  });

  it('代会 keeps the deputy, trimmed, and is noted "A代B" (never hidden)', () => {
    const r = signIn(m, 'p-wang', { status: '代会', deputy: { name: ' 孙副局长 ', unit: ' 县财政局 ', title: ' 副局长 ' } }, secretary, LATER);
    expect(r.attendance['p-wang']).toEqual({ status: '代会', deputy: { name: '孙副局长', unit: '县财政局', title: '副局长' } });
    expect(r.history.at(-1)!.note).toBe('孙副局长代王局长');
  });

  it('代会 needs the deputy\'s name, and the deputy cannot be the invitee', () => {
    for (const name of ['', '   ']) {
      const e = refused(() => signIn(m, 'p-wang', { status: '代会', deputy: { name, unit: '县财政局', title: '' } }, secretary, LATER));
      expect(e).toMatchObject({ message: '请填写代会人姓名', field: 'deputy' });
    }
    const self = refused(() => signIn(m, 'p-wang', { status: '代会', deputy: { name: ' 王局长 ', unit: '县财政局', title: '局长' } }, secretary, LATER));
    expect(self).toMatchObject({ message: '代会人不能是本人', field: 'deputy' });
    // A deputy object missing altogether (a crafted call) is refused the same way.
    const missing = refused(() => signIn(m, 'p-wang', { status: '代会' } as unknown as Attendance, secretary, LATER));
    expect(missing.message).toBe('请填写代会人姓名');
  });

  it('请假 needs a reason, kept trimmed and noted', () => {
    expect(refused(() => signIn(m, 'p-li', { status: '请假', reason: '  ' }, secretary, LATER))).toMatchObject({ message: '请填写请假事由', field: 'reason' });
    const r = signIn(m, 'p-li', { status: '请假', reason: ' 赴省厅开会 ' }, secretary, LATER);
    expect(r.attendance['p-li']).toEqual({ status: '请假', reason: '赴省厅开会' });
    expect(r.history.at(-1)!.note).toBe('李局长请假（赴省厅开会）');
  });

  it('a second 签到 of the same person replaces the first', () => {
    const first = deepFreeze(signIn(m, 'p-li', { status: '缺席' }, secretary, LATER));
    const second = signIn(first, 'p-li', { status: '到会' }, secretary, LATER);
    expect(second.attendance).toEqual({ 'p-li': { status: '到会' } });
    expect(second.history.filter((h) => h.action === '签到')).toHaveLength(2);
  });

  it('refuses an unknown person, an unknown status, anyone without 会议管理, and any 签到 after 签发', () => {
    expect(refused(() => signIn(m, 'p-nobody', { status: '到会' }, secretary, LATER)).message).toBe('此人不在邀请名单中');
    expect(refused(() => signIn(m, 'p-wang', { status: '迟到' } as unknown as Attendance, secretary, LATER)).message).toBe('签到状态无效');
    expect(refused(() => signIn(m, 'p-wang', { status: '到会' }, staff, LATER)).message).toBe('没有权限（需要：会议管理）');
    expect(refused(() => signIn(issued(), 'p-wang', { status: '到会' }, secretary, LATER)).message).toBe('纪要已签发，签到不能再修改');
  });
});

describe('checkMinutes', () => {
  const m = meetingRecord();

  it('trims the text, drops blank paragraphs and works out each 完成时限 as a date', () => {
    const input = minutesInput({ title: ' 县政府常务会议纪要 ', paragraphs: [' 第一段 ', '', '   ', '第二段'] });
    expect(checkMinutes(m, input, cal)).toEqual({
      title: '县政府常务会议纪要',
      paragraphs: ['第一段', '第二段'],
      decisions: [
        { ...decisionByDate, dueDate: '2026-12-10' },
        // 5 working days from Friday 11-27: Mon 11-30 … Fri 12-04, the weekend skipped.
        { ...decisionByWorkdays, dueDate: '2026-12-04' },
      ],
    });
  });

  it('trims each decision\'s text and allows an empty 责任人', () => {
    const r = checkMinutes(m, minutesInput({ decisions: [{ ...decisionByDate, content: ' 内容 ', unit: ' 县财政局 ', person: ' ' }] }), cal);
    expect(r.decisions).toEqual([{ id: 'd-1', content: '内容', unit: '县财政局', person: '', deadline: { kind: 'date', date: '2026-12-10' }, dueDate: '2026-12-10' }]);
  });

  it('keeps only the deadline fields it knows', () => {
    const extra = { ...decisionByWorkdays, deadline: { kind: 'workdays', days: 1, date: '2030-01-01' } } as unknown as MinutesInput['decisions'][number];
    expect(checkMinutes(m, minutesInput({ decisions: [extra] }), cal).decisions[0]).toMatchObject({ deadline: { kind: 'workdays', days: 1 }, dueDate: '2026-11-30' });
    expect(checkMinutes(m, minutesInput({ decisions: [extra] }), cal).decisions[0]!.deadline).toEqual({ kind: 'workdays', days: 1 });
  });

  it('counts working days over a weekend: 1 working day after Friday is Monday', () => {
    const r = checkMinutes(m, minutesInput({ decisions: [{ ...decisionByWorkdays, deadline: { kind: 'workdays', days: 1 } }] }), cal);
    expect(r.decisions[0]!.dueDate).toBe('2026-11-30');
  });

  it('counts working days over 国庆 and onto the 调休 Saturday', () => {
    const before = meetingRecord({ meetingDate: '2026-09-30', startAt: '2026-09-30T09:00' });
    const days = (n: number) => checkMinutes(before, minutesInput({ decisions: [{ ...decisionByWorkdays, deadline: { kind: 'workdays', days: n } }] }), cal).decisions[0]!.dueDate;
    expect(days(1)).toBe('2026-10-08');
    expect(days(2)).toBe('2026-10-09');
    expect(days(3)).toBe('2026-10-10'); // Saturday, worked (调休)
    expect(days(4)).toBe('2026-10-12');
  });

  it('follows the administrator\'s calendar corrections', () => {
    const local = createWorkCalendar([{ date: '2026-11-30', kind: 'holiday', note: '本地安排' }]);
    const r = checkMinutes(m, minutesInput({ decisions: [{ ...decisionByWorkdays, deadline: { kind: 'workdays', days: 1 } }] }), local);
    expect(r.decisions[0]!.dueDate).toBe('2026-12-01');
  });

  it('accepts a 完成时限 on the meeting day itself, refuses one before it', () => {
    const on = checkMinutes(m, minutesInput({ decisions: [{ ...decisionByDate, deadline: { kind: 'date', date: MEETING_DAY } }] }), cal);
    expect(on.decisions[0]!.dueDate).toBe(MEETING_DAY);
    const e = refused(() => checkMinutes(m, minutesInput({ decisions: [{ ...decisionByWorkdays }, { ...decisionByDate, deadline: { kind: 'date', date: '2026-11-26' } }] }), cal));
    expect(e).toMatchObject({ message: '第 2 项议定事项的完成时限不能早于会议日期（2026-11-27）', field: 'decisions' });
  });

  it('refuses a decision without 事项内容 or 责任单位, naming its position', () => {
    expect(refused(() => checkMinutes(m, minutesInput({ decisions: [{ ...decisionByDate }, { ...decisionByWorkdays, content: '  ' }] }), cal))).toMatchObject({
      message: '第 2 项议定事项的事项内容不能为空',
      field: 'decisions',
    });
    expect(refused(() => checkMinutes(m, minutesInput({ decisions: [{ ...decisionByDate, unit: '' }] }), cal)).message).toBe('第 1 项议定事项请填写责任单位');
  });

  it('refuses a bad 完成时限', () => {
    const bad = (deadline: unknown) =>
      refused(() => checkMinutes(m, minutesInput({ decisions: [{ ...decisionByDate, deadline } as MinutesInput['decisions'][number]] }), cal)).message;
    expect(bad({ kind: 'date', date: '2026-11-31' })).toBe('第 1 项议定事项的完成时限无效，格式如 2026-12-01');
    expect(bad({ kind: 'date', date: '' })).toBe('第 1 项议定事项的完成时限无效，格式如 2026-12-01');
    for (const days of [0, -1, 1.5, 366, Number.NaN]) expect(bad({ kind: 'workdays', days })).toBe('第 1 项议定事项的完成时限应为 1–365 个工作日');
    expect(bad(undefined)).toBe('第 1 项议定事项请填写完成时限');
    expect(bad({ kind: 'month' })).toBe('第 1 项议定事项请填写完成时限');
    const max = checkMinutes(m, minutesInput({ decisions: [{ ...decisionByDate, deadline: { kind: 'workdays', days: 365 } }] }), cal);
    expect(max.decisions[0]!.dueDate).toBe(cal.addWorkdays(MEETING_DAY, 365));
  });

  it('refuses duplicate or empty decision ids', () => {
    expect(refused(() => checkMinutes(m, minutesInput({ decisions: [{ ...decisionByDate }, { ...decisionByWorkdays, id: 'd-1' }] }), cal))).toMatchObject({
      message: '议定事项编号重复',
      field: 'decisions',
    });
    expect(refused(() => checkMinutes(m, minutesInput({ decisions: [{ ...decisionByDate, id: '' }] }), cal)).message).toBe('议定事项编号重复');
  });

  it('refuses a blank title; accepts minutes with no decisions', () => {
    expect(refused(() => checkMinutes(m, minutesInput({ title: '  ' }), cal))).toMatchObject({ message: '请填写纪要标题', field: 'title' });
    expect(checkMinutes(m, minutesInput({ decisions: [] }), cal).decisions).toEqual([]);
  });
});

describe('saveMinutesDraft', () => {
  it('stores the checked draft and logs 保存纪要; the meeting stays 未签发', () => {
    const r = drafted();
    expect(r.draft).toEqual(checkMinutes(meetingRecord(), minutesInput(), cal));
    expect(r.minutesState).toBe('未签发');
    expect(r.history.at(-1)).toEqual({ action: '保存纪要', at: LATER.toISOString(), byId: 'u-sec', byName: '王秘书' });
    expect(currentMinutes(r)).toBe(r.draft);
    expect(currentMinutes(meetingRecord())).toBeUndefined();
  });

  it('is refused after 签发, without permission, and on bad input (the draft stays as it was)', () => {
    expect(refused(() => saveMinutesDraft(issued(), minutesInput(), cal, secretary, LATER)).message).toBe('纪要已签发（第1期），修改请办理更正');
    expect(refused(() => saveMinutesDraft(meetingRecord(), minutesInput(), cal, staff, LATER)).message).toBe('没有权限（需要：会议管理）');
    const d = drafted();
    expect(refused(() => saveMinutesDraft(d, minutesInput({ decisions: [{ ...decisionByDate, content: '' }] }), cal, secretary, LATER)).message).toBe(
      '第 1 项议定事项的事项内容不能为空',
    );
    expect(d.draft!.decisions).toHaveLength(2);
  });
});

describe('issueMinutes (签发)', () => {
  it('locks the draft under its number, names the issuer and logs 签发 with the number', () => {
    const d = drafted();
    const r = issueMinutes(d, NUMBER, cal, secretary, ISSUE_AT);
    expect(r.issued).toEqual({
      ...d.draft,
      number: '第1期',
      year: 2026,
      seq: 1,
      issuedAt: ISSUE_AT.toISOString(),
      issuedById: 'u-sec',
      issuedByName: '王秘书',
    });
    expect(r.minutesState).toBe('已签发');
    expect(r.history.at(-1)).toEqual({ action: '签发', at: ISSUE_AT.toISOString(), byId: 'u-sec', byName: '王秘书', note: '第1期' });
    expect(r.updatedAt).toBe(ISSUE_AT.toISOString());
    expect(currentMinutes(r)).toBe(r.issued);
  });

  it('refuses a second 签发, naming the local day and number of the first', () => {
    const e = refused(() => issueMinutes(issued(), { number: '第2期', year: 2026, seq: 2 }, cal, secretary, LATER));
    expect(e.message).toBe('该纪要已于 2026-11-30 签发（第1期），不能重复签发');
  });

  it('refuses without a saved draft, with an empty one, and without 签发纪要 permission', () => {
    expect(refused(() => issueMinutes(meetingRecord(), NUMBER, cal, secretary, ISSUE_AT)).message).toBe('请先编写并保存纪要');
    const empty = meetingRecord({ draft: { title: '县政府常务会议纪要', paragraphs: [], decisions: [] } });
    expect(refused(() => issueMinutes(empty, NUMBER, cal, secretary, ISSUE_AT)).message).toBe('纪要没有内容：请填写会议主要情况或议定事项');
    const blank = meetingRecord({ draft: { title: '县政府常务会议纪要', paragraphs: ['  '], decisions: [] } });
    expect(refused(() => issueMinutes(blank, NUMBER, cal, secretary, ISSUE_AT)).message).toBe('纪要没有内容：请填写会议主要情况或议定事项');
    expect(refused(() => issueMinutes(drafted(), NUMBER, cal, staff, ISSUE_AT)).message).toBe('没有权限签发纪要（需要：签发纪要）');
    expect(refused(() => issueMinutes(drafted(), NUMBER, cal, disabledSecretary, ISSUE_AT)).message).toBe('没有权限签发纪要（需要：签发纪要）');
  });

  it('accepts minutes with paragraphs only, or decisions only', () => {
    expect(issueMinutes(meetingRecord({ draft: { title: 'T', paragraphs: ['会议通报了情况。'], decisions: [] } }), NUMBER, cal, secretary, ISSUE_AT).issued!.decisions).toEqual([]);
    const onlyDecisions = saveMinutesDraft(meetingRecord(), minutesInput({ paragraphs: [] }), cal, secretary, LATER);
    expect(issueMinutes(onlyDecisions, NUMBER, cal, secretary, ISSUE_AT).issued!.decisions).toHaveLength(2);
  });

  it('checks the draft again against the meeting as it is now: a moved meeting re-dates working-day deadlines', () => {
    const d = drafted();
    expect(d.draft!.decisions[1]!.dueDate).toBe('2026-12-04');
    const moved = deepFreeze(editMeeting(d, meetingInput({ startAt: '2026-12-01 09:00' }), secretary, LATER));
    const r = issueMinutes(moved, NUMBER, cal, secretary, ISSUE_AT);
    expect(r.issued!.decisions.map((x) => x.dueDate)).toEqual(['2026-12-10', '2026-12-08']);
    // Moved past a dated deadline, the draft can no longer be issued.
    const tooLate = deepFreeze(editMeeting(d, meetingInput({ startAt: '2026-12-11 09:00' }), secretary, LATER));
    expect(refused(() => issueMinutes(tooLate, NUMBER, cal, secretary, ISSUE_AT)).message).toBe('第 1 项议定事项的完成时限不能早于会议日期（2026-12-11）');
  });
});

describe('correctMinutes (更正)', () => {
  const changed = minutesInput({
    decisions: [{ ...decisionByDate, unit: '县审计局', deadline: { kind: 'date', date: '2026-12-15' } }, { ...decisionByWorkdays }, { ...decisionByDate, id: 'd-3', content: '新增事项' }],
  });

  it('replaces the text, keeps the issued version with the reason, and keeps the number and 签发 details', () => {
    const before = issued();
    const at = new Date(2026, 11, 2, 10, 0);
    const r = correctMinutes(before, changed, ' 责任单位有误 ', cal, secretary, at);
    expect(r.issued).toEqual({
      ...before.issued,
      title: '县政府常务会议纪要',
      paragraphs: before.issued!.paragraphs,
      decisions: [
        { ...decisionByDate, unit: '县审计局', deadline: { kind: 'date', date: '2026-12-15' }, dueDate: '2026-12-15' },
        { ...decisionByWorkdays, dueDate: '2026-12-04' },
        { ...decisionByDate, id: 'd-3', content: '新增事项', dueDate: '2026-12-10' },
      ],
    });
    expect(r.issued).toMatchObject({ number: '第1期', year: 2026, seq: 1, issuedAt: ISSUE_AT.toISOString(), issuedByName: '王秘书' });
    expect(r.corrections).toEqual([
      {
        at: at.toISOString(),
        byName: '王秘书',
        reason: '责任单位有误',
        previous: { title: before.issued!.title, paragraphs: before.issued!.paragraphs, decisions: before.issued!.decisions },
      },
    ]);
    expect(r.minutesState).toBe('已签发');
    expect(r.history.at(-1)).toEqual({ action: '更正', at: at.toISOString(), byId: 'u-sec', byName: '王秘书', note: '责任单位有误' });
    // The draft is not what was issued and is left alone.
    expect(r.draft).toBe(before.draft);
  });

  it('a second 更正 keeps both earlier versions, in order', () => {
    const once = deepFreeze(correctMinutes(issued(), changed, '第一次', cal, secretary, LATER));
    const twice = correctMinutes(once, minutesInput({ title: '县政府常务会议纪要（更正）' }), '第二次', cal, secretary, LATER);
    expect(twice.corrections.map((c) => [c.reason, c.previous.decisions.length])).toEqual([
      ['第一次', 2],
      ['第二次', 3],
    ]);
    expect(twice.issued!.title).toBe('县政府常务会议纪要（更正）');
    expect(twice.issued!.number).toBe('第1期');
  });

  it('needs a reason, issued minutes, permission and valid content', () => {
    expect(refused(() => correctMinutes(issued(), changed, '  ', cal, secretary, LATER))).toMatchObject({ message: '请填写更正理由', field: 'reason' });
    expect(refused(() => correctMinutes(drafted(), changed, '理由', cal, secretary, LATER)).message).toBe('纪要尚未签发，直接修改即可');
    expect(refused(() => correctMinutes(issued(), changed, '理由', cal, staff, LATER)).message).toBe('没有权限更正纪要（需要：签发纪要）');
    expect(
      refused(() => correctMinutes(issued(), minutesInput({ decisions: [{ ...decisionByDate, deadline: { kind: 'date', date: '2026-11-01' } }] }), '理由', cal, secretary, LATER)).message,
    ).toBe('第 1 项议定事项的完成时限不能早于会议日期（2026-11-27）');
  });
});

describe('minutesDueDate and isMinutesOverdue', () => {
  it('the default is 3 working days', () => {
    expect(DEFAULT_MINUTES_DUE_WORKDAYS).toBe(3);
  });

  it('a Friday meeting: due on Wednesday (3rd working day), overdue from Thursday (4th)', () => {
    expect(minutesDueDate('2026-11-27', cal)).toBe('2026-12-02');
    const m = meetingRecord();
    const over = (today: string) => isMinutesOverdue(m, today, cal);
    expect(['2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02'].map(over)).toEqual([false, false, false, false, false, false]);
    expect(over('2026-12-03')).toBe(true);
    expect(over('2027-01-01')).toBe(true);
  });

  it('a Tuesday meeting: due Friday, overdue on Saturday already', () => {
    const m = meetingRecord({ meetingDate: '2026-11-24' });
    expect(minutesDueDate('2026-11-24', cal)).toBe('2026-11-27');
    expect(isMinutesOverdue(m, '2026-11-27', cal)).toBe(false);
    expect(isMinutesOverdue(m, '2026-11-28', cal)).toBe(true);
  });

  it('over 国庆: a meeting on 09-30 is due on the 调休 Saturday 10-10', () => {
    expect(minutesDueDate('2026-09-30', cal)).toBe('2026-10-10');
    const m = meetingRecord({ meetingDate: '2026-09-30' });
    expect(isMinutesOverdue(m, '2026-10-07', cal)).toBe(false);
    expect(isMinutesOverdue(m, '2026-10-10', cal)).toBe(false);
    expect(isMinutesOverdue(m, '2026-10-11', cal)).toBe(true);
  });

  it('follows the setting for the number of working days', () => {
    expect(minutesDueDate('2026-11-27', cal, 1)).toBe('2026-11-30');
    expect(minutesDueDate('2026-11-27', cal, 5)).toBe('2026-12-04');
    const m = meetingRecord();
    expect(isMinutesOverdue(m, '2026-12-03', cal, 5)).toBe(false);
    expect(isMinutesOverdue(m, '2026-12-05', cal, 5)).toBe(true);
  });

  it('issued minutes are never overdue, however late', () => {
    expect(isMinutesOverdue(issued(), '2027-06-01', cal)).toBe(false);
  });
});

describe('canSeeMeeting', () => {
  const secret = meetingRecord({ classification: '机密' });

  it('anyone may see a 非密 or 内部 meeting', () => {
    expect(canSeeMeeting(staff, meetingRecord())).toBe(true);
    expect(canSeeMeeting(staff, meetingRecord({ classification: '内部' }))).toBe(true);
  });

  it('a classified one: its managers and invitees with an account only', () => {
    expect(canSeeMeeting(secretary, secret)).toBe(true);
    expect(canSeeMeeting(invitedStaff, secret)).toBe(true);
    expect(canSeeMeeting(staff, secret)).toBe(false);
    expect(canSeeMeeting(disabledSecretary, secret)).toBe(false);
    expect(canSeeMeeting({ id: 'u-audit', roles: ['安全审计员'] }, secret)).toBe(false);
  });
});

describe('版记 fields of the minutes (抄送, 印发机关, 印发日期)', () => {
  const m = meetingRecord();

  it('keeps 抄送 in the order given, trimmed, blanks dropped; 印发机关 and 印发日期 trimmed; absent when blank', () => {
    const r = checkMinutes(m, minutesInput({ copyTo: [' 县财政局 ', '', '县住建局'], printedBy: ' 县政府办公室 ', printedOn: ' 2026-11-30 ' }), cal);
    expect(r).toMatchObject({ copyTo: ['县财政局', '县住建局'], printedBy: '县政府办公室', printedOn: '2026-11-30' });
    const bare = checkMinutes(m, minutesInput({ copyTo: ['  '], printedBy: ' ', printedOn: '' }), cal);
    expect(bare).not.toHaveProperty('copyTo');
    expect(bare).not.toHaveProperty('printedBy');
    expect(bare).not.toHaveProperty('printedOn');
  });

  it('refuses a unit twice, a unit or 印发机关 too long, too many units, a bad 印发日期 or one before the meeting, beside its field', () => {
    const at = (input: Partial<MinutesInput>, field: string, message: RegExp) => {
      try {
        checkMinutes(m, minutesInput(input), cal);
        throw new Error('accepted');
      } catch (e) {
        expect(e).toBeInstanceOf(RuleError);
        expect((e as RuleError).field).toBe(field);
        expect((e as RuleError).message).toMatch(message);
      }
    };
    at({ copyTo: ['县财政局', ' 县财政局'] }, 'copyTo', /县财政局.*重复/);
    at({ copyTo: ['县'.repeat(41)] }, 'copyTo', /超过 40 个字/);
    at({ copyTo: Array.from({ length: 51 }, (_, i) => `单位${i}`) }, 'copyTo', /不能超过 50 个/);
    at({ printedBy: '办'.repeat(41) }, 'printedBy', /印发机关不能超过 40 个字/);
    at({ printedOn: '2026-13-01' }, 'printedOn', /印发日期无效/);
    at({ printedOn: '2026-11-26' }, 'printedOn', /不能早于会议日期/);
  });

  it('a draft keeps them through 签发; a 更正 can change them and keeps the old ones in the 更正 record', () => {
    const withImprint = deepFreeze(saveMinutesDraft(meetingRecord(), minutesInput({ copyTo: ['县财政局'], printedBy: '县政府办公室' }), cal, secretary, LATER));
    const out = issueMinutes(withImprint, NUMBER, cal, secretary, ISSUE_AT);
    expect(out.issued).toMatchObject({ copyTo: ['县财政局'], printedBy: '县政府办公室' });
    const corrected = correctMinutes(deepFreeze(out), minutesInput({ copyTo: ['县住建局'], printedOn: '2026-12-01' }), '抄送有误', cal, secretary, ISSUE_AT);
    expect(corrected.issued).toMatchObject({ copyTo: ['县住建局'], printedOn: '2026-12-01' });
    // 印发机关 left blank in the 更正: blank afterwards (the office's default prints).
    expect(corrected.issued).not.toHaveProperty('printedBy');
    expect(corrected.corrections.at(-1)!.previous).toMatchObject({ copyTo: ['县财政局'], printedBy: '县政府办公室' });
  });
});

describe('signIn limits (the 签到表 is measured with them)', () => {
  it('refuses a 请假事由 over 100 characters and a deputy over 20 / 60 / 40 characters', () => {
    const m = meetingRecord();
    const who = m.invitees[0]!.personId;
    expect(() => signIn(m, who, { status: '请假', reason: '事'.repeat(101) }, secretary, LATER)).toThrow('请假事由不能超过 100 个字');
    expect(signIn(m, who, { status: '请假', reason: '事'.repeat(100) }, secretary, LATER).attendance[who]).toEqual({ status: '请假', reason: '事'.repeat(100) });
    expect(() => signIn(m, who, { status: '代会', deputy: { name: '王'.repeat(21), unit: '', title: '' } }, secretary, LATER)).toThrow('代会人姓名不能超过 20 个字');
    expect(() => signIn(m, who, { status: '代会', deputy: { name: '王五', unit: '局'.repeat(61), title: '' } }, secretary, LATER)).toThrow('代会人单位不能超过 60 个字');
    expect(() => signIn(m, who, { status: '代会', deputy: { name: '王五', unit: '', title: '长'.repeat(41) } }, secretary, LATER)).toThrow('代会人职务不能超过 40 个字');
  });
});
