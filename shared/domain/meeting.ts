import { z } from 'zod';
import { compareDates, isIsoDate, toLocalIsoDate, type IsoDate } from './dates';
import { classificationSchema, isClassified, secrecyTermSchema, defaultSecrecyTerm } from './enums';
import type { Attendance, Decision, DecisionDeadline, MeetingEvent, MeetingRecord, MinutesContent, IssuedMinutes } from './meeting-types';
import { filedRefusal } from './filing';
import { can, PERMISSION_LABELS, type RoleHolder } from './permissions';
import { cleanLine, cleanParagraphs, singleLineText } from './text';
import type { WorkCalendar } from './workdays';
import { RuleError } from './rule-error';

export * from './meeting-types';

// 会议 and 会议纪要 (DOMAIN.md §5, issue 5): the rules, pure. The repository loads a meeting,
// calls one of these and stores the result with its audit entry in one transaction.

export interface MeetingActor extends RoleHolder {
  id: string;
  name: string;
}

/** Minutes are due this many working days after the meeting (a setting; DOMAIN.md §5). */
export const DEFAULT_MINUTES_DUE_WORKDAYS = 3;

/** A meeting this person may not reach, or that is not there: the same words on the PC, the server and a seat. */
export const MEETING_NOT_FOUND = '该会议不存在';
export const MAX_DECISION_WORKDAYS = 365;

const START_AT = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/;

// Typed text is cleaned of control, bidi and zero-width characters (shared/domain/text.ts)
// before its length is counted.
function text(label: string, max: number) {
  return singleLineText({ error: `请填写${label}` })
    .min(1, `请填写${label}`)
    .refine((v) => Array.from(v).length <= max, `${label}不能超过 ${max} 个字`);
}

export const inviteeSchema = z.object({
  personId: z.string().min(1),
  name: text('姓名', 20),
  unit: singleLineText().max(60),
  title: singleLineText().max(40),
  role: z.enum(['出席', '列席'], { error: '请选择出席或列席' }),
  userId: z.string().optional(),
});

export const meetingInputSchema = z
  .object({
    name: text('会议名称', 100),
    meetingType: text('会议类型', 20),
    startAt: z
      .string({ error: '请填写开始时间' })
      .trim()
      .refine((v) => {
        const m = START_AT.exec(v);
        return !!m && isIsoDate(m[1]) && Number(m[2]) < 24 && Number(m[3]) < 60;
      }, '开始时间格式如 2026-11-23 09:00'),
    location: text('地点', 60),
    host: text('主持人', 20),
    recorder: text('记录人', 20),
    classification: classificationSchema,
    secrecyTerm: secrecyTermSchema.optional(),
    topics: z.array(singleLineText().min(1).max(200)).max(50, '议题不能超过 50 项'),
    invitees: z.array(inviteeSchema).min(1, '请至少邀请一人'),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    for (const i of v.invitees) {
      if (seen.has(i.personId)) ctx.addIssue({ code: 'custom', path: ['invitees'], message: `${i.name}重复邀请` });
      seen.add(i.personId);
    }
  })
  .transform((v) => ({
    ...v,
    startAt: v.startAt.replace(' ', 'T'),
    ...(isClassified(v.classification) ? { secrecyTerm: v.secrecyTerm ?? defaultSecrecyTerm(v.classification)! } : { secrecyTerm: undefined }),
  }));

export type MeetingInput = z.input<typeof meetingInputSchema>;

function requireManage(actor: MeetingActor): void {
  if (!can(actor, 'meetings.manage')) throw new RuleError(`没有权限（需要：${PERMISSION_LABELS['meetings.manage']}）`);
}

/** A filed meeting (its 纪要 is in the 归档文件目录) is read-only: every change is refused, naming the 档号. */
function refuseIfFiled(record: MeetingRecord, what: string): void {
  if (record.filed) throw new RuleError(filedRefusal(record.filed, what, '该会议纪要'));
}

function event(actor: MeetingActor, action: MeetingEvent['action'], at: string, note?: string): MeetingEvent {
  return { action, at, byId: actor.id, byName: actor.name, ...(note ? { note } : {}) };
}

function parsed(input: MeetingInput) {
  const r = meetingInputSchema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new RuleError(issue.message, String(issue.path[0] ?? ''));
  }
  return r.data;
}

