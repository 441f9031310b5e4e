import { createWorkCalendar } from '../../../../shared/domain/workdays';
import { describe, expect, it } from 'vitest';
import { addProgress, buildReport, completeTask, createTask, describeSource, issueBulletin, overdueDays, percentText, remindTask, reportSummary, reportPeriod, taskStatus, tasksFromMinutes, withdrawTask, type NewTaskInput, type TaskRecord } from '../../../../shared/domain/supervision';
import { deepFreeze } from '../../../fixtures/deep-freeze';
import { expectRefusal } from '../../../fixtures/refusal';
import { disabledSecretary, secretary, staff, taskRecord } from '../../../fixtures/meetings';
import { RuleError } from '@shared/domain/rule-error';

// 督办 (issue #5): the pure rules. 已逾期 is worked out from the 时限 and today, never stored.
// Clocks are local wall-clock times, so "today" is the same day in every time zone.

const NOW = new Date(2026, 10, 25, 10, 0); // Wednesday 2026-11-25
const TODAY = '2026-11-25';
const refused = (fn: () => unknown) => expectRefusal(RuleError, fn);

const oral: NewTaskInput = deepFreeze({
  source: { kind: '口头交办', assignedBy: '张县长' },
  content: ' 清理拖欠企业账款 ',
  unit: ' 县财政局 ',
  person: ' 赵科长 ',
  dueDate: '2026-11-30',
});

describe('taskStatus and overdueDays', () => {
  it('未开始 until the 时限 has passed, then 已逾期', () => {
    const t = taskRecord({ state: '未开始', dueDate: '2026-11-30' });
    expect(taskStatus(t, '2026-11-25')).toBe('未开始');
    expect(taskStatus(t, '2026-11-30')).toBe('未开始'); // the last day is still in time
    expect(taskStatus(t, '2026-12-01')).toBe('已逾期');
  });

  it('已撤销 stays 已撤销, never overdue', () => {
    const t = taskRecord({ state: '已撤销', dueDate: '2026-11-30' });
    expect(taskStatus(t, '2027-01-01')).toBe('已撤销');
    expect(overdueDays(t, '2027-01-01')).toBe(0);
  });

  it('推进中 likewise', () => {
    const t = taskRecord({ state: '推进中', dueDate: '2026-11-30' });
    expect(taskStatus(t, '2026-11-30')).toBe('推进中');
    expect(taskStatus(t, '2026-12-01')).toBe('已逾期');
  });

  it('已办结 stays 已办结, however late', () => {
    expect(taskStatus(taskRecord({ state: '已办结', dueDate: '2026-11-30' }), '2027-01-01')).toBe('已办结');
  });

  it('overdueDays counts calendar days past the 时限, 0 when not overdue', () => {
    const t = taskRecord({ dueDate: '2026-11-30' });
    expect(overdueDays(t, '2026-11-29')).toBe(0);
    expect(overdueDays(t, '2026-11-30')).toBe(0);
    expect(overdueDays(t, '2026-12-01')).toBe(1);
    expect(overdueDays(t, '2026-12-31')).toBe(31);
    expect(overdueDays(taskRecord({ dueDate: '2026-11-30', state: '已办结' }), '2026-12-31')).toBe(0);
  });
});

