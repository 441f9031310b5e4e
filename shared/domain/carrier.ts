import { z } from 'zod';
import { compareDates, daysBetween, addDays, isIsoDate, parseIsoDate, toIsoDate, todayIso, toLocalIsoDate, type IsoDate } from './dates';
import {
  carrierTypeSchema,
  classificationRank,
  classificationSchema,
  CLASSIFICATIONS,
  defaultSecrecyTerm,
  formatClassificationMark,
  isClassified,
  secrecyTermSchema,
  type Classification,
  type SecrecyTerm,
} from './enums';
import type {
  CarrierAction,
  CarrierActionType,
  CarrierEvent,
  CarrierLoan,
  CarrierMarking,
  CarrierRecord,
  CarrierSource,
  CarrierState,
  CopyApproval,
  InventoryResult,
  PersonRef,
} from './carrier-types';
import { can, PERMISSION_LABELS, type Role, type RoleHolder } from './permissions';
import { cleanLine, cleanParagraphs, singleLineText } from './text';
import { RuleError } from './rule-error';
import { normalizeDocNumber } from './doc-number';

// 涉密载体 lifecycle (DOMAIN.md §4, issue 4): which action may follow which, what each must carry,
// who may take it. Pure, like incoming.ts: the repository loads the record, calls
// applyCarrierAction (or copyCarrier) and stores the result with its audit entry in one
// transaction; the UI calls allowedCarrierActions to show only the buttons that can work.
//
// Approvers' roles: two rules depend on what an approver IS (复制 of 机密/秘密 and a loan outside
// the 知悉范围 need a 安全保密管理员; 销毁 is approved by one too). Roles carried in the action
// would be whatever the form claims, so the caller passes `lookupUser` instead, which reads the
// user table at the moment of the action (a disabled account approves nothing).

export * from './carrier-types';

/** Who takes an action: id and name for the history, roles for permissions. */
export interface CarrierActor {
  id: string;
  name: string;
  roles: readonly Role[];
}

/** The user table as the rules need it: roles (and disabled) by user id; undefined if no such user. */
export type UserLookup = (userId: string) => RoleHolder | undefined;

export const CARRIER_ACTION_TYPES = ['借出', '归还', '复制', '移交', '清点', '销毁', '解密', '降密'] as const satisfies readonly CarrierActionType[];

/** The message the issue names for anything tried on a carrier that is out on loan. */
export const LENT_MESSAGE = '该载体已借出，须先归还';
export const SAME_WITNESS_MESSAGE = '销毁人和监销人不能是同一人';
export const APPROVER_WITNESS_MESSAGE = '审批人不能兼任销毁人或监销人';

/** Days before the end of a 保密期限 that a carrier enters the 解密/降密 review queue. */
export const REVIEW_WINDOW_DAYS = 90;

// State → the actions that may follow. A lent carrier is with its borrower: nothing physical
// (copy, hand over, destroy, re-mark) can be done to it until it is back; 清点 still accounts for
// it through the loan. The last three states are final.
const NEXT: Record<CarrierState, readonly CarrierActionType[]> = {
  在库: ['借出', '复制', '移交', '清点', '销毁', '解密', '降密'],
  借出: ['归还', '清点'],
  已移交: [],
  已销毁: [],
  已解密: [],
};

/** Every action needs 涉密载体管理: only the 保密员 keeps the register (the borrower does not self-serve). */
const MANAGE = 'classified.manage';
/** What an approver of 复制/销毁 and of a loan outside the 知悉范围 must hold (安全保密管理员). */
const APPROVE = 'classified.approve';

/**
 * The actions `user` can take on `record` now. Each listed action can still be refused for its
 * input (an approver without the role, a borrower outside the 知悉范围 …).
 */
export function allowedCarrierActions(record: Pick<CarrierRecord, 'state'>, user: RoleHolder | null | undefined): CarrierActionType[] {
  if (!can(user, MANAGE)) return [];
  return [...NEXT[record.state]];
}

/**
 * Why `user` cannot take `type` on `record` now, in the words the repository would refuse with;
 * null when the action may be tried (its input can still be refused).
 */
export function carrierActionRefusal(record: CarrierRecord, type: CarrierActionType, user: RoleHolder | null | undefined): string | null {
  if (!can(user, MANAGE)) return `没有权限${type}涉密载体（需要：${PERMISSION_LABELS[MANAGE]}，由保密员办理）`;
  return NEXT[record.state].includes(type) ? null : refusedByState(record, type);
}

