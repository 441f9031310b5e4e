import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { formatRegisterNumber, SERIES_PATTERNS } from '../../shared/domain/numbering';
import { TASKS_REGISTER } from '../../shared/domain/registers';
import { RuleError } from '../../shared/domain/rule-error';
import { completeTask, createTask, TASK_NOT_FOUND, TASK_STEPS, type NewTaskInput, type TaskActor } from '../../shared/domain/supervision';
import type { TaskRecord } from '../../shared/domain/supervision-types';
import { ConflictError, defineServerCommand, type ServerContext } from './pipeline';

// 督办 on the office LAN server (issue #19): the 事项 a 承办 of a 批示'd 收文 makes (numbered here,
// in the office's one 督办 series), its 办结 with the 收文, and the PC's task.progress,
// task.complete and task.remind (renderer/db/repositories/supervision.ts), applying the same
// shared/domain rules, and 口头交办 (task.create). The 事项 of issued minutes are not on the server yet.

export const TASKS = TASKS_REGISTER.table;

const taskActor = (ctx: ServerContext): TaskActor => ({ id: ctx.actor.id, name: ctx.actor.displayName, roles: ctx.actor.roles });

/** A new 督办 事项, numbered 督〔YYYY〕NNNN from the server's counter; `from` says where it came from in the audit log. */
export async function createServerTask(ctx: ServerContext, input: NewTaskInput, from: string): Promise<TaskRecord> {
  const year = ctx.now.getFullYear();
  const seq = await ctx.takeNumber(SERIES_PATTERNS.督办.series, year);
  const task = createTask(input, { id: randomUUID(), serial: formatRegisterNumber(SERIES_PATTERNS.督办.pattern, year, seq, '') }, taskActor(ctx), ctx.now);
  await ctx.put(TASKS, task.id, task);
  ctx.audit({ action: '新建督办', entityType: '督办', entityId: task.id, summary: `${task.serial} ${from}；责任单位：${task.unit}；时限：${task.dueDate}` });
  return task;
}

/** A 收文's 办结 finishes its 督办 事项 (unless already finished). */
export async function finishServerTaskWith(ctx: ServerContext, taskId: string, done: { date: string; result: string }, incomingSerial: string): Promise<void> {
  const stored = await ctx.get<TaskRecord>(TASKS, taskId, true);
  if (!stored || stored.row.state === '已办结') return;
  await ctx.put(TASKS, taskId, completeTask(stored.row, done, taskActor(ctx), ctx.now));
  ctx.audit({ action: '督办办结', entityType: '督办', entityId: taskId, summary: `${stored.row.serial} 随收文 ${incomingSerial} 办结` });
}

/** A command that reads one task, applies a domain rule and stores the result with its audit entry (as the PC's taskChange). */
function serverTaskChange<N extends string, I extends { id: string; baseVersion?: number | undefined }>(name: N, action: string, input: z.ZodType<I>, apply: (t: TaskRecord, input: I, actor: TaskActor, now: Date) => TaskRecord) {
  return defineServerCommand({
    name,
    input,
    permission: 'supervision.manage',
    run: async (ctx, data: I): Promise<TaskRecord> => {
      const stored = await ctx.get<TaskRecord>(TASKS, data.id, true);
      if (!stored) throw new RuleError(TASK_NOT_FOUND);
      let after: TaskRecord;
      try {
        after = apply(stored.row, data, taskActor(ctx), ctx.now);
      } catch (e) {
        // Refused on a task another seat changed since this one saw it: 已被他人处理, with the server's version.
        if (e instanceof RuleError && data.baseVersion !== undefined && data.baseVersion !== stored.version) throw new ConflictError(e.message, { tbl: TASKS, row: stored.row, version: stored.version });
        throw e;
      }
      await ctx.put(TASKS, data.id, after);
      ctx.audit({ action, entityType: '督办', entityId: data.id, summary: `${after.serial} ${stored.row.state} → ${after.state}` });
      return after;
    },
  });
}

/** 口头交办: a 事项 a leader gave by word of mouth, entered by the 秘书 (the PC's task.create), numbered here. */
export const serverCreateTask = defineServerCommand({
  name: 'task.create',
  input: z.object({ content: z.string(), unit: z.string(), person: z.string(), dueDate: z.string(), assignedBy: z.string() }),
  permission: 'supervision.manage',
  run: async (ctx, { assignedBy, ...input }): Promise<TaskRecord> => createServerTask(ctx, { ...input, source: { kind: '口头交办', assignedBy } }, '口头交办'),
});

const base = { id: z.string().min(1), baseVersion: z.number().int().positive().optional() };

export const serverTaskProgress = serverTaskChange('task.progress', TASK_STEPS['task.progress'].action, z.object({ ...base, date: z.string(), text: z.string() }), TASK_STEPS['task.progress'].apply);
export const serverTaskComplete = serverTaskChange('task.complete', TASK_STEPS['task.complete'].action, z.object({ ...base, date: z.string(), result: z.string() }), TASK_STEPS['task.complete'].apply);
export const serverTaskRemind = serverTaskChange('task.remind', TASK_STEPS['task.remind'].action, z.object({ ...base, note: z.string() }), TASK_STEPS['task.remind'].apply);
