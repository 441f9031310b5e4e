import { compareDates, isIsoDate, todayIso } from './dates';
import { filedRefusal } from './filing';
import { MAX_DEADLINE_WORKDAYS, resolveDueDate } from './incoming-deadlines';
import type {
  DeadlineSpec,
  DepartmentRef,
  HandlingKind,
  IncomingAction,
  IncomingRecord,
  IncomingState,
  IncomingStep,
  PersonRef,
} from './incoming-types';
import { can, PERMISSION_LABELS, type Role } from './permissions';
import { cleanLine, cleanParagraphs } from './text';
import type { WorkCalendar } from './workdays';
import { RuleError } from './rule-error';

/** A 收文 this person may not reach, or that is not there: the same words on the PC, the server and a seat. */
export const INCOMING_NOT_FOUND = '该收文不存在';

// 公文运转 (DOMAIN.md §3): which step may follow which, what each step must carry, and who may
// take it. Pure: the repository loads the record, calls applyIncomingAction and stores the result
// with its audit entry; the UI calls allowedActions to show only the buttons that will work.

export * from './incoming-deadlines';
export * from './incoming-registration';

export type IncomingActionType = IncomingAction['type'];
export type CirculationEntry = IncomingRecord['circulation'][number];

/** Who takes a step: id for need-to-know and 已阅, name for the history, roles for permissions. */
export interface IncomingActor {
  id: string;
  name: string;
  roles: readonly Role[];
}

// Need to know and its mask live in ./need-to-know.ts; re-exported for the 收文 module's callers.
export { MASK, canSeeIncomingContent } from './need-to-know';

/** The verb for messages ("不能批示"); 已阅 is a state of mind, not a verb, so it reads 标记已阅. */
const VERB: Record<IncomingActionType, string> = {
  初审: '初审',
  退回: '退回',
  拟办: '拟办',
  批示: '批示',
  承办: '承办',
  传阅: '传阅',
  已阅: '标记已阅',
  催办: '催办',
  办结: '办结',
};

// The procedure as a table, per handling kind: state → the steps that may follow it.
// 办件 go the whole way (条例 §24); 阅件 (阅知性) skip 初审/拟办/批示/承办 (DOMAIN.md §3).
const NEXT: Record<HandlingKind, Record<IncomingState, readonly IncomingActionType[]>> = {
  办件: {
    已登记: ['初审', '退回'],
    已初审: ['拟办'],
    已拟办: ['批示'],
    已批示: ['承办'],
    承办中: ['传阅', '催办', '办结'],
    传阅中: ['已阅', '催办', '办结'],
    已办结: [],
    已退回: [],
  },
  阅件: {
    已登记: ['传阅', '退回'],
    // A 阅件 never reaches these; listed empty so a corrupt record is refused, not guessed at.
    已初审: [],
    已拟办: [],
    已批示: [],
    承办中: [],
    传阅中: ['已阅', '催办', '办结'],
    已办结: [],
    已退回: [],
  },
};

const READ_ONLY_SKIPS: ReadonlySet<IncomingActionType> = new Set(['初审', '拟办', '批示', '承办']);
const READ_ONLY_SKIP_MESSAGE = '阅件不经拟办、批示、承办，直接传阅';

/** What a 阅件 is closed with when the secretary writes nothing: it was read, that is the result. */
export const DEFAULT_READ_ONLY_RESULT = '已阅知';

function unreadReaders(record: Pick<IncomingRecord, 'circulation'>): CirculationEntry[] {
  return record.circulation.filter((c) => !c.readAt);
}

/**
 * Who holds the paper now: the first reader in order who has not marked 已阅, while the record
 * is 传阅中; null otherwise (with the secretary, or the circulation is complete).
 */
export function currentHolder(record: Pick<IncomingRecord, 'state' | 'circulation'>): CirculationEntry | null {
  if (record.state !== '传阅中') return null;
  return record.circulation.find((c) => !c.readAt) ?? null;
}

/**
 * The steps `user` can take on `record` right now: the procedure's next steps, less those the
 * user may not take and those whose precondition fails (办结 while someone has not read it,
 * 已阅 when everyone has). Each listed step can still be refused for its input.
 */
export function allowedActions(
  record: Pick<IncomingRecord, 'handling' | 'state' | 'circulation'>,
  user: { id: string; roles: readonly Role[] },
): IncomingActionType[] {
  const processes = can(user, 'incoming.process');
  const unread = unreadReaders(record);
  return NEXT[record.handling][record.state].filter((type) => {
    switch (type) {
      case '已阅':
        // A reader marks their own 已阅; the secretary may mark it for them (paper came back).
        return unread.length > 0 && (processes || unread.some((c) => c.userId === user.id));
      case '办结':
        return processes && unread.length === 0;
      default:
        return processes;
    }
  });
}

/** Need-to-know list: the 承办人 and every 传阅 reader, each once, in the order named. */
function namedUserIdsOf(record: Pick<IncomingRecord, 'assignment' | 'circulation'>): string[] {
  const ids = [record.assignment?.person?.userId, ...record.circulation.map((c) => c.userId)];
  return [...new Set(ids.filter((id): id is string => !!id))];
}