describe('createTask', () => {
  it('makes a 未开始 task with trimmed text and a copy of its source', () => {
    const t = createTask(oral, { id: 't-9', serial: '督〔2026〕0009' }, secretary, NOW);
    const at = NOW.toISOString();
    expect(t).toEqual({
      id: 't-9',
      serial: '督〔2026〕0009',
      source: { kind: '口头交办', assignedBy: '张县长' },
      content: '清理拖欠企业账款',
      unit: '县财政局',
      person: '赵科长',
      dueDate: '2026-11-30',
      state: '未开始',
      progress: [],
      reminders: [],
      createdAt: at,
      createdByName: '王秘书',
      updatedAt: at,
    });
    expect(t.source).not.toBe(oral.source);
    expect(t).not.toHaveProperty('done');
  });

  it('allows an empty 责任人 and a 时限 in the past (an old task entered late)', () => {
    const t = createTask({ ...oral, person: '', dueDate: '2026-01-05' }, { id: 't-9', serial: 's' }, secretary, NOW);
    expect(t.person).toBe('');
    expect(taskStatus(t, TODAY)).toBe('已逾期');
  });

  it('refuses blank or overlong fields beside the field', () => {
    const ids = { id: 't-9', serial: 's' };
    expect(refused(() => createTask({ ...oral, content: '  ' }, ids, secretary, NOW))).toMatchObject({ message: '请填写督办内容', field: 'content' });
    expect(refused(() => createTask({ ...oral, content: '事'.repeat(501) }, ids, secretary, NOW))).toMatchObject({ message: '督办内容不能超过 500 个字', field: 'content' });
    expect(createTask({ ...oral, content: '事'.repeat(500) }, ids, secretary, NOW).content).toHaveLength(500);
    expect(refused(() => createTask({ ...oral, unit: '' }, ids, secretary, NOW))).toMatchObject({ message: '请填写责任单位', field: 'unit' });
    expect(refused(() => createTask({ ...oral, unit: '单'.repeat(61) }, ids, secretary, NOW))).toMatchObject({ message: '责任单位不能超过 60 个字', field: 'unit' });
    for (const dueDate of ['', '2026-11-31', '2026/12/01']) {
      expect(refused(() => createTask({ ...oral, dueDate }, ids, secretary, NOW))).toMatchObject({ message: '请填写有效的时限，格式如 2026-12-01', field: 'dueDate' });
    }
    expect(refused(() => createTask({ ...oral, source: { kind: '口头交办', assignedBy: ' ' } }, ids, secretary, NOW))).toMatchObject({
      message: '请填写交办人',
      field: 'assignedBy',
    });
  });

  it('refuses anyone without 督办管理', () => {
    expect(refused(() => createTask(oral, { id: 't-9', serial: 's' }, staff, NOW)).message).toBe('没有权限（需要：督办管理）');
    expect(refused(() => createTask(oral, { id: 't-9', serial: 's' }, disabledSecretary, NOW)).message).toBe('没有权限（需要：督办管理）');
  });
});

describe('addProgress', () => {
  it('the first report moves 未开始 to 推进中; later ones are appended in order', () => {
    const first = deepFreeze(addProgress(taskRecord(), { date: '2026-11-24', text: ' 已梳理欠款清单 ' }, secretary, NOW));
    expect(first.state).toBe('推进中');
    expect(first.progress).toEqual([{ date: '2026-11-24', text: '已梳理欠款清单', at: NOW.toISOString(), byName: '王秘书' }]);
    expect(first.updatedAt).toBe(NOW.toISOString());
    const second = addProgress(first, { date: TODAY, text: '已清偿 3 笔' }, secretary, NOW);
    expect(second.state).toBe('推进中');
    expect(second.progress.map((p) => p.text)).toEqual(['已梳理欠款清单', '已清偿 3 笔']);
  });

  it('refuses a future date, a bad date, empty text, a finished task and anyone without 督办管理', () => {
    const t = taskRecord();
    expect(refused(() => addProgress(t, { date: '2026-11-26', text: '进展' }, secretary, NOW))).toMatchObject({ message: '反馈日期不能晚于今天', field: 'date' });
    expect(refused(() => addProgress(t, { date: '2026-13-01', text: '进展' }, secretary, NOW))).toMatchObject({ message: '请填写有效的反馈日期', field: 'date' });
    expect(refused(() => addProgress(t, { date: TODAY, text: ' ' }, secretary, NOW))).toMatchObject({ message: '请填写进展情况', field: 'text' });
    const done = taskRecord({ state: '已办结', done: { date: TODAY, result: '完成', at: NOW.toISOString(), byName: '王秘书' } });
    expect(refused(() => addProgress(done, { date: TODAY, text: '进展' }, secretary, NOW)).message).toBe('该事项已办结，不能再反馈进展');
    expect(refused(() => addProgress(t, { date: TODAY, text: '进展' }, staff, NOW)).message).toBe('没有权限（需要：督办管理）');
  });
});