function refusedByState(record: CarrierRecord, type: CarrierActionType): string {
  switch (record.state) {
    case '借出':
      return LENT_MESSAGE;
    case '已销毁':
      return `该载体已销毁，不能${type}`;
    case '已移交':
      return `该载体已${record.handover?.kind ?? '移交'}，不在本单位保管，不能${type}`;
    case '已解密':
      return `该载体已解密，不再作为涉密载体管理，不能${type}`;
    case '在库':
      // The only action 在库 refuses is 归还.
      return '该载体在库，没有借出，无需归还';
  }
}

// --- input checks -------------------------------------------------------------------------
// Actions arrive from forms and, through the repository, from anything that can call it: each
// value is checked as unknown rather than trusted to match its type.

// Typed text is cleaned of control, bidi and zero-width characters (shared/domain/text.ts);
// `kind` says which: an id is only trimmed, a 依据 keeps its line breaks.
function requiredText(value: unknown, field: string, message: string, kind: 'line' | 'paragraphs' | 'id' = 'line'): string {
  const t =
    kind === 'id' ? (typeof value === 'string' ? value.trim() : '') : kind === 'paragraphs' ? cleanParagraphs(value) : cleanLine(value);
  if (!t) throw new RuleError(message, field);
  return t;
}

/**
 * Longest 借阅事由, 销毁方式, 销毁地点 and 接收方 (characters): what the printed 借阅登记表, 销毁清单 and
 * 移交单 are laid out for (a row must fit one page).
 */
export const CARRIER_TEXT_MAX = { purpose: 200, method: 50, place: 100, receiver: 100 } as const;

function limitedText(value: unknown, field: keyof typeof CARRIER_TEXT_MAX, label: string): string {
  const t = requiredText(value, field, `请填写${label}`);
  const max = CARRIER_TEXT_MAX[field];
  if (Array.from(t).length > max) throw new RuleError(`${label}不能超过 ${max} 个字`, field);
  return t;
}

function person(value: unknown, field: string, message: string): PersonRef {
  const p = value as Partial<PersonRef> | null | undefined;
  const userId = typeof p?.userId === 'string' ? p.userId.trim() : '';
  const name = cleanLine(p?.name);
  if (!userId || !name) throw new RuleError(message, field);
  return { userId, name };
}

function oneOf<T extends string>(values: readonly T[], value: unknown, field: string, message: string): T {
  if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
  throw new RuleError(message, field);
}

function isApprover(lookupUser: UserLookup, who: PersonRef): boolean {
  return can(lookupUser(who.userId), APPROVE);
}

/** Full-width digits (a Chinese IME's default) to ASCII, spaces dropped: '０００１２' is 份号 12. */
function asciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30)).replace(/\s+/g, '');
}

const COPY_NUMBER_TYPED = /^\d{1,6}$/;

/** 份号 as typed → '000012'; null unless it is 1–6 digits and not zero. */
export function normalizeCarrierCopyNumber(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const t = asciiDigits(raw);
  if (!COPY_NUMBER_TYPED.test(t) || Number(t) === 0) return null;
  return t.padStart(6, '0');
}

const COPY_NUMBER_MESSAGE = '份号应为 1–6 位数字，从 000001 起编';

/** The marking now on the item. */
export function currentMarking(record: Pick<CarrierRecord, 'classification' | 'secrecyTerm'>): CarrierMarking {
  return { level: record.classification, term: record.secrecyTerm };
}

function markText(m: CarrierMarking): string {
  return formatClassificationMark({ level: m.level, term: m.term }) || m.level;
}

/**
 * The 密级 marking for the register and the detail page: the current one, and every earlier one
 * (oldest first) to be shown struck through beside it (DOMAIN.md §4).
 */
export function formatCarrierMarking(record: Pick<CarrierRecord, 'classification' | 'secrecyTerm' | 'markingHistory'>): {
  current: string;
  previous: string[];
} {
  return { current: markText(currentMarking(record)), previous: record.markingHistory.map((c) => markText(c.from)) };
}

// --- the action itself ----------------------------------------------------------------------

/**
 * Takes one lifecycle action: checks permission, state and input, and returns a NEW record with
 * the action's data, the new state and a history entry (who, when, approver, details). Never
 * mutates `record`. Throws RuleError, in plain Chinese, for anything the rules refuse.
 * `now` is both the time recorded and, as a local date, "today" (a due date cannot be past).
 *
 * 复制 here checks the approval and records it on the original, but cannot link a copy it does
 * not make: repositories use `copyCarrier`, which does both.
 */
