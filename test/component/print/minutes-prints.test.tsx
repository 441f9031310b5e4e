import { render, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import {
  MinutesDocument,
  ReminderNotice,
  SignInSheet,
  SupervisionReportSheet,
  attendanceLines,
  chineseNumeral,
  completionRateText,
  minutesTextLines,
} from '../../../renderer/print/index';
import { describeSource } from '../../../shared/domain/supervision';
import { createWorkCalendar } from '../../../shared/domain/workdays';
import {
  MEETING_UNIT,
  classifiedMeeting,
  issuedMeeting,
  issuedMinutes,
  meeting,
  minutesContent,
  monthlyReport,
  task,
  tasks,
} from './meeting-fixtures';

function printRoot(): HTMLElement {
  const root = document.body.querySelector<HTMLElement>(':scope > .ws-print-root');
  if (!root) throw new Error('no print root under <body>');
  return root;
}

function headers(table: HTMLElement): string[] {
  return [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
}

function bodyRows(table: HTMLElement): string[][] {
  return [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''));
}

/** The text of every attendance line, "出席：…". */
function attendance(root: HTMLElement): string[] {
  return [...root.querySelectorAll('.ws-minutes-attend')].map((p) => p.textContent ?? '');
}

describe('会议纪要 (MinutesDocument)', () => {
  test('版头: red 纪要标志, 第N期, the office and 成文日期 (the day it was issued), A4 portrait', () => {
    render(<MinutesDocument meeting={issuedMeeting()} minutes={issuedMinutes()} unitName={MEETING_UNIT} />);
    const root = printRoot();
    expect(root.dataset.orientation).toBe('portrait');
    expect(within(root).getByRole('heading', { level: 1 })).toHaveTextContent(/^县政府常务会议纪要$/);
    expect(root.querySelector('.ws-minutes-number')).toHaveTextContent(/^第1期$/);
    expect(root.querySelector('.ws-minutes-unit')).toHaveTextContent(MEETING_UNIT);
    expect(root.querySelector('.ws-minutes-date')).toHaveTextContent(/^2026年11月25日$/);
    // 非密, issued: no mark, no 草稿.
    expect(root.querySelector('.ws-minutes-mark')).toHaveTextContent(/^$/);
    expect(root.querySelector('.ws-minutes-draft')).toBeNull();
  });

  test('正文: the opening paragraph from the meeting, the paragraphs, then the decisions numbered 一、二、三、', () => {
    render(<MinutesDocument meeting={issuedMeeting()} minutes={issuedMinutes()} unitName={MEETING_UNIT} />);
    const paragraphs = [...printRoot().querySelectorAll('.ws-minutes-body p')].map((p) => p.textContent);
    expect(paragraphs).toEqual([
      '2026年11月23日，县长张明在县政府第一会议室主持召开县政府第12次常务会议，研究2026年冬季安全生产工作、县城集中供暖保障工作。',
      minutesContent().paragraphs[0],
      minutesContent().paragraphs[1],
      '会议议定事项如下：',
      '一、由县应急管理局牵头，于11月底前完成全县冬季安全生产大检查（责任单位：县应急管理局；责任人：陈九；完成时限：2026年11月30日）',
      '二、县住建局制定县城集中供暖保障方案，报县政府审定（责任单位：县住建局；责任人：周八；完成时限：2026年11月30日）',
      '三、县财政局统筹安排2026年度供暖补贴资金（责任单位：县财政局；责任人：孙七；完成时限：2026年12月15日）',
    ]);
  });

  test('版记 after the text: 抄送 (units joined with ，, ending 。), 印发机关 and 印发日期 (the 签发 day unless set), between rules', () => {
    render(<MinutesDocument meeting={issuedMeeting()} minutes={{ ...issuedMinutes(), copyTo: ['县财政局', '县住建局'] }} unitName={MEETING_UNIT} />);
    const imprint = within(printRoot()).getByRole('contentinfo', { name: '版记' });
    expect(imprint.querySelector('.ws-minutes-imprint-copy')).toHaveTextContent(/^抄送：县财政局，县住建局。$/);
    expect(imprint.querySelector('.ws-minutes-imprint-by')).toHaveTextContent(new RegExp(`^${MEETING_UNIT}$`));
    expect(imprint.querySelector('.ws-minutes-imprint-on')).toHaveTextContent(/^2026年11月25日印发$/);
    // 0.35 mm first and last, 0.25 mm between 抄送 and 印发.
    expect([...imprint.querySelectorAll('.ws-minutes-imprint-rule rect')].map((r) => r.getAttribute('height'))).toEqual(['0.35', '0.25', '0.35']);
    // Placed after everything else, after the spacer that takes it to the bottom of the last page.
    expect(imprint.previousElementSibling).toHaveClass('ws-minutes-imprint-spacer');

    render(<MinutesDocument meeting={issuedMeeting()} minutes={{ ...issuedMinutes(), printedBy: '县政府办公室', printedOn: '2026-11-30' }} unitName={MEETING_UNIT} />);
    const bare = within(document.body.querySelectorAll<HTMLElement>(':scope > .ws-print-root')[1]!).getByRole('contentinfo', { name: '版记' });
    expect(bare.querySelector('.ws-minutes-imprint-copy')).toBeNull();
    expect(bare).toHaveTextContent(/^县政府办公室2026年11月30日印发$/);
    expect([...bare.querySelectorAll('.ws-minutes-imprint-rule rect')].map((r) => r.getAttribute('height'))).toEqual(['0.35', '0.35']);
  });

  test('出席/请假/列席 lines: 黑体 label, 代会 written "王五代李四", 请假 with the reason, 列席 with their unit', () => {
    render(<MinutesDocument meeting={issuedMeeting()} minutes={issuedMinutes()} unitName={MEETING_UNIT} />);
    const root = printRoot();
    expect(attendance(root)).toEqual(['出席：张明、王五代李四', '请假：赵六（出差）', '列席：县财政局 孙七、县住建局 周八']);
    const labels = [...root.querySelectorAll('.ws-minutes-attend-label')].map((l) => l.textContent);
    expect(labels).toEqual(['出席：', '请假：', '列席：']);
    // The attendance lines come after the 正文.
    const body = root.querySelector('.ws-minutes-body')!;
    const lines = root.querySelector('.ws-minutes-attendance')!;
    expect(body.compareDocumentPosition(lines) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  test('a draft: 草稿 in the 版头, 第　　期 left blank, the meeting day as the date', () => {
    const m = meeting();
    render(<MinutesDocument meeting={m} minutes={m.draft!} unitName={MEETING_UNIT} draft />);
    const root = printRoot();
    expect(root.querySelector('.ws-minutes-draft')).toHaveTextContent('草稿');
    // toHaveTextContent folds white space, 全角空格 included: compare the text itself.
    expect(root.querySelector('.ws-minutes-number')?.textContent).toBe('第\u3000\u3000期');
    expect(root.querySelector('.ws-minutes-date')).toHaveTextContent(/^2026年11月23日$/);
  });

  test('a classified meeting prints 密级★期限 top left, and the watermark', () => {
    const m = classifiedMeeting();
    render(<MinutesDocument meeting={m} minutes={issuedMinutes()} unitName={MEETING_UNIT} watermark="王秘书（wangms） 2026-11-25 10:00 文枢" />);
    const root = printRoot();
    expect(root.querySelector('.ws-minutes-mark')).toHaveTextContent(/^秘密★10年$/);
    expect(root.querySelector('.ws-print-watermark')).toHaveTextContent('王秘书（wangms）');
  });

  test('缺席 and lines without names: a line only when it has names; an unticked invitee is 缺席 once sign-in was taken', () => {
    const m = meeting();
    m.attendance = { p1: { status: '到会' }, p2: { status: '缺席' } };
    expect(attendanceLines(m)).toEqual([
      { label: '出席', text: '张明' },
      { label: '缺席', text: '李四、赵六、县财政局 孙七、县住建局 周八' },
    ]);
    // Before anyone has signed in (only a 请假 known): the invited lists.
    m.attendance = { p3: { status: '请假', reason: '' } };
    expect(attendanceLines(m)).toEqual([
      { label: '出席', text: '张明、李四' },
      { label: '请假', text: '赵六' },
      { label: '列席', text: '县财政局 孙七、县住建局 周八' },
    ]);
  });

  test('minutesTextLines: the opening without topics or location, and decisions past 十', () => {
    const m = meeting({ topics: [], location: '' });
    const decisions = Array.from({ length: 12 }, (_, i) => ({ ...minutesContent().decisions[0]!, id: `x${i}`, content: `事项${i + 1}。` }));
    const text = minutesTextLines(m, { ...minutesContent(), decisions });
    expect(text.opening).toBe('2026年11月23日，县长张明主持召开县政府第12次常务会议。');
    // 议题 written "研究……" are not preceded by a second 研究.
    expect(minutesTextLines(meeting({ topics: ['研究城区道路改造方案', '冬季供暖保障工作'] }), minutesContent()).opening).toContain('，研究城区道路改造方案、冬季供暖保障工作。');
    expect(text.decisions[9]).toMatch(/^十、事项10（/);
    expect(text.decisions[11]).toMatch(/^十二、事项12（/);
    expect([1, 2, 3, 10, 11, 20, 21, 100, 105, 110].map(chineseNumeral)).toEqual([
      '一',
      '二',
      '三',
      '十',
      '十一',
      '二十',
      '二十一',
      '一百',
      '一百零五',
      '一百一十',
    ]);
  });
});

describe('会议签到表 (SignInSheet)', () => {
  test('heading, 时间/地点/主持人, and a row per invitee (出席 first) with an empty 签名 cell, the deputy named where one was recorded', () => {
    render(<SignInSheet meeting={meeting()} unitName={MEETING_UNIT} />);
    const root = printRoot();
    expect(root.dataset.orientation).toBe('portrait');
    expect(within(root).getByRole('heading', { level: 1 })).toHaveTextContent('县政府第12次常务会议签到表');
    const info = root.querySelector('.ws-minutes-signin-info')!.textContent;
    expect(info).toContain('时间：2026年11月23日 09:00');
    expect(info).toContain('地点：县政府第一会议室');
    expect(info).toContain('主持人：县长张明');
    const table = within(root).getByRole('table', { name: '签到' });
    expect(headers(table)).toEqual(['序号', '姓名', '单位', '职务', '类别', '签名', '备注']);
    const rows = bodyRows(table);
    // 备注 one phrase a line, so the column's edge never cuts one: 由王五 / （主任） / 代会, 请假 / （出差）.
    expect([...table.querySelectorAll('tbody tr:nth-child(2) td:last-child .ws-minutes-signin-remark')].map((s) => s.textContent)).toEqual(['由王五', '（主任）', '代会']);
    expect([...table.querySelectorAll('tbody tr:nth-child(3) td:last-child .ws-minutes-signin-remark')].map((s) => s.textContent)).toEqual(['请假', '（出差）']);
    expect(rows.slice(0, 5)).toEqual([
      ['1', '张明', '县人民政府', '县长', '出席', '', ''],
      // A recorded 代会 is marked, never hidden (DOMAIN.md): the deputy signs in 李四's row.
      ['2', '李四', '县人民政府', '副县长', '出席', '王五代签：', '由王五（主任）代会'],
      ['3', '赵六', '县人民政府', '副县长', '出席', '', '请假（出差）'],
      ['4', '孙七', '县财政局', '局长', '列席', '', ''],
      ['5', '周八', '县住建局', '局长', '列席', '', ''],
    ]);
    // Spare rows for a deputy or someone not invited.
    expect(rows.slice(5)).toEqual([
      ['6', '', '', '', '', '', ''],
      ['7', '', '', '', '', '', ''],
      ['8', '', '', '', '', '', ''],
    ]);
    expect(root.querySelector('.ws-slip-marks')).toBeNull();
  });

  test('a classified meeting carries its mark; blankRows sets the spare rows', () => {
    render(<SignInSheet meeting={classifiedMeeting()} unitName={MEETING_UNIT} blankRows={0} />);
    const root = printRoot();
    expect(root.querySelector('.ws-slip-marks')).toHaveTextContent('秘密★10年');
    expect(bodyRows(within(root).getByRole('table', { name: '签到' }))).toHaveLength(5);
  });
});

describe('督办催办单 (ReminderNotice)', () => {
  const calendar = createWorkCalendar();

  function field(root: HTMLElement, label: string): string {
    return within(root).getByRole('rowheader', { name: label }).nextElementSibling?.textContent ?? '';
  }

  test('the task, its source, the days overdue on `today`, the last progress and the reply request', () => {
    render(<ReminderNotice task={task(1)} unitName={MEETING_UNIT} today="2026-12-05" calendar={calendar} />);
    const root = printRoot();
    expect(within(root).getByRole('heading', { level: 1 })).toHaveTextContent('督办催办单');
    expect(root.querySelector('.ws-supervision-meta')).toHaveTextContent(`${MEETING_UNIT}催办日期：2026年12月5日`);
    expect(field(root, '督办编号')).toBe('督〔2026〕0001');
    expect(field(root, '来源')).toBe('县政府常务会议纪要 第1期');
    expect(field(root, '事项内容')).toBe('由县应急管理局牵头，于11月底前完成全县冬季安全生产大检查。');
    expect(field(root, '责任单位')).toBe('县应急管理局');
    expect(field(root, '责任人')).toBe('陈九');
    expect(field(root, '办理时限')).toBe('2026年11月30日');
    // 时限 Monday 11-30, printed Saturday 12-05: the working days Tuesday to Friday, not 5 calendar days.
    expect(field(root, '逾期情况')).toBe('已逾期 4 个工作日');
    expect(field(root, '最近进展')).toBe('2026年11月28日 乡镇检查已完成八成。');
    expect(field(root, '办理反馈')).toBe('');
    expect(root.querySelector('.ws-supervision-note')).toHaveTextContent('请于收到本单后3个工作日内书面反馈办理情况。');
    const signs = [...root.querySelectorAll('.ws-carrier-sign-line')].map((l) => l.textContent);
    expect(signs).toEqual(['督办人签字：＿＿＿＿\u3000日期：＿＿＿＿', '签收人签字：＿＿＿＿\u3000日期：＿＿＿＿']);
  });

  test('no progress reads 无; replyWithinDays; not yet overdue', () => {
    const [, fromInstruction] = tasks();
    render(<ReminderNotice task={fromInstruction!} unitName={MEETING_UNIT} today="2026-11-26" calendar={calendar} replyWithinDays={2} />);
    const root = printRoot();
    expect(field(root, '来源')).toBe('收文 收〔2026〕0001（王县长批示）');
    expect(field(root, '最近进展')).toBe('无');
    expect(field(root, '逾期情况')).toBe('今日到期');
    expect(root.querySelector('.ws-supervision-note')).toHaveTextContent('请于收到本单后2个工作日内');
  });

  test('逾期 in working days: a Friday 时限 on Tuesday is 2 个工作日 (not 4 天); before it, the working days left', () => {
    render(<ReminderNotice task={{ ...task(1), dueDate: '2026-11-27' }} unitName={MEETING_UNIT} today="2026-12-01" calendar={calendar} />);
    expect(field(printRoot(), '逾期情况')).toBe('已逾期 2 个工作日');
  });

  test('not yet due: the working days left', () => {
    render(<ReminderNotice task={{ ...task(1), dueDate: '2026-11-30' }} unitName={MEETING_UNIT} today="2026-11-26" calendar={calendar} />);
    expect(field(printRoot(), '逾期情况')).toBe('距时限还有 2 个工作日');
  });

  test('the 催办说明 the 督办人 typed with the latest 催办 is printed; none, no row', () => {
    const reminded = { ...task(1), reminders: [
      { at: '2026-12-01T01:00:00.000Z', byName: '张秘书', note: '第一次催办' },
      { at: '2026-12-05T01:00:00.000Z', byName: '张秘书', note: '请于12月8日前报送检查总结，逾期将通报。' },
    ] };
    const { unmount } = render(<ReminderNotice task={reminded} unitName={MEETING_UNIT} today="2026-12-05" calendar={calendar} />);
    expect(field(printRoot(), '催办说明')).toBe('请于12月8日前报送检查总结，逾期将通报。');
    unmount();
    render(<ReminderNotice task={{ ...task(1), reminders: [] }} unitName={MEETING_UNIT} today="2026-12-05" calendar={calendar} />);
    expect(within(printRoot()).queryByRole('rowheader', { name: '催办说明' })).toBeNull();
  });

  test('来源 of each kind', () => {
    expect(tasks().map((t) => describeSource(t.source))).toEqual([
      '县政府常务会议纪要 第1期',
      '收文 收〔2026〕0001（王县长批示）',
      '口头交办（张主任）',
    ]);
  });
});

describe('督办通报 (SupervisionReportSheet)', () => {
  test('a bulletin: red 版头 督办通报, 第N期, unit and date over the red rule, heading, period, summary; the table per 责任单位 with 办结率 and 合计, then the overdue tasks', () => {
    render(<SupervisionReportSheet report={monthlyReport()} unitName="某某县人民政府" numberText="第3期" date="2026-12-01" />);
    const root = printRoot();
    expect(within(root).getByRole('heading', { level: 1 })).toHaveTextContent('督办通报');
    expect(within(root).getByTestId('bulletin-number')).toHaveTextContent(/^第3期$/);
    expect(root.querySelector('.ws-bulletin-issuer')).toHaveTextContent('某某县人民政府2026年12月1日');
    expect(within(root).getByRole('heading', { level: 2 })).toHaveTextContent('2026年11月督办事项办理情况通报');
    expect(root.querySelector('.ws-bulletin-period')).toHaveTextContent('2026年11月（统计截至2026年11月30日）');
    expect(within(root).getByTestId('bulletin-summary')).toHaveTextContent('本期共督办事项6项，已办结3项，办结率50%；其中按期办结2项，按期办结率33%；逾期未办结2项。');

    const units = within(root).getByRole('table', { name: '各责任单位办理情况' });
    expect(headers(units)).toEqual(['序号', '责任单位', '任务数', '已办结', '已逾期', '办结率']);
    expect(bodyRows(units)).toEqual([
      ['1', '县应急管理局', '3', '1', '1', '33%'],
      ['2', '县住建局', '2', '2', '0', '100%'],
      ['3', '县财政局', '1', '0', '1', '0%'],
      ['合计', '6', '3', '2', '50%'],
    ]);

    // 责任人 under 责任单位, the lateness in working days under 时限: 事项内容 keeps half the width.
    const overdue = within(root).getByRole('table', { name: '逾期事项' });
    expect(headers(overdue)).toEqual(['序号', '督办编号', '事项内容', '责任单位（责任人）', '时限']);
    expect(bodyRows(overdue)).toEqual([
      ['1', '督〔2026〕0004', '排查县城老旧燃气管网', '县应急管理局（陈九）', '2026-11-20逾期6个工作日'],
      ['2', '督〔2026〕0002', '拨付冬季安全生产专项经费', '县财政局（孙七）', '2026-11-26逾期2个工作日'],
    ]);
  });

  test('a weekly report with nothing overdue, before 印发: 第（未编号）期', () => {
    const report = { ...monthlyReport(), kind: '周报' as const, periodText: '2026年11月23日—11月29日', overdueTasks: [], totals: { unit: '合计', total: 6, done: 3, overdue: 0, rate: 0.5 } };
    render(<SupervisionReportSheet report={report} unitName="某某县人民政府" numberText={null} date="2026-11-30" />);
    const root = printRoot();
    expect(within(root).getByRole('heading', { level: 1 })).toHaveTextContent('督办通报');
    expect(within(root).getByTestId('bulletin-number')).toHaveTextContent('第（未编号）期');
    expect(within(root).getByRole('heading', { level: 2 })).toHaveTextContent('2026年11月23日—11月29日督办事项办理情况通报');
    expect(within(root).getByTestId('bulletin-summary')).toHaveTextContent('无逾期未办结事项。');
    expect(bodyRows(within(root).getByRole('table', { name: '逾期事项' }))).toEqual([['无逾期事项']]);
  });

  test('办结率 never shows 100% while a task is open, nor 0% once one is done', () => {
    expect(completionRateText({ total: 3, done: 1, rate: 1 / 3 })).toBe('33%');
    expect(completionRateText({ total: 3, done: 2, rate: 2 / 3 })).toBe('67%');
    expect(completionRateText({ total: 1000, done: 999, rate: 0.999 })).toBe('99%');
    expect(completionRateText({ total: 1000, done: 1, rate: 0.001 })).toBe('1%');
    expect(completionRateText({ total: 0, done: 0, rate: 0 })).toBe('—');
  });
});