describe('completeTask', () => {
  it('finishes a task, from 未开始 or 推进中, with the date and result', () => {
    const t = completeTask(taskRecord(), { date: '2026-11-24', result: ' 已全部清偿 ' }, secretary, NOW);
    expect(t.state).toBe('已办结');
    expect(t.done).toEqual({ date: '2026-11-24', result: '已全部清偿', at: NOW.toISOString(), byName: '王秘书' });
    expect(t.updatedAt).toBe(NOW.toISOString());
    const moving = deepFreeze(addProgress(taskRecord(), { date: TODAY, text: '进展' }, secretary, NOW));
    const done = completeTask(moving, { date: TODAY, result: '完成' }, secretary, NOW);
    expect(done.state).toBe('已办结');
    expect(done.progress).toHaveLength(1);
  });

  it('refuses a second 办结 naming the day of the first, a future date, an empty result, and anyone without 督办管理', () => {
    const done = deepFreeze(completeTask(taskRecord(), { date: '2026-11-24', result: '完成' }, secretary, NOW));
    expect(refused(() => completeTask(done, { date: TODAY, result: '再办结' }, secretary, NOW)).message).toBe('该事项已于 2026-11-24 办结');
    expect(refused(() => completeTask(taskRecord(), { date: '2026-11-26', result: '完成' }, secretary, NOW))).toMatchObject({ message: '办结日期不能晚于今天', field: 'date' });
    expect(refused(() => completeTask(taskRecord(), { date: 'x', result: '完成' }, secretary, NOW))).toMatchObject({ message: '请填写有效的办结日期', field: 'date' });
    expect(refused(() => completeTask(taskRecord(), { date: TODAY, result: '' }, secretary, NOW))).toMatchObject({ message: '请填写办理结果', field: 'result' });
    expect(refused(() => completeTask(taskRecord(), { date: TODAY, result: '完成' }, staff, NOW)).message).toBe('没有权限（需要：督办管理）');
  });
});

describe('remindTask (催办)', () => {
  it('records the 催办 without changing the state; a blank note reads 催办', () => {
    const once = deepFreeze(remindTask(taskRecord(), ' 请于本周内反馈 ', secretary, NOW));
    expect(once.state).toBe('未开始');
    expect(once.reminders).toEqual([{ at: NOW.toISOString(), byName: '王秘书', note: '请于本周内反馈' }]);
    const twice = remindTask(once, '  ', secretary, NOW);
    expect(twice.reminders.map((r) => r.note)).toEqual(['请于本周内反馈', '催办']);
  });

  it('refuses a finished task and anyone without 督办管理', () => {
    const done = taskRecord({ state: '已办结', done: { date: TODAY, result: '完成', at: NOW.toISOString(), byName: '王秘书' } });
    expect(refused(() => remindTask(done, '催', secretary, NOW)).message).toBe('该事项已办结，无需催办');
    expect(refused(() => remindTask(taskRecord(), '催', staff, NOW)).message).toBe('没有权限（需要：督办管理）');
  });
});

