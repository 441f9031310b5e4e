import { correctMinutes, createMeeting, MEETING_NOT_FOUND, editMeeting, isMinutesOverdue, issueMinutes, minutesDueDate, saveMinutesDraft, signIn, type MeetingActor, type MeetingInput, type MinutesInput } from '@shared/domain/meeting';
import { canSeeMeeting, maskMeeting } from '@shared/domain/need-to-know';
import { auditLabel, MEETINGS_REGISTER } from '@shared/domain/registers';
import { type Attendance, type DirectoryPerson, type MeetingRecord } from '@shared/domain/meeting-types';
import { isClassified } from '@shared/domain/enums';
import { minutesSeries } from '@shared/domain/numbering';
import { decisionsWithoutTask, minutesCorrectionTasks, tasksFromMinutes } from '@shared/domain/supervision';
import { cleanLine } from '@shared/domain/text';
import type { TaskRecord } from '@shared/domain/supervision-types';
import Dexie from 'dexie';
import { authorize } from '../authorize';
import type { WenshuDB } from '../database';
import { newId } from '../ids';
import { peekRegisterNumber, takeRegisterNumber } from '../numbering';
import type { Actor } from '../types';
import type { AuditSink } from '../write';
import { z } from 'zod';
import { defineCommand, type CommandWriter } from '../commands/define';
import { runCommand } from '../commands/execute';
import { getSetting, saveSettingCommand } from './settings';
import type { MeetingSettings } from '@shared/domain/settings-schemas';
import { loadWorkCalendar } from './calendar';
import { nextTaskIds } from './supervision';
import { RuleError } from '@shared/domain/rule-error';
import { correctMeetingInfo, meetingCorrectionAudit, type MeetingInfo } from '@shared/domain/meeting-correction';

// 会议 and 会议纪要 (issue #5). A meeting carries its minutes (draft, issued text, 更正); issuing
// numbers them per series (会议类型) per year and creates one 督办 task per 议定事项, all in one
// transaction with the audit entries. Every change is a command (commands/define.ts). The audit
// log names classified meetings by 密级 only.

export { MEETING_SETTINGS_KEY, type MeetingSettings } from '@shared/domain/settings-schemas';

/** 会议类型, 纪要编号 pattern and 签发时限: a typed setting (shared/domain/settings-schemas). */
export async function getMeetingSettings(db: WenshuDB): Promise<MeetingSettings> {
  return getSetting(db, 'meetings');
}

export async function saveMeetingSettings(db: WenshuDB, actor: Actor, s: MeetingSettings, now = new Date()): Promise<void> {
  await runCommand(db, actor, saveSettingCommand, { key: 'meetings', value: s }, now);
}

// --- 人员名录 -------------------------------------------------------------------------------------

export async function listPeople(db: WenshuDB, actor: Actor, includeDisabled = false): Promise<DirectoryPerson[]> {
  await authorize(db, actor, 'records.read');
  const all = await db.people.toArray();
  return all.filter((p) => includeDisabled || !p.disabled).sort((a, b) => a.unit.localeCompare(b.unit, 'zh') || a.name.localeCompare(b.name, 'zh'));
}

// Inputs are checked by the domain rules (meeting.ts) and below, field by field.
const anObject = <T>() => z.custom<T>((v) => typeof v === 'object' && v !== null);

export const savePersonCommand = defineCommand({
  name: 'people.save',
  input: anObject<Omit<DirectoryPerson, 'id'> & { id?: string }>(),
  permission: 'meetings.manage',
  tables: ['people'],
  run: async ({ db, put, audit }, input): Promise<DirectoryPerson> => {
    const name = cleanLine(input.name);
    if (!name) throw RuleError.at('name', '请填写姓名');
    if (Array.from(name).length > 20) throw RuleError.at('name', '姓名不能超过 20 个字');
    const person: DirectoryPerson = {
      id: input.id ?? newId(),
      name,
      unit: cleanLine(input.unit),
      title: cleanLine(input.title),
      ...(input.userId ? { userId: input.userId } : {}),
      ...(input.disabled ? { disabled: true } : {}),
    };
    const before = input.id ? await db.people.get(input.id) : undefined;
    await put('people', person);
    audit({ action: before ? '修改人员名录' : '新增人员名录', entityType: '人员', entityId: person.id, summary: `${person.unit} ${person.name} ${person.title}${person.disabled ? '（停用）' : ''}` });
    return person;
  },
});

