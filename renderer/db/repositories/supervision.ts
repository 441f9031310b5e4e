import Dexie, { type IndexableType } from 'dexie';
import { z } from 'zod';
import { isIsoDate, todayIso } from '@shared/domain/dates';
import type { IncomingRecord } from '@shared/domain/incoming-types';
import { buildReport, completeTask, createTask, incomingTaskInput, issueBulletin, reportPeriod, taskDoneWithIncoming, taskFinishedBy, taskStatus, TASK_NOT_FOUND, TASK_STEPS, type NewTaskInput, type TaskActor } from '@shared/domain/supervision';
import { TASK_STATUSES, type IssuedBulletin, type SupervisionReport, type TaskRecord, type TaskStatus } from '@shared/domain/supervision-types';
import { formatSerial, SERIES_PATTERNS } from '@shared/domain/numbering';
import { authorize } from '../authorize';
import type { WenshuDB } from '../database';
import { newId } from '../ids';
import { takeNextSerial, takeRegisterNumber } from '../numbering';
import type { Actor } from '../types';
import type { AuditSink } from '../write';
import { defineCommand, type CommandWriter } from '../commands/define';
import { runCommand } from '../commands/execute';
import { RuleError } from '@shared/domain/rule-error';
import { loadWorkCalendar } from './calendar';
import { getUnitInfo } from './settings';

// 督办 (issue #5): one list of every tracked task — 议定事项 of issued minutes (made by
// meetings.ts on 签发), a leader's 批示 on a 收文 (made here when the 收文 is 承办'd), and tasks
// entered by hand (口头交办). Every change is a command (commands/define.ts): the task, its
// counter and its audit entry share one transaction.

export const TASK_SERIES = SERIES_PATTERNS.督办.series;
export const TASK_PATTERN = SERIES_PATTERNS.督办.pattern;

/** What writes tasks and their counter: a command's writer with both tables declared. */
export type TaskWriter = Pick<CommandWriter<'tasks' | 'counters'>, 'put' | 'add'>;

/** A new task's id and 督办编号; call inside the writing command (counters declared). */
export async function nextTaskIds(db: WenshuDB, writer: Pick<CommandWriter<'counters'>, 'put'>, now: Date): Promise<{ id: string; serial: string }> {
  const { serial } = await takeRegisterNumber(db, TASK_SERIES, now.getFullYear(), writer);
  return { id: newId(), serial };
}

function taskActor(a: Actor): TaskActor {
  return { id: a.id, name: a.displayName, roles: a.roles };
}

// Task fields are checked by the domain rules (createTask, addProgress …), field by field.
const anObject = <T>() => z.custom<T>((v) => typeof v === 'object' && v !== null);

/** 口头交办 (or any task entered by hand). */
export const createTaskCommand = defineCommand({
  name: 'task.create',
  input: anObject<Omit<NewTaskInput, 'source'> & { assignedBy: string }>(),
  permission: 'supervision.manage',
  tables: ['tasks', 'counters'],
  run: async ({ db, actor, now, audit, put, add }, input) => {
    const task: TaskRecord = createTask({ ...input, source: { kind: '口头交办', assignedBy: input.assignedBy } }, await nextTaskIds(db, { put }, now), taskActor(actor), now);
    await add('tasks', task);
    audit({ action: '新建督办', entityType: '督办', entityId: task.id, summary: `${task.serial} 口头交办；责任单位：${task.unit}；时限：${task.dueDate}` });
    return task;
  },
});

export async function createManualTask(db: WenshuDB, actor: Actor, input: Omit<NewTaskInput, 'source'> & { assignedBy: string }, now = new Date()): Promise<TaskRecord> {
  return runCommand(db, actor, createTaskCommand, input, now);
}

/** A command that reads one task, applies a domain rule and stores the result with its audit entry. */
function taskChange<N extends string, I extends { id: string }>(name: N, action: string, input: z.ZodType<I>, apply: (t: TaskRecord, input: I, actor: TaskActor, now: Date) => TaskRecord) {
  return defineCommand({
    name,
    input,
    permission: 'supervision.manage',
    tables: ['tasks'],
    run: async ({ db, actor, now, audit, put }, data: I): Promise<TaskRecord> => {
      const before = await db.tasks.get(data.id);
      if (!before) throw new RuleError(TASK_NOT_FOUND);
      const after: TaskRecord = apply(before, data, taskActor(actor), now);
      await put('tasks', after);
      audit({ action, entityType: '督办', entityId: data.id, summary: `${after.serial} ${before.state} → ${after.state}` });
      return after;
    },
  });
}