describe('tasksFromMinutes', () => {
  const issued = deepFreeze({
    title: '县政府常务会议纪要',
    number: '第3期',
    decisions: [
      { id: 'd-1', content: '起草决算报告', unit: '县财政局', person: '王局长', deadline: { kind: 'date' as const, date: '2026-12-10' }, dueDate: '2026-12-10' },
      { id: 'd-2', content: '制定寒假安全方案', unit: '县教育局', person: '', deadline: { kind: 'workdays' as const, days: 5 }, dueDate: '2026-12-04' },
    ],
  });

  it('makes one task per 议定事项, linked to the meeting and the decision, numbered in order', () => {
    let n = 0;
    const ids = () => {
      n += 1;
      return { id: `t-${n}`, serial: `督〔2026〕000${n}` };
    };
    const tasks = tasksFromMinutes({ id: 'm-1', classification: '非密' }, issued, ids, secretary, NOW);
    expect(tasks.map((t) => [t.id, t.serial, t.content, t.unit, t.person, t.dueDate, t.state])).toEqual([
      ['t-1', '督〔2026〕0001', '起草决算报告', '县财政局', '王局长', '2026-12-10', '未开始'],
      ['t-2', '督〔2026〕0002', '制定寒假安全方案', '县教育局', '', '2026-12-04', '未开始'],
    ]);
    expect(tasks.map((t) => t.source)).toEqual([
      { kind: '会议纪要', meetingId: 'm-1', minutesTitle: '县政府常务会议纪要', minutesNumber: '第3期', decisionId: 'd-1' },
      { kind: '会议纪要', meetingId: 'm-1', minutesTitle: '县政府常务会议纪要', minutesNumber: '第3期', decisionId: 'd-2' },
    ]);
    expect(tasks.every((t) => t.createdAt === NOW.toISOString() && t.createdByName === '王秘书')).toBe(true);
  });

  it('for a classified meeting, points at the decision instead of quoting it', () => {
    const tasks = tasksFromMinutes({ id: 'm-1', classification: '机密' }, issued, () => ({ id: 't', serial: 's' }), secretary, NOW);
    expect(tasks.map((t) => t.content)).toEqual(['落实第3期第1项议定事项（涉密，详见纪要）', '落实第3期第2项议定事项（涉密，详见纪要）']);
    expect(tasks.map((t) => t.unit)).toEqual(['县财政局', '县教育局']);
  });

  it('makes none for minutes without decisions, and asks for no number', () => {
    let asked = 0;
    expect(tasksFromMinutes({ id: 'm-1', classification: '非密' }, { ...issued, decisions: [] }, () => ({ id: `t-${++asked}`, serial: 's' }), secretary, NOW)).toEqual([]);
    expect(asked).toBe(0);
  });

  it('is refused for an actor without 督办管理', () => {
    expect(refused(() => tasksFromMinutes({ id: 'm-1', classification: '非密' }, issued, () => ({ id: 't', serial: 's' }), staff, NOW)).message).toBe('没有权限（需要：督办管理）');
  });
});

describe('describeSource', () => {
  it('names each kind of source', () => {
    expect(describeSource({ kind: '会议纪要', meetingId: 'm-1', minutesTitle: '县政府常务会议纪要', minutesNumber: '第3期', decisionId: 'd-1' })).toBe('县政府常务会议纪要 第3期');
    expect(describeSource({ kind: '收文批示', incomingId: 'r-1', incomingSerial: '收〔2026〕0001', leader: '王主任' })).toBe('收文 收〔2026〕0001（王主任批示）');
    expect(describeSource({ kind: '口头交办', assignedBy: '张县长' })).toBe('口头交办（张县长）');
  });
});

describe('reportPeriod', () => {
  it('a week runs Monday to Sunday, whichever day is the anchor', () => {
    const week = { start: '2026-11-23', end: '2026-11-29', text: '2026年11月23日—11月29日' };
    for (const anchor of ['2026-11-23', '2026-11-25', '2026-11-28', '2026-11-29']) expect(reportPeriod('周报', anchor)).toEqual(week);
    expect(reportPeriod('周报', '2026-11-30')).toEqual({ start: '2026-11-30', end: '2026-12-06', text: '2026年11月30日—12月6日' });
  });

  it('a week across the new year names both years', () => {
    expect(reportPeriod('周报', '2026-12-31')).toEqual({ start: '2026-12-28', end: '2027-01-03', text: '2026年12月28日—2027年1月3日' });
    expect(reportPeriod('周报', '2027-01-03')).toEqual({ start: '2026-12-28', end: '2027-01-03', text: '2026年12月28日—2027年1月3日' });
  });

  it('a month runs from its first to its last day', () => {
    expect(reportPeriod('月报', '2026-11-25')).toEqual({ start: '2026-11-01', end: '2026-11-30', text: '2026年11月' });
    expect(reportPeriod('月报', '2026-02-10')).toEqual({ start: '2026-02-01', end: '2026-02-28', text: '2026年2月' });
    expect(reportPeriod('月报', '2028-02-01')).toEqual({ start: '2028-02-01', end: '2028-02-29', text: '2028年2月' });
    expect(reportPeriod('月报', '2026-12-31')).toEqual({ start: '2026-12-01', end: '2026-12-31', text: '2026年12月' });
  });

  it('refuses a date that does not exist', () => {
    expect(refused(() => reportPeriod('月报', '2026-02-30')).message).toBe('日期无效');
  });
});