export function applyCarrierAction(
  record: CarrierRecord,
  action: CarrierAction,
  actor: CarrierActor,
  now: Date,
  lookupUser: UserLookup,
): CarrierRecord {
  const type = oneOf(CARRIER_ACTION_TYPES, (action as { type?: unknown }).type, 'type', '未知的操作');
  if (!can(actor, MANAGE)) {
    throw new RuleError(`没有权限${type}涉密载体（需要：${PERMISSION_LABELS[MANAGE]}，由保密员办理）`);
  }
  if (!NEXT[record.state].includes(type)) throw new RuleError(refusedByState(record, type));

  const at = now.toISOString();
  const today = todayIso(now);
  // Copies of everything an action may change, so the caller's record stays as it was.
  const next: CarrierRecord = {
    ...record,
    knowers: record.knowers.map((k) => ({ ...k })),
    loans: record.loans.map((l) => ({ ...l })),
    copies: [...record.copies],
    markingHistory: [...record.markingHistory],
    history: [...record.history],
    updatedAt: at,
  };
  const event: CarrierEvent = { action: type, at, byId: actor.id, byName: actor.name };

  switch (action.type) {
    case '借出': {
      const borrower = person(action.borrower, 'borrower', '请选择借阅人');
      const purpose = limitedText(action.purpose, 'purpose', '借阅事由');
      const approver = person(action.approver, 'approver', '请选择批准人');
      if (approver.userId === borrower.userId) throw new RuleError('借阅人不能批准自己借阅', 'approver');
      if (!isIsoDate(action.dueDate)) throw new RuleError('应还日期无效，格式如 2026-07-01', 'dueDate');
      if (compareDates(action.dueDate, today) < 0) throw new RuleError('应还日期不能早于今天', 'dueDate');
      const inScope = record.knowers.some((k) => k.userId === borrower.userId);
      let outside: PersonRef | undefined;
      if (!inScope) {
        if (action.outsideScopeApprovalBy === undefined || action.outsideScopeApprovalBy === null) {
          throw new RuleError(`${borrower.name}不在知悉范围内，须经保密员批准方可借阅`, 'outsideScopeApprovalBy');
        }
        outside = person(action.outsideScopeApprovalBy, 'outsideScopeApprovalBy', '请选择批准知悉范围外借阅的保密员');
        if (outside.userId === borrower.userId) {
          throw new RuleError('借阅人不能批准自己在知悉范围外借阅', 'outsideScopeApprovalBy');
        }
        if (!isApprover(lookupUser, outside)) {
          throw new RuleError(`${outside.name}不是安全保密管理员，不能批准知悉范围以外的人员借阅`, 'outsideScopeApprovalBy');
        }
      }
      // An approval for someone inside the 知悉范围 is not needed, so it is not recorded as one.
      const loan: CarrierLoan = {
        borrower,
        purpose,
        approver,
        ...(outside ? { outsideScopeApprovalBy: outside } : {}),
        dueDate: action.dueDate,
        lentAt: at,
        lentByName: actor.name,
      };
      next.loan = loan;
      next.state = '借出';
      event.approver = approver;
      event.note = [
        `借阅人：${borrower.name}`,
        `事由：${purpose}`,
        `应还日期：${action.dueDate}`,
        outside ? `知悉范围外，经保密员${outside.name}批准` : '',
      ]
        .filter(Boolean)
        .join('；');
      break;
    }
    case '归还': {
      const loan = record.loan;
      // 借出 without a loan can only come from bad data: refuse rather than guess who has it.
      if (!loan) throw new RuleError('找不到借阅记录，无法归还');
      next.loans.push({ ...loan, returnedAt: at, returnedByName: actor.name });
      delete next.loan;
      next.state = '在库';
      const late = daysBetween(loan.dueDate, today);
      event.note = `${loan.borrower.name}归还${late > 0 ? `，逾期 ${late} 天` : ''}`;
      break;
    }
    case '复制': {
      const approval = copyApproval(record.classification, action.approval, lookupUser);
      const copyNumber = normalizeCarrierCopyNumber(action.copyNumber);
      if (!copyNumber) throw new RuleError(COPY_NUMBER_MESSAGE, 'copyNumber');
      if (copyNumber === record.copyNumber) throw new RuleError('复制件的份号不能与原件相同', 'copyNumber');
      if (approval.kind === 'unit') event.approver = approval.approver;
      event.note = `复制，新份号 ${copyNumber}；${
        approval.kind === 'unit' ? `审批人：${approval.approver.name}` : `原定密机关批准，文号：${approval.reference}`
      }`;
      break;
    }
    case '移交': {
      const { handover, note } = handoverOf(action, actor, at);
      next.handover = handover;
      next.state = '已移交';
      event.note = note;
      break;
    }
    case '清点': {
      const result = oneOf(['在位', '缺失', '损坏'] as const, action.result, 'result', '清点结果应为在位、缺失或损坏');
      const sessionId = requiredText(action.sessionId, 'sessionId', '缺少清点批次', 'id');
      // 缺失/损坏 do not change the state: the discrepancy report goes to the 保密员, who decides
      // (search, report a loss, destroy); the register must not guess.
      next.lastInventoriedAt = at;
      next.lastInventoryResult = result;
      event.note = `清点：${result}（批次 ${sessionId}）`;
      break;
    }
    case '销毁': {
      const approver = person(action.approver, 'approver', '请选择审批人');
      const destroyer = person(action.destroyer, 'destroyer', '请选择销毁人');
      const supervisor = person(action.supervisor, 'supervisor', '请选择监销人');
      const method = limitedText(action.method, 'method', '销毁方式');
      const place = limitedText(action.place, 'place', '销毁地点');
      if (destroyer.userId === supervisor.userId) throw new RuleError(SAME_WITNESS_MESSAGE, 'supervisor');
      if (approver.userId === destroyer.userId || approver.userId === supervisor.userId) {
        throw new RuleError(APPROVER_WITNESS_MESSAGE, 'approver');
      }
      if (!isApprover(lookupUser, approver)) {
        throw new RuleError(`${approver.name}不是安全保密管理员，无权批准销毁`, 'approver');
      }
      next.destruction = { approver, destroyer, supervisor, method, place, at, byName: actor.name };
      next.state = '已销毁';
      delete next.loan;
      event.approver = approver;
      event.note = `销毁人：${destroyer.name}；监销人：${supervisor.name}；方式：${method}；地点：${place}`;
      break;
    }
    case '解密': {
      // The decision is the 定密机关's (often outside this office), so the approver is recorded by
      // name with the 依据 rather than checked against our roles.
      const approver = person(action.approver, 'approver', '请选择审批人');
      const basis = requiredText(action.basis, 'basis', '请填写解密依据', 'paragraphs');
      const from = currentMarking(record);
      const to: CarrierMarking = { level: '非密', term: null };
      next.markingHistory.push({ action: '解密', at, byName: actor.name, approver, basis, from, to });
      next.classification = to.level;
      next.secrecyTerm = to.term;
      next.state = '已解密';
      event.approver = approver;
      event.note = `解密，原标志：${markText(from)}；依据：${basis}`;
      break;
    }
    case '降密': {
      const approver = person(action.approver, 'approver', '请选择审批人');
      const basis = requiredText(action.basis, 'basis', '请填写降密依据', 'paragraphs');
      const newLevel = oneOf(CLASSIFICATIONS, action.newLevel, 'newLevel', '请选择降密后的密级');
      if (!isClassified(newLevel)) {
        throw new RuleError('降密后仍须是秘密及以上密级；不再涉密的请办理解密', 'newLevel');
      }
      if (classificationRank(newLevel) >= classificationRank(record.classification)) {
        throw new RuleError(`降密后的密级必须低于现密级（${record.classification}）`, 'newLevel');
      }
      let newTerm: SecrecyTerm | null;
      if (action.newTerm === undefined || action.newTerm === null) {
        // Unmarked means the statutory default of the new level (保密法), stored so it is visible.
        newTerm = defaultSecrecyTerm(newLevel);
      } else {
        const parsed = secrecyTermSchema.safeParse(action.newTerm);
        if (!parsed.success) throw new RuleError(parsed.error.issues[0]?.message ?? '保密期限无效', 'newTerm');
        newTerm = parsed.data;
      }
      if (newTerm?.kind === 'date' && compareDates(newTerm.date, record.secrecyStart) < 0) {
        throw new RuleError('解密时间不能早于保密期限起算日', 'newTerm');
      }
      const from = currentMarking(record);
      const to: CarrierMarking = { level: newLevel, term: newTerm };
      next.markingHistory.push({ action: '降密', at, byName: actor.name, approver, basis, from, to });
      next.classification = newLevel;
      next.secrecyTerm = newTerm;
      event.approver = approver;
      event.note = `降密：${markText(from)} → ${markText(to)}；依据：${basis}`;
      break;
    }
  }

  next.history.push(event);
  return next;
}

