import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isClassified, type Classification } from '../../shared/domain/enums';
import { correctMinutes, createMeeting, editMeeting, issueMinutes, MEETING_NOT_FOUND, saveMinutesDraft, signIn, type MeetingActor, type MeetingInput, type MinutesInput } from '../../shared/domain/meeting';
import { correctMeetingInfo, meetingCorrectionAudit, type MeetingInfo } from '../../shared/domain/meeting-correction';
import type { Attendance, MeetingRecord } from '../../shared/domain/meeting-types';
import { lanClassificationRefusal, meetingReachesSeat } from '../../shared/domain/lan-scope';
import { formatRegisterNumber, minutesSeries, SERIES_PATTERNS } from '../../shared/domain/numbering';
import { auditLabel, MEETINGS_REGISTER } from '../../shared/domain/registers';
import { RuleError } from '../../shared/domain/rule-error';
import type pg from 'pg';
import { meetingSettingsSchema, SETTINGS, type MeetingSettings } from '../../shared/domain/settings-schemas';
import { decisionsWithoutTask, minutesCorrectionTasks, tasksFromMinutes } from '../../shared/domain/supervision';
import type { TaskRecord } from '../../shared/domain/supervision-types';
import { createWorkCalendar, type CalendarOverride, type WorkCalendar } from '../../shared/domain/workdays';
import { readMeta, writeMeta } from './db';
import { CALENDAR_KEY, lanSettings } from './incoming';
import { ConflictError, defineServerCommand, type ServerContext } from './pipeline';
import { TASKS } from './supervision';

// 会议 and 会议纪要 on the office LAN server (issue #19): the PC's meeting.* and minutes.* commands
// (renderer/db/repositories/meetings.ts), applying the same shared/domain rules to the records in
// PostgreSQL. 签发 numbers the minutes in their 会议类型's series and makes one 督办 事项 per
// 议定事项 in the office's one 督办 series, in the same transaction; 更正 follows them
// (minutesCorrectionTasks, as on the PC). A meeting above the LAN's 最高密级 is refused.

const TBL = MEETINGS_REGISTER.table;

/** 会议设置 on the server (会议类型, 纪要编号格式, 签发时限, 印发机关): one for the office, set from a seat (serverSaveMeetingSettings). */
export const MEETING_SETTINGS_KEY = 'meetings';

/** The office's 会议设置 as they stand (over the defaults, as a PC reads its own). */
export async function meetingSettings(client: pg.ClientBase): Promise<MeetingSettings> {
  const stored = await readMeta<Partial<MeetingSettings> | null>(client, MEETING_SETTINGS_KEY, null);
  const parsed = meetingSettingsSchema.safeParse({ ...SETTINGS.meetings.default, ...(stored ?? {}) });
  return parsed.success ? parsed.data : SETTINGS.meetings.default;
}

/**
 * 会议设置 from a seat (the 秘书's, as on one PC): the server numbers minutes with them, and every
 * seat takes them with its next pull, so the office keeps one 纪要编号格式 and one 签发时限.
 */
export const serverSaveMeetingSettings = defineServerCommand({
  name: 'settings.meetings',
  input: meetingSettingsSchema,
  permission: 'meetings.manage',
  run: async (ctx, value): Promise<MeetingSettings> => {
    await writeMeta(ctx.client, MEETING_SETTINGS_KEY, value);
    const { action, summary } = SETTINGS.meetings.audit!(value);
    ctx.audit({ action, entityType: '设置', entityId: MEETING_SETTINGS_KEY, summary });
    return value;
  },
});

const actorOf = (ctx: ServerContext): MeetingActor => ({ id: ctx.actor.id, name: ctx.actor.displayName, roles: ctx.actor.roles });
const label = (m: MeetingRecord) => auditLabel(MEETINGS_REGISTER, m);
const anObject = <T>() => z.custom<T>((v) => typeof v === 'object' && v !== null);

async function calendarOf(ctx: ServerContext): Promise<WorkCalendar> {
  return createWorkCalendar(await readMeta<CalendarOverride[]>(ctx.client, CALENDAR_KEY, []));
}

async function refuseAbove(ctx: ServerContext, classification: Classification | undefined): Promise<void> {
  if (!classification) return;
  const refusal = lanClassificationRefusal(classification, (await lanSettings(ctx.client)).maxClassification);
  if (refusal) throw RuleError.at('classification', refusal.replace('登记', '登记会议'));
}

