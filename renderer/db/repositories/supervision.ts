import { todayIso } from '@shared/domain/dates';
import type { IncomingRecord } from '@shared/domain/incoming-types';
import {
  addProgress,
  buildReport,
  completeTask,
  createTask,
  remindTask,
  taskStatus,
  TaskRuleError,
  type NewTaskInput,
  type TaskActor,
} from '@shared/domain/supervision';
import type { SupervisionReport, TaskRecord, TaskStatus } from '@shared/domain/supervision-types';
import { formatSerial } from '@shared/domain/numbering';
import { isClassified } from '@shared/domain/enums';
import { can } from '@shared/domain/permissions';
import { authorize } from '../authorize';
import type { WenshuDB } from '../database';
import { FieldError, RuleError } from '../errors';
import { newId } from '../ids';
import { takeNextSerial } from '../numbering';
import type { Actor } from '../types';
import { writeWithAudit, type AuditSink } from '../write';

// 督办 (issue #5): one list of every tracked task — 议定事项 of issued minutes (made by
// meetings.ts on 签发), a leader's 批示 on a 收文 (made here when the 收文 is 承办'd), and tasks
// entered by hand (口头交办). Each change and its audit entry share one transaction.

export const TASK_SERIES = '督办';
export const TASK_PATTERN = '督〔YYYY〕NNNN';

/** A new task's id and 督办编号; call inside the writing transaction (db.counters in scope). */
export async function nextTaskIds(db: WenshuDB, now: Date): Promise<{ id: string; serial: string }> {
  const year = now.getFullYear();
  return { id: newId(), serial: formatSerial(TASK_PATTERN, year, await takeNextSerial(db, TASK_SERIES, year)) };
}

function taskActor(a: Actor): TaskActor {
  return { id: a.id, name: a.displayName, roles: a.roles };
}

function ruleToField(e: unknown): never {
  if (e instanceof TaskRuleError) throw e.field ? new FieldError(e.field, e.message) : new RuleError(e.message);
  throw e;
}

/** 口头交办 (or any task entered by hand). */
export async function createManualTask(db: WenshuDB, actor: Actor, input: Omit<NewTaskInput, 'source'> & { assignedBy: string }, now = new Date()): Promise<TaskRecord> {
  actor = await authorize(db, actor, 'supervision.manage');
  const a = taskActor(actor);
  return writeWithAudit(db, actor, [db.tasks, db.counters], async (audit) => {
    let task: TaskRecord;
    try {
      task = createTask({ ...input, source: { kind: '口头交办', assignedBy: input.assignedBy } }, await nextTaskIds(db, now), a, now);
    } catch (e) {
      ruleToField(e);
    }
    await db.tasks.add(task);
    audit({ action: '新建督办', entityType: '督办', entityId: task.id, summary: `${task.serial} 口头交办；责任单位：${task.unit}；时限：${task.dueDate}` });
    return task;
  }, now);
}

async function changeTask(db: WenshuDB, actor: Actor, id: string, action: string, apply: (t: TaskRecord) => TaskRecord, now: Date): Promise<TaskRecord> {
  return writeWithAudit(db, actor, [db.tasks], async (audit) => {
    const before = await db.tasks.get(id);
    if (!before) throw new RuleError('该督办事项不存在');
    let after: TaskRecord;
    try {
      after = apply(before);
    } catch (e) {
      ruleToField(e);
    }
    await db.tasks.put(after);
    audit({ action, entityType: '督办', entityId: id, summary: `${after.serial} ${before.state} → ${after.state}` });
    return after;
  }, now);
}

export async function addTaskProgress(db: WenshuDB, actor: Actor, id: string, input: { date: string; text: string }, now = new Date()): Promise<TaskRecord> {
  actor = await authorize(db, actor, 'supervision.manage');
  const a = taskActor(actor);
  return changeTask(db, actor, id, '督办进展反馈', (t) => addProgress(t, input, a, now), now);
}

export async function finishTask(db: WenshuDB, actor: Actor, id: string, input: { date: string; result: string }, now = new Date()): Promise<TaskRecord> {
  actor = await authorize(db, actor, 'supervision.manage');
  const a = taskActor(actor);
  return changeTask(db, actor, id, '督办办结', (t) => completeTask(t, input, a, now), now);
}

