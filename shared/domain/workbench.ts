import { compareDates, type IsoDate } from './dates';
import type { IncomingRecord } from './incoming-types';
import type { TaskRecord } from './supervision-types';
import type { WorkCalendar } from './workdays';

// 工作台 for each person (issue 14): what is waiting for the signed-in user, and the rule that one
// matter is one row. A leader or a 科室 user sees 待我阅 (传阅 to them, unread), 待我办 (承办 by
// them or their 机构) and 我的督办 (督办 naming them or their 机构 as 责任人/责任单位); a 督办 made
// from a 收文's 批示 is the same matter as that 收文, so it is listed once, with both marks.

/** Who "me" is on 工作台: the account, its 机构, and the names the registers may call it by. */
export interface WorkbenchMe {
  id: string;
  departmentId?: string | undefined;
  /** 责任人 names that mean this user: the account's 姓名 and its 人员名录 entries' names. */
  names: readonly string[];
  /** 责任单位 names that mean this user's 机构: its name and the 单位 of its 人员名录 entries. */
  units: readonly string[];
}

const CLOSED: ReadonlySet<IncomingRecord['state']> = new Set(['已办结', '已退回']);

/** 待我阅: the record is out for 传阅 and this user's 已阅 is still missing. */
export function awaitsMyReading(r: Pick<IncomingRecord, 'state' | 'circulation'>, me: Pick<WorkbenchMe, 'id'>): boolean {
  return !CLOSED.has(r.state) && r.circulation.some((c) => c.userId === me.id && !c.readAt);
}

/** 待我办: given to this user (承办人) or to their 机构 (承办单位), and not yet 办结. */
export function awaitsMyHandling(r: Pick<IncomingRecord, 'state' | 'assignment'>, me: Pick<WorkbenchMe, 'id' | 'departmentId'>): boolean {
  if (CLOSED.has(r.state) || !r.assignment) return false;
  return r.assignment.person?.userId === me.id || (!!me.departmentId && r.assignment.host.id === me.departmentId);
}

/**
 * 我的督办: an open task whose 责任人 or 责任单位 is this user or their 机构. A task from a 收文批示
 * also follows its 收文's 承办 (by account and 机构 id, which survive a renamed 机构).
 */
export function isMyTask(
  t: Pick<TaskRecord, 'state' | 'person' | 'unit'>,
  me: WorkbenchMe,
  linked?: Pick<IncomingRecord, 'state' | 'assignment'> | null,
): boolean {
  if (t.state === '已办结' || t.state === '已撤销') return false;
  if (t.person && me.names.includes(t.person)) return true;
  if (t.unit && me.units.includes(t.unit)) return true;
  return !!linked?.assignment && (linked.assignment.person?.userId === me.id || (!!me.departmentId && linked.assignment.host.id === me.departmentId));
}

/** The 收文 a task was made from, if any. */
export function taskIncomingId(t: Pick<TaskRecord, 'source'>): string | undefined {
  return t.source.kind === '收文批示' ? t.source.incomingId : undefined;
}

/** One matter: a 收文, a 督办 task, or both when the task follows the 收文's 批示. */
export interface Matter<I, T> {
  incoming?: I;
  task?: T;
}

/**
 * Pairs each task with the 收文 it was made from (task.source.incomingId, or the 收文's taskId),
 * so a late document is one row with both marks; everything else stays a row of its own.
 * Order: the 收文 in the order given, then the unpaired tasks in theirs.
 */
export function mergeMatters<I extends { id: string; taskId?: string | undefined }, T extends Pick<TaskRecord, 'id' | 'source'>>(
  incoming: readonly I[],
  tasks: readonly T[],
): Matter<I, T>[] {
  const taskById = new Map(tasks.map((t) => [t.id, t]));
  const taskByIncoming = new Map<string, T>();
  for (const t of tasks) {
    const of = taskIncomingId(t);
    if (of) taskByIncoming.set(of, t);
  }
  const used = new Set<string>();
  const rows: Matter<I, T>[] = incoming.map((i) => {
    const task = taskByIncoming.get(i.id) ?? (i.taskId ? taskById.get(i.taskId) : undefined);
    if (task && !used.has(task.id)) {
      used.add(task.id);
      return { incoming: i, task };
    }
    return { incoming: i };
  });
  for (const t of tasks) if (!used.has(t.id)) rows.push({ task: t });
  return rows;
}

/** Overdue first, then by 时限 (none last), then as given: what to do first is on top. */
export function overdueFirst<R extends { overdue: boolean; dueDate?: IsoDate | undefined }>(rows: readonly R[]): R[] {
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => Number(b.r.overdue) - Number(a.r.overdue) || compareDates(a.r.dueDate ?? '9999-12-31', b.r.dueDate ?? '9999-12-31') || a.i - b.i)
    .map(({ r }) => r);
}

/**
 * Working days late on `today` for a 时限 `due` (its last day): the working days after it, up to
 * and including today. Friday's 时限 on the next Tuesday is 2 (Monday, Tuesday), not 4.
 */
export function lateWorkdays(calendar: Pick<WorkCalendar, 'countWorkdays'>, due: IsoDate, today: IsoDate): number {
  return compareDates(today, due) > 0 ? calendar.countWorkdays(due, today) : 0;
}

/**
 * How late, in the words of the office and saying which days are counted: "逾期 2 个工作日"; past
 * the 时限 only by days off (a Friday 时限 on Saturday): "已过时限（未满 1 个工作日）"; null when not late.
 */
export function lateText(calendar: Pick<WorkCalendar, 'countWorkdays'>, due: IsoDate, today: IsoDate): string | null {
  if (compareDates(today, due) <= 0) return null;
  const n = calendar.countWorkdays(due, today);
  return n > 0 ? `逾期 ${n} 个工作日` : '已过时限（未满 1 个工作日）';
}