describe('buildReport (督办通报)', () => {
  const created = (m: number, d: number, h = 9) => new Date(2026, m - 1, d, h, 0).toISOString();
  const done = (date: string) => ({ date, result: '完成', at: created(11, 25), byName: '王秘书' });
  let n = 0;
  function task(unit: string, dueDate: string, over: Partial<TaskRecord> = {}): TaskRecord {
    n += 1;
    return taskRecord({ id: `t-${n}`, serial: `督〔2026〕${String(n).padStart(4, '0')}`, unit, dueDate, createdAt: created(11, 2), ...over });
  }
  // 县财政局: one overdue, one under way, one done → 办结率 1/3.
  const late = task('县财政局', '2026-11-20');
  const moving = task('县财政局', '2026-12-10', { state: '推进中' });
  const finished = task('县财政局', '2026-11-30', { state: '已办结', done: done('2026-11-24') });
  // 县教育局: one not started, one more overdue than `late`; one finished in October (not counted in November).
  const fresh = task('县教育局', '2026-12-05');
  const older = task('县教育局', '2026-11-10');
  const octoberDone = task('县教育局', '2026-10-20', { state: '已办结', createdAt: created(10, 5), done: done('2026-10-30') });
  // Created in December: not in November's report.
  const december = task('县发改委', '2026-12-20', { createdAt: created(12, 2) });
  const all = deepFreeze([december, late, moving, finished, fresh, older, octoberDone]);

  it('a month while it runs: per 责任单位 totals, 办结率, and the overdue list most overdue first', () => {
    const r = buildReport('月报', '2026-11-25', all, '2026-11-25');
    expect(r).toMatchObject({ kind: '月报', periodText: '2026年11月', start: '2026-11-01', end: '2026-11-30', asOf: '2026-11-25' });
    expect(r.rows).toEqual([
      { unit: '县财政局', total: 3, done: 1, overdue: 1, rate: 1 / 3 },
      { unit: '县教育局', total: 2, done: 0, overdue: 1, rate: 0 },
    ]);
    expect(r.totals).toEqual({ unit: '合计', total: 5, done: 1, overdue: 2, rate: 0.2 });
    expect(r.overdueTasks.map((t) => t.id)).toEqual([older.id, late.id]);
    // Late in working days to 11-25 (Wednesday): from Tuesday 11-10 it is 11 working days, not 15 days.
    expect(r.lateWorkdays[older.id]).toBe(11);
    // A day the office made a 休息日 (设置 → 节假日) is not counted.
    const local = buildReport('月报', '2026-11-25', all, '2026-11-25', createWorkCalendar([{ date: '2026-11-24', kind: 'holiday' }]));
    expect(local.lateWorkdays[older.id]).toBe(10);
  });

  it('a past period is counted on its last day: a task finished after it counts as open (and late) then', () => {
    const r = buildReport('月报', '2026-10-15', all, '2026-11-25');
    expect(r.asOf).toBe('2026-10-31');
    // Only the October task existed by 10-31; it was finished on 10-30.
    expect(r.rows).toEqual([{ unit: '县教育局', total: 1, done: 1, overdue: 0, rate: 1 }]);
    const lateDone = task('县审计局', '2026-10-20', { state: '已办结', createdAt: created(10, 5), done: done('2026-11-03') });
    const r2 = buildReport('月报', '2026-10-15', [lateDone], '2026-11-25');
    expect(r2.rows).toEqual([{ unit: '县审计局', total: 1, done: 0, overdue: 1, rate: 0 }]);
    expect(r2.overdueTasks).toEqual([lateDone]);
  });

  it('a week: tasks finished before the week are left out; the due day itself is not overdue', () => {
    const r = buildReport('周报', '2026-11-25', all, '2026-11-25');
    expect(r).toMatchObject({ periodText: '2026年11月23日—11月29日', start: '2026-11-23', end: '2026-11-29', asOf: '2026-11-25' });
    expect(r.totals).toEqual({ unit: '合计', total: 5, done: 1, overdue: 2, rate: 0.2 });
    const onTheDay = task('县审计局', '2026-11-25');
    expect(buildReport('周报', '2026-11-25', [onTheDay], '2026-11-25').rows).toEqual([{ unit: '县审计局', total: 1, done: 0, overdue: 0, rate: 0 }]);
    // The next week, finished tasks of this week are gone; the rest carry over.
    const next = buildReport('周报', '2026-12-01', all, '2026-12-01');
    expect(next.rows.map((row) => [row.unit, row.total, row.done, row.overdue])).toEqual([
      ['县财政局', 2, 0, 1],
      ['县发改委', 1, 0, 0],
      ['县教育局', 2, 0, 1],
    ]);
  });

  it('a task counts from the local day it was created, up to the last minute of the period', () => {
    const lastMinute = task('县审计局', '2026-12-20', { createdAt: new Date(2026, 10, 30, 23, 30).toISOString() });
    const nextDay = task('县审计局', '2026-12-20', { createdAt: new Date(2026, 11, 1, 0, 30).toISOString() });
    expect(buildReport('月报', '2026-11-01', [lastMinute, nextDay], '2026-12-05').totals.total).toBe(1);
    expect(buildReport('月报', '2026-12-01', [lastMinute, nextDay], '2026-12-05').totals.total).toBe(2);
  });

  it('an empty report has a 合计 row of zeros and a rate of 0', () => {
    expect(buildReport('月报', '2026-11-25', [], '2026-11-25')).toEqual({
      kind: '月报',
      periodText: '2026年11月',
      start: '2026-11-01',
      end: '2026-11-30',
      asOf: '2026-11-25',
      rows: [],
      totals: { unit: '合计', total: 0, done: 0, overdue: 0, rate: 0 },
      overdueTasks: [],
      lateWorkdays: {},
      onTimeDone: 0,
    });
  });

  it('ties in the overdue list are ordered by 督办编号', () => {
    const b = task('县财政局', '2026-11-10', { serial: '督〔2026〕0200' });
    const a = task('县财政局', '2026-11-10', { serial: '督〔2026〕0100' });
    expect(buildReport('月报', '2026-11-25', [b, a], '2026-11-25').overdueTasks.map((t) => t.serial)).toEqual(['督〔2026〕0100', '督〔2026〕0200']);
  });
});

