import { addDays, compareDates, type IsoDate } from '@shared/domain/dates';
import type { IncomingRecord } from '@shared/domain/incoming-types';
import { can } from '@shared/domain/permissions';
import { taskStatus } from '@shared/domain/supervision';
import type { TaskRecord } from '@shared/domain/supervision-types';
import { awaitsMyHandling, awaitsMyReading, isMyTask, lateText, mergeMatters, overdueFirst, taskIncomingId, type Matter, type WorkbenchMe } from '@shared/domain/workbench';
import { uncoveredYears, type WorkCalendar } from '@shared/domain/workdays';
import { authorize } from '../authorize';
import type { WenshuDB } from '../database';
import { deadlineLists, incomingProjection, isOverdue } from '../incoming/incoming-index';
import type { Actor } from '../types';
import { loadWorkCalendar } from './calendar';
import { toRow, type IncomingRow } from './incoming';

// 工作台 for each person (issue 14): the reads behind 待我阅, 待我办, 我的督办 and the office's
// 逾期事项, one row per matter (shared/domain/workbench.ts holds the rules).

/** The marks a row carries; a 收文 late and its 督办 late are one row with both. */
export type WorkMark = '收文已超期' | '督办逾期' | '今日到期' | '督办' | '待我阅';

export interface WorkTask {
  id: string;
  serial: string;
  content: string;
  unit: string;
  person: string;
  dueDate: IsoDate;
}

/** One row of a 工作台 list: a 收文 (masked for the viewer), a 督办 task, or both. */
export interface WorkItem {
  key: string;
  incoming?: IncomingRow;
  task?: WorkTask;
  /** The earliest 时限 of the matter. */
  dueDate?: IsoDate;
  overdue: boolean;
  /** "逾期 2 个工作日", or null when not late. */
  late: string | null;
  marks: WorkMark[];
}

export interface Workbench {
  /** 待我阅: 传阅 to me, not yet marked 已阅. */
  toRead: WorkItem[];
  /** 待我办: 承办 by me or my 机构 (with the 督办 that follows it, if any). */
  toHandle: WorkItem[];
  /** 我的督办: tasks naming me or my 机构, not already a row of 待我办. */
  myTasks: WorkItem[];
}

const OPEN_TASK_STATES = ['未开始', '推进中'] as const;

function workTask(t: TaskRecord): WorkTask {
  return { id: t.id, serial: t.serial, content: t.content, unit: t.unit, person: t.person, dueDate: t.dueDate };
}

function itemOf(m: Matter<IncomingRecord, TaskRecord>, actor: Actor, today: IsoDate, calendar: WorkCalendar, extra: WorkMark[] = []): WorkItem {
  const marks: WorkMark[] = [];
  const incomingLate = !!m.incoming && isOverdue(m.incoming, today);
  const taskLate = !!m.task && taskStatus(m.task, today) === '已逾期';
  if (incomingLate) marks.push('收文已超期');
  if (taskLate) marks.push('督办逾期');
  if (m.task && !taskLate && m.incoming) marks.push('督办');
  const dues = [m.incoming?.dueDate, m.task?.dueDate].filter((d): d is string => !!d).sort(compareDates);
  const dueDate = dues[0];
  if (!incomingLate && !taskLate && dueDate === today) marks.push('今日到期');
  const overdue = incomingLate || taskLate;
  return {
    key: m.incoming ? `incoming:${m.incoming.id}` : `task:${m.task!.id}`,
    ...(m.incoming ? { incoming: toRow(m.incoming, actor, today) } : {}),
    ...(m.task ? { task: workTask(m.task) } : {}),
    ...(dueDate ? { dueDate } : {}),
    overdue,
    late: overdue && dueDate ? lateText(calendar, dueDate, today) : null,
    marks: [...marks, ...extra],
  };
}

/** Who "me" is: the account, its 机构 and the 人员名录 entries linked to it. */
async function whoAmI(db: WenshuDB, actor: Actor): Promise<WorkbenchMe> {
  const [user, people] = await Promise.all([db.users.get(actor.id), db.people.toArray()]);
  const dept = user?.departmentId ? await db.departments.get(user.departmentId) : undefined;
  const mine = people.filter((p) => p.userId === actor.id && !p.disabled);
  const uniq = (xs: (string | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x && !!x.trim()))];
  return {
    id: actor.id,
    departmentId: user?.departmentId,
    names: uniq([actor.displayName, ...mine.map((p) => p.name)]),
    units: uniq([dept?.name, ...mine.map((p) => p.unit)]),
  };
}

async function openTasks(db: WenshuDB): Promise<TaskRecord[]> {
  return db.tasks.where('state').anyOf([...OPEN_TASK_STATES]).toArray();
}

