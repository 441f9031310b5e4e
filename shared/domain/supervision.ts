import { addDays, compareDates, daysBetween, isIsoDate, parseIsoDate, toIsoDate, toLocalIsoDate, weekday, type IsoDate } from './dates';
import { isClassified } from './enums';
import type { Decision, IssuedMinutes, MeetingRecord } from './meeting-types';
import type { IncomingRecord } from './incoming-types';
import { can, PERMISSION_LABELS, type RoleHolder } from './permissions';
import type { IssuedBulletin, ReportRow, SupervisionReport, TaskRecord, TaskSource, TaskStatus } from './supervision-types';
import { cleanLine, cleanParagraphs } from './text';
import { RuleError } from './rule-error';
import { MASK } from './need-to-know';
import { createWorkCalendar, type WorkCalendar } from './workdays';

export * from './supervision-types';

// 督办 (issue 5): "事事有着落，件件有回音". Every task has a 时限; 已逾期 is worked out from it
// and today, never typed. Pure rules; the repository stores results with their audit entries.

export interface TaskActor extends RoleHolder {
  id: string;
  name: string;
}

function requireManage(actor: TaskActor): void {
  if (!can(actor, 'supervision.manage')) throw new RuleError(`没有权限（需要：${PERMISSION_LABELS['supervision.manage']}）`);
}

// Typed text is cleaned of control, bidi and zero-width characters (shared/domain/text.ts) before
// its length is counted; 内容, 进展 and 结果 keep their line breaks.
function required(value: unknown, label: string, field: string, max = 500, multiline = false): string {
  const t = multiline ? cleanParagraphs(value) : cleanLine(value);
  if (!t) throw new RuleError(`请填写${label}`, field);
  if (Array.from(t).length > max) throw new RuleError(`${label}不能超过 ${max} 个字`, field);
  return t;
}

/** 未开始 / 推进中 / 已逾期 / 已办结 / 已撤销 on `today`: overdue once the 时限 has passed unfinished. */
export function taskStatus(task: Pick<TaskRecord, 'state' | 'dueDate'>, today: IsoDate): TaskStatus {
  if (task.state === '已办结' || task.state === '已撤销') return task.state;
  if (compareDates(today, task.dueDate) > 0) return '已逾期';
  return task.state;
}

/** Days past the 时限 on `today` (0 when not overdue). */
export function overdueDays(task: Pick<TaskRecord, 'state' | 'dueDate'>, today: IsoDate): number {
  return taskStatus(task, today) === '已逾期' ? daysBetween(task.dueDate, today) : 0;
}

export interface NewTaskInput {
  source: TaskSource;
  content: string;
  unit: string;
  person: string;
  dueDate: IsoDate;
}

export function createTask(input: NewTaskInput, ids: { id: string; serial: string }, actor: TaskActor, now: Date): TaskRecord {
  requireManage(actor);
  const content = required(input.content, '督办内容', 'content', 500, true);
  const unit = required(input.unit, '责任单位', 'unit', 60);
  const person = cleanLine(input.person);
  if (!isIsoDate(input.dueDate)) throw new RuleError('请填写有效的时限，格式如 2026-12-01', 'dueDate');
  const source: TaskSource =
    input.source.kind === '口头交办'
      ? { ...input.source, assignedBy: required(input.source.assignedBy, '交办人', 'assignedBy', 20) }
      : { ...input.source };
  const at = now.toISOString();
  return {
    id: ids.id,
    serial: ids.serial,
    source,
    content,
    unit,
    person,
    dueDate: input.dueDate,
    state: '未开始',
    progress: [],
    reminders: [],
    createdAt: at,
    createdByName: actor.name,
    updatedAt: at,
  };
}

/** 进展反馈: dated, in order; the first one moves 未开始 to 推进中. */
export function addProgress(task: TaskRecord, input: { date: IsoDate; text: string }, actor: TaskActor, now: Date): TaskRecord {
  requireManage(actor);
  if (task.state === '已办结') throw new RuleError('该事项已办结，不能再反馈进展');
  if (task.state === '已撤销') throw new RuleError('该事项已撤销，不能再反馈进展');
  const text = required(input.text, '进展情况', 'text', 1000, true);
  if (!isIsoDate(input.date)) throw new RuleError('请填写有效的反馈日期', 'date');
  if (compareDates(input.date, toLocalIsoDate(now)) > 0) throw new RuleError('反馈日期不能晚于今天', 'date');
  const at = now.toISOString();
  return { ...task, state: '推进中', progress: [...task.progress, { date: input.date, text, at, byName: actor.name }], updatedAt: at };
}