/** The meeting, locked, when it reaches the actor (else it is answered as one that does not exist). */
async function meetingFor(ctx: ServerContext, id: string): Promise<{ row: MeetingRecord; version: number }> {
  const stored = await ctx.get<MeetingRecord>(TBL, id, true);
  if (!stored || !meetingReachesSeat(ctx.actor, stored.row)) throw new RuleError(MEETING_NOT_FOUND);
  return stored;
}

/** A rule refused on a meeting another seat changed since this one saw it: 已被他人处理, with the server's version. */
async function applying<T>(stored: { row: MeetingRecord; version: number }, baseVersion: number | undefined, apply: () => T | Promise<T>): Promise<T> {
  try {
    return await apply();
  } catch (e) {
    if (e instanceof RuleError && baseVersion !== undefined && baseVersion !== stored.version) throw new ConflictError(e.message, { tbl: TBL, row: stored.row, version: stored.version });
    throw e;
  }
}

const base = { id: z.string().min(1), baseVersion: z.number().int().positive().optional() };

export const serverCreateMeeting = defineServerCommand({
  name: 'meeting.create',
  input: anObject<MeetingInput>(),
  permission: 'meetings.manage',
  run: async (ctx, input): Promise<MeetingRecord> => {
    await refuseAbove(ctx, input.classification);
    const record = createMeeting(input, randomUUID(), actorOf(ctx), ctx.now);
    await ctx.put(TBL, record.id, record);
    ctx.audit({ action: '新建会议', entityType: '会议', entityId: record.id, summary: `${label(record)}，邀请 ${record.invitees.length} 人` });
    return record;
  },
});

/** A command that reads one meeting, applies a rule and stores it with its audit entry (the PC's `change`). */
function serverMeetingChange<N extends string, I extends { id: string; baseVersion?: number | undefined }>(
  name: N,
  action: string,
  permission: 'meetings.manage' | null,
  input: z.ZodType<I>,
  apply: (m: MeetingRecord, input: I, actor: MeetingActor, ctx: ServerContext) => MeetingRecord | Promise<MeetingRecord>,
  summary: (after: MeetingRecord) => string,
) {
  return defineServerCommand({
    name,
    input,
    permission,
    run: async (ctx, data: I): Promise<MeetingRecord> => {
      const stored = await meetingFor(ctx, data.id);
      const after = await applying(stored, data.baseVersion, () => apply(stored.row, data, actorOf(ctx), ctx));
      await ctx.put(TBL, data.id, after);
      const more = summary(after);
      ctx.audit({ action, entityType: '会议', entityId: data.id, summary: `${label(after)}${more ? ` ${more}` : ''}` });
      return after;
    },
  });
}

export const serverEditMeeting = serverMeetingChange(
  'meeting.edit',
  '修改会议',
  'meetings.manage',
  z.object({ ...base, meeting: anObject<MeetingInput>() }),
  async (m, { meeting }, actor, ctx) => {
    await refuseAbove(ctx, meeting.classification);
    return editMeeting(m, meeting, actor, ctx.now);
  },
  () => '',
);

export const serverSignIn = serverMeetingChange(
  'meeting.signIn',
  '会议签到',
  'meetings.manage',
  z.object({ ...base, personId: z.string(), attendance: anObject<Attendance>() }),
  (m, { personId, attendance }, actor, ctx) => signIn(m, personId, attendance, actor, ctx.now),
  (m) => m.history[m.history.length - 1]?.note ?? '',
);

export const serverSaveMinutesDraft = serverMeetingChange(
  'minutes.saveDraft',
  '保存纪要',
  'meetings.manage',
  z.object({ ...base, minutes: anObject<MinutesInput>() }),
  async (m, { minutes }, actor, ctx) => saveMinutesDraft(m, minutes, await calendarOf(ctx), actor, ctx.now),
  (m) => `议定事项 ${m.draft?.decisions.length ?? 0} 项`,
);

/** 更正 of a meeting's registration before 签发: old → new and the reason, a classified meeting's words left out of the audit log. */
export const serverCorrectMeeting = defineServerCommand({
  name: 'meeting.correct',
  input: z.object({ ...base, meeting: anObject<MeetingInfo>(), reason: z.custom<string>() }),
  permission: null,
  run: async (ctx, { id, meeting, reason, baseVersion }): Promise<MeetingRecord> => {
    const stored = await meetingFor(ctx, id);
    await refuseAbove(ctx, meeting.classification);
    const corrected = await applying(stored, baseVersion, () => correctMeetingInfo(stored.row, meeting, reason, actorOf(ctx), ctx.now));
    const after = corrected.record;
    await ctx.put(TBL, id, after);
    ctx.audit(meetingCorrectionAudit(stored.row, corrected, label));
    return after;
  },
});