export async function savePerson(db: WenshuDB, actor: Actor, input: Omit<DirectoryPerson, 'id'> & { id?: string }, now = new Date()): Promise<DirectoryPerson> {
  return runCommand(db, actor, savePersonCommand, input, now);
}

// --- meetings -------------------------------------------------------------------------------------

function meetingActor(a: Actor): MeetingActor {
  return { id: a.id, name: a.displayName, roles: a.roles };
}


/** How the audit log names a meeting: by name unless classified (then by type, date and 密级). */
export function meetingAuditLabel(m: MeetingRecord): string {
  return auditLabel(MEETINGS_REGISTER, m);
}

/** Reads one meeting, applies a rule, stores the result and its audit entry (inside a command). */
async function change(
  db: WenshuDB,
  put: CommandWriter<'meetings'>['put'],
  audit: AuditSink,
  id: string,
  action: string,
  apply: (before: MeetingRecord) => MeetingRecord,
  summary: (after: MeetingRecord) => string = () => '',
): Promise<MeetingRecord> {
  const before = await db.meetings.get(id);
  if (!before) throw new RuleError(MEETING_NOT_FOUND);
  const after: MeetingRecord = apply(before);
  await put('meetings', after);
  audit({ action, entityType: '会议', entityId: id, summary: `${meetingAuditLabel(after)}${summary(after) ? ` ${summary(after)}` : ''}` });
  return after;
}

export const createMeetingCommand = defineCommand({
  name: 'meeting.create',
  input: anObject<MeetingInput>(),
  permission: 'meetings.manage',
  tables: ['meetings'],
  run: async ({ actor, now, add, audit }, input): Promise<MeetingRecord> => {
    const record: MeetingRecord = createMeeting(input, newId(), meetingActor(actor), now);
    await add('meetings', record);
    audit({ action: '新建会议', entityType: '会议', entityId: record.id, summary: `${meetingAuditLabel(record)}，邀请 ${record.invitees.length} 人` });
    return record;
  },
});

export async function createMeetingRecord(db: WenshuDB, actor: Actor, input: MeetingInput, now = new Date()): Promise<MeetingRecord> {
  return runCommand(db, actor, createMeetingCommand, input, now);
}

export const editMeetingCommand = defineCommand({
  name: 'meeting.edit',
  input: z.object({ id: z.string().min(1), meeting: anObject<MeetingInput>() }),
  permission: 'meetings.manage',
  tables: ['meetings'],
  run: async ({ db, actor, now, put, audit }, { id, meeting }) => change(db, put, audit, id, '修改会议', (m) => editMeeting(m, meeting, meetingActor(actor), now)),
});

export async function updateMeeting(db: WenshuDB, actor: Actor, id: string, input: MeetingInput, now = new Date()): Promise<MeetingRecord> {
  return runCommand(db, actor, editMeetingCommand, { id, meeting: input }, now);
}

/**
 * 更正 of a meeting's registration fields before 签发 (shared/domain/meeting-correction.ts): old →
 * new and the reason in its history; in the audit log too, a classified meeting's name, 地点 and
 * 议题 and the reason left out.
 */