/** The 移交/清退 as recorded, from the action's checked input. */
function handoverOf(action: Extract<CarrierAction, { type: '移交' }>, actor: Pick<CarrierActor, 'name'>, at: string): { handover: NonNullable<CarrierRecord['handover']>; note: string } {
  const receiver = limitedText(action.receiver, 'receiver', '接收人或接收单位');
  const receiverKind = oneOf(['个人', '单位'] as const, action.receiverKind, 'receiverKind', '请选择接收方是个人还是单位');
  const kind = oneOf(['移交', '清退'] as const, action.kind, 'kind', '请选择移交或清退');
  return { handover: { kind, receiver, receiverKind, at, byName: actor.name }, note: `${kind}至${receiver}（${receiverKind}）` };
}

/**
 * 移交 of a copy of our own 发文 at its 核发 (issue #16): the same rule as applyCarrierAction's
 * 移交 (the state must allow it, the same input checks, the same record of it), taken by the
 * 秘书 who hands the 发文 out: the permission is the 发文's (发文办理), checked by its procedure.
 * `note` says which 发文 (appended to the history line).
 */
export function handOverWithOutgoing(record: CarrierRecord, action: Extract<CarrierAction, { type: '移交' }>, actor: CarrierActor, now: Date, note: string): CarrierRecord {
  if (!NEXT[record.state].includes('移交')) throw new RuleError(`份号 ${record.copyNumber}：${refusedByState(record, '移交')}`);
  if (record.source.kind !== '自制' || !record.source.outgoingId) throw new RuleError(`份号 ${record.copyNumber} 不是本单位发文印制的载体，须由保密员办理移交`);
  const at = now.toISOString();
  const { handover, note: done } = handoverOf(action, actor, at);
  return {
    ...record,
    handover,
    state: '已移交',
    history: [...record.history, { action: '移交', at, byId: actor.id, byName: actor.name, note: `${done}；${note}` }],
    updatedAt: at,
  };
}

