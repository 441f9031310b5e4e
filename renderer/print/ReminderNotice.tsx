import { formatChineseDate, type IsoDate } from '@shared/domain/dates';
import { describeSource } from '@shared/domain/supervision';
import { lateText } from '@shared/domain/workbench';
import type { WorkCalendar } from '@shared/domain/workdays';
import type { TaskRecord } from '@shared/domain/supervision-types';
import { PrintDocument } from './PrintDocument';
import { SignLine } from './carrier-print-parts';

// 督办催办单: the notice served on the 责任单位 of a 督办 task that is overdue (or nearly so). It says
// what the task is and where it came from, how late it is, what was last reported, and asks for a
// written reply within a few working days; the 督办人 signs it out and the 签收人 signs for it.
// The reply can be written in the empty 办理反馈 box.

export interface ReminderNoticeProps {
  task: TaskRecord;
  /** The 督办 office, printed above the form. */
  unitName: string;
  /** The day the notice is printed (催办日期): overdue days count to it. */
  today: IsoDate;
  /** The office's working-day calendar: lateness is said in working days. */
  calendar: Pick<WorkCalendar, 'countWorkdays'>;
  /** Working days the 责任单位 has to reply in writing. Default 3. */
  replyWithinDays?: number;
}


/**
 * The 逾期 line, in working days (the 时限 is one): "已逾期 2 个工作日", "今日到期", "距时限还有 3 个工作日",
 * or "已办结" / "已撤销" for a closed task. A Friday 时限 on the next Tuesday is 2, not 4.
 */
export function overdueText(task: Pick<TaskRecord, 'dueDate' | 'state'>, today: IsoDate, calendar: Pick<WorkCalendar, 'countWorkdays'>): string {
  if (task.state === '已办结' || task.state === '已撤销') return task.state;
  const late = lateText(calendar, task.dueDate, today);
  if (late) return late.replace(/^逾期/, '已逾期');
  if (today === task.dueDate) return '今日到期';
  return `距时限还有 ${calendar.countWorkdays(today, task.dueDate)} 个工作日`;
}

/** 最近进展: the last progress report, "2026年11月20日 已完成方案初稿。", or 无. */
export function lastProgressText(task: Pick<TaskRecord, 'progress'>): string {
  const last = task.progress.at(-1);
  if (!last) return '无';
  return `${formatChineseDate(last.date)} ${last.text.trim()}`;
}

// Hoisted into <head> by React (href + precedence): a long unit name wraps on its side, the
// 催办日期 stays one line on the right.
const CSS = `
.ws-reminder-meta > span:first-child { min-width: 0; overflow-wrap: anywhere; }
.ws-reminder-meta > span:last-child { flex: none; white-space: nowrap; }
`;

/** 督办催办单 for one task (A4 portrait). */
export function ReminderNotice({ task, unitName, today, calendar, replyWithinDays = 3 }: ReminderNoticeProps) {
  const rows: [string, string][] = [
    ['督办编号', task.serial],
    ['来源', describeSource(task.source)],
    ['事项内容', task.content],
    ['责任单位', task.unit],
    ['责任人', task.person],
    ['办理时限', formatChineseDate(task.dueDate)],
  ];
  // What the 督办人 typed with this 催办 (the notice goes out with the latest one).
  const reminderNote = task.reminders.at(-1)?.note.trim() ?? '';
  return (
    <PrintDocument orientation="portrait" title={`督办催办单 ${task.serial}`}>
      <style href="ws-reminder" precedence="default">
        {CSS}
      </style>
      <h1 className="ws-supervision-title">督办催办单</h1>
      <div className="ws-supervision-meta ws-reminder-meta">
        <span>{unitName}</span>
        <span>催办日期：{formatChineseDate(today)}</span>
      </div>
      <table className="ws-carrier-form ws-supervision-form" aria-label="督办事项">
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">逾期情况</th>
            <td className="ws-supervision-overdue">{overdueText(task, today, calendar)}</td>
          </tr>
          {reminderNote && (
            <tr>
              <th scope="row">催办说明</th>
              <td>{reminderNote}</td>
            </tr>
          )}
          <tr>
            <th scope="row">最近进展</th>
            <td>{lastProgressText(task)}</td>
          </tr>
          <tr>
            <th scope="row">办理反馈</th>
            <td className="ws-supervision-reply" />
          </tr>
        </tbody>
      </table>
      <p className="ws-supervision-note">请于收到本单后{replyWithinDays}个工作日内书面反馈办理情况。</p>
      <section className="ws-carrier-signs ws-carrier-signs--form" aria-label="签字">
        <SignLine role="督办人" />
        <SignLine role="签收人" />
      </section>
    </PrintDocument>
  );
}