export const correctMeetingCommand = defineCommand({
  name: 'meeting.correct',
  input: z.object({ id: z.string().min(1), meeting: anObject<MeetingInfo>(), reason: z.custom<string>() }),
  permission: null,
  tables: ['meetings'],
  run: async ({ db, actor, now, put, audit }, { id, meeting, reason }) => {
    const before = await db.meetings.get(id);
    if (!before) throw new RuleError(MEETING_NOT_FOUND);
    const corrected = correctMeetingInfo(before, meeting, reason, meetingActor(actor), now);
    const after = corrected.record;
    await put('meetings', after);
    audit(meetingCorrectionAudit(before, corrected, meetingAuditLabel));
    return after;
  },
});

export async function correctMeeting(db: WenshuDB, actor: Actor, id: string, meeting: MeetingInfo, reason: string, now = new Date()): Promise<MeetingRecord> {
  return runCommand(db, actor, correctMeetingCommand, { id, meeting, reason }, now);
}

export const signInCommand = defineCommand({
  name: 'meeting.signIn',
  input: z.object({ id: z.string().min(1), personId: z.string(), attendance: anObject<Attendance>() }),
  permission: 'meetings.manage',
  tables: ['meetings'],
  run: async ({ db, actor, now, put, audit }, { id, personId, attendance }) =>
    change(db, put, audit, id, '会议签到', (m) => signIn(m, personId, attendance, meetingActor(actor), now), (m) => m.history[m.history.length - 1]?.note ?? ''),
});

export async function signInInvitee(db: WenshuDB, actor: Actor, id: string, personId: string, attendance: Attendance, now = new Date()): Promise<MeetingRecord> {
  return runCommand(db, actor, signInCommand, { id, personId, attendance }, now);
}

export const saveMinutesDraftCommand = defineCommand({
  name: 'minutes.saveDraft',
  input: z.object({ id: z.string().min(1), minutes: anObject<MinutesInput>() }),
  permission: 'meetings.manage',
  tables: ['meetings'],
  prepare: async (db) => loadWorkCalendar(db),
  run: async ({ db, actor, now, put, audit }, { id, minutes }, calendar) =>
    change(db, put, audit, id, '保存纪要', (m) => saveMinutesDraft(m, minutes, calendar, meetingActor(actor), now), (m) => `议定事项 ${m.draft?.decisions.length ?? 0} 项`),
});

export async function saveMinutes(db: WenshuDB, actor: Actor, id: string, input: MinutesInput, now = new Date()): Promise<MeetingRecord> {
  return runCommand(db, actor, saveMinutesDraftCommand, { id, minutes: input }, now);
}

/** The number the minutes would get if issued now (display only). */
export async function previewMinutesNumber(db: WenshuDB, meeting: Pick<MeetingRecord, 'meetingType' | 'meetingDate'>): Promise<string> {
  return peekRegisterNumber(db, minutesSeries(meeting.meetingType), Number(meeting.meetingDate.slice(0, 4)));
}

/**
* 签发: numbers the minutes in their series (会议类型) for the meeting's year and creates one
* 督办 task per 议定事项, in one transaction: a refused issue changes nothing.
*/
export const issueMinutesCommand = defineCommand({
  name: 'minutes.issue',
  input: z.object({ id: z.string().min(1) }),
  permission: 'minutes.issue',
  tables: ['meetings', 'counters', 'tasks'],
  prepare: async (db) => ({ calendar: await loadWorkCalendar(db), minutesPattern: (await getMeetingSettings(db)).minutesPattern }),
  run: async ({ db, actor, now, audit, put, add }, { id }, { calendar, minutesPattern }): Promise<{ meeting: MeetingRecord; tasks: TaskRecord[] }> => {
    const before = await db.meetings.get(id);
    if (!before) throw new RuleError(MEETING_NOT_FOUND);
    // A refused issue (twice, no text …) throws below and rolls the number back with it.
    const year = Number(before.meetingDate.slice(0, 4));
    const { seq, serial } = await takeRegisterNumber(db, minutesSeries(before.meetingType), year, { put }, minutesPattern);
    const after: MeetingRecord = issueMinutes(before, { number: serial, year, seq }, calendar, meetingActor(actor), now);
    const ids: { id: string; serial: string }[] = [];
    for (let i = 0; i < after.issued!.decisions.length; i++) ids.push(await nextTaskIds(db, { put }, now));
    const tasks = tasksFromMinutes(after, after.issued!, () => ids.shift()!, { id: actor.id, name: actor.displayName, roles: actor.roles }, now);
    await put('meetings', after);
    for (const t of tasks) await add('tasks', t);
    audit({ action: '签发纪要', entityType: '会议', entityId: id, summary: `${meetingAuditLabel(after)} ${after.issued!.number}，议定事项 ${tasks.length} 项转督办` });
    for (const t of tasks) audit({ action: '新建督办', entityType: '督办', entityId: t.id, summary: `${t.serial} 来源：${after.issued!.number}；责任单位：${t.unit}；时限：${t.dueDate}` });
    return { meeting: after, tasks };
  },
});