export function createMeeting(input: MeetingInput, id: string, actor: MeetingActor, now: Date): MeetingRecord {
  requireManage(actor);
  const v = parsed(input);
  const at = now.toISOString();
  const { secrecyTerm, ...rest } = v;
  return {
    ...rest,
    ...(secrecyTerm ? { secrecyTerm } : {}),
    id,
    meetingDate: v.startAt.slice(0, 10),
    attendance: {},
    corrections: [],
    minutesState: '未签发',
    history: [event(actor, '创建', at)],
    createdAt: at,
    updatedAt: at,
  };
}

/** Changes the meeting's own fields; only before the minutes are issued (they quote them). */
export function editMeeting(record: MeetingRecord, input: MeetingInput, actor: MeetingActor, now: Date): MeetingRecord {
  requireManage(actor);
  refuseIfFiled(record, '修改会议信息');
  if (record.issued) throw new RuleError('纪要已签发，会议信息不能再修改');
  const v = parsed(input);
  const at = now.toISOString();
  const { secrecyTerm, ...rest } = v;
  const kept = new Set(v.invitees.map((i) => i.personId));
  const next: MeetingRecord = {
    ...record,
    ...rest,
    meetingDate: v.startAt.slice(0, 10),
    attendance: Object.fromEntries(Object.entries(record.attendance).filter(([id]) => kept.has(id))),
    history: [...record.history, event(actor, '修改', at)],
    updatedAt: at,
  };
  if (secrecyTerm) next.secrecyTerm = secrecyTerm;
  else delete next.secrecyTerm;
  return next;
}

/** 签到 of one invitee: 到会, 代会 (with the deputy), 请假 (with the reason) or 缺席. */
export function signIn(record: MeetingRecord, personId: string, attendance: Attendance, actor: MeetingActor, now: Date): MeetingRecord {
  requireManage(actor);
  refuseIfFiled(record, '修改签到');
  if (record.issued) throw new RuleError('纪要已签发，签到不能再修改');
  const invitee = record.invitees.find((i) => i.personId === personId);
  if (!invitee) throw new RuleError('此人不在邀请名单中');
  let value: Attendance;
  switch (attendance.status) {
    case '到会':
    case '缺席':
      value = { status: attendance.status };
      break;
    case '代会': {
      const name = cleanLine(attendance.deputy?.name);
      if (!name) throw new RuleError('请填写代会人姓名', 'deputy');
      if (name === invitee.name) throw new RuleError('代会人不能是本人', 'deputy');
      if (Array.from(name).length > 20) throw new RuleError('代会人姓名不能超过 20 个字', 'deputy');
      const unit = attendance.deputy.unit;
      const deputy = { name, unit: typeof unit === 'string' ? cleanLine(unit) : invitee.unit, title: cleanLine(attendance.deputy.title) };
      // The same limits as the 签到 form's boxes: the 签到表's 备注 column is measured with them.
      if (Array.from(deputy.unit).length > 60) throw new RuleError('代会人单位不能超过 60 个字', 'unit');
      if (Array.from(deputy.title).length > 40) throw new RuleError('代会人职务不能超过 40 个字', 'title');
      value = { status: '代会', deputy };
      break;
    }
    case '请假': {
      const reason = cleanParagraphs(attendance.reason);
      if (!reason) throw new RuleError('请填写请假事由', 'reason');
      if (Array.from(reason).length > 100) throw new RuleError('请假事由不能超过 100 个字', 'reason');
      value = { status: '请假', reason };
      break;
    }
    default:
      throw new RuleError('签到状态无效');
  }
  const at = now.toISOString();
  const note = value.status === '代会' ? `${value.deputy.name}代${invitee.name}` : value.status === '请假' ? `${invitee.name}请假（${value.reason}）` : `${invitee.name}${value.status}`;
  return { ...record, attendance: { ...record.attendance, [personId]: value }, history: [...record.history, event(actor, '签到', at, note)], updatedAt: at };
}

// --- minutes --------------------------------------------------------------------------------

/** What the editor sends: decisions without their worked-out date. */
export interface MinutesInput {
  title: string;
  paragraphs: string[];
  decisions: { id: string; content: string; unit: string; person: string; deadline: DecisionDeadline }[];
  /** 抄送 units (版记). */
  copyTo?: string[];
  /** 印发机关 (版记); blank: the office's default. */
  printedBy?: string;
  /** 印发日期 YYYY-MM-DD (版记); blank: the day of 签发. */
  printedOn?: string;
}

