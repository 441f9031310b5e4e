import { describe, expect, test } from 'vitest';
import { verifyAuditChain } from '../../../renderer/db/audit';
import type { WenshuDB } from '../../../renderer/db/database';
import {
  correctMeetingMinutes,
  createMeetingRecord,
  getMeeting,
  getMeetingSettings,
  issueMeetingMinutes,
  listMeetings,
  listPeople,
  overdueMinutes,
  previewMinutesNumber,
  saveMeetingSettings,
  saveMinutes,
  savePerson,
  signInInvitee,
  updateMeeting,
} from '../../../renderer/db/repositories/meetings';
import { recordOutput } from '../../../renderer/db/repositories/output';
import { addTaskProgress, finishTask, listTasks, overdueTasks, remindTaskRec, supervisionReport, tasksOfMeeting } from '../../../renderer/db/repositories/supervision';
import type { MeetingInput } from '../../../shared/domain/meeting';
import type { DirectoryPerson, Invitee, InviteeRole, MeetingRecord } from '../../../shared/domain/meeting-types';
import { decisionByDate, decisionByWorkdays, meetingInput, meetingRecord, minutesInput } from '../../fixtures/meetings';
import { staffedOffice } from './helpers';
import { loadWorkCalendar } from '../../../renderer/db/repositories/calendar';
import { isMinutesOverdue } from '../../../shared/domain/meeting';
import { RuleError } from '@shared/domain/rule-error';

// 会议 and 会议纪要 through the repository (issue #5), on fake-indexeddb: 签发 numbers the minutes
// per 会议类型 per year and makes the 督办 tasks in the same transaction as the audit entries; a
// refused call leaves every table as it was. Every call gets an explicit local clock.

const T_CREATE = new Date(2026, 10, 20, 10, 0); // Friday 2026-11-20
const T_SIGN = new Date(2026, 10, 27, 9, 35); // the meeting, Friday 2026-11-27
const T_SAVE = new Date(2026, 10, 27, 16, 0);
const T_ISSUE = new Date(2026, 10, 30, 10, 0); // Monday 2026-11-30
const T_LATER = new Date(2026, 11, 2, 10, 0); // Wednesday 2026-12-02

/** staffedOffice() with three people in the 人员名录: 王局长 is the reader's account. */
async function meetingOffice() {
  const office = await staffedOffice();
  const { db, clerk, reader } = office;
  const wang = await savePerson(db, clerk, { name: '王局长', unit: '县财政局', title: '局长', userId: reader.id });
  const li = await savePerson(db, clerk, { name: '李局长', unit: '县教育局', title: '局长' });
  const zhao = await savePerson(db, clerk, { name: '赵主任', unit: '县发改委', title: '主任' });
  const invite = (p: DirectoryPerson, role: InviteeRole): Invitee => ({
    personId: p.id,
    name: p.name,
    unit: p.unit,
    title: p.title,
    role,
    ...(p.userId ? { userId: p.userId } : {}),
  });
  const invitees = [invite(wang, '出席'), invite(li, '出席'), invite(zhao, '列席')];
  const input = (over: Partial<MeetingInput> = {}) => meetingInput({ invitees, ...over });
  return { ...office, people: { wang, li, zhao }, invitees, input };
}

async function auditOf(db: WenshuDB) {
  return db.auditLog.orderBy('seq').toArray();
}

/** Everything a refused call must leave alone. */
async function snapshot(db: WenshuDB) {
  return {
    meetings: await db.meetings.toArray(),
    tasks: await db.tasks.toArray(),
    counters: await db.counters.toArray(),
    audit: await auditOf(db),
    settings: await db.settings.toArray(),
  };
}