/** The next 督办编号s, from the server's counter (as createServerTask takes them). */
async function taskIds(ctx: ServerContext, count: number): Promise<{ id: string; serial: string }[]> {
  const year = ctx.now.getFullYear();
  const out: { id: string; serial: string }[] = [];
  for (let i = 0; i < count; i++) out.push({ id: randomUUID(), serial: formatRegisterNumber(SERIES_PATTERNS.督办.pattern, year, await ctx.takeNumber(SERIES_PATTERNS.督办.series, year), '') });
  return out;
}

const taskActor = (ctx: ServerContext) => ({ id: ctx.actor.id, name: ctx.actor.displayName, roles: ctx.actor.roles });

/** 签发: the minutes numbered in their 会议类型's series for the meeting's year, one 督办 事项 per 议定事项. */
export const serverIssueMinutes = defineServerCommand({
  name: 'minutes.issue',
  input: z.object(base),
  permission: 'minutes.issue',
  run: async (ctx, { id, baseVersion }): Promise<{ meeting: MeetingRecord; tasks: TaskRecord[] }> => {
    const stored = await meetingFor(ctx, id);
    const before = stored.row;
    const { minutesPattern } = await meetingSettings(ctx.client);
    const year = Number(before.meetingDate.slice(0, 4));
    const calendar = await calendarOf(ctx);
    // A refused 签发 (twice, no text …) throws and rolls the number back with it.
    const seq = await ctx.takeNumber(minutesSeries(before.meetingType), year);
    const after = await applying(stored, baseVersion, () => issueMinutes(before, { number: formatRegisterNumber(minutesPattern, year, seq, ''), year, seq }, calendar, actorOf(ctx), ctx.now));
    const ids = await taskIds(ctx, after.issued!.decisions.length);
    const tasks = tasksFromMinutes(after, after.issued!, () => ids.shift()!, taskActor(ctx), ctx.now);
    await ctx.put(TBL, id, after);
    for (const t of tasks) await ctx.put(TASKS, t.id, t);
    ctx.audit({ action: '签发纪要', entityType: '会议', entityId: id, summary: `${label(after)} ${after.issued!.number}，议定事项 ${tasks.length} 项转督办` });
    for (const t of tasks) ctx.audit({ action: '新建督办', entityType: '督办', entityId: t.id, summary: `${t.serial} 来源：${after.issued!.number}；责任单位：${t.unit}；时限：${t.dueDate}` });
    return { meeting: after, tasks };
  },
});

/** 更正 of issued minutes: the issued text kept with the reason; their 督办 事项 follow (minutesCorrectionTasks). */
export const serverCorrectMinutes = defineServerCommand({
  name: 'minutes.correct',
  input: z.object({ ...base, minutes: anObject<MinutesInput>(), reason: z.string() }),
  permission: 'minutes.issue',
  run: async (ctx, { id, minutes, reason, baseVersion }): Promise<MeetingRecord> => {
    const stored = await meetingFor(ctx, id);
    const after = await applying(stored, baseVersion, async () => correctMinutes(stored.row, minutes, reason, await calendarOf(ctx), actorOf(ctx), ctx.now));
    const { rows } = await ctx.client.query<{ row: TaskRecord }>(`SELECT row FROM records WHERE tbl = $1 AND row->'source'->>'meetingId' = $2 ORDER BY id FOR UPDATE`, [TASKS, id]);
    const existing = rows.map((r) => r.row);
    const ids = await taskIds(ctx, decisionsWithoutTask(after, existing).size);
    const tasks = minutesCorrectionTasks(after, existing, ids, taskActor(ctx), ctx.now);
    await ctx.put(TBL, id, after);
    for (const t of [...tasks.put, ...tasks.add]) await ctx.put(TASKS, t.id, t);
    for (const entry of tasks.audits) ctx.audit(entry);
    ctx.audit({ action: '更正纪要', entityType: '会议', entityId: id, summary: `${label(after)} ${after.issued!.number}：${isClassified(after.classification) ? '（理由略）' : reason.trim()}` });
    return after;
  },
});