/** Longest 抄送 list and 印发机关 a 版记 takes. */
export const MAX_COPY_TO = 50;
export const PRINTED_BY_MAX = 40;
export const COPY_TO_UNIT_MAX = 40;

/** The 版记 fields checked: 抄送 (distinct units, each one line), 印发机关, 印发日期 (not before the meeting). */
function checkImprint(record: Pick<MeetingRecord, 'meetingDate'>, input: MinutesInput): Pick<MinutesContent, 'copyTo' | 'printedBy' | 'printedOn'> {
  const copyTo: string[] = [];
  for (const raw of input.copyTo ?? []) {
    const unit = cleanLine(raw);
    if (!unit) continue;
    if (Array.from(unit).length > COPY_TO_UNIT_MAX) throw new RuleError(`抄送单位“${unit}”超过 ${COPY_TO_UNIT_MAX} 个字`, 'copyTo');
    if (copyTo.includes(unit)) throw new RuleError(`抄送单位“${unit}”重复`, 'copyTo');
    copyTo.push(unit);
  }
  if (copyTo.length > MAX_COPY_TO) throw new RuleError(`抄送单位不能超过 ${MAX_COPY_TO} 个`, 'copyTo');
  const printedBy = cleanLine(input.printedBy);
  if (Array.from(printedBy).length > PRINTED_BY_MAX) throw new RuleError(`印发机关不能超过 ${PRINTED_BY_MAX} 个字`, 'printedBy');
  const printedOn = (input.printedOn ?? '').trim();
  if (printedOn) {
    if (!isIsoDate(printedOn)) throw new RuleError('印发日期无效，格式如 2026-11-25', 'printedOn');
    if (compareDates(printedOn, record.meetingDate) < 0) throw new RuleError(`印发日期不能早于会议日期（${record.meetingDate}）`, 'printedOn');
  }
  return { ...(copyTo.length ? { copyTo } : {}), ...(printedBy ? { printedBy } : {}), ...(printedOn ? { printedOn } : {}) };
}

/** Checks and normalises minutes against the meeting: each 议定事项 complete, no 完成时限 before the meeting. */
export function checkMinutes(record: Pick<MeetingRecord, 'meetingDate'>, input: MinutesInput, calendar: WorkCalendar): MinutesContent {
  // Cleaned (shared/domain/text.ts): paragraphs, 事项内容 keep line breaks; names are one line.
  const title = cleanLine(input.title);
  if (!title) throw new RuleError('请填写纪要标题', 'title');
  const paragraphs = (input.paragraphs ?? []).map((p) => cleanParagraphs(p)).filter(Boolean);
  const decisions: Decision[] = (input.decisions ?? []).map((d, i) => {
    const n = i + 1;
    const content = cleanParagraphs(d.content);
    if (!content) throw new RuleError(`第 ${n} 项议定事项的事项内容不能为空`, 'decisions');
    const unit = cleanLine(d.unit);
    if (!unit) throw new RuleError(`第 ${n} 项议定事项请填写责任单位`, 'decisions');
    const person = cleanLine(d.person);
    let dueDate: IsoDate;
    if (d.deadline?.kind === 'date') {
      if (!isIsoDate(d.deadline.date)) throw new RuleError(`第 ${n} 项议定事项的完成时限无效，格式如 2026-12-01`, 'decisions');
      if (compareDates(d.deadline.date, record.meetingDate) < 0) throw new RuleError(`第 ${n} 项议定事项的完成时限不能早于会议日期（${record.meetingDate}）`, 'decisions');
      dueDate = d.deadline.date;
    } else if (d.deadline?.kind === 'workdays') {
      const days = d.deadline.days;
      if (!Number.isInteger(days) || days < 1 || days > MAX_DECISION_WORKDAYS) throw new RuleError(`第 ${n} 项议定事项的完成时限应为 1–${MAX_DECISION_WORKDAYS} 个工作日`, 'decisions');
      dueDate = calendar.addWorkdays(record.meetingDate, days);
    } else {
      throw new RuleError(`第 ${n} 项议定事项请填写完成时限`, 'decisions');
    }
    return { id: d.id, content, unit, person, deadline: d.deadline.kind === 'date' ? { kind: 'date', date: d.deadline.date } : { kind: 'workdays', days: d.deadline.days }, dueDate };
  });
  const ids = new Set<string>();
  for (const d of decisions) {
    if (!d.id || ids.has(d.id)) throw new RuleError('议定事项编号重复', 'decisions');
    ids.add(d.id);
  }
  return { title, paragraphs, decisions, ...checkImprint(record, input) };
}