export async function issueMeetingMinutes(db: WenshuDB, actor: Actor, id: string, now = new Date()): Promise<{ meeting: MeetingRecord; tasks: TaskRecord[] }> {
  return runCommand(db, actor, issueMinutesCommand, { id }, now);
}

/**
* 更正 of issued minutes: the issued text is kept with the reason; the tasks of changed decisions
* follow (unfinished ones take the new text, unit, person and 时限; a new decision gets a task; the
* task of a removed decision is 撤销'd — kept, counted nowhere — while nothing was done on it).
*/
export const correctMinutesCommand = defineCommand({
  name: 'minutes.correct',
  input: z.object({ id: z.string().min(1), minutes: anObject<MinutesInput>(), reason: z.string() }),
  permission: 'minutes.issue',
  tables: ['meetings', 'counters', 'tasks'],
  prepare: async (db) => loadWorkCalendar(db),
  run: async ({ db, actor, now, audit, put, add }, { id, minutes, reason }, calendar): Promise<MeetingRecord> => {
    const before = await db.meetings.get(id);
    if (!before) throw new RuleError(MEETING_NOT_FOUND);
    const after: MeetingRecord = correctMinutes(before, minutes, reason, calendar, meetingActor(actor), now);
    const existing = await db.tasks.where('source.meetingId').equals(id).toArray();
    const ids: { id: string; serial: string }[] = [];
    for (let i = decisionsWithoutTask(after, existing).size; i > 0; i--) ids.push(await nextTaskIds(db, { put }, now));
    const tasks = minutesCorrectionTasks(after, existing, ids, { id: actor.id, name: actor.displayName, roles: actor.roles }, now);
    await put('meetings', after);
    for (const t of tasks.put) await put('tasks', t);
    for (const t of tasks.add) await add('tasks', t);
    for (const entry of tasks.audits) audit(entry);
    audit({ action: '更正纪要', entityType: '会议', entityId: id, summary: `${meetingAuditLabel(after)} ${after.issued!.number}：${isClassified(after.classification) ? '（理由略）' : reason.trim()}` });
    return after;
  },
});

export async function correctMeetingMinutes(db: WenshuDB, actor: Actor, id: string, input: MinutesInput, reason: string, now = new Date()): Promise<MeetingRecord> {
  return runCommand(db, actor, correctMinutesCommand, { id, minutes: input, reason }, now);
}

// --- reading ---------------------------------------------------------------------------------------

export interface MeetingView {
  record: MeetingRecord;
  canSeeContent: boolean;
}

export async function getMeeting(db: WenshuDB, actor: Actor, id: string): Promise<MeetingView | null> {
  actor = await authorize(db, actor, 'records.read');
  const m = await db.meetings.get(id);
  if (!m) return null;
  const canSeeContent = canSeeMeeting(actor, m);
  return { record: canSeeContent ? m : maskMeeting(m), canSeeContent };
}

export interface MeetingRow {
  view: MeetingView;
  /** The last day to issue; overdue once past it unissued. */
  minutesDue: string;
  overdue: boolean;
}