describe('a meeting from creation to 签发', () => {
  test('create, 签到, save minutes, issue: 第1期 and one 督办 task per 议定事项, audited together', async () => {
    const { db, clerk, reader, people, input } = await meetingOffice();
    const start = (await auditOf(db)).length;

    const created = await createMeetingRecord(db, clerk, input(), T_CREATE);
    expect(created).toMatchObject({ meetingDate: '2026-11-27', minutesState: '未签发', attendance: {}, corrections: [], history: [{ action: '创建', byId: clerk.id }] });
    expect(created.invitees.map((i) => [i.name, i.role, i.userId])).toEqual([
      ['王局长', '出席', reader.id],
      ['李局长', '出席', undefined],
      ['赵主任', '列席', undefined],
    ]);
    expect(await db.meetings.get(created.id)).toEqual(created);

    const signed = await signInInvitee(db, clerk, created.id, people.wang.id, { status: '代会', deputy: { name: '孙副局长', unit: '县财政局', title: '副局长' } }, T_SIGN);
    expect(signed.attendance[people.wang.id]).toEqual({ status: '代会', deputy: { name: '孙副局长', unit: '县财政局', title: '副局长' } });
    await signInInvitee(db, clerk, created.id, people.li.id, { status: '请假', reason: '赴省厅开会' }, T_SIGN);

    const saved = await saveMinutes(db, clerk, created.id, minutesInput(), T_SAVE);
    expect(saved.draft!.decisions.map((d) => d.dueDate)).toEqual(['2026-12-10', '2026-12-04']);
    expect(await previewMinutesNumber(db, saved)).toBe('第1期');
    expect(await db.counters.count()).toBe(0); // a preview takes no number

    const { meeting, tasks } = await issueMeetingMinutes(db, clerk, created.id, T_ISSUE);
    expect(meeting.issued).toMatchObject({ number: '第1期', year: 2026, seq: 1, issuedAt: T_ISSUE.toISOString(), issuedById: clerk.id, issuedByName: 'clerk' });
    expect(meeting.minutesState).toBe('已签发');
    expect(await db.meetings.get(created.id)).toEqual(meeting);

    expect(tasks.map((t) => [t.serial, t.content, t.unit, t.person, t.dueDate, t.state])).toEqual([
      ['督〔2026〕0001', decisionByDate.content, '县财政局', '王局长', '2026-12-10', '未开始'],
      ['督〔2026〕0002', decisionByWorkdays.content, '县教育局', '李局长', '2026-12-04', '未开始'],
    ]);
    expect(tasks.map((t) => t.source)).toEqual([
      { kind: '会议纪要', meetingId: created.id, minutesTitle: '县政府常务会议纪要', minutesNumber: '第1期', decisionId: 'd-1' },
      { kind: '会议纪要', meetingId: created.id, minutesTitle: '县政府常务会议纪要', minutesNumber: '第1期', decisionId: 'd-2' },
    ]);
    expect(await db.tasks.orderBy('serial').toArray()).toEqual(tasks);
    expect(await tasksOfMeeting(db, reader, created.id)).toEqual(tasks);
    expect((await db.counters.orderBy('key').toArray()).map((c) => [c.key, c.last])).toEqual([
      ['督办|2026', 2],
      ['纪要:常务会议|2026', 1],
    ]);

    const log = (await auditOf(db)).slice(start);
    expect(log.map((e) => e.action)).toEqual(['新建会议', '会议签到', '会议签到', '保存纪要', '签发纪要', '新建督办', '新建督办']);
    expect(log.map((e) => e.summary)).toEqual([
      '2026-11-27《县政府第12次常务会议》，邀请 3 人',
      '2026-11-27《县政府第12次常务会议》 孙副局长代王局长',
      '2026-11-27《县政府第12次常务会议》 李局长请假（赴省厅开会）',
      '2026-11-27《县政府第12次常务会议》 议定事项 2 项',
      '2026-11-27《县政府第12次常务会议》 第1期，议定事项 2 项转督办',
      '督〔2026〕0001 来源：第1期；责任单位：县财政局；时限：2026-12-10',
      '督〔2026〕0002 来源：第1期；责任单位：县教育局；时限：2026-12-04',
    ]);
    // 签发 and its tasks are one write: the same clock, consecutive entries, by the clerk.
    const issueEntries = log.slice(4);
    expect(issueEntries.map((e) => [e.time, e.actorName, e.entityId])).toEqual([
      [T_ISSUE.toISOString(), 'clerk', created.id],
      [T_ISSUE.toISOString(), 'clerk', tasks[0]!.id],
      [T_ISSUE.toISOString(), 'clerk', tasks[1]!.id],
    ]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  test('minutes without decisions issue with no task and no 督办 number', async () => {
    const { db, clerk, input } = await meetingOffice();
    const m = await createMeetingRecord(db, clerk, input(), T_CREATE);
    await saveMinutes(db, clerk, m.id, minutesInput({ decisions: [] }), T_SAVE);
    const r = await issueMeetingMinutes(db, clerk, m.id, T_ISSUE);
    expect(r.tasks).toEqual([]);
    expect(await db.tasks.count()).toBe(0);
    expect((await db.counters.toArray()).map((c) => c.key)).toEqual(['纪要:常务会议|2026']);
    expect((await auditOf(db)).at(-1)!.summary).toBe('2026-11-27《县政府第12次常务会议》 第1期，议定事项 0 项转督办');
  });

  test('an edit before 签发 moves the meeting; a 签到 of someone no longer invited is dropped', async () => {
    const { db, clerk, input, invitees, people } = await meetingOffice();
    const m = await createMeetingRecord(db, clerk, input(), T_CREATE);
    await signInInvitee(db, clerk, m.id, people.zhao.id, { status: '缺席' }, T_SIGN);
    const edited = await updateMeeting(db, clerk, m.id, input({ startAt: '2026-12-01 09:00', invitees: invitees.slice(0, 2) }), T_SAVE);
    expect(edited).toMatchObject({ meetingDate: '2026-12-01', attendance: {} });
    expect((await auditOf(db)).at(-1)).toMatchObject({ action: '修改会议', entityId: m.id, summary: '2026-12-01《县政府第12次常务会议》' });
  });
});

describe('纪要编号: per 会议类型 per year', () => {
  test('the second 常务会议 of the year is 第2期; a 专题会议 and next year\'s 常务会议 start at 第1期', async () => {
    const { db, clerk, input } = await meetingOffice();
    const issue = async (over: Partial<MeetingInput>) => {
      const m = await createMeetingRecord(db, clerk, input(over), T_CREATE);
      const startDay = m.meetingDate;
      await saveMinutes(db, clerk, m.id, minutesInput({ decisions: [{ ...decisionByDate, deadline: { kind: 'date', date: startDay } }] }), T_SAVE);
      return (await issueMeetingMinutes(db, clerk, m.id, T_ISSUE)).meeting.issued!.number;
    };
    expect(await issue({})).toBe('第1期');
    expect(await issue({ startAt: '2026-11-28 09:00' })).toBe('第2期');
    expect(await issue({ meetingType: '专题会议' })).toBe('第1期');
    expect(await issue({ startAt: '2027-01-05 09:00' })).toBe('第1期');
    expect(await issue({ startAt: '2026-11-29 09:00' })).toBe('第3期');
    expect((await db.counters.orderBy('key').toArray()).map((c) => [c.key, c.last])).toEqual([
      ['督办|2026', 5],
      ['纪要:专题会议|2026', 1],
      ['纪要:常务会议|2026', 3],
      ['纪要:常务会议|2027', 1],
    ]);
  });

  test('the pattern is the office\'s setting', async () => {
    const { db, clerk, input } = await meetingOffice();
    await saveMeetingSettings(db, clerk, { types: ['常务会议'], minutesPattern: '〔YYYY〕第NN期', dueWorkdays: 3 });
    const m = await createMeetingRecord(db, clerk, input(), T_CREATE);
    await saveMinutes(db, clerk, m.id, minutesInput(), T_SAVE);
    expect(await previewMinutesNumber(db, m)).toBe('〔2026〕第01期');
    expect((await issueMeetingMinutes(db, clerk, m.id, T_ISSUE)).meeting.issued!.number).toBe('〔2026〕第01期');
  });
});

describe('refused calls change nothing', () => {
  test('issuing twice is refused with the date and number, and no table changes', async () => {
    const { db, clerk, input } = await meetingOffice();
    const m = await createMeetingRecord(db, clerk, input(), T_CREATE);
    await saveMinutes(db, clerk, m.id, minutesInput(), T_SAVE);
    await issueMeetingMinutes(db, clerk, m.id, T_ISSUE);
    const before = await snapshot(db);
    const e = await issueMeetingMinutes(db, clerk, m.id, T_LATER).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RuleError);
    expect((e as Error).message).toBe('该纪要已于 2026-11-30 签发（第1期），不能重复签发');
    expect(await snapshot(db)).toEqual(before);
    // The number the refused issue took was rolled back: the next meeting still gets 第2期.
    const next = await createMeetingRecord(db, clerk, input(), T_CREATE);
    await saveMinutes(db, clerk, next.id, minutesInput(), T_SAVE);
    expect((await issueMeetingMinutes(db, clerk, next.id, T_ISSUE)).meeting.issued!.number).toBe('第2期');
  });

  test('issuing without saved minutes, by a 工作人员, or an unknown meeting is refused and takes no number', async () => {
    const { db, clerk, reader, input } = await meetingOffice();
    const m = await createMeetingRecord(db, clerk, input(), T_CREATE);
    const before = await snapshot(db);
    await expect(issueMeetingMinutes(db, clerk, m.id, T_ISSUE)).rejects.toThrow('请先编写并保存纪要');
    await expect(issueMeetingMinutes(db, reader, m.id, T_ISSUE)).rejects.toThrow('没有权限执行此操作（需要：签发纪要）');
    await expect(issueMeetingMinutes(db, clerk, 'no-such-id', T_ISSUE)).rejects.toThrow('该会议不存在');
    expect(await snapshot(db)).toEqual(before);
  });

  test('a 完成时限 before the meeting, or an empty 议定事项, is refused beside the field and nothing is saved', async () => {
    const { db, clerk, input } = await meetingOffice();
    const m = await createMeetingRecord(db, clerk, input(), T_CREATE);
    await saveMinutes(db, clerk, m.id, minutesInput(), T_SAVE);
    const before = await snapshot(db);
    const early = await saveMinutes(db, clerk, m.id, minutesInput({ decisions: [{ ...decisionByDate, deadline: { kind: 'date', date: '2026-11-26' } }] }), T_LATER).catch((x: unknown) => x);
    expect(early).toBeInstanceOf(RuleError);
    expect(early).toMatchObject({ field: 'decisions', message: '第 1 项议定事项的完成时限不能早于会议日期（2026-11-27）' });
    const empty = await saveMinutes(db, clerk, m.id, minutesInput({ decisions: [{ ...decisionByDate }, { ...decisionByWorkdays, content: ' ' }] }), T_LATER).catch((x: unknown) => x);
    expect(empty).toMatchObject({ field: 'decisions', message: '第 2 项议定事项的事项内容不能为空' });
    expect(await snapshot(db)).toEqual(before);
  });

  test('bad meeting input, a bad 签到, and a 工作人员 are refused and nothing is written', async () => {
    const { db, clerk, reader, input, people } = await meetingOffice();
    const before = await snapshot(db);
    await expect(createMeetingRecord(db, clerk, input({ invitees: [] }), T_CREATE)).rejects.toMatchObject({ field: 'invitees', message: '请至少邀请一人' });
    await expect(createMeetingRecord(db, clerk, input({ startAt: '2026-11-27' }), T_CREATE)).rejects.toMatchObject({ field: 'startAt' });
    await expect(createMeetingRecord(db, reader, input(), T_CREATE)).rejects.toThrow('没有权限');
    expect(await snapshot(db)).toEqual(before);

    const m = await createMeetingRecord(db, clerk, input(), T_CREATE);
    const afterCreate = await snapshot(db);
    await expect(signInInvitee(db, clerk, m.id, people.li.id, { status: '请假', reason: '' }, T_SIGN)).rejects.toMatchObject({ field: 'reason', message: '请填写请假事由' });
    await expect(signInInvitee(db, clerk, m.id, 'p-nobody', { status: '到会' }, T_SIGN)).rejects.toBeInstanceOf(RuleError);
    await expect(signInInvitee(db, reader, m.id, people.li.id, { status: '到会' }, T_SIGN)).rejects.toThrow('没有权限');
    expect(await snapshot(db)).toEqual(afterCreate);
  });

  test('after 签发, 签到, edits and drafts are refused; only 更正 remains', async () => {
    const { db, clerk, input, people } = await meetingOffice();
    const m = await createMeetingRecord(db, clerk, input(), T_CREATE);
    await saveMinutes(db, clerk, m.id, minutesInput(), T_SAVE);
    await issueMeetingMinutes(db, clerk, m.id, T_ISSUE);
    const before = await snapshot(db);
    await expect(signInInvitee(db, clerk, m.id, people.li.id, { status: '到会' }, T_LATER)).rejects.toThrow('纪要已签发，签到不能再修改');
    await expect(updateMeeting(db, clerk, m.id, input(), T_LATER)).rejects.toThrow('纪要已签发，会议信息不能再修改');
    await expect(saveMinutes(db, clerk, m.id, minutesInput(), T_LATER)).rejects.toThrow('纪要已签发（第1期），修改请办理更正');
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('更正 of issued minutes', () => {
  test('keeps the issued text, updates unfinished tasks, leaves finished ones, and adds a task for a new decision', async () => {
    const { db, clerk, input } = await meetingOffice();
    const m = await createMeetingRecord(db, clerk, input(), T_CREATE);
    await saveMinutes(db, clerk, m.id, minutesInput(), T_SAVE);
    const { meeting: issuedMeeting, tasks } = await issueMeetingMinutes(db, clerk, m.id, T_ISSUE);
    const [t1, t2] = tasks as [(typeof tasks)[number], (typeof tasks)[number]];
    await finishTask(db, clerk, t2.id, { date: '2026-12-01', result: '方案已印发' }, T_LATER);
    const finished = (await db.tasks.get(t2.id))!;
    const start = (await auditOf(db)).length;

    const corrected = await correctMeetingMinutes(
      db,
      clerk,
      m.id,
      minutesInput({
        decisions: [
          { ...decisionByDate, unit: '县审计局', person: '周局长', deadline: { kind: 'date', date: '2026-12-15' } },
          { ...decisionByWorkdays, content: '县教育局制定并印发寒假安全工作方案' },
          { id: 'd-3', content: '县发改委报送项目清单', unit: '县发改委', person: '赵主任', deadline: { kind: 'workdays', days: 3 } },
        ],
      }),
      ' 责任单位有误 ',
      T_LATER,
    );
    expect(corrected.issued).toMatchObject({ number: '第1期', seq: 1, issuedAt: T_ISSUE.toISOString() });
    expect(corrected.corrections).toEqual([
      {
        at: T_LATER.toISOString(),
        byName: 'clerk',
        reason: '责任单位有误',
        previous: { title: issuedMeeting.issued!.title, paragraphs: issuedMeeting.issued!.paragraphs, decisions: issuedMeeting.issued!.decisions },
      },
    ]);
    expect(await db.meetings.get(m.id)).toEqual(corrected);

    expect(await db.tasks.get(t1.id)).toEqual({ ...t1, unit: '县审计局', person: '周局长', dueDate: '2026-12-15', updatedAt: T_LATER.toISOString() });
    expect(await db.tasks.get(t2.id)).toEqual(finished);
    const all = await tasksOfMeeting(db, clerk, m.id);
    expect(all.map((t) => t.serial)).toEqual(['督〔2026〕0001', '督〔2026〕0002', '督〔2026〕0003']);
    expect(all[2]).toMatchObject({
      content: '县发改委报送项目清单',
      unit: '县发改委',
      person: '赵主任',
      dueDate: '2026-12-02', // 3 working days from Friday 11-27
      state: '未开始',
      source: { kind: '会议纪要', meetingId: m.id, minutesNumber: '第1期', decisionId: 'd-3' },
    });

    const log = (await auditOf(db)).slice(start);
    expect(log.map((e) => [e.action, e.entityId, e.summary])).toEqual([
      ['新建督办', all[2]!.id, '督〔2026〕0003 来源：第1期（更正）'],
      ['修改督办', t1.id, '督〔2026〕0001 随纪要更正调整'],
      ['更正纪要', m.id, '2026-11-27《县政府第12次常务会议》 第1期：责任单位有误'],
    ]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  test('a decision removed by 更正 withdraws its untouched task (kept, counted nowhere); one with progress refuses the 更正', async () => {
    const { db, clerk, input } = await meetingOffice();
    const m = await createMeetingRecord(db, clerk, input(), T_CREATE);
    await saveMinutes(db, clerk, m.id, minutesInput(), T_SAVE);
    const { tasks } = await issueMeetingMinutes(db, clerk, m.id, T_ISSUE);
    const [t1, t2] = tasks as [(typeof tasks)[number], (typeof tasks)[number]];
    await addTaskProgress(db, clerk, t1.id, { date: '2026-12-01', text: '已开始' }, T_LATER);
    const before = await snapshot(db);
    await expect(correctMeetingMinutes(db, clerk, m.id, minutesInput({ decisions: [{ ...decisionByWorkdays }] }), '删除第一项', T_LATER)).rejects.toMatchObject({
      field: 'decisions',
      message: expect.stringContaining(`督办事项 ${t1.serial} 已有办理记录`),
    });
    expect(await snapshot(db)).toEqual(before);

    const start = (await auditOf(db)).length;
    await correctMeetingMinutes(db, clerk, m.id, minutesInput({ decisions: [{ ...decisionByDate }] }), '第二项已另行部署', T_LATER);
    // The register keeps the task (no record is deleted); it is 已撤销, with the reason.
    expect((await tasksOfMeeting(db, clerk, m.id)).map((t) => [t.id, t.state])).toEqual([
      [t1.id, '推进中'],
      [t2.id, '已撤销'],
    ]);
    expect(await db.tasks.get(t2.id)).toEqual({
      ...t2,
      state: '已撤销',
      withdrawn: { reason: '随纪要 第1期 更正撤销（该议定事项已删除）', at: T_LATER.toISOString(), byName: clerk.displayName },
      updatedAt: T_LATER.toISOString(),
    });
    // It no longer counts: not among the unfinished or overdue tasks, not in the 督办通报.
    const farLater = '2027-06-30';
    expect((await listTasks(db, clerk, { status: '未开始' }, farLater)).tasks.map((t) => t.id)).not.toContain(t2.id);
    expect((await listTasks(db, clerk, { status: '已逾期' }, farLater)).tasks.map((t) => t.id)).toEqual([t1.id]);
    expect((await overdueTasks(db, clerk, farLater)).map((t) => t.id)).toEqual([t1.id]);
    expect((await supervisionReport(db, clerk, '月报', farLater, farLater)).totals).toMatchObject({ total: 1, overdue: 1 });
    // … and is shown as 已撤销, last in the list; nothing more can be done on it.
    expect((await listTasks(db, clerk, {}, farLater)).tasks.map((t) => t.id)).toEqual([t1.id, t2.id]);
    expect((await listTasks(db, clerk, { status: '已撤销' }, farLater)).tasks.map((t) => t.id)).toEqual([t2.id]);
    await expect(remindTaskRec(db, clerk, t2.id, '催', T_LATER)).rejects.toThrow('该事项已撤销，无需催办');
    const log = (await auditOf(db)).slice(start);
    expect(log.map((e) => [e.action, e.summary])).toEqual([
      ['撤销督办', `${t2.serial} 随纪要 第1期 更正撤销（该议定事项已删除）`],
      ['更正纪要', '2026-11-27《县政府第12次常务会议》 第1期：第二项已另行部署'],
    ]);
    // A later 更正 leaves the withdrawn task as it is.
    const withdrawn = await db.tasks.get(t2.id);
    await correctMeetingMinutes(db, clerk, m.id, minutesInput({ decisions: [{ ...decisionByDate, unit: '县审计局' }] }), '责任单位有误', T_LATER);
    expect(await db.tasks.get(t2.id)).toEqual(withdrawn);
  });

  test('the tasks of a classified meeting point at the minutes instead of quoting them', async () => {
    const { db, clerk, input } = await meetingOffice();
    const m = await createMeetingRecord(db, clerk, input({ classification: '秘密' }), T_CREATE);
    await saveMinutes(db, clerk, m.id, minutesInput(), T_SAVE);
    const { tasks } = await issueMeetingMinutes(db, clerk, m.id, T_ISSUE);
    expect(tasks.map((t) => t.content)).toEqual(['落实第1期第1项议定事项（涉密，详见纪要）', '落实第1期第2项议定事项（涉密，详见纪要）']);
    const texts = minutesInput().decisions.map((d) => d.content);
    for (const t of await db.tasks.toArray()) for (const text of texts) expect(JSON.stringify(t)).not.toContain(text);
  });

  test('is refused without a reason, before 签发, with a bad 完成时限, or by a 工作人员: nothing changes', async () => {
    const { db, clerk, reader, input } = await meetingOffice();
    const m = await createMeetingRecord(db, clerk, input(), T_CREATE);
    await saveMinutes(db, clerk, m.id, minutesInput(), T_SAVE);
    const draftOnly = await snapshot(db);
    await expect(correctMeetingMinutes(db, clerk, m.id, minutesInput(), '理由', T_LATER)).rejects.toThrow('纪要尚未签发，直接修改即可');
    expect(await snapshot(db)).toEqual(draftOnly);

    await issueMeetingMinutes(db, clerk, m.id, T_ISSUE);
    const before = await snapshot(db);
    const withNew = minutesInput({ decisions: [{ ...decisionByDate }, { ...decisionByWorkdays }, { ...decisionByDate, id: 'd-3' }] });
    await expect(correctMeetingMinutes(db, clerk, m.id, withNew, '  ', T_LATER)).rejects.toMatchObject({ field: 'reason', message: '请填写更正理由' });
    await expect(
      correctMeetingMinutes(db, clerk, m.id, minutesInput({ decisions: [{ ...decisionByDate, deadline: { kind: 'date', date: '2026-11-01' } }] }), '理由', T_LATER),
    ).rejects.toMatchObject({ field: 'decisions' });
    await expect(correctMeetingMinutes(db, reader, m.id, withNew, '理由', T_LATER)).rejects.toThrow('没有权限');
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('minutes due within the set working days', () => {
  test('overdueMinutes lists a meeting unissued 4 working days later, not 3; issued ones never', async () => {
    const { db, clerk, input } = await meetingOffice();
    const friday = await createMeetingRecord(db, clerk, input(), T_CREATE); // 2026-11-27
    const earlier = await createMeetingRecord(db, clerk, input({ name: '专题会议', meetingType: '专题会议', startAt: '2026-11-23 09:00' }), T_CREATE);
    const done = await createMeetingRecord(db, clerk, input({ startAt: '2026-11-16 09:00' }), T_CREATE);
    await saveMinutes(db, clerk, done.id, minutesInput({ decisions: [] }), T_SAVE);
    await issueMeetingMinutes(db, clerk, done.id, T_ISSUE);

    // 3rd working day after Friday 11-27 is Wednesday 12-02: in time.
    expect((await overdueMinutes(db, clerk, '2026-12-02')).map((r) => r.view.record.id)).toEqual([earlier.id]);
    // 4th working day, Thursday 12-03: overdue; oldest first.
    const late = await overdueMinutes(db, clerk, '2026-12-03');
    expect(late.map((r) => [r.view.record.id, r.minutesDue, r.overdue])).toEqual([
      [earlier.id, '2026-11-26', true],
      [friday.id, '2026-12-02', true],
    ]);

    const listed = (await listMeetings(db, clerk, '2026-12-02')).rows;
    expect(listed.map((r) => [r.view.record.meetingDate, r.minutesDue, r.overdue])).toEqual([
      ['2026-11-27', '2026-12-02', false],
      ['2026-11-23', '2026-11-26', true],
      ['2026-11-16', '2026-11-19', false],
    ]);
    expect((await listMeetings(db, clerk, '2026-12-03', { overdueOnly: true })).rows.map((r) => r.view.record.id)).toEqual([friday.id, earlier.id]);
    expect((await listMeetings(db, clerk, '2026-12-03', { state: '已签发' })).rows.map((r) => r.view.record.id)).toEqual([done.id]);
    expect((await listMeetings(db, clerk, '2026-12-03', { meetingType: '专题会议' })).rows.map((r) => r.view.record.id)).toEqual([earlier.id]);
  });

  test('the number of working days is a setting', async () => {
    const { db, clerk, input } = await meetingOffice();
    await createMeetingRecord(db, clerk, input(), T_CREATE);
    await saveMeetingSettings(db, clerk, { types: ['常务会议'], minutesPattern: '第N期', dueWorkdays: 5 });
    expect(await overdueMinutes(db, clerk, '2026-12-04')).toEqual([]);
    const r = await overdueMinutes(db, clerk, '2026-12-05');
    expect(r.map((x) => x.minutesDue)).toEqual(['2026-12-04']);
  });
});

describe('listMeetings reads one page through an index', () => {
  test('every filter and page equals sorting everything in memory', async () => {
    const { db, clerk } = await staffedOffice();
    // 37 meetings over two months, two types, some at the same 开始时间, about a third issued.
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const all: MeetingRecord[] = Array.from({ length: 37 }, (_, i) => {
      const day = `2026-${next() < 0.5 ? '10' : '11'}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
      const issued = next() < 0.35;
      return meetingRecord({
        id: `m-${String(i).padStart(2, '0')}`,
        meetingType: next() < 0.6 ? '常务会议' : '专题会议',
        startAt: `${day}T${next() < 0.5 ? '09:00' : '15:30'}`,
        meetingDate: day,
        minutesState: issued ? '已签发' : '未签发',
        ...(issued ? { issued: { title: 't', paragraphs: [], decisions: [], number: `第${i}期`, year: 2026, seq: i, issuedAt: '2026-11-30T02:00:00.000Z', issuedById: clerk.id, issuedByName: 'clerk' } } : {}),
      });
    });
    await db.meetings.bulkAdd(all);
    const today = '2026-11-20';
    const calendar = await loadWorkCalendar(db);
    const reference = (q: { meetingType?: string; state?: MeetingRecord['minutesState']; overdueOnly?: boolean }) =>
      all
        .filter((m) => (!q.meetingType || m.meetingType === q.meetingType) && (!q.state || m.minutesState === q.state) && (!q.overdueOnly || isMinutesOverdue(m, today, calendar, 3)))
        .sort((a, b) => b.startAt.localeCompare(a.startAt) || b.id.localeCompare(a.id))
        .map((m) => m.id);
    for (const meetingType of [undefined, '常务会议', '专题会议']) {
      for (const state of [undefined, '未签发', '已签发'] as const) {
        for (const overdueOnly of [false, true]) {
          const q = { ...(meetingType ? { meetingType } : {}), ...(state ? { state } : {}), overdueOnly };
          const expected = reference(q);
          const pages: string[] = [];
          for (let offset = 0; offset < expected.length + 10; offset += 10) {
            const page = await listMeetings(db, clerk, today, q, { offset, limit: 10 });
            expect(page.total, JSON.stringify(q)).toBe(expected.length);
            pages.push(...page.rows.map((r) => r.view.record.id));
          }
          expect(pages, JSON.stringify(q)).toEqual(expected);
        }
      }
    }
  });
});

describe('need to know: classified meetings', () => {
  async function secretMeeting() {
    const office = await meetingOffice();
    const { db, clerk, input } = office;
    const m = await createMeetingRecord(db, clerk, input({ classification: '机密', topics: ['研究绝密专项'] }), T_CREATE);
    await signInInvitee(db, clerk, m.id, office.people.li.id, { status: '请假', reason: '赴省厅开会' }, T_SIGN);
    await saveMinutes(db, clerk, m.id, minutesInput(), T_SAVE);
    await issueMeetingMinutes(db, clerk, m.id, T_ISSUE);
    return { ...office, m };
  }

  test('a non-invitee without 会议管理 sees the meeting masked; the invitee and the 秘书 see it all', async () => {
    const { db, clerk, reader, outsider, m } = await secretMeeting();
    const masked = await getMeeting(db, outsider, m.id);
    expect(masked!.canSeeContent).toBe(false);
    expect(masked!.record).toMatchObject({ id: m.id, name: '【涉密】', location: '', topics: [], attendance: {}, corrections: [], classification: '机密', meetingDate: '2026-11-27' });
    expect(masked!.record.issued).toMatchObject({ number: '第1期', title: '【涉密】', paragraphs: [], decisions: [] });
    expect(masked!.record).not.toHaveProperty('draft');
    expect(masked!.record.history.every((h) => h.note === undefined)).toBe(true);
    const visible = JSON.stringify(masked!.record);
    for (const hidden of ['县政府第12次常务会议', '三楼会议室', '研究绝密专项', '赴省厅开会', '年终财政决算', decisionByDate.content]) expect(visible).not.toContain(hidden);

    for (const who of [reader, clerk]) {
      const view = await getMeeting(db, who, m.id);
      expect(view!.canSeeContent).toBe(true);
      expect(view!.record).toEqual(await db.meetings.get(m.id));
    }
    const listed = (await listMeetings(db, outsider, '2026-12-03')).rows;
    expect(listed.map((r) => [r.view.canSeeContent, r.view.record.name])).toEqual([[false, '【涉密】']]);
    expect(await getMeeting(db, outsider, 'no-such-id')).toBeNull();
  });

  test('the audit log names a classified meeting by date, type and 密级 only', async () => {
    const { db } = await secretMeeting();
    const log = await auditOf(db);
    expect(log.find((e) => e.action === '新建会议')!.summary).toBe('2026-11-27 常务会议【机密】，邀请 3 人');
    const text = JSON.stringify(log);
    for (const hidden of ['县政府第12次常务会议', '研究绝密专项']) expect(text).not.toContain(hidden);
  });

  test('recordOutput of a meeting: logged every time; the watermark comes back only for a classified meeting', async () => {
    const { db, clerk, reader, outsider, input, m } = await secretMeeting();
    const open = await createMeetingRecord(db, clerk, input(), T_CREATE);

    expect((await recordOutput(db, clerk, { kind: '打印', document: '签到表', meetingId: open.id, watermark: 'clerk 2026-12-02' }, T_LATER)).watermark).toBeNull();
    expect((await auditOf(db)).at(-1)).toMatchObject({ action: '打印签到表', entityType: '会议', entityId: open.id, summary: '2026-11-27《县政府第12次常务会议》', time: T_LATER.toISOString() });

    expect((await recordOutput(db, reader, { kind: '打印', document: '会议纪要', meetingId: m.id, watermark: 'reader 2026-12-02' }, T_LATER)).watermark).toBe('reader 2026-12-02');
    expect((await auditOf(db)).at(-1)).toMatchObject({ action: '打印会议纪要', actorName: 'reader', summary: '2026-11-27 常务会议【机密】 第1期；水印“reader 2026-12-02”' });

    const before = await snapshot(db);
    await expect(recordOutput(db, outsider, { kind: '导出DOCX', document: '会议纪要', meetingId: m.id, watermark: 'outsider' }, T_LATER)).rejects.toThrow('您不在该会议的知悉范围内');
    await expect(recordOutput(db, clerk, { kind: '导出DOCX', document: '会议纪要', meetingId: 'no-such-id', watermark: 'clerk' }, T_LATER)).rejects.toThrow('该会议不存在');
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('会议设置 and 人员名录', () => {
  test('saveMeetingSettings trims and de-duplicates the types, and refuses bad values beside the field', async () => {
    const { db, clerk, reader } = await staffedOffice();
    expect(await getMeetingSettings(db)).toEqual({ types: ['常务会议', '专题会议', '办公会议', '党组会议'], minutesPattern: '第N期', dueWorkdays: 3 });

    await saveMeetingSettings(db, clerk, { types: [' 常务会议 ', '', '常务会议', '联席会议'], minutesPattern: ' 第N期 ', dueWorkdays: 4 });
    expect(await getMeetingSettings(db)).toEqual({ types: ['常务会议', '联席会议'], minutesPattern: '第N期', dueWorkdays: 4 });
    expect((await auditOf(db)).at(-1)).toMatchObject({ action: '修改会议设置', summary: '会议类型：常务会议、联席会议；纪要编号：第N期；签发时限：4 个工作日' });

    const before = await snapshot(db);
    const good = { types: ['常务会议'], minutesPattern: '第N期', dueWorkdays: 3 };
    await expect(saveMeetingSettings(db, clerk, { ...good, types: [' ', ''] })).rejects.toMatchObject({ field: 'types', message: '至少要有一种会议类型' });
    await expect(saveMeetingSettings(db, clerk, { ...good, types: ['会'.repeat(21)] })).rejects.toMatchObject({ field: 'types', message: '会议类型不能超过 20 个字' });
    await expect(saveMeetingSettings(db, clerk, { ...good, minutesPattern: '第期' })).rejects.toMatchObject({ field: 'minutesPattern' });
    await expect(saveMeetingSettings(db, clerk, { ...good, minutesPattern: 'N第N期' })).rejects.toMatchObject({ field: 'minutesPattern' });
    for (const dueWorkdays of [0, 31, 2.5, Number.NaN]) {
      await expect(saveMeetingSettings(db, clerk, { ...good, dueWorkdays })).rejects.toMatchObject({ field: 'dueWorkdays', message: '签发时限应为 1–30 个工作日' });
    }
    await expect(saveMeetingSettings(db, clerk, { ...good, printedBy: '办'.repeat(41) })).rejects.toMatchObject({ field: 'printedBy', message: '印发机关不能超过 40 个字' });
    await expect(saveMeetingSettings(db, reader, good)).rejects.toThrow('没有权限');
    expect(await snapshot(db)).toEqual(before);
  });

  test('savePerson adds and updates, listPeople sorts by 单位 then name and hides the disabled', async () => {
    const { db, clerk, reader } = await staffedOffice();
    const wang = await savePerson(db, clerk, { name: ' 王局长 ', unit: ' 县财政局 ', title: ' 局长 ', userId: reader.id });
    expect(wang).toEqual({ id: wang.id, name: '王局长', unit: '县财政局', title: '局长', userId: reader.id });
    expect(await db.people.get(wang.id)).toEqual(wang);
    const sun = await savePerson(db, clerk, { name: '孙科长', unit: '县财政局', title: '科长' });
    const li = await savePerson(db, clerk, { name: '李局长', unit: '县教育局', title: '局长' });
    expect(sun).not.toHaveProperty('userId');
    expect(sun).not.toHaveProperty('disabled');

    // 县财政局 (cái) before 县教育局 (jiào); within a unit, 孙 (sūn) before 王 (wáng).
    expect((await listPeople(db, reader)).map((p) => p.name)).toEqual(['孙科长', '王局长', '李局长']);

    const updated = await savePerson(db, clerk, { ...sun, title: '副局长', disabled: true });
    expect(updated).toEqual({ id: sun.id, name: '孙科长', unit: '县财政局', title: '副局长', disabled: true });
    expect((await listPeople(db, clerk)).map((p) => p.id)).toEqual([wang.id, li.id]);
    expect((await listPeople(db, clerk, true)).map((p) => p.id)).toEqual([sun.id, wang.id, li.id]);
    expect(await db.people.count()).toBe(3);

    const log = (await auditOf(db)).filter((e) => e.entityType === '人员');
    expect(log.map((e) => [e.action, e.summary])).toEqual([
      ['新增人员名录', '县财政局 王局长 局长'],
      ['新增人员名录', '县财政局 孙科长 科长'],
      ['新增人员名录', '县教育局 李局长 局长'],
      ['修改人员名录', '县财政局 孙科长 副局长（停用）'],
    ]);
  });

  test('savePerson refuses a blank or overlong name and a 工作人员', async () => {
    const { db, clerk, reader } = await staffedOffice();
    const before = await snapshot(db);
    await expect(savePerson(db, clerk, { name: '  ', unit: '县财政局', title: '' })).rejects.toMatchObject({ field: 'name', message: '请填写姓名' });
    await expect(savePerson(db, clerk, { name: '名'.repeat(21), unit: '县财政局', title: '' })).rejects.toMatchObject({ field: 'name', message: '姓名不能超过 20 个字' });
    await expect(savePerson(db, reader, { name: '王局长', unit: '县财政局', title: '' })).rejects.toThrow('没有权限');
    expect(await snapshot(db)).toEqual(before);
    expect(await db.people.count()).toBe(0);
  });
});