/** A step on a 事项 that is not there (the PC, the server and a seat say it alike: a seat tells by it a 事项 the server never had). */
export const TASK_NOT_FOUND = '该督办事项不存在';

/** The longest 办理结果 of a 事项. */
const RESULT_MAX = 1000;

/** 办结 with a result; once. */
export function completeTask(task: TaskRecord, input: { date: IsoDate; result: string }, actor: TaskActor, now: Date): TaskRecord {
  requireManage(actor);
  if (task.state === '已办结') throw new RuleError(`该事项已于 ${task.done?.date ?? ''} 办结`);
  if (task.state === '已撤销') throw new RuleError('该事项已撤销，不能办结');
  const result = required(input.result, '办理结果', 'result', RESULT_MAX, true);
  if (!isIsoDate(input.date)) throw new RuleError('请填写有效的办结日期', 'date');
  if (compareDates(input.date, toLocalIsoDate(now)) > 0) throw new RuleError('办结日期不能晚于今天', 'date');
  const at = now.toISOString();
  return { ...task, state: '已办结', done: { date: input.date, result, at, byName: actor.name }, updatedAt: at };
}

/** A 催办 recorded against a task (the 催办单 print). */
export function remindTask(task: TaskRecord, note: string, actor: TaskActor, now: Date): TaskRecord {
  requireManage(actor);
  if (task.state === '已办结') throw new RuleError('该事项已办结，无需催办');
  if (task.state === '已撤销') throw new RuleError('该事项已撤销，无需催办');
  const at = now.toISOString();
  return { ...task, reminders: [...task.reminders, { at, byName: actor.name, note: cleanParagraphs(note) || '催办' }], updatedAt: at };
}

/**
 * The steps a person takes on a 事项, by command name, with the audit action each writes: one
 * table for the PC's commands, the LAN server's and a seat's offline queue.
 */
export const TASK_STEPS = {
  'task.progress': { action: '督办进展反馈', apply: (t: TaskRecord, i: { date: IsoDate; text: string }, a: TaskActor, now: Date) => addProgress(t, { date: i.date, text: i.text }, a, now) },
  'task.complete': { action: '督办办结', apply: (t: TaskRecord, i: { date: IsoDate; result: string }, a: TaskActor, now: Date) => completeTask(t, { date: i.date, result: i.result }, a, now) },
  'task.remind': { action: '督办催办', apply: (t: TaskRecord, i: { note: string }, a: TaskActor, now: Date) => remindTask(t, i.note, a, now) },
} as const;
export type TaskStepName = keyof typeof TASK_STEPS;
export const TASK_STEP_NAMES = Object.keys(TASK_STEPS) as TaskStepName[];

/**
 * 撤销: a task nobody has worked on yet (未开始, no 进展, no 催办) leaves the counts, with the
 * reason; one with recorded work is a record of that work and is refused (it is 办结'd instead).
 */
export function withdrawTask(task: TaskRecord, reason: string, actor: TaskActor, now: Date): TaskRecord {
  requireManage(actor);
  if (task.state === '已撤销') throw new RuleError(`该事项已于 ${task.withdrawn?.at.slice(0, 10) ?? ''} 撤销`);
  if (task.state !== '未开始' || task.progress.length || task.reminders.length) {
    throw new RuleError(`督办事项 ${task.serial} 已有办理记录（${task.state === '已办结' ? '已办结' : '已有进展或催办'}），不能撤销`);
  }
  const why = required(reason, '撤销理由', 'reason', 200, true);
  const at = now.toISOString();
  return { ...task, state: '已撤销', withdrawn: { reason: why, at, byName: actor.name }, updatedAt: at };
}

/**
 * What a task made from 议定事项 n (1-based) says. A classified meeting's decisions stay in the
 * minutes: the task, which every reader of the 督办 list sees, only points at them.
 */
export function decisionTaskContent(meeting: Pick<MeetingRecord, 'classification'>, number: string, decision: Pick<Decision, 'content'>, n: number): string {
  return isClassified(meeting.classification) ? `落实${number}第${n}项议定事项（涉密，详见纪要）` : decision.content;
}