/** Saves the draft; after 签发 only 更正 may change the text. */
export function saveMinutesDraft(record: MeetingRecord, input: MinutesInput, calendar: WorkCalendar, actor: MeetingActor, now: Date): MeetingRecord {
  requireManage(actor);
  refuseIfFiled(record, '修改纪要');
  if (record.issued) throw new RuleError(`纪要已签发（${record.issued.number}），修改请办理更正`);
  const draft = checkMinutes(record, input, calendar);
  const at = now.toISOString();
  return { ...record, draft, history: [...record.history, event(actor, '保存纪要', at)], updatedAt: at };
}

/** 签发: locks the minutes under their number. Refused twice, and without a saved text. */
export function issueMinutes(record: MeetingRecord, numbering: { number: string; year: number; seq: number }, calendar: WorkCalendar, actor: MeetingActor, now: Date): MeetingRecord {
  if (!can(actor, 'minutes.issue')) throw new RuleError(`没有权限签发纪要（需要：${PERMISSION_LABELS['minutes.issue']}）`);
  if (record.issued) throw new RuleError(`该纪要已于 ${toLocalIsoDate(new Date(record.issued.issuedAt))} 签发（${record.issued.number}），不能重复签发`);
  if (!record.draft) throw new RuleError('请先编写并保存纪要');
  const content = checkMinutes(record, record.draft, calendar);
  if (content.paragraphs.length === 0 && content.decisions.length === 0) throw new RuleError('纪要没有内容：请填写会议主要情况或议定事项');
  const at = now.toISOString();
  const issued: IssuedMinutes = { ...content, ...numbering, issuedAt: at, issuedById: actor.id, issuedByName: actor.name };
  return { ...record, issued, minutesState: '已签发', history: [...record.history, event(actor, '签发', at, numbering.number)], updatedAt: at };
}

/** 更正 of issued minutes: the issued text is kept with the reason; the number stays. */
export function correctMinutes(record: MeetingRecord, input: MinutesInput, reason: string, calendar: WorkCalendar, actor: MeetingActor, now: Date): MeetingRecord {
  if (!can(actor, 'minutes.issue')) throw new RuleError(`没有权限更正纪要（需要：${PERMISSION_LABELS['minutes.issue']}）`);
  refuseIfFiled(record, '更正纪要');
  if (!record.issued) throw new RuleError('纪要尚未签发，直接修改即可');
  const why = cleanParagraphs(reason);
  if (!why) throw new RuleError('请填写更正理由', 'reason');
  const content = checkMinutes(record, input, calendar);
  const at = now.toISOString();
  const { title, paragraphs, decisions, copyTo, printedBy, printedOn } = record.issued;
  const previous: MinutesContent = { title, paragraphs, decisions, ...(copyTo ? { copyTo } : {}), ...(printedBy ? { printedBy } : {}), ...(printedOn ? { printedOn } : {}) };
  // The 版记 fields the 更正 leaves blank are blank afterwards (not kept from before).
  const { copyTo: _c, printedBy: _b, printedOn: _o, ...kept } = record.issued;
  return {
    ...record,
    issued: { ...kept, ...content },
    corrections: [...record.corrections, { at, byName: actor.name, reason: why, previous }],
    history: [...record.history, event(actor, '更正', at, why)],
    updatedAt: at,
  };
}

/** The last day the minutes may be issued: N working days after the meeting day. */
export function minutesDueDate(meetingDate: IsoDate, calendar: WorkCalendar, workdays = DEFAULT_MINUTES_DUE_WORKDAYS): IsoDate {
  return calendar.addWorkdays(meetingDate, workdays);
}

/** Not issued and past the due day (the due day itself is still in time). */
export function isMinutesOverdue(record: Pick<MeetingRecord, 'meetingDate' | 'issued'>, today: IsoDate, calendar: WorkCalendar, workdays = DEFAULT_MINUTES_DUE_WORKDAYS): boolean {
  return !record.issued && compareDates(today, minutesDueDate(record.meetingDate, calendar, workdays)) > 0;
}

// Who may read a classified meeting's content: ./need-to-know.ts (re-exported for this module's callers).
export { canSeeMeeting } from './need-to-know';

/** The minutes as they stand: issued text, else the draft. */
export function currentMinutes(record: MeetingRecord): MinutesContent | undefined {
  return record.issued ?? record.draft;
}