/** The 复制 approval the carrier's level requires (DOMAIN.md §4), checked and trimmed. */
function copyApproval(level: Classification, raw: unknown, lookupUser: UserLookup): CopyApproval {
  const a = raw as { kind?: unknown; approver?: unknown; reference?: unknown } | null | undefined;
  if (level === '绝密') {
    const reference = a?.kind === 'originating-office' ? cleanLine(a.reference) : '';
    if (!reference) throw new RuleError('绝密载体复制须经原定密机关批准，请填写批准文号', 'approval');
    return { kind: 'originating-office', reference };
  }
  if (a?.kind !== 'unit' || a.approver === undefined || a.approver === null) {
    throw new RuleError('复制须经审批：请选择本单位审批人（安全保密管理员）', 'approval');
  }
  const approver = person(a.approver, 'approval', '复制须经审批：请选择本单位审批人（安全保密管理员）');
  if (!isApprover(lookupUser, approver)) {
    throw new RuleError(`${approver.name}不是安全保密管理员，无权批准复制`, 'approval');
  }
  return { kind: 'unit', approver };
}

/** The approval of a 复制 into a 迁移包 (issue #20): one for the package, covering every level it copies. */
export interface PackageCopyApproval {
  /** 安全保密管理员 of this unit: needed when a 机密 or 秘密 carrier is copied. */
  approver?: PersonRef;
  /** 原定密机关的批准文号: needed when a 绝密 carrier is copied. */
  reference?: string;
}

/**
 * The approval of copying carriers of `levels` into a 迁移包, checked by the same rules as a 复制 in
 * the 台账 (copyApproval): an approver who is a 安全保密管理员 now, a 批准文号 for 绝密. Only what the
 * levels need is kept. Errors name the form fields `copyApprover` / `copyReference`.
 */
