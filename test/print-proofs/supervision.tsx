import type { ReactElement } from 'react';
import type { ReportRow, SupervisionReport, TaskRecord } from '../../shared/domain/supervision-types';
import { createWorkCalendar } from '../../shared/domain/workdays';
import { ReminderNotice, SupervisionReportSheet } from '../../renderer/print/index';
import { longText } from './longest';

// 督办 prints with the longest values the rules allow (shared/domain/supervision.ts): 督办内容 500,
// 责任单位 60, 交办人 20, 进展 1000 characters; 责任人 and 姓名 20 (the directory's limit); a
// 纪要 title of 40 and its 期号; the unit's name 60 (settings); 督办编号 at 9999 and overdue for
// 999 working days.

function longestTask(i: number, over: Partial<TaskRecord> = {}): TaskRecord {
  const at = '2026-11-02T01:00:00.000Z';
  return {
    id: `t${i}`,
    serial: `督〔2026〕${String(9990 + i).padStart(4, '0')}`,
    source: { kind: '会议纪要', meetingId: 'm1', minutesTitle: longText(40, 0), minutesNumber: '第999期', decisionId: `d${i}` },
    content: longText(500, i % 3),
    unit: longText(60, 1),
    person: longText(20, 2),
    dueDate: '2026-11-20',
    state: '推进中',
    progress: [{ date: '2026-11-25', text: longText(1000, 0), at, byName: longText(20, 1) }],
    reminders: [{ at, byName: longText(20, 1), note: longText(500, 2) }],
    createdAt: at,
    createdByName: longText(20, 1),
    updatedAt: at,
    ...over,
  };
}

function row(unit: string, total: number, done: number, overdue: number): ReportRow {
  return { unit, total, done, overdue, rate: total ? done / total : 0 };
}

/** A month with 20 责任单位 of the longest names and 8 overdue tasks of the longest content. */
export function longestReport(): SupervisionReport {
  const rows = Array.from({ length: 20 }, (_, i) => row(`${longText(58, i % 3)}${String(i).padStart(2, '0')}`, 9999, 9000 + i, 999));
  const overdueTasks = Array.from({ length: 8 }, (_, i) => longestTask(i));
  return {
    kind: '月报',
    periodText: '2026年12月',
    start: '2026-12-01',
    end: '2026-12-31',
    asOf: '2026-12-31',
    rows,
    totals: row('合计', 199980, 180190, 19980),
    overdueTasks,
    lateWorkdays: Object.fromEntries(overdueTasks.map((t) => [t.id, 999])),
    onTimeDone: 170000,
  };
}

export const SUPERVISION_PROOFS: Record<string, () => ReactElement> = {
  'supervision-report': () => <SupervisionReportSheet report={longestReport()} unitName={longText(60, 1)} numberText="第9999期" date="2026-12-31" />,
  'supervision-report-unissued': () => <SupervisionReportSheet report={longestReport()} unitName={longText(60, 1)} numberText={null} date="2026-12-31" />,
  'supervision-reminder': () => (
    <ReminderNotice task={longestTask(9, { dueDate: '2022-01-04' })} unitName={longText(60, 1)} today="2026-12-31" calendar={createWorkCalendar()} replyWithinDays={30} />
  ),
};