export interface MeetingQuery {
  meetingType?: string;
  state?: MeetingRecord['minutesState'];
  overdueOnly?: boolean;
}

export interface MeetingPage {
  rows: MeetingRow[];
  /** Meetings matching the query, all pages. */
  total: number;
}

/** Newest first by 开始时间 (ties by id, as the index orders them). */
const newestFirst = (a: MeetingRecord, b: MeetingRecord) => b.startAt.localeCompare(a.startAt) || b.id.localeCompare(a.id);

/**
* One page of meetings, newest first. A meeting record carries its invitees, 签到 and minutes,
 * so only the page is read: through the startAt index, or [minutesState+startAt] /
 * [meetingType+startAt] when filtered. 逾期 is a subset of the few unissued meetings.
 */
export async function listMeetings(db: WenshuDB, actor: Actor, today: string, q: MeetingQuery = {}, page: { offset: number; limit: number } = { offset: 0, limit: 50 }): Promise<MeetingPage> {
  actor = await authorize(db, actor, 'records.read');
  const [calendar, settings] = await Promise.all([loadWorkCalendar(db), getMeetingSettings(db)]);
  let records: MeetingRecord[];
  let total: number;
  const { offset, limit } = page;
  if (q.overdueOnly || (q.meetingType && q.state)) {
    // Unissued meetings are few; a type within a state is read by type and sifted.
    const all =
      q.overdueOnly || q.state === '未签发'
        ? await db.meetings.where('minutesState').equals('未签发').toArray()
        : await db.meetings.where('[meetingType+startAt]').between([q.meetingType, Dexie.minKey], [q.meetingType, Dexie.maxKey]).toArray();
    const hits = all
      .filter((m) => (!q.meetingType || m.meetingType === q.meetingType) && (!q.state || m.minutesState === q.state) && (!q.overdueOnly || isMinutesOverdue(m, today, calendar, settings.dueWorkdays)))
      .sort(newestFirst);
    total = hits.length;
    records = hits.slice(offset, offset + limit);
  } else {
    const collection = q.meetingType
      ? db.meetings.where('[meetingType+startAt]').between([q.meetingType, Dexie.minKey], [q.meetingType, Dexie.maxKey])
      : q.state
        ? db.meetings.where('[minutesState+startAt]').between([q.state, Dexie.minKey], [q.state, Dexie.maxKey])
        : db.meetings.orderBy('startAt');
    total = await collection.clone().count();
    records = await collection.reverse().offset(offset).limit(limit).toArray();
  }
  return {
    total,
    rows: records.map((m) => {
      const canSeeContent = canSeeMeeting(actor, m);
      return {
        view: { record: canSeeContent ? m : maskMeeting(m), canSeeContent },
        minutesDue: minutesDueDate(m.meetingDate, calendar, settings.dueWorkdays),
        overdue: isMinutesOverdue(m, today, calendar, settings.dueWorkdays),
      };
    }),
  };
}

/** 工作台: minutes not issued within the set working days, oldest first. */
export async function overdueMinutes(db: WenshuDB, actor: Actor, today: string): Promise<MeetingRow[]> {
  actor = await authorize(db, actor, 'records.read');
  const [open, calendar, settings] = await Promise.all([db.meetings.where('minutesState').equals('未签发').toArray(), loadWorkCalendar(db), getMeetingSettings(db)]);
  return open
    .filter((m) => isMinutesOverdue(m, today, calendar, settings.dueWorkdays))
    .sort((a, b) => a.meetingDate.localeCompare(b.meetingDate))
    .map((m) => {
      const canSeeContent = canSeeMeeting(actor, m);
      return { view: { record: canSeeContent ? m : maskMeeting(m), canSeeContent }, minutesDue: minutesDueDate(m.meetingDate, calendar, settings.dueWorkdays), overdue: true };
    });
}