/** The tasks issued minutes create: one per 议定事项, linked to the meeting and the decision. */
export function tasksFromMinutes(
  meeting: Pick<MeetingRecord, 'id' | 'classification'>,
  issued: Pick<IssuedMinutes, 'title' | 'number' | 'decisions'>,
  ids: () => { id: string; serial: string },
  actor: TaskActor,
  now: Date,
  /** Only these decisions (by id), numbered by their place in `issued` (更正 adding one). */
  only?: ReadonlySet<string>,
): TaskRecord[] {
  return issued.decisions.flatMap((d, i) =>
    only && !only.has(d.id)
      ? []
      : [
          createTask(
            {
              source: { kind: '会议纪要', meetingId: meeting.id, minutesTitle: issued.title, minutesNumber: issued.number, decisionId: d.id },
              content: decisionTaskContent(meeting, issued.number, d, i + 1),
              unit: d.unit,
              person: d.person,
              dueDate: d.dueDate,
            },
            ids(),
            actor,
            now,
          ),
        ],
  );
}

/** What a 更正 of issued minutes does to their 督办 事项: the entries to write and to audit. */
export interface MinutesCorrectionTasks {
  /** Changed tasks: withdrawn, or following their changed 议定事项. */
  put: TaskRecord[];
  /** New tasks, for 议定事项 the 更正 added. */
  add: TaskRecord[];
  audits: { action: string; entityType: '督办'; entityId: string; summary: string }[];
}

/** The 议定事项 of corrected minutes that have no task yet (each takes a new 督办编号 first). */
export function decisionsWithoutTask(after: Pick<MeetingRecord, 'issued'>, existing: readonly TaskRecord[]): Set<string> {
  const known = new Set(existing.map((t) => (t.source as { decisionId?: string }).decisionId));
  return new Set((after.issued?.decisions ?? []).filter((d) => !known.has(d.id)).map((d) => d.id));
}

/**
 * The tasks of corrected minutes (PC and LAN server): unfinished ones take their decision's new
 * text, unit, person and 时限; a new decision gets a task (`ids`: one per decisionsWithoutTask, in
 * order); the task of a removed decision is 撤销'd — kept, counted nowhere — while nothing was
 * done on it, and the 更正 is refused (beside 议定事项) when something was.
 */
export function minutesCorrectionTasks(after: MeetingRecord, existing: readonly TaskRecord[], ids: { id: string; serial: string }[], actor: TaskActor, now: Date): MinutesCorrectionTasks {
  const issued = after.issued!;
  const byDecision = new Map(existing.map((t) => [(t.source as { decisionId: string }).decisionId, t]));
  const kept = new Set(issued.decisions.map((d) => d.id));
  // A decision the 更正 removes withdraws its task, but only while nothing was done on it:
  // a task with progress, reminders or 办结 is a record of work and stays as it is.
  const removed = existing.filter((t) => !kept.has((t.source as { decisionId: string }).decisionId) && t.state !== '已撤销');
  for (const t of removed) {
    if (t.state !== '未开始' || t.progress.length || t.reminders.length) {
      throw RuleError.at('decisions', `督办事项 ${t.serial} 已有办理记录（${t.state === '已办结' ? '已办结' : '已有进展或催办'}），不能在更正中删除；如该事项已取消，请在督办中办结并说明`);
    }
  }
  const out: MinutesCorrectionTasks = { put: [], add: [], audits: [] };
  const why = `随纪要 ${issued.number} 更正撤销（该议定事项已删除）`;
  for (const t of removed) {
    out.put.push(withdrawTask(t, why, actor, now));
    out.audits.push({ action: '撤销督办', entityType: '督办', entityId: t.id, summary: `${t.serial} ${why}` });
  }
  const queue = [...ids];
  for (const task of tasksFromMinutes(after, issued, () => queue.shift()!, actor, now, decisionsWithoutTask(after, existing))) {
    out.add.push(task);
    out.audits.push({ action: '新建督办', entityType: '督办', entityId: task.id, summary: `${task.serial} 来源：${issued.number}（更正）` });
  }
  const at = now.toISOString();
  issued.decisions.forEach((d, i) => {
    const t = byDecision.get(d.id);
    if (!t || t.state === '已办结' || t.state === '已撤销') return;
    const content = decisionTaskContent(after, issued.number, d, i + 1);
    if (t.content === content && t.unit === d.unit && t.person === d.person && t.dueDate === d.dueDate) return;
    out.put.push({ ...t, content, unit: d.unit, person: d.person, dueDate: d.dueDate, updatedAt: at });
    out.audits.push({ action: '修改督办', entityType: '督办', entityId: t.id, summary: `${t.serial} 随纪要更正调整` });
  });
  return out;
}

export function describeSource(s: TaskSource): string {
  switch (s.kind) {
    case '会议纪要':
      return `${s.minutesTitle} ${s.minutesNumber}`;
    case '收文批示':
      return `收文 ${s.incomingSerial}（${s.leader}批示）`;
    case '口头交办':
      return `口头交办（${s.assignedBy}）`;
  }
}