/** A 催办 (the 催办单 is printed with it). */
export async function remindTaskRec(db: WenshuDB, actor: Actor, id: string, note: string, now = new Date()): Promise<TaskRecord> {
  actor = await authorize(db, actor, 'supervision.manage');
  const a = taskActor(actor);
  return changeTask(db, actor, id, '督办催办', (t) => remindTask(t, note, a, now), now);
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

/** Every task matching the filters, 时限 soonest first (finished last). */
export async function listTasks(db: WenshuDB, actor: Actor, q: TaskQuery, today = todayIso()): Promise<TaskRecord[]> {
  await authorize(db, actor, 'records.read');
  const all = q.unit ? await db.tasks.where('unit').equals(q.unit).toArray() : await db.tasks.toArray();
  const needle = q.search?.trim() ?? '';
  return all
    .filter((t) => (!q.status || taskStatus(t, today) === q.status) && (!needle || t.content.includes(needle) || t.serial.includes(needle) || t.person.includes(needle)))
    .sort((a, b) => Number(a.state === '已办结') - Number(b.state === '已办结') || a.dueDate.localeCompare(b.dueDate) || a.serial.localeCompare(b.serial));
}

export async function taskUnits(db: WenshuDB, actor: Actor): Promise<string[]> {
  await authorize(db, actor, 'records.read');
  return ((await db.tasks.orderBy('unit').uniqueKeys()) as string[]).sort((a, b) => a.localeCompare(b, 'zh'));
}

export async function supervisionReport(db: WenshuDB, actor: Actor, kind: SupervisionReport['kind'], anchor: string, today = todayIso()): Promise<SupervisionReport> {
  await authorize(db, actor, 'records.read');
  return buildReport(kind, anchor, await db.tasks.toArray(), today);
}

/** 工作台: overdue tasks, most overdue first. */
export async function overdueTasks(db: WenshuDB, actor: Actor, today = todayIso()): Promise<TaskRecord[]> {
  await authorize(db, actor, 'records.read');
  const open = await db.tasks.where('state').anyOf(['未开始', '推进中']).toArray();
  return open.filter((t) => taskStatus(t, today) === '已逾期').sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}

export type TaskOutputKind = '打印催办单' | '打印督办通报' | '导出督办通报';

export async function recordTaskOutput(db: WenshuDB, actor: Actor, kind: TaskOutputKind, summary: string, entityId = '', now = new Date()): Promise<void> {
  actor = await authorize(db, actor, 'records.read');
  await writeWithAudit(db, actor, [], async (audit) => {
    audit({ action: kind, entityType: '督办', entityId, summary });
  }, now);
}

// --- 收文批示 → 督办 -----------------------------------------------------------------------------

/**
 * Called by the 收文 repository inside its transaction (db.tasks and db.counters in scope), before
 * it stores `after`: a 收文 with a leader's 批示 that is given to a 承办单位 becomes a 督办 task
 * (once; its id is kept on the 收文), and the 收文's 办结 finishes that task with its result.
 * Returns the 收文 to store. An actor without 督办管理 creates no task.
 */
export async function followIncoming(db: WenshuDB, actor: Actor, before: IncomingRecord, after: IncomingRecord, now: Date, audit: AuditSink): Promise<IncomingRecord> {
  const a = taskActor(actor);
  if (!can(a, 'supervision.manage')) return after;
  if (!after.taskId && after.instruction && after.assignment && !before.assignment && after.dueDate) {
    const task = createTask(
      {
        source: { kind: '收文批示', incomingId: after.id, incomingSerial: after.serial, leader: after.instruction.leader },
        // A classified 收文's 批示 names its subject: the task says only where to look.
        content: isClassified(after.classification) ? `落实收文 ${after.serial} 领导批示（涉密，详见收文）` : after.instruction.text,
        unit: after.assignment.host.name,
        person: after.assignment.person?.name ?? '',
        dueDate: after.dueDate,
      },
      await nextTaskIds(db, now),
      a,
      now,
    );
    await db.tasks.add(task);
    audit({ action: '新建督办', entityType: '督办', entityId: task.id, summary: `${task.serial} 来源：收文 ${after.serial} 批示；责任单位：${task.unit}；时限：${task.dueDate}` });
    return { ...after, taskId: task.id };
  }
  if (after.taskId && after.state === '已办结' && before.state !== '已办结') {
    const existing = await db.tasks.get(after.taskId);
    if (existing && existing.state !== '已办结') {
      await db.tasks.put(completeTask(existing, { date: todayIso(now), result: after.result?.text ?? '收文已办结' }, a, now));
      audit({ action: '督办办结', entityType: '督办', entityId: existing.id, summary: `${existing.serial} 随收文 ${after.serial} 办结` });
    }
  }
  return after;
}