/** 工作台 of the signed-in user: what waits for them, overdue first. */
export async function myWorkbench(db: WenshuDB, actor: Actor, today: IsoDate): Promise<Workbench> {
  actor = await authorize(db, actor, 'records.read');
  const [me, entries, tasks, calendar] = await Promise.all([whoAmI(db, actor), incomingProjection(db).current(), openTasks(db), loadWorkCalendar(db)]);
  // The projection names every record's 承办单位 and named users: only those that can be mine are read.
  const candidates: string[] = [];
  for (const e of entries.values()) {
    if (e.state === '已办结' || e.state === '已退回') continue;
    if (e.namedUserIds.includes(me.id) || (!!me.departmentId && e.hostDeptId === me.departmentId)) candidates.push(e.id);
  }
  const linkedIds = tasks.map(taskIncomingId).filter((id): id is string => !!id);
  const read = await db.incoming.bulkGet([...new Set([...candidates, ...linkedIds])]);
  const byId = new Map(read.filter((r): r is IncomingRecord => !!r).map((r) => [r.id, r]));
  const records = candidates.map((id) => byId.get(id)).filter((r): r is IncomingRecord => !!r);
  const handle = records.filter((r) => awaitsMyHandling(r, me));
  const handleIds = new Set(handle.map((r) => r.id));
  const toRead = records.filter((r) => awaitsMyReading(r, me) && !handleIds.has(r.id));
  const readToo = new Set(records.filter((r) => awaitsMyReading(r, me)).map((r) => r.id));
  const mineTasks = tasks.filter((t) => isMyTask(t, me, byId.get(taskIncomingId(t) ?? '')));
  // A task following a 收文 of 待我办 is that row's 督办 mark, not a second row.
  const matters = mergeMatters(handle, mineTasks);
  return {
    toRead: overdueFirst(toRead.map((r) => itemOf({ incoming: r }, actor, today, calendar))),
    toHandle: overdueFirst(matters.filter((m) => m.incoming).map((m) => itemOf(m, actor, today, calendar, readToo.has(m.incoming!.id) ? ['待我阅'] : []))),
    myTasks: overdueFirst(matters.filter((m) => !m.incoming).map((m) => itemOf(m, actor, today, calendar))),
  };
}

/**
 * The office's 逾期事项 (for the 秘书): 收文 past their 办理时限 and 督办 past their 时限, a 收文 and
 * the task made from its 批示 being one row with both marks. `total` counts matters, not marks.
 */
export async function overdueMatters(db: WenshuDB, actor: Actor, today: IsoDate, limit = 50): Promise<{ total: number; rows: WorkItem[] }> {
  actor = await authorize(db, actor, 'records.read');
  const [entries, tasks, calendar] = await Promise.all([incomingProjection(db).current(), openTasks(db), loadWorkCalendar(db)]);
  const lateEntries = deadlineLists(entries.values(), today, calendar).overdue;
  const lateTasks = tasks.filter((t) => taskStatus(t, today) === '已逾期');
  // Pairing needs the 收文 of each late task, late itself or not (its own 时限 may differ).
  const ids = [...new Set([...lateEntries.map((e) => e.id), ...lateTasks.map(taskIncomingId).filter((id): id is string => !!id)])];
  const read = (await db.incoming.bulkGet(ids)).filter((r): r is IncomingRecord => !!r && r.state !== '已办结' && r.state !== '已退回');
  const lateIds = new Set(lateEntries.map((e) => e.id));
  const linkedToLateTask = new Set(lateTasks.map(taskIncomingId));
  const incoming = read.filter((r) => lateIds.has(r.id) || linkedToLateTask.has(r.id));
  const rows = overdueFirst(mergeMatters(incoming, lateTasks).map((m) => itemOf(m, actor, today, calendar)));
  return { total: rows.length, rows: rows.slice(0, limit) };
}

/**
 * The years without an official holiday schedule that 工作台 must warn about: today's year; a year
 * holding a deadline this user sees on 工作台 (all open ones for the 秘书); and, for whoever keeps
 * the calendar, next year from November (the notice comes out in the autumn).
 */
export async function calendarGaps(db: WenshuDB, actor: Actor, today: IsoDate): Promise<{ years: number[]; deadlines: number }> {
  actor = await authorize(db, actor, null);
  const calendar = await loadWorkCalendar(db);
  const dates: IsoDate[] = [];
  if (can(actor, 'incoming.process') || can(actor, 'supervision.manage')) {
    const [entries, tasks] = await Promise.all([incomingProjection(db).current(), openTasks(db)]);
    for (const e of entries.values()) if (e.dueDate && e.state !== '已办结' && e.state !== '已退回') dates.push(e.dueDate);
    for (const t of tasks) dates.push(t.dueDate);
  } else if (can(actor, 'records.read')) {
    const w = await myWorkbench(db, actor, today);
    for (const i of [...w.toRead, ...w.toHandle, ...w.myTasks]) if (i.dueDate) dates.push(i.dueDate);
  }
  const inGap = uncoveredYears(calendar, dates);
  const deadlines = dates.filter((d) => inGap.includes(Number(d.slice(0, 4)))).length;
  const years = new Set([...inGap, ...uncoveredYears(calendar, [today])]);
  if (can(actor, 'settings.manage') && today.slice(5) >= '11-01') for (const y of uncoveredYears(calendar, [addDays(today, 62)])) years.add(y);
  return { years: [...years].sort((a, b) => a - b), deadlines };
}