// --- input checks -------------------------------------------------------------------------
// Actions arrive from forms and, through the repository, from anything that can call it: each
// value is checked as unknown rather than trusted to match its type.

// Typed text is cleaned of control, bidi and zero-width characters (shared/domain/text.ts);
// 意见 and 结果 keep their line breaks, names and 催办对象 are one line.
function requiredText(value: unknown, field: string, message: string, multiline = true): string {
  const t = multiline ? cleanParagraphs(value) : cleanLine(value);
  if (!t) throw new RuleError(message, field);
  return t;
}

function optionalText(value: unknown, multiline = true): string | undefined {
  const t = multiline ? cleanParagraphs(value) : cleanLine(value);
  return t || undefined;
}

function person(value: unknown, field: string, message: string): PersonRef {
  const p = value as Partial<PersonRef> | null | undefined;
  const userId = typeof p?.userId === 'string' ? p.userId.trim() : '';
  const name = cleanLine(p?.name);
  if (!userId || !name) throw new RuleError(message, field);
  return { userId, name };
}

function department(value: unknown, field: string, message: string): DepartmentRef {
  const d = value as Partial<DepartmentRef> | null | undefined;
  const id = typeof d?.id === 'string' ? d.id.trim() : '';
  const name = cleanLine(d?.name);
  if (!id || !name) throw new RuleError(message, field);
  return { id, name };
}

// ISO 8601 instant with an explicit offset: a bare local time would mean different moments on
// different PCs.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

function instant(value: unknown, field: string, message: string): Date {
  const t = typeof value === 'string' ? value.trim() : '';
  // Date would roll 02-30 over into March: the calendar day must exist as written.
  const d = ISO_INSTANT.test(t) && isIsoDate(t.slice(0, 10)) ? new Date(t) : new Date(Number.NaN);
  if (Number.isNaN(d.getTime())) throw new RuleError(message, field);
  return d;
}

function deadline(value: unknown): DeadlineSpec | undefined {
  if (value === undefined || value === null) return undefined;
  const d = value as { kind?: unknown; date?: unknown; days?: unknown };
  if (d.kind === 'date') {
    if (!isIsoDate(d.date)) throw new RuleError('办理时限日期无效，格式如 2026-07-01', 'deadline');
    return { kind: 'date', date: d.date };
  }
  if (d.kind === 'workdays') {
    const days = d.days;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_DEADLINE_WORKDAYS) {
      throw new RuleError(`办理时限应为 1–${MAX_DEADLINE_WORKDAYS} 个工作日`, 'deadline');
    }
    return { kind: 'workdays', days };
  }
  throw new RuleError('办理时限无效：应为日期或工作日数', 'deadline');
}

// --- the checks every step goes through, in the order a person would want to hear them -------

function checkPermission(action: IncomingAction, actor: IncomingActor): void {
  if (can(actor, 'incoming.process')) return;
  const label = PERMISSION_LABELS['incoming.process'];
  if (action.type === '已阅') {
    // A reader may mark their own reading; marking it for someone else is the secretary's job.
    if (action.userId === actor.id) return;
    throw new RuleError(`没有权限为他人标记已阅（需要：${label}）`);
  }
  throw new RuleError(`没有权限${VERB[action.type]}（需要：${label}）`);
}

function checkTransition(record: IncomingRecord, type: IncomingActionType): void {
  const verb = VERB[type];
  if (record.filed) throw new RuleError(filedRefusal(record.filed, verb));
  if (record.state === '已办结') throw new RuleError(`当前状态“已办结”，不能${verb}；此件已办结，待归档`);
  if (record.state === '已退回') throw new RuleError(`当前状态“已退回”，不能${verb}；此件已退回，不再办理`);
  if (record.handling === '阅件' && READ_ONLY_SKIPS.has(type)) throw new RuleError(READ_ONLY_SKIP_MESSAGE);
  const next = NEXT[record.handling][record.state];
  if (!next.includes(type)) {
    const options = next.length > 0 ? next.map((t) => VERB[t]).join('、') : '无';
    throw new RuleError(`当前状态“${record.state}”，不能${verb}；下一步可以：${options}`);
  }
}

/**
 * Takes one step of the procedure: checks permission, state and input, and returns a NEW record
 * with the step's data, the new state and a history entry (who, when, the 意见). Never mutates
 * `record`. Throws RuleError, in plain Chinese, for anything the rules refuse.
 * `now` is both the time recorded and, as a local date, "today" for 办理时限.
 */