export function packageCopyApproval(levels: readonly Classification[], raw: PackageCopyApproval | undefined, lookupUser: UserLookup): PackageCopyApproval {
  const out: PackageCopyApproval = {};
  if (levels.includes('绝密')) {
    const reference = cleanLine(raw?.reference);
    if (!reference) throw new RuleError('含绝密载体：复制须经原定密机关批准，请填写批准文号', 'copyReference');
    out.reference = reference;
  }
  if (levels.some((l) => l !== '绝密')) {
    try {
      const a = copyApproval('机密', { kind: 'unit', approver: raw?.approver }, lookupUser);
      if (a.kind === 'unit') out.approver = a.approver;
    } catch (e) {
      throw e instanceof RuleError ? new RuleError(e.message, 'copyApprover') : e;
    }
  }
  return out;
}

/** Ids the repository gives a new carrier: record id and 编号 from the numbering service. */
export interface NewCarrierIds {
  id: string;
  serial: string;
}

/**
 * The carrier a copy becomes (issue 4): its own record with the new 份号 and 编号, the original's
 * 密级, 保密期限 (same start: the term runs from the original 定密), 知悉范围, 保管人 and 存放位置,
 * and `copyOf` pointing back. Does not check the approval: `copyCarrier` does, through
 * applyCarrierAction.
 */
export function makeCopyRecord(
  original: CarrierRecord,
  copyNumber: string,
  ids: NewCarrierIds,
  actor: Pick<CarrierActor, 'id' | 'name'>,
  now: Date,
): CarrierRecord {
  const number = normalizeCarrierCopyNumber(copyNumber);
  if (!number) throw new RuleError(COPY_NUMBER_MESSAGE, 'copyNumber');
  const at = now.toISOString();
  const copy: CarrierRecord = {
    id: ids.id,
    serial: ids.serial,
    name: original.name,
    carrierType: original.carrierType,
    classification: original.classification,
    secrecyTerm: original.secrecyTerm,
    secrecyStart: original.secrecyStart,
    copyNumber: number,
    quantity: original.quantity,
    source: { ...original.source },
    knowers: original.knowers.map((k) => ({ ...k })),
    custodian: { ...original.custodian },
    location: original.location,
    state: '在库',
    loans: [],
    copies: [],
    copyOf: original.id,
    // The copy carries only the marking in force when it was made; the original keeps the past.
    markingHistory: [],
    history: [
      {
        action: '登记',
        at,
        byId: actor.id,
        byName: actor.name,
        note: `复制自 ${original.serial}（份号 ${original.copyNumber}），新份号 ${number}`,
      },
    ],
    createdAt: at,
    updatedAt: at,
  };
  if (original.pages !== undefined) copy.pages = original.pages;
  return copy;
}

/**
 * 复制 as the repository does it: the rules and the approval (applyCarrierAction), the new
 * carrier (makeCopyRecord), and the link both ways. Store both records in one transaction.
 */
export function copyCarrier(
  original: CarrierRecord,
  action: Extract<CarrierAction, { type: '复制' }>,
  ids: NewCarrierIds,
  actor: CarrierActor,
  now: Date,
  lookupUser: UserLookup,
): { original: CarrierRecord; copy: CarrierRecord } {
  const updated = applyCarrierAction(original, action, actor, now, lookupUser);
  const copy = makeCopyRecord(original, action.copyNumber, ids, actor, now);
  updated.copies.push(copy.id);
  return { original: updated, copy };
}

// --- registration ---------------------------------------------------------------------------
// 登记 (DOMAIN.md §4): the form's rules, shared by the form and the repository. Messages are keyed
// by field name (issue.path[0]) so the form can put each one beside its box.

function charCount(s: string): number {
  return Array.from(s).length;
}

function text(label: string, max: number) {
  // Cleaned (control, bidi, zero-width characters) before the length is counted.
  return singleLineText({ error: `请填写${label}` })
    .min(1, `请填写${label}`)
    .refine((v) => charCount(v) <= max, `${label}不能超过 ${max} 个字`);
}

function personSchema(label: string) {
  return z.object(
    {
      userId: z.string({ error: `请选择${label}` }).trim().min(1, `请选择${label}`),
      name: singleLineText({ error: `请选择${label}` }).min(1, `请选择${label}`),
    },
    { error: `请选择${label}` },
  );
}

const sourceSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('收文'),
      incomingId: z.string({ error: '请选择来源收文' }).trim().min(1, '请选择来源收文'),
      incomingSerial: z.string({ error: '请选择来源收文' }).trim().min(1, '请选择来源收文'),
    }),
    z.object({ kind: z.literal('自制'), unit: text('制作单位', 100) }),
    // Handed over by another unit (a carrier received in a 迁移包 keeps it through 更正).
    z.object({ kind: z.literal('外单位'), unit: text('移交单位', 100) }),
  ],
  { error: '请选择来源：收文、自制或外单位' },
) satisfies z.ZodType<CarrierSource>;

/** 来文字号 of a carrier: the same limit as a 收文's 来文字号. */
export const CARRIER_DOC_NUMBER_MAX = 50;

export const NOT_CLASSIFIED_MESSAGE = '涉密载体台账只登记秘密及以上密级的载体';

export const carrierRegistrationSchema = z
  .object({
    name: text('名称', 200),
    carrierType: carrierTypeSchema,
    classification: classificationSchema.refine(isClassified, NOT_CLASSIFIED_MESSAGE),
    /** Left out: the statutory default of the level is filled in. */
    secrecyTerm: secrecyTermSchema.optional(),
    secrecyStart: z
      .string({ error: '请输入保密期限起算日' })
      .trim()
      .refine((v) => parseIsoDate(v) !== null, '请输入有效的保密期限起算日，格式如 2026-07-01'),
    copyNumber: z
      .string({ error: '请填写份号' })
      .transform((v) => normalizeCarrierCopyNumber(v) ?? v)
      .refine((v) => /^\d{6}$/.test(v) && v !== '000000', COPY_NUMBER_MESSAGE),
    quantity: z.number({ error: '请输入数量' }).int('数量应为整数').min(1, '数量至少为 1'),
    pages: z.number({ error: '页数应为数字' }).int('页数应为整数').min(0, '页数不能为负数').optional(),
    /** 来文字号: the 文号 of the document the carrier holds; as long as a 收文's (50). Blank: left out. */
    docNumber: singleLineText({ error: '来文字号应为文字' })
      .transform((v) => normalizeDocNumber(v).normalized)
      .refine((v) => charCount(v) <= CARRIER_DOC_NUMBER_MAX, `来文字号不能超过 ${CARRIER_DOC_NUMBER_MAX} 个字`)
      .transform((v) => v || undefined)
      .optional(),
    source: sourceSchema,
    knowers: z.array(personSchema('知悉范围人员'), { error: '请选择知悉范围' }).min(1, '知悉范围至少要有一人'),
    custodian: personSchema('保管人'),
    location: text('存放位置', 100),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    for (const k of v.knowers) {
      if (seen.has(k.userId)) ctx.addIssue({ code: 'custom', path: ['knowers'], message: `知悉范围中有重复的人员：${k.name}` });
      seen.add(k.userId);
    }
    if (v.secrecyTerm?.kind === 'date' && parseIsoDate(v.secrecyStart) && compareDates(v.secrecyTerm.date, v.secrecyStart) < 0) {
      ctx.addIssue({ code: 'custom', path: ['secrecyTerm'], message: '解密时间不能早于保密期限起算日' });
    }
  })
  .transform((v, ctx) => {
    // An unmarked 保密期限 means the statutory default (保密法): stored, so the register shows it.
    const secrecyTerm = v.secrecyTerm ?? defaultSecrecyTerm(v.classification);
    if (!secrecyTerm) {
      ctx.addIssue({ code: 'custom', path: ['classification'], message: NOT_CLASSIFIED_MESSAGE });
      return z.NEVER;
    }
    return { ...v, secrecyTerm };
  });

export type CarrierRegistrationInput = z.input<typeof carrierRegistrationSchema>;
export type CarrierRegistration = z.output<typeof carrierRegistrationSchema>;

/**
 * A new carrier from a parsed registration, 在库, with its 登记 event. Who may register is the
 * repository's call: the 保密员 directly, or the 秘书 through a classified 收文 (issue 4).
 */
export function createCarrierRecord(
  registration: CarrierRegistration,
  ids: NewCarrierIds,
  actor: Pick<CarrierActor, 'id' | 'name'>,
  now: Date,
): CarrierRecord {
  const at = now.toISOString();
  const { pages, docNumber, ...rest } = registration;
  return {
    ...rest,
    ...(pages !== undefined ? { pages } : {}),
    ...(docNumber ? { docNumber } : {}),
    id: ids.id,
    serial: ids.serial,
    source: { ...registration.source },
    knowers: registration.knowers.map((k) => ({ ...k })),
    custodian: { ...registration.custodian },
    state: '在库',
    loans: [],
    copies: [],
    markingHistory: [],
    history: [{ action: '登记', at, byId: actor.id, byName: actor.name }],
    createdAt: at,
    updatedAt: at,
  };
}

