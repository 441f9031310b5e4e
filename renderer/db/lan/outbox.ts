import { z } from 'zod';
import { isClassified } from '@shared/domain/enums';
import { applyIncomingAction, duplicateKeyOf, INCOMING_NOT_FOUND, newIncomingRecord, normalizeRegistration, registrationSchema } from '@shared/domain/incoming';
import type { IncomingAction, IncomingRecord, Registration } from '@shared/domain/incoming-types';
import { auditLabel, INCOMING_REGISTER, MEETINGS_REGISTER, TASKS_REGISTER } from '@shared/domain/registers';
import { RuleError } from '@shared/domain/rule-error';
import { todayIso } from '@shared/domain/dates';
import { cleanParagraphs } from '@shared/domain/text';
import { firstZodProblem } from '@shared/domain/zod-problem';
import { lanClassificationRefusal } from '@shared/domain/lan-scope';
import { LAN_CLASSIFIED_REFUSAL, LAN_SUPERVISED_OFFLINE, type CommandReply, type ServerRow } from '@shared/domain/lan-protocol';
import { incomingTaskInput, TASK_NOT_FOUND, TASK_STEP_NAMES, TASK_STEPS, type TaskStepName } from '@shared/domain/supervision';
import type { TaskRecord } from '@shared/domain/supervision-types';
import { defineCommand } from '../commands/define';
import type { WenshuDB } from '../database';
import { INCOMING_PROJECTION, toIndexEntry } from '../incoming/incoming-index';
import { writeProjectionDelta, writeProjectionRemoval } from '../projection';
import { loadWorkCalendar } from '../repositories/calendar';
import { DuplicateIncomingError, findDuplicate } from '../repositories/incoming';
import { lanMaxClassification, serverVersion, versionKey } from './pull';
import type { OutboxRow, ServerCall } from './seat-types';

// A seat of the office LAN working offline (issue #19). A 收文 registered while the server cannot
// be reached is kept here as provisional, numbered 待编号, and a step taken on a 收文 is applied
// here as well; each waits in the outbox, written in the command's own transaction, and is sent in
// order when the server is back (flushOutbox). The server numbers the registration (its copy keeps
// the id this PC gave it, so the pull replaces the provisional row) or refuses the command: then
// the record is put back as the server has it and the refusal is listed (lanConflicts).

/** The 收文编号 of a 收文 registered offline, until the server gives it its number. */
export const PENDING_SERIAL = '待编号';
/** 收文编号 is unique: each provisional one is told apart by the start of its id (待编号·1a2b3c). */
export const pendingSerial = (id: string) => `${PENDING_SERIAL}·${id.slice(0, 6)}`;


const label = (r: IncomingRecord) => auditLabel(INCOMING_REGISTER, r);
const TASKS = TASKS_REGISTER.table;

export const registerPendingCommand = defineCommand({
  name: 'lan.registerPending',
  input: z.object({
    registration: z.custom<Registration>((v) => typeof v === 'object' && v !== null),
    duplicateReason: z.string().optional(),
    id: z.string().min(8),
    clientId: z.string().min(8),
  }),
  permission: 'incoming.process',
  tables: ['incoming', 'projectionDeltas', 'lanOutbox'],
  prepare: async (db, _actor, input, now) => {
    const parsed = registrationSchema.safeParse(input.registration);
    if (!parsed.success) throw firstZodProblem(parsed.error);
    const reg = normalizeRegistration(parsed.data as Registration);
    if (reg.receivedDate > todayIso(now)) throw RuleError.at('receivedDate', '收文日期不能晚于今天');
    // The LAN's 最高密级 as the server last said it (内部 until it has): never queued when above it.
    const refusal = lanClassificationRefusal(reg.classification, await lanMaxClassification(db));
    if (refusal) throw RuleError.at('classification', refusal);
    if (isClassified(reg.classification)) throw RuleError.at('classification', LAN_CLASSIFIED_REFUSAL);
    return { reg };
  },
  run: async ({ db, actor, now, audit, add }, input, { reg }): Promise<IncomingRecord> => {
    const dup = await findDuplicate(db, duplicateKeyOf(reg.fromUnit, reg.docNumber));
    const reason = cleanParagraphs(input.duplicateReason);
    if (dup && !reason) throw new DuplicateIncomingError({ id: dup.id, serial: dup.serial, receivedDate: dup.receivedDate });
    const record = newIncomingRecord(reg, {
      id: input.id,
      seq: 0,
      serial: pendingSerial(input.id),
      by: { id: actor.id, name: actor.displayName },
      now,
      via: '登记',
      ...(dup && reason ? { duplicateOverride: { ofId: dup.id, ofSerial: dup.serial, reason } } : {}),
    });
    await add('incoming', record);
    await writeProjectionDelta(db, INCOMING_PROJECTION, toIndexEntry(record), true);
    const call: ServerCall = { clientId: input.clientId, name: 'incoming.register', input: { registration: reg, ...(reason ? { duplicateReason: reason } : {}), id: record.id } };
    await add('lanOutbox', { call, recordId: record.id, before: null, label: label(record), at: now.toISOString(), accountId: actor.id });
    audit({ action: '收文登记（待编号）', entityType: '收文', entityId: record.id, summary: `${label(record)}：服务器暂不可达，恢复连接后由服务器编号` });
    return record;
  },
});