export function applyIncomingAction(
  record: IncomingRecord,
  action: IncomingAction,
  actor: IncomingActor,
  now: Date,
  calendar: WorkCalendar,
): IncomingRecord {
  checkPermission(action, actor);
  checkTransition(record, action.type);

  const at = now.toISOString();
  const today = todayIso(now);
  // Copies of everything a step may change, so the caller's record stays as it was.
  const next: IncomingRecord = {
    ...record,
    circulation: record.circulation.map((c) => ({ ...c })),
    reminders: [...record.reminders],
    history: [...record.history],
    namedUserIds: [...record.namedUserIds],
    updatedAt: at,
  };
  let note: string | undefined;

  switch (action.type) {
    case '初审': {
      note = optionalText(action.note);
      next.state = '已初审';
      break;
    }
    case '退回': {
      const reason = requiredText(action.reason, 'reason', '请填写退回理由');
      next.returned = { reason, at, byName: actor.name };
      next.state = '已退回';
      note = reason;
      break;
    }
    case '拟办': {
      const text = requiredText(action.text, 'text', '请填写拟办意见');
      next.proposal = { text, at, byName: actor.name };
      next.state = '已拟办';
      note = text;
      break;
    }
    case '批示': {
      const leader = requiredText(action.leader, 'leader', '请填写批示领导', false);
      const text = requiredText(action.text, 'text', '请填写批示内容');
      const when = instant(action.at, 'at', '批示时间无效');
      if (when.getTime() > now.getTime()) throw new RuleError('批示时间不能晚于现在', 'at');
      const oral = action.oral === true;
      // Often given orally (DOMAIN.md §3): recorded the same way, marked 口头, by the secretary.
      next.instruction = { leader, text, at: when.toISOString(), oral, recordedBy: actor.name };
      next.state = '已批示';
      note = `${leader}${oral ? '（口头）' : ''}：${text}`;
      break;
    }
    case '承办': {
      const host = department(action.host, 'host', '请选择主办单位');
      const cooperating: DepartmentRef[] = [];
      for (const raw of Array.isArray(action.cooperating) ? action.cooperating : []) {
        const d = department(raw, 'cooperating', '协办单位无效');
        if (d.id === host.id) throw new RuleError('协办单位不能包含主办单位', 'cooperating');
        if (!cooperating.some((c) => c.id === d.id)) cooperating.push(d);
      }
      const assignee = action.person === undefined || action.person === null ? undefined : person(action.person, 'person', '承办人无效');
      const spec = deadline(action.deadline);
      if (!spec && record.urgency !== '普通') {
        throw new RuleError('加急、特急公文承办时必须设定办理时限', 'deadline');
      }
      if (spec?.kind === 'date' && compareDates(spec.date, today) < 0) {
        throw new RuleError('办理时限不能早于今天', 'deadline');
      }
      next.assignment = {
        host,
        cooperating,
        ...(assignee ? { person: assignee } : {}),
        ...(spec ? { deadline: spec } : {}),
        at,
      };
      next.hostDeptId = host.id;
      if (spec) next.dueDate = resolveDueDate(spec, today, calendar);
      else delete next.dueDate;
      next.state = '承办中';
      note = [
        `主办：${host.name}`,
        cooperating.length > 0 ? `协办：${cooperating.map((c) => c.name).join('、')}` : '',
        assignee ? `承办人：${assignee.name}` : '',
        next.dueDate ? `办理时限：${next.dueDate}` : '',
      ]
        .filter(Boolean)
        .join('；');
      break;
    }
    case '传阅': {
      const raw = Array.isArray(action.readers) ? action.readers : [];
      if (raw.length === 0) throw new RuleError('请选择传阅人', 'readers');
      const readers = raw.map((r) => person(r, 'readers', '传阅人无效'));
      const seen = new Set(next.circulation.map((c) => c.userId));
      for (const r of readers) {
        if (seen.has(r.userId)) throw new RuleError(`传阅人重复：${r.name}`, 'readers');
        seen.add(r.userId);
      }
      next.circulation.push(...readers.map((r) => ({ ...r, sentAt: at })));
      next.state = '传阅中';
      note = readers.map((r) => r.name).join('、');
      break;
    }
    case '已阅': {
      const entry = next.circulation.find((c) => c.userId === action.userId);
      if (!entry) throw new RuleError('此人不在传阅名单中，不能标记已阅', 'userId');
      if (entry.readAt) throw new RuleError(`${entry.name}已标记已阅`, 'userId');
      entry.readAt = at;
      // Reading does not change the state: 办结 closes the circulation, once everyone has read.
      if (actor.id !== entry.userId) note = `代${entry.name}标记已阅`;
      break;
    }
    case '催办': {
      const text = requiredText(action.note, 'note', '请填写催办内容');
      const to = optionalText(action.to, false);
      next.reminders.push({ at, byName: actor.name, note: text, ...(to ? { to } : {}) });
      note = to ? `催办${to}：${text}` : text;
      break;
    }
    case '办结': {
      const unread = unreadReaders(next);
      if (unread.length > 0) {
        throw new RuleError(`尚有 ${unread.length} 人未阅：${unread.map((c) => c.name).join('、')}`);
      }
      const text =
        record.handling === '阅件'
          ? (optionalText(action.result) ?? DEFAULT_READ_ONLY_RESULT)
          : requiredText(action.result, 'result', '请填写办理结果');
      next.result = { text, at, byName: actor.name };
      next.state = '已办结';
      note = text;
      break;
    }
  }

  next.namedUserIds = namedUserIdsOf(next);
  const step: IncomingStep = { action: action.type, at, byId: actor.id, byName: actor.name };
  if (note) step.note = note;
  next.history.push(step);
  return next;
}