// --- 督办通报 ----------------------------------------------------------------------------------

/** The period a report covers: the calendar month, or the Monday–Sunday week, containing `anchor`. */
export function reportPeriod(kind: SupervisionReport['kind'], anchor: IsoDate): { start: IsoDate; end: IsoDate; text: string } {
  const d = parseIsoDate(anchor);
  if (!d) throw new RuleError('日期无效');
  if (kind === '月报') {
    const start = toIsoDate({ year: d.year, month: d.month, day: 1 });
    const end = toIsoDate({ year: d.year, month: d.month, day: new Date(Date.UTC(d.year, d.month, 0)).getUTCDate() });
    return { start, end, text: `${d.year}年${d.month}月` };
  }
  const back = (weekday(anchor) + 6) % 7; // Monday = 0
  const start = addDays(anchor, -back);
  const end = addDays(start, 6);
  const s = parseIsoDate(start)!;
  const e = parseIsoDate(end)!;
  return { start, end, text: `${s.year}年${s.month}月${s.day}日—${e.year !== s.year ? `${e.year}年` : ''}${e.month}月${e.day}日` };
}

/**
 * The 督办通报 for the period containing `anchor`, counted on `today` while the period runs (on
 * its last day after). A task counts when it existed by the period's end and was not finished
 * before it began; 已办结 = finished by then; 已逾期 = unfinished past its 时限 by then.
 */
export function buildReport(
  kind: SupervisionReport['kind'],
  anchor: IsoDate,
  tasks: readonly TaskRecord[],
  today: IsoDate,
  /** The office's calendar (with its 节假日设定); the shipped schedule when absent. */
  calendar: Pick<WorkCalendar, 'countWorkdays'> = createWorkCalendar(),
): SupervisionReport {
  const { start, end, text } = reportPeriod(kind, anchor);
  const asOf = compareDates(today, end) < 0 ? today : end;
  const byUnit = new Map<string, ReportRow>();
  const overdueTasks: TaskRecord[] = [];
  const totals: ReportRow = { unit: '合计', total: 0, done: 0, overdue: 0, rate: 0 };
  let onTimeDone = 0;
  for (const t of tasks) {
    // A withdrawn task was never work to do: it counts nowhere.
    if (t.state === '已撤销') continue;
    const created = toLocalIsoDate(new Date(t.createdAt));
    if (compareDates(created, end) > 0) continue;
    if (t.done && compareDates(t.done.date, start) < 0) continue;
    const row = byUnit.get(t.unit) ?? { unit: t.unit, total: 0, done: 0, overdue: 0, rate: 0 };
    byUnit.set(t.unit, row);
    const doneBy = !!t.done && compareDates(t.done.date, asOf) <= 0;
    const overdue = !doneBy && compareDates(asOf, t.dueDate) > 0;
    row.total++;
    totals.total++;
    if (doneBy) {
      row.done++;
      totals.done++;
      if (compareDates(t.done!.date, t.dueDate) <= 0) onTimeDone++;
    }
    if (overdue) {
      row.overdue++;
      totals.overdue++;
      overdueTasks.push(t);
    }
  }
  const rows = [...byUnit.values()].sort((a, b) => a.unit.localeCompare(b.unit, 'zh'));
  for (const r of [...rows, totals]) r.rate = r.total ? r.done / r.total : 0;
  overdueTasks.sort((a, b) => compareDates(a.dueDate, b.dueDate) || a.serial.localeCompare(b.serial));
  const lateWorkdays = Object.fromEntries(overdueTasks.map((t) => [t.id, calendar.countWorkdays(t.dueDate, asOf)]));
  return { kind, periodText: text, start, end, asOf, rows, totals, overdueTasks, lateWorkdays, onTimeDone };
}

/**
 * A share as a whole percent, "33%": never 100% while one is missing, nor 0% once there is one;
 * "—" of nothing.
 */
export function percentText(part: number, whole: number): string {
  if (whole <= 0) return '—';
  let pct = Math.round((part / whole) * 100);
  if (part < whole) pct = Math.min(pct, 99);
  if (part > 0) pct = Math.max(pct, 1);
  return `${pct}%`;
}

/**
 * The 通报's opening sentence: "本期共督办事项6项，已办结3项，办结率50%；其中按期办结2项，按期办结率33%；
 * 逾期未办结2项。" (按期办结率 over every task counted, like 办结率).
 */