const withId = <T>() => z.custom<T & { id: string }>((v) => typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string');

export const taskProgressCommand = taskChange('task.progress', TASK_STEPS['task.progress'].action, withId<{ date: string; text: string }>(), TASK_STEPS['task.progress'].apply);
export const taskCompleteCommand = taskChange('task.complete', TASK_STEPS['task.complete'].action, withId<{ date: string; result: string }>(), TASK_STEPS['task.complete'].apply);
/** A 催办 (the 催办单 is printed with it). */
export const taskRemindCommand = taskChange('task.remind', TASK_STEPS['task.remind'].action, withId<{ note: string }>(), TASK_STEPS['task.remind'].apply);

export async function addTaskProgress(db: WenshuDB, actor: Actor, id: string, input: { date: string; text: string }, now = new Date()): Promise<TaskRecord> {
  return runCommand(db, actor, taskProgressCommand, { id, date: input.date, text: input.text }, now);
}

export async function finishTask(db: WenshuDB, actor: Actor, id: string, input: { date: string; result: string }, now = new Date()): Promise<TaskRecord> {
  return runCommand(db, actor, taskCompleteCommand, { id, date: input.date, result: input.result }, now);
}

/** A 催办 (the 催办单 is printed with it). */
export async function remindTaskRec(db: WenshuDB, actor: Actor, id: string, note: string, now = new Date()): Promise<TaskRecord> {
  return runCommand(db, actor, taskRemindCommand, { id, note }, now);
}

export async function getTask(db: WenshuDB, actor: Actor, id: string): Promise<TaskRecord | null> {
  await authorize(db, actor, 'records.read');
  return (await db.tasks.get(id)) ?? null;
}

/** The tasks made from one meeting's 议定事项, in 督办编号 order. */
export async function tasksOfMeeting(db: WenshuDB, actor: Actor, meetingId: string): Promise<TaskRecord[]> {
  await authorize(db, actor, 'records.read');
  return (await db.tasks.where('source.meetingId').equals(meetingId).toArray()).sort((a, b) => a.serial.localeCompare(b.serial));
}

export interface TaskQuery {
  unit?: string;
  status?: TaskStatus;
  search?: string;
}

/** A page of the list: `limit` tasks from position `offset` (0-based). */
export interface TaskPage {
  offset: number;
  limit: number;
}

export interface TaskListResult {
  tasks: TaskRecord[];
  /** Every task matching the filters, not only the page's. */
  total: number;
}

// The list's order: unfinished first, each part by 时限 soonest first, ties by 督办编号. Unfinished
// tasks are few (hundreds) and are always read whole through [state+dueDate]; finished ones are
// most of the table and are read one page at a time through the same index.
// 已撤销 tasks (a 更正 removed their 议定事项) come last; they are few and read whole.
const OPEN_STATES = ['未开始', '推进中'] as const;
const FINISHED = '已办结';
const WITHDRAWN = '已撤销';

function byDueDate(a: TaskRecord, b: TaskRecord): number {
  return a.dueDate.localeCompare(b.dueDate) || a.serial.localeCompare(b.serial);
}

const rank = (t: TaskRecord) => (t.state === WITHDRAWN ? 2 : t.state === FINISHED ? 1 : 0);

function listOrder(a: TaskRecord, b: TaskRecord): number {
  return rank(a) - rank(b) || byDueDate(a, b);
}

/** Tasks stored in `state` with a 时限 from `from` to `to` (both included unless said), by 时限. */
function byStateAndDue(db: WenshuDB, state: TaskRecord['state'], from: IndexableType = Dexie.minKey, to: IndexableType = Dexie.maxKey, includeUpper = true) {
  return db.tasks.where('[state+dueDate]').between([state, from], [state, to], true, includeUpper);
}

/**
* The unfinished tasks with displayed status `status` (any unfinished one when undefined) on
* `today`, in list order. 已逾期 is a 时限 before today, 未开始 / 推进中 one from today on.
*/
async function openTasks(db: WenshuDB, status: TaskStatus | undefined, today: string): Promise<TaskRecord[]> {
  const parts =
    status === '已逾期'
      ? OPEN_STATES.map((s) => byStateAndDue(db, s, Dexie.minKey, today, false).toArray())
      : status === '未开始' || status === '推进中'
        ? [byStateAndDue(db, status, today).toArray()]
        : status === FINISHED || status === WITHDRAWN
          ? []
          : OPEN_STATES.map((s) => byStateAndDue(db, s).toArray());
  return (await Promise.all(parts)).flat().sort(byDueDate);
}

/**
* Finished tasks `offset`..`offset + limit` in list order, read through [state+dueDate]. The index
* orders tasks with the same 时限 by id, the list by 督办编号: the page holds the right 时限s, and
* the tasks of its first and last 时限 (a few each) are read whole to pick the right ones of them.
*/
async function finishedPage(db: WenshuDB, offset: number, limit: number): Promise<TaskRecord[]> {
  if (limit <= 0) return [];
  const page = await byStateAndDue(db, FINISHED).offset(offset).limit(limit).toArray();
  if (!page.length) return page;
  const first = page[0]!.dueDate;
  const last = page[page.length - 1]!.dueDate;
  const [firstDay, lastDay] = await Promise.all([
    byStateAndDue(db, FINISHED, first, first).toArray(),
    last === first ? Promise.resolve([]) : byStateAndDue(db, FINISHED, last, last).toArray(),
  ]);
  // The index orders the first 时限's tasks by id (as IndexedDB compares strings, like JS's <):
  // those before page[0] are on the previous page, so `skip` of them, in list order, are too.
  const skip = firstDay.filter((t) => t.id < page[0]!.id).length;
  const tasks = firstDay.sort(byDueDate).slice(skip, skip + limit);
  if (last !== first) {
    tasks.push(...page.filter((t) => t.dueDate !== first && t.dueDate !== last).sort(byDueDate));
    tasks.push(...lastDay.sort(byDueDate).slice(0, limit - tasks.length));
  }
  return tasks;
}

/**
* The tasks matching a 责任单位 or a search term, in list order, read and filtered in memory: one
* unit's tasks come through the unit index and are few; a search term looks inside 内容, 编号 and
* 责任人, which no index answers, so without a unit it reads every task (acceptable: a search is
* typed, not the page's first view).
*/
async function matchingInMemory(db: WenshuDB, q: TaskQuery, today: string): Promise<TaskRecord[]> {
  const needle = q.search?.trim() ?? '';
  const all = q.unit ? await db.tasks.where('unit').equals(q.unit).toArray() : await db.tasks.toArray();
  return all
    .filter((t) => (!q.status || taskStatus(t, today) === q.status) && (!needle || t.content.includes(needle) || t.serial.includes(needle) || t.person.includes(needle)))
    .sort(listOrder);
}

/**
* The tasks matching the filters, 时限 soonest first (finished last, ties by 督办编号): the page
* asked for (every one without `page`) and how many match in all. Without a unit or a search term
* it reads only the unfinished tasks and the page's finished ones.
*/
export async function listTasks(db: WenshuDB, actor: Actor, q: TaskQuery, today = todayIso(), page?: TaskPage): Promise<TaskListResult> {
  await authorize(db, actor, 'records.read');
  if (q.unit || q.search?.trim()) {
    const matching = await matchingInMemory(db, q, today);
    return { tasks: page ? matching.slice(page.offset, page.offset + page.limit) : matching, total: matching.length };
  }
  return db.transaction('r', db.tasks, async () => {
    const withFinished = !q.status || q.status === FINISHED;
    const withWithdrawn = !q.status || q.status === WITHDRAWN;
    const [open, finishedTotal, withdrawn] = await Promise.all([
      openTasks(db, q.status, today),
      withFinished ? byStateAndDue(db, FINISHED).count() : 0,
      withWithdrawn ? byStateAndDue(db, WITHDRAWN).toArray() : [],
    ]);
    withdrawn.sort(byDueDate);
    const total = open.length + finishedTotal + withdrawn.length;
    const offset = page?.offset ?? 0;
    const limit = page?.limit ?? total;
    const tasks = open.slice(offset, offset + limit);
    if (withFinished && tasks.length < limit) tasks.push(...(await finishedPage(db, Math.max(0, offset - open.length), limit - tasks.length)));
    if (tasks.length < limit) {
      const from = Math.max(0, offset - open.length - finishedTotal);
      tasks.push(...withdrawn.slice(from, from + limit - tasks.length));
    }
    return { tasks, total };
  });
}

export type TaskBoard = Record<TaskStatus, TaskListResult>;

/**
* 看板: per 状态 the first `perColumn` tasks in list order and how many there are. The 已办结
* column is counted and read one page through the index; the others come from the unfinished tasks.
*/
export async function taskBoard(db: WenshuDB, actor: Actor, q: TaskQuery, today = todayIso(), perColumn = 100): Promise<TaskBoard> {
  await authorize(db, actor, 'records.read');
  const board = Object.fromEntries(TASK_STATUSES.map((s) => [s, { tasks: [], total: 0 }])) as unknown as TaskBoard;
  const add = (list: readonly TaskRecord[]) => {
    for (const t of list) {
      const column = board[taskStatus(t, today)];
      column.total++;
      if (column.tasks.length < perColumn) column.tasks.push(t);
    }
  };
  if (q.unit || q.search?.trim()) {
    add(await matchingInMemory(db, q, today));
    return board;
  }
  return db.transaction('r', db.tasks, async () => {
    add(await openTasks(db, q.status, today));
    if (!q.status || q.status === FINISHED) {
      const [total, tasks] = await Promise.all([byStateAndDue(db, FINISHED).count(), finishedPage(db, 0, perColumn)]);
      board[FINISHED] = { tasks, total };
    }
    if (!q.status || q.status === WITHDRAWN) {
      const withdrawn = (await byStateAndDue(db, WITHDRAWN).toArray()).sort(byDueDate);
      board[WITHDRAWN] = { tasks: withdrawn.slice(0, perColumn), total: withdrawn.length };
    }
    return board;
  });
}

export async function taskUnits(db: WenshuDB, actor: Actor): Promise<string[]> {
  await authorize(db, actor, 'records.read');
  return ((await db.tasks.orderBy('unit').uniqueKeys()) as string[]).sort((a, b) => a.localeCompare(b, 'zh'));
}

/**
* The 督办通报 (buildReport) from the tasks that can count in the period: the unfinished ones and
* those finished on or after its first day (a task finished before it is left out of it anyway).
*/
export async function supervisionReport(db: WenshuDB, actor: Actor, kind: SupervisionReport['kind'], anchor: string, today = todayIso()): Promise<SupervisionReport> {
  await authorize(db, actor, 'records.read');
  const { start } = reportPeriod(kind, anchor);
  const tasks = await db.transaction('r', db.tasks, async () => {
    const [open, finished] = await Promise.all([db.tasks.where('state').anyOf(OPEN_STATES).toArray(), db.tasks.where('done.date').aboveOrEqual(start).toArray()]);
    return [...new Map([...open, ...finished].map((t) => [t.id, t])).values()];
  });
  return buildReport(kind, anchor, tasks, today, await loadWorkCalendar(db));
}

// --- 督办通报 印发 ----------------------------------------------------------------------------------

export const BULLETIN_SERIES = SERIES_PATTERNS.督办通报.series;
export const BULLETIN_PATTERN = SERIES_PATTERNS.督办通报.pattern;

const REPORT_KINDS = ['周报', '月报'] as const;
const bulletinInput = z.object({
  kind: z.enum(REPORT_KINDS, { error: '请选择周报或月报' }),
  anchor: z.string().refine(isIsoDate, '请输入有效日期，如 2026-11-25'),
});

/** The issued 通报 of the period containing `anchor`, or null while it has not been issued. */
export async function issuedBulletin(db: WenshuDB, actor: Actor, kind: SupervisionReport['kind'], anchor: string): Promise<IssuedBulletin | null> {
  await authorize(db, actor, 'records.read');
  const { start } = reportPeriod(kind, anchor);
  return (await db.bulletins.where('[kind+start]').equals([kind, start]).first()) ?? null;
}

/**
 * 印发 the 通报 of the period containing `anchor`: it gets the next 期号 of the year (one series
 * for 周报 and 月报, gap-free: the counter is taken in this transaction) and keeps the figures of
 * the day, so every reprint is the same paper with the same number. Once per period.
 */
export const issueReportCommand = defineCommand({
  name: 'supervision.issueReport',
  input: bulletinInput,
  permission: 'supervision.manage',
  tables: ['bulletins', 'counters'],
  prepare: async (db, actor, { kind, anchor }, now) => ({
    report: await supervisionReport(db, actor, kind, anchor, todayIso(now)),
    unitName: (await getUnitInfo(db))?.name ?? '',
  }),
  run: async ({ db, actor, now, audit, put, add }, { kind }, { report, unitName }): Promise<IssuedBulletin> => {
    const existing = await db.bulletins.where('[kind+start]').equals([kind, report.start]).first();
    if (existing) throw new RuleError(`${report.periodText}的督办通报（${kind}）已于 ${existing.issuedDate} 印发，为${existing.year}年${existing.numberText}；可直接打印`);
    const year = now.getFullYear();
    const number = await takeNextSerial(db, BULLETIN_SERIES, year, { put });
    const bulletin = issueBulletin(report, unitName, { id: newId(), year, number, numberText: formatSerial(BULLETIN_PATTERN, year, number) }, taskActor(actor), now);
    await add('bulletins', bulletin);
    audit({
      action: '印发督办通报',
      entityType: '督办通报',
      entityId: bulletin.id,
      summary: `${year}年${bulletin.numberText}：${report.periodText}${kind}；任务 ${report.totals.total} 件，已办结 ${report.totals.done} 件，已逾期 ${report.totals.overdue} 件`,
    });
    return bulletin;
  },
});

/** 工作台: overdue tasks, most overdue first. */
export async function overdueTasks(db: WenshuDB, actor: Actor, today = todayIso()): Promise<TaskRecord[]> {
  await authorize(db, actor, 'records.read');
  const open = await db.tasks.where('state').anyOf(['未开始', '推进中']).toArray();
  return open.filter((t) => taskStatus(t, today) === '已逾期').sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}


// --- 收文批示 → 督办 -----------------------------------------------------------------------------

/**
* Called by the 收文 command inside its transaction, with its writer (tasks and counters declared),
* before it stores `after`: a 收文 with a leader's 批示 that is given to a 承办单位 becomes a 督办 task
* (once; its id is kept on the 收文), and the 收文's 办结 finishes that task with its result.
* Returns the 收文 to store. An actor without 督办管理 creates no task.
*/
export async function followIncoming(
  db: WenshuDB,
  writer: TaskWriter,
  actor: Actor,
  before: IncomingRecord,
  after: IncomingRecord,
  now: Date,
  audit: AuditSink,
  /** The 事项 as worded in the 承办 dialog; default instructionTaskContent (标题 + 批示). */
  taskContent?: string,
): Promise<IncomingRecord> {
  const a = taskActor(actor);
  const made = incomingTaskInput(a, before, after, taskContent);
  if (made) {
    const task = createTask(made, await nextTaskIds(db, writer, now), a, now);
    await writer.add('tasks', task);
    audit({ action: '新建督办', entityType: '督办', entityId: task.id, summary: `${task.serial} 来源：收文 ${after.serial} 批示；责任单位：${task.unit}；时限：${task.dueDate}` });
    return { ...after, taskId: task.id };
  }
  const finished = taskFinishedBy(a, before, after);
  if (finished) {
    const existing = await db.tasks.get(finished);
    if (existing && existing.state !== '已办结') {
      await writer.put('tasks', completeTask(existing, taskDoneWithIncoming(after, now), a, now));
      audit({ action: '督办办结', entityType: '督办', entityId: existing.id, summary: `${existing.serial} 随收文 ${after.serial} 办结` });
    }
  }
  return after;
}