describe('the 通报 summary and 印发', () => {
  const done = (date: string) => ({ date, result: '完成', at: new Date(2026, 10, 25).toISOString(), byName: '王秘书' });
  const at = (n: number, dueDate: string, over: Partial<TaskRecord> = {}) =>
    taskRecord({ id: `s-${n}`, serial: `督〔2026〕${String(n).padStart(4, '0')}`, unit: '县财政局', dueDate, createdAt: new Date(2026, 10, 2, 9).toISOString(), ...over });
  // Four tasks: one done by its 时限, one done after it, one overdue, one under way.
  const four = [
    at(1, '2026-11-20', { state: '已办结', done: done('2026-11-19') }),
    at(2, '2026-11-20', { state: '已办结', done: done('2026-11-24') }),
    at(3, '2026-11-20'),
    at(4, '2026-12-20', { state: '推进中' }),
  ];

  it('按期办结 counts tasks finished on or before their 时限; the sentence gives counts and rates', () => {
    const r = buildReport('月报', '2026-11-10', four, '2026-11-30');
    expect(r.onTimeDone).toBe(1);
    expect(reportSummary(r)).toBe('本期共督办事项4项，已办结2项，办结率50%；其中按期办结1项，按期办结率25%；逾期未办结1项。');
    expect(reportSummary(buildReport('月报', '2026-11-10', four.slice(0, 2), '2026-11-30'))).toBe('本期共督办事项2项，已办结2项，办结率100%；其中按期办结1项，按期办结率50%；无逾期未办结事项。');
    expect(reportSummary(buildReport('月报', '2026-11-10', [], '2026-11-30'))).toBe('本期无督办事项。');
  });

  it('percentText never rounds to 100% with one missing, nor to 0% with one there', () => {
    expect([percentText(999, 1000), percentText(1, 1000), percentText(1, 3), percentText(0, 0), percentText(0, 5), percentText(5, 5)]).toEqual(['99%', '1%', '33%', '—', '0%', '100%']);
  });

  it('印发 keeps the report with its number and who issued it; refused to a 工作人员 and before the period begins', () => {
    const r = buildReport('月报', '2026-11-10', four, '2026-11-30');
    const now = new Date(2026, 11, 1, 9, 0);
    expect(issueBulletin(r, ' 某县政府办 ', { id: 'b1', year: 2026, number: 3, numberText: '第3期' }, secretary, now)).toEqual({
      id: 'b1',
      kind: '月报',
      start: '2026-11-01',
      year: 2026,
      number: 3,
      numberText: '第3期',
      issuedDate: '2026-12-01',
      issuedAt: now.toISOString(),
      issuedById: secretary.id,
      issuedByName: secretary.name,
      unitName: '某县政府办',
      report: r,
    });
    expect(expectRefusal(RuleError, () => issueBulletin(r, '某县', { id: 'b1', year: 2026, number: 3, numberText: '第3期' }, staff, now)).message).toMatch(/没有权限/);
    expect(expectRefusal(RuleError, () => issueBulletin(r, '某县', { id: 'b1', year: 2026, number: 3, numberText: '第3期' }, secretary, new Date(2026, 9, 31, 9))).message).toBe('2026年11月尚未开始，不能印发通报');
  });
});

