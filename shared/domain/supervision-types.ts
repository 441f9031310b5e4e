import type { IsoDate } from './dates';

// 督办 (issue 5): every tracked task, whatever it came from. The rules live in supervision.ts.

/** Where a task came from, linked: a 议定事项 of issued minutes, a leader's 批示 on a 收文, or a 口头交办. */
export type TaskSource =
  | { kind: '会议纪要'; meetingId: string; minutesTitle: string; minutesNumber: string; decisionId: string }
  | { kind: '收文批示'; incomingId: string; incomingSerial: string; leader: string }
  | { kind: '口头交办'; assignedBy: string };

/**
 * Stored states; 已逾期 is never stored: it is worked out from the 时限 and today. 已撤销: the
 * 议定事项 it came from was removed by a 更正 of the minutes before any work was recorded; the
 * task stays in the register (a register never deletes) but counts nowhere.
 */
export const TASK_STORED_STATES = ['未开始', '推进中', '已办结', '已撤销'] as const;
export type TaskStoredState = (typeof TASK_STORED_STATES)[number];
export const TASK_STATUSES = ['未开始', '推进中', '已逾期', '已办结', '已撤销'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface TaskProgress {
  /** 反馈日期 */
  date: IsoDate;
  text: string;
  at: string;
  byName: string;
}

export interface TaskRecord {
  id: string;
  /** 督办编号, e.g. 督〔2026〕0001 */
  serial: string;
  source: TaskSource;
  /** 内容 */
  content: string;
  /** 责任单位 */
  unit: string;
  /** 责任人 */
  person: string;
  /** 时限 (the last day) */
  dueDate: IsoDate;
  state: TaskStoredState;
  progress: TaskProgress[];
  /** 办结: when and with what result */
  done?: { date: IsoDate; result: string; at: string; byName: string };
  /** 催办 notices printed or sent */
  reminders: { at: string; byName: string; note: string }[];
  /** 撤销: why (e.g. the 更正 that removed its 议定事项), when and by whom. */
  withdrawn?: { reason: string; at: string; byName: string };
  createdAt: string;
  createdByName: string;
  updatedAt: string;
}

/** One line of the 督办通报: a 责任单位's tasks in the period. `rate` is 办结率, 0–1 (0 when no tasks). */
export interface ReportRow {
  unit: string;
  total: number;
  done: number;
  overdue: number;
  rate: number;
}

/** The weekly or monthly 督办通报 ("一周一调度、一月一通报"). */
export interface SupervisionReport {
  kind: '周报' | '月报';
  /** e.g. "2026年11月" or "2026年11月23日—11月29日" */
  periodText: string;
  start: IsoDate;
  end: IsoDate;
  /** The day the figures are counted on: the period's end, or today while the period runs. */
  asOf: IsoDate;
  rows: ReportRow[];
  totals: ReportRow;
  /** Overdue tasks, most overdue first. */
  overdueTasks: TaskRecord[];
  /** How late each overdue task is on `asOf`, in working days (its 时限 is one), by task id. */
  lateWorkdays: Record<string, number>;
  /** Of the tasks counted, those finished by `asOf` on or before their 时限 (按期办结). */
  onTimeDone: number;
}

/**
 * A 督办通报 as issued (印发): its 期号, numbered per year without gaps, and the figures as they
 * were on the day, so a reprint is the same paper with the same number. One per 通报类型 and period.
 */
export interface IssuedBulletin {
  id: string;
  kind: SupervisionReport['kind'];
  /** The period's first day (with `kind`, the bulletin's identity). */
  start: IsoDate;
  /** The year of the 期号: the year it was issued in. */
  year: number;
  /** 期号 within the year, from 1. */
  number: number;
  /** As printed: 第3期 */
  numberText: string;
  /** 印发日期 (local day). */
  issuedDate: IsoDate;
  issuedAt: string;
  issuedById: string;
  issuedByName: string;
  /** The unit as printed on the 版头. */
  unitName: string;
  report: SupervisionReport;
}