// --- queries for 工作台, 催还, review and 清点 ------------------------------------------------

/** Still a classified carrier in our keeping: the states the reminders are about. */
function isLive(record: Pick<CarrierRecord, 'state'>): boolean {
  return record.state === '在库' || record.state === '借出';
}

/** Out on loan past its 应还日期 (the due date itself is still in time). */
export function isLoanOverdue(record: { state: CarrierState; loan?: Pick<CarrierLoan, 'dueDate'> | undefined }, today: IsoDate): boolean {
  return record.state === '借出' && record.loan !== undefined && compareDates(today, record.loan.dueDate) > 0;
}

/**
 * The day a 保密期限 ends: N years after the start (29 Feb → 28 Feb in a common year), or the
 * 解密时间 itself; null for 长期 and 解密条件, which no calendar can decide.
 */
export function secrecyEndDate(term: SecrecyTerm | null | undefined, start: IsoDate): IsoDate | null {
  if (!term) return null;
  switch (term.kind) {
    case 'years': {
      const s = parseIsoDate(start);
      if (!s) throw new RangeError(`保密期限起算日无效：${start}`);
      const year = s.year + term.years;
      const lastDay = new Date(Date.UTC(year, s.month, 0)).getUTCDate();
      return toIsoDate({ year, month: s.month, day: Math.min(s.day, lastDay) });
    }
    case 'date':
      return term.date;
    case 'condition':
    case 'long':
      return null;
  }
}

export interface ReviewEntry {
  record: CarrierRecord;
  endDate: IsoDate;
  /** Negative once the term has ended. */
  daysLeft: number;
}

/**
 * The 解密/降密 review queue: live carriers whose 保密期限 ends within `withinDays` (90) or has
 * ended, soonest first. 长期 and 解密条件 terms are left to the annual review.
 */
export function reviewQueue(records: readonly CarrierRecord[], today: IsoDate, withinDays: number = REVIEW_WINDOW_DAYS): ReviewEntry[] {
  const limit = addDays(today, withinDays);
  const out: ReviewEntry[] = [];
  for (const record of records) {
    if (!isLive(record)) continue;
    const endDate = secrecyEndDate(record.secrecyTerm, record.secrecyStart);
    if (endDate === null || compareDates(endDate, limit) > 0) continue;
    out.push({ record, endDate, daysLeft: daysBetween(today, endDate) });
  }
  return out.sort((a, b) => compareDates(a.endDate, b.endDate) || a.record.serial.localeCompare(b.record.serial));
}

/** A live carrier not ticked in any 清点 this calendar year (工作台 lists these). */
export function needsInventoryThisYear(record: Pick<CarrierRecord, 'state' | 'lastInventoriedAt'>, today: IsoDate): boolean {
  if (!isLive(record)) return false;
  if (!record.lastInventoriedAt) return true;
  return toLocalIsoDate(new Date(record.lastInventoriedAt)).slice(0, 4) !== today.slice(0, 4);
}

export interface InventoryDiscrepancies {
  /** Ticked 缺失 */
  missing: CarrierRecord[];
  /** Ticked 损坏 */
  damaged: CarrierRecord[];
  /** Expected but never ticked: unaccounted for until someone looks. */
  notTicked: CarrierRecord[];
  /** Ids ticked that this session did not expect (another custodian's or location's carrier). */
  unexpected: string[];
}

/** The 清点 session's discrepancy report: everything except the expected carriers ticked 在位. */
export function inventoryDiscrepancies(
  expected: readonly CarrierRecord[],
  ticks: ReadonlyMap<string, InventoryResult>,
): InventoryDiscrepancies {
  const report: InventoryDiscrepancies = { missing: [], damaged: [], notTicked: [], unexpected: [] };
  const expectedIds = new Set<string>();
  for (const record of expected) {
    expectedIds.add(record.id);
    const tick = ticks.get(record.id);
    if (tick === undefined) report.notTicked.push(record);
    else if (tick === '缺失') report.missing.push(record);
    else if (tick === '损坏') report.damaged.push(record);
  }
  for (const id of ticks.keys()) if (!expectedIds.has(id)) report.unexpected.push(id);
  return report;
}
