import { Tag } from 'antd';
import { Link } from 'react-router';
import { describeSource, taskStatus } from '@shared/domain/supervision';
import { lateText } from '@shared/domain/workbench';
import type { WorkCalendar } from '@shared/domain/workdays';
import type { ReportRow, TaskRecord, TaskSource, TaskStatus } from '@shared/domain/supervision-types';

// Small pieces the 督办 screens share: the status tag, the linked 来源 and the 办结率 text
// (责任单位 are picked with ui/pickers.tsx).

const STATUS_COLORS: Record<TaskStatus, string> = {
  未开始: 'default',
  推进中: 'blue',
  已逾期: 'red',
  已办结: 'green',
  已撤销: 'default',
};

/**
 * 状态 on `today`; 已逾期 says by how many working days ("逾期 2 个工作日"), on the office calendar
 * (shown once it has loaded).
 */
export function TaskStatusTag({ task, today, calendar }: { task: Pick<TaskRecord, 'state' | 'dueDate'>; today: string; calendar: Pick<WorkCalendar, 'countWorkdays'> | undefined }) {
  const status = taskStatus(task, today);
  return (
    <span>
      <Tag color={STATUS_COLORS[status]}>{status}</Tag>
      {status === '已逾期' && calendar && <span style={{ color: '#cf1322', whiteSpace: 'nowrap' }}>{lateText(calendar, task.dueDate, today)}</span>}
    </span>
  );
}

/** Where the 来源 opens (a route): the meeting, the 收文, or nothing for a 口头交办. */
export function sourcePath(s: TaskSource): string | null {
  switch (s.kind) {
    case '会议纪要':
      return `/meetings/${s.meetingId}`;
    case '收文批示':
      return `/incoming/${s.incomingId}`;
    case '口头交办':
      return null;
  }
}

/** 来源 as text, a link where there is a record to open. */
export function SourceLink({ source }: { source: TaskSource }) {
  const path = sourcePath(source);
  const text = describeSource(source);
  return path ? <Link to={path}>{text}</Link> : <span>{text}</span>;
}

/** 最近进展: "2026-11-20 已完成方案初稿", or the 办结 result, or ''. */
export function lastProgress(task: Pick<TaskRecord, 'progress' | 'done'>): string {
  if (task.done) return `${task.done.date} 办结：${task.done.result}`;
  const last = task.progress.at(-1);
  return last ? `${last.date} ${last.text}` : '';
}

/**
 * 办结率 as a whole percent ("33%"), as the printed 通报 shows it: never 100% while a task is
 * open, never 0% once one is done; "—" for no tasks.
 */
export function rateText(row: Pick<ReportRow, 'total' | 'done' | 'rate'>): string {
  if (row.total <= 0) return '—';
  let pct = Math.round(row.rate * 100);
  if (row.done < row.total) pct = Math.min(pct, 99);
  if (row.done > 0) pct = Math.max(pct, 1);
  return `${pct}%`;
}