export function reportSummary(report: Pick<SupervisionReport, 'totals' | 'onTimeDone'>): string {
  const { total, done, overdue } = report.totals;
  if (total === 0) return '本期无督办事项。';
  const lead = `本期共督办事项${total}项，已办结${done}项，办结率${percentText(done, total)}；其中按期办结${report.onTimeDone}项，按期办结率${percentText(report.onTimeDone, total)}；`;
  return `${lead}${overdue ? `逾期未办结${overdue}项。` : '无逾期未办结事项。'}`;
}

/** 督办通报 as issued: its 期号 and the figures of the day (the repository takes the number in its transaction). */
export function issueBulletin(
  report: SupervisionReport,
  unitName: string,
  numbering: { id: string; year: number; number: number; numberText: string },
  actor: TaskActor,
  now: Date,
): IssuedBulletin {
  requireManage(actor);
  if (compareDates(toLocalIsoDate(now), report.start) < 0) throw new RuleError(`${report.periodText}尚未开始，不能印发通报`);
  return {
    id: numbering.id,
    kind: report.kind,
    start: report.start,
    year: numbering.year,
    number: numbering.number,
    numberText: numbering.numberText,
    issuedDate: toLocalIsoDate(now),
    issuedAt: now.toISOString(),
    issuedById: actor.id,
    issuedByName: actor.name,
    unitName: cleanLine(unitName),
    report,
  };
}

// --- 收文批示 → 督办 ---------------------------------------------------------------------------

const TASK_CONTENT_MAX = 500;

/**
 * The 事项 of the 督办 a leader's 批示 becomes (issue #14): what is to be done, i.e. the document's
 * 标题 and the 批示, not the 批示 alone ("同意。" says nothing on 工作台 or in the 通报). Tasks are
 * never classified (everyone who reads sees them), so a classified 收文 gives only the mask and its
 * number: its 标题 and 批示 are hidden content (need-to-know.ts masks both).
 */
export function instructionTaskContent(
  record: { serial: string; title: string; classification: Parameters<typeof isClassified>[0] },
  instruction: { leader: string; text: string },
): string {
  if (isClassified(record.classification)) return `落实${MASK}收文 ${record.serial} 的领导批示（涉密，详见收文）`;
  const head = `落实《${cleanLine(record.title)}》：${cleanLine(instruction.leader)}批示“`;
  const text = cleanParagraphs(instruction.text);
  const room = TASK_CONTENT_MAX - Array.from(head).length - 1;
  const chars = Array.from(text);
  return `${head}${chars.length > room ? `${chars.slice(0, room - 1).join('')}…` : text}”`;
}

/**
 * The 督办 事项 a 收文's step makes (the first 承办 of a 批示'd 收文 with a 办理时限, by someone who
 * manages 督办): its input for createTask, or null. One rule for the PC (renderer followIncoming)
 * and the office LAN server. `taskContent`: the 事项 as worded in the 承办 dialog.
 */
export function incomingTaskInput(actor: RoleHolder, before: IncomingRecord, after: IncomingRecord, taskContent?: string): NewTaskInput | null {
  if (!can(actor, 'supervision.manage')) return null;
  if (after.taskId || !after.instruction || !after.assignment || before.assignment || !after.dueDate) return null;
  return {
    source: { kind: '收文批示', incomingId: after.id, incomingSerial: after.serial, leader: after.instruction.leader },
    // What is to be done (标题 + 批示), not the 批示 alone; masked for a classified 收文.
    content: taskContent?.trim() ? taskContent : instructionTaskContent(after, after.instruction),
    unit: after.assignment.host.name,
    person: after.assignment.person?.name ?? '',
    dueDate: after.dueDate,
  };
}

/**
 * Whether this step of a 收文 (its 办结) finishes the 督办 事项 it made: its id, else null (also
 * when the actor does not manage 督办: the 收文 is closed, the 事项 left to who does).
 */
export function taskFinishedBy(actor: RoleHolder, before: IncomingRecord, after: IncomingRecord): string | null {
  if (!can(actor, 'supervision.manage')) return null;
  return after.taskId && after.state === '已办结' && before.state !== '已办结' ? after.taskId : null;
}

/** The 办结 a 收文's 办结 gives its 督办 事项: its result (cut to what a 办理结果 holds), or 收文已办结. */
export function taskDoneWithIncoming(after: IncomingRecord, now: Date): { date: IsoDate; result: string } {
  const text = Array.from(cleanParagraphs(after.result?.text ?? ''));
  return { date: toLocalIsoDate(now), result: text.length === 0 ? '收文已办结' : text.length > RESULT_MAX ? `${text.slice(0, RESULT_MAX - 1).join('')}…` : text.join('') };
}