describe('withdrawTask (撤销)', () => {
  it('withdraws an untouched task with its reason; nothing more can be done on it', () => {
    const t = deepFreeze(taskRecord({ state: '未开始' }));
    const w = withdrawTask(t, ' 该议定事项已删除 ', secretary, NOW);
    expect(w).toEqual({ ...t, state: '已撤销', withdrawn: { reason: '该议定事项已删除', at: NOW.toISOString(), byName: secretary.name }, updatedAt: NOW.toISOString() });
    expect(refused(() => addProgress(w, { date: TODAY, text: '进展' }, secretary, NOW)).message).toBe('该事项已撤销，不能再反馈进展');
    expect(refused(() => completeTask(w, { date: TODAY, result: '完成' }, secretary, NOW)).message).toBe('该事项已撤销，不能办结');
    expect(refused(() => remindTask(w, '催', secretary, NOW)).message).toBe('该事项已撤销，无需催办');
    expect(refused(() => withdrawTask(w, '再撤', secretary, NOW)).message).toContain('撤销');
  });

  it('refuses a task with recorded work, a missing reason, and anyone without 督办管理', () => {
    const moving = taskRecord({ state: '推进中' });
    expect(refused(() => withdrawTask(moving, '理由', secretary, NOW)).message).toContain('已有办理记录');
    const reminded = taskRecord({ state: '未开始', reminders: [{ at: NOW.toISOString(), byName: '王秘书', note: '催办' }] });
    expect(refused(() => withdrawTask(reminded, '理由', secretary, NOW)).message).toContain('已有办理记录');
    expect(refused(() => withdrawTask(taskRecord({ state: '未开始' }), ' ', secretary, NOW))).toMatchObject({ field: 'reason' });
    expect(refused(() => withdrawTask(taskRecord({ state: '未开始' }), '理由', staff, NOW)).message).toContain('没有权限');
  });

  it('a withdrawn task counts nowhere in the 督办通报, even overdue', () => {
    const base = { unit: '县财政局', dueDate: '2026-11-10', createdAt: new Date(2026, 10, 2, 9).toISOString() };
    const open = taskRecord({ ...base, id: 't-open', serial: '督〔2026〕0001' });
    const gone = taskRecord({ ...base, id: 't-gone', serial: '督〔2026〕0002', state: '已撤销', withdrawn: { reason: '删除', at: NOW.toISOString(), byName: '王秘书' } });
    const r = buildReport('月报', TODAY, [open, gone], TODAY);
    expect(r.totals).toEqual({ unit: '合计', total: 1, done: 0, overdue: 1, rate: 0 });
    expect(r.overdueTasks.map((t) => t.id)).toEqual(['t-open']);
  });
});