export const actPendingCommand = defineCommand({
  name: 'lan.actPending',
  input: z.object({
    id: z.string().min(1),
    action: z.custom<IncomingAction>((v) => typeof v === 'object' && v !== null && 'type' in v),
    clientId: z.string().min(8),
  }),
  permission: null,
  tables: ['incoming', 'projectionDeltas', 'lanOutbox'],
  prepare: async (db, _actor, { id }) => ({ calendar: await loadWorkCalendar(db), baseVersion: await serverVersion(db, INCOMING_REGISTER.table, id) }),
  run: async ({ db, actor, now, audit, put, add }, { id, action, clientId }, { calendar, baseVersion }): Promise<IncomingRecord> => {
    const before = await db.incoming.get(id);
    if (!before) throw new RuleError(INCOMING_NOT_FOUND);
    const after = applyIncomingAction(before, action, { id: actor.id, name: actor.displayName, roles: actor.roles }, now, calendar);
    // A step that makes a 督办 事项 waits for the server, which numbers it: never queued.
    if (incomingTaskInput(actor, before, after)) throw new RuleError(LAN_SUPERVISED_OFFLINE);
    await put('incoming', after);
    await writeProjectionDelta(db, INCOMING_PROJECTION, toIndexEntry(after), false);
    const call: ServerCall = { clientId, name: 'incoming.act', input: { id, action, ...(baseVersion !== undefined ? { baseVersion } : {}) } };
    await add('lanOutbox', { call, recordId: id, before, label: label(after), at: now.toISOString(), accountId: actor.id });
    audit({ action: `收文${action.type}（待上传）`, entityType: '收文', entityId: id, summary: `${label(after)} ${before.state} → ${after.state}：服务器暂不可达，恢复连接后上传` });
    return after;
  },
});

/**
 * A 督办 step (进展反馈, 办结, 催办) taken while the server cannot be reached: applied here by the same
 * rule and queued; the server then applies it, or refuses it (the 事项 put back as it has it).
 */
export const taskPendingCommand = defineCommand({
  name: 'lan.taskPending',
  input: z.object({
    name: z.enum(TASK_STEP_NAMES as [TaskStepName, ...TaskStepName[]]),
    // The step's fields are checked by its domain rule (TASK_STEPS), field by field.
    input: z.custom<{ id: string } & Record<string, unknown>>((v) => typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string'),
    clientId: z.string().min(8),
  }),
  permission: 'supervision.manage',
  tables: ['tasks', 'lanOutbox'],
  prepare: async (db, _actor, { input }) => ({ baseVersion: await serverVersion(db, TASKS, input.id) }),
  run: async ({ db, actor, now, audit, put, add }, { name, input, clientId }, { baseVersion }): Promise<TaskRecord> => {
    const before = await db.tasks.get(input.id);
    if (!before) throw new RuleError(TASK_NOT_FOUND);
    // The server finishes a 事项 with its 收文's 办结: one still waiting here would finish it there
    // first, and this step would come back refused though nobody else acted.
    if (before.source.kind === '收文批示' && (await closingQueued(db, before.source.incomingId))) throw new RuleError(`该事项所属收文 ${before.source.incomingSerial} 的办结尚待上传，上传后事项随之办结：请恢复连接后再办理`);
    const step = TASK_STEPS[name];
    const after = step.apply(before, input as never, { id: actor.id, name: actor.displayName, roles: actor.roles }, now);
    await put('tasks', after);
    const call: ServerCall = { clientId, name, input: { ...input, ...(baseVersion !== undefined ? { baseVersion } : {}) } };
    await add('lanOutbox', { call, recordId: before.id, tbl: TASKS, before, label: `督办 ${before.serial}`, at: now.toISOString(), accountId: actor.id });
    audit({ action: `${step.action}（待上传）`, entityType: '督办', entityId: before.id, summary: `${after.serial} ${before.state} → ${after.state}：服务器暂不可达，恢复连接后上传` });
    return after;
  },
});

/** Whether a 办结 of this 收文 waits in the outbox. */
async function closingQueued(db: WenshuDB, incomingId: string): Promise<boolean> {
  return (await db.lanOutbox.toArray()).some((r) => r.recordId === incomingId && r.call.name === 'incoming.act' && (r.call.input['action'] as { type?: unknown } | undefined)?.type === '办结');
}

/** A request's outcome at the seat's link: the server's body, or why there is none. */
export type Posted = { ok: true; body: unknown } | { ok: false; status: number; message: string; field?: string };
export type Post = (path: '/api/command' | '/api/pull' | '/api/accounts', body: unknown) => Promise<Posted>;

/** The link is down (no answer, or the server failing or busy): try again later. */
export function unreachable(r: Posted): boolean {
  return !r.ok && (r.status === 0 || r.status === 429 || r.status >= 500);
}

/** Puts the server's version of a record here (an answer's `current`). */
export async function putServerRow(db: WenshuDB, current: ServerRow): Promise<void> {
  if (current.tbl === TASKS || current.tbl === MEETINGS_REGISTER.table) {
    // No search projection to follow: the row and its version.
    const row = current.row as { id: string };
    const table = db.table(current.tbl);
    await db.transaction('rw', [table, db.lanVersions], async () => {
      await table.put(row);
      await db.lanVersions.put({ key: versionKey(current.tbl, row.id), version: current.version });
    });
    return;
  }
  if (current.tbl !== INCOMING_REGISTER.table) return;
  const row = current.row as IncomingRecord;
  await db.transaction('rw', [db.incoming, db.projectionDeltas, db.lanVersions], async () => {
    const existed = !!(await db.incoming.get(row.id));
    await db.incoming.put(row);
    await writeProjectionDelta(db, INCOMING_PROJECTION, toIndexEntry(row), !existed);
    await db.lanVersions.put({ key: versionKey(current.tbl, row.id), version: current.version });
  });
}

/**
 * A command of the outbox the server refused: taken out with every later one on the same record
 * (they built on it), each listed, and the record put back as the server has it (its answer's
 * `current`), else as it was before the first of them (a step), else removed (a registration the
 * server never took).
 */
async function settleRefused(db: WenshuDB, row: OutboxRow, message: string, current: ServerRow | null): Promise<void> {
  await db.transaction('rw', [db.incoming, db.tasks, db.projectionDeltas, db.lanOutbox, db.lanConflicts, db.lanVersions], async () => {
    const later = (await db.lanOutbox.where(':id').above(row.seq!).toArray()).filter((r) => r.recordId === row.recordId);
    await db.lanOutbox.bulkDelete([row.seq!, ...later.map((r) => r.seq!)]);
    const at = new Date().toISOString();
    await db.lanConflicts.bulkPut([
      { clientId: row.call.clientId, recordId: row.recordId, label: row.label, message, at, accountId: row.accountId },
      ...later.map((r) => ({ clientId: r.call.clientId, recordId: r.recordId, label: r.label, message: `随前一操作一并撤销（${message}）`, at, accountId: r.accountId })),
    ]);
    if (current && (current.tbl === INCOMING_REGISTER.table || current.tbl === TASKS)) await putServerRow(db, current);
    else if (row.tbl === TASKS) {
      // A 督办 step is never a registration: there is always the 事项 as it was.
      if (row.before) await db.tasks.put(row.before as TaskRecord);
    } else if (row.before) {
      await db.incoming.put(row.before as IncomingRecord);
      await writeProjectionDelta(db, INCOMING_PROJECTION, toIndexEntry(row.before as IncomingRecord), false);
    } else if (await db.incoming.get(row.recordId)) {
      await db.incoming.delete(row.recordId);
      await writeProjectionRemoval(db, INCOMING_PROJECTION, [row.recordId]);
    }
  });
}

export type Delivery = 'done' | 'offline' | 'signed-out';

/** The signed-in account's commands waiting in the outbox, in order. */
export async function outboxOf(db: WenshuDB, accountId: string): Promise<OutboxRow[]> {
  return (await db.lanOutbox.toArray()).filter((r) => r.accountId === accountId);
}

/**
 * Sends `accountId`'s outbox in order, each command once (its clientId makes a resend harmless).
 * Another person's commands made on this PC wait for that person's next session.
 */
export async function flushOutbox(db: WenshuDB, post: Post, accountId: string, stopped: () => boolean = () => false): Promise<Delivery> {
  for (;;) {
    const next = (await outboxOf(db, accountId))[0];
    if (!next) return 'done';
    const reply = await post('/api/command', next.call);
    // Signed out meanwhile: the answer is the server's to keep; this PC may be another person's now.
    if (stopped()) return 'signed-out';
    if (unreachable(reply)) return 'offline';
    if (!reply.ok) {
      if (reply.status === 401) return 'signed-out';
      await settleRefused(db, next, `服务器未接受：${reply.message}`, null);
      continue;
    }
    const body = reply.body as CommandReply;
    if (body.ok) {
      await db.lanOutbox.delete(next.seq!);
      continue;
    }
    await settleRefused(db, next, body.code === 'conflict' ? body.message : `服务器未接受：${body.message}`, body.current ?? null);
  }
}
