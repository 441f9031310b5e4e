import { z } from 'zod';
import { compareDates, isIsoDate, parseIsoDate, todayIso, type IsoDate } from './dates';
import { classificationSchema, defaultSecrecyTerm, docTypeSchema, formatClassificationMark, isClassified, secrecyTermSchema, urgencySchema, type DocType } from './enums';
import { filedRefusal, inventedTitle } from './filing';
import type { CatalogueFields } from './filing-types';
import type { DepartmentRef } from './incoming-types';
import { formatCopyNumber, formatSerial, SERIES_PATTERNS, validatePattern } from './numbering';
import {
  DISCLOSURES,
  DOC_DIRECTIONS,
  type DocDirection,
  type DocNumberEntry,
  type DocNumberSeries,
  type OutgoingAction,
  type OutgoingActionType,
  type OutgoingDistribution,
  type OutgoingDraft,
  type OutgoingRecord,
  type OutgoingState,
  type OutgoingStep,
} from './outgoing-types';
import { can, PERMISSION_LABELS, type Role } from './permissions';
import { RuleError } from './rule-error';
import { cleanLine, cleanParagraphs, multiLineText, singleLineText } from './text';

// 发文办理 (DOMAIN.md §10, 条例 §19–22 and §25): the 拟稿 form's rules, the procedure as a table
// (state → the steps that may follow), each step's checks, and the 文号台账's rules. Pure, like
// incoming.ts: the repository (renderer/db/repositories/outgoing.ts) loads the record, takes the
// 文号 from the counter at 登记 and makes the carriers at 印制, calls applyOutgoingAction and
// stores the result with its audit entry in one transaction.

export * from './outgoing-types';

/** Who takes a step: id for need to know, name for the history, roles for the permission. */
export interface OutgoingActor {
  id: string;
  name: string;
  roles: readonly Role[];
}

const PERMISSION = 'outgoing.process' as const;

// --- 拟稿 -----------------------------------------------------------------------------------------

/** 行文方向 proposed from the 文种 (条例 §13–§15): 请示, 报告, 议案 go up; 函 goes sideways. */
export function proposeDirection(docType: DocType): DocDirection {
  switch (docType) {
    case '请示':
    case '报告':
    case '议案':
      return '上行文';
    case '函':
      return '平行文';
    default:
      return '下行文';
  }
}

export const OUTGOING_TITLE_MAX = 200;
/** One 主送/抄送 unit (a name, or a group such as 各乡镇人民政府). */
export const OUTGOING_UNIT_MAX = 60;
export const OUTGOING_UNITS_MAX = 100;
export const PRINT_COPIES_MAX = 999;
export const OUTGOING_BODY_MAX = 50_000;

/** Length in characters, not UTF-16 units. */
function charCount(s: string): number {
  return Array.from(s).length;
}

function text(label: string, max: number, required: boolean, multiline = false) {
  const params = { error: required ? `请填写${label}` : `${label}应为文字` };
  let s = multiline ? multiLineText(params) : singleLineText(params);
  if (required) s = s.min(1, `请填写${label}`);
  return s.refine((v) => charCount(v) <= max, `${label}不能超过 ${max} 个字`);
}

const personSchema = (label: string) =>
  z.object(
    { userId: z.string({ error: `请选择${label}` }).trim().min(1, `请选择${label}`), name: singleLineText({ error: `请选择${label}` }).min(1, `请选择${label}`) },
    { error: `请选择${label}` },
  );
const departmentSchema = (label: string) =>
  z.object(
    { id: z.string({ error: `请选择${label}` }).trim().min(1, `请选择${label}`), name: singleLineText({ error: `请选择${label}` }).min(1, `请选择${label}`) },
    { error: `请选择${label}` },
  );

function unitList(label: string) {
  return z
    .array(z.string({ error: `${label}应为单位名称` }), { error: `${label}应为单位名称的列表` })
    .transform((units) => units.map((u) => cleanLine(u)).filter(Boolean))
    .refine((units) => units.every((u) => charCount(u) <= OUTGOING_UNIT_MAX), `${label}的每个单位不能超过 ${OUTGOING_UNIT_MAX} 个字`)
    .refine((units) => units.length <= OUTGOING_UNITS_MAX, `${label}最多 ${OUTGOING_UNITS_MAX} 个单位`);
}

export const SECRET_DISCLOSURE_MESSAGE = '涉密公文不得公开，公开属性应为不予公开';
export const MAIN_TO_REQUIRED_MESSAGE = '请至少填写一个主送机关';

/**
 * The 拟稿 form (and 修改 of a 草稿): messages keyed by field name, so the form puts each beside
 * its box. An unmarked 保密期限 of a 秘密+ 发文 is the statutory default (保密法), stored so the
 * 版头 prints it.
 */
export const outgoingDraftSchema = z
  .object({
    title: text('标题', OUTGOING_TITLE_MAX, true),
    docType: docTypeSchema,
    direction: z.enum(DOC_DIRECTIONS, { error: '请选择行文方向' }),
    seriesId: z.string({ error: '请选择发文字号' }).trim().min(1, '请选择发文字号'),
    mainTo: unitList('主送机关'),
    copyTo: unitList('抄送机关').default([]),
    classification: classificationSchema,
    secrecyTerm: secrecyTermSchema.optional(),
    urgency: urgencySchema,
    draftingUnit: departmentSchema('拟稿单位'),
    drafter: personSchema('拟稿人'),
    countersignUnits: z.array(departmentSchema('会签单位'), { error: '会签单位应为单位列表' }).max(30, '会签单位最多 30 个').default([]),
    attachments: text('附件说明', 500, false, true).optional(),
    printCopies: z
      .number({ error: `印制份数应为 1–${PRINT_COPIES_MAX} 的整数` })
      .refine((n) => Number.isInteger(n) && n >= 1 && n <= PRINT_COPIES_MAX, `印制份数应为 1–${PRINT_COPIES_MAX} 的整数`),
    disclosure: z.enum(DISCLOSURES, { error: '请选择公开属性' }),
    body: text('正文', OUTGOING_BODY_MAX, false, true).optional(),
    remark: text('附注', 200, false, true).optional(),
  })
  .superRefine((v, ctx) => {
    // Runs even when a field above failed: every value is re-checked before use.
    const mainTo = Array.isArray(v.mainTo) ? v.mainTo : [];
    const copyTo = Array.isArray(v.copyTo) ? v.copyTo : [];
    if (mainTo.length === 0) ctx.addIssue({ code: 'custom', path: ['mainTo'], message: MAIN_TO_REQUIRED_MESSAGE });
    const seen = new Set<string>();
    for (const [field, units] of [['mainTo', mainTo], ['copyTo', copyTo]] as const) {
      for (const u of units) {
        if (seen.has(u)) ctx.addIssue({ code: 'custom', path: [field], message: `${u}重复：同一单位只能主送或抄送一次` });
        seen.add(u);
      }
    }
    if (typeof v.printCopies === 'number' && Number.isInteger(v.printCopies) && seen.size > v.printCopies) {
      ctx.addIssue({ code: 'custom', path: ['printCopies'], message: `印制份数不能少于主送、抄送单位数（${seen.size} 个）` });
    }
    const classified = isClassified(v.classification);
    if (!classified && v.secrecyTerm !== undefined) ctx.addIssue({ code: 'custom', path: ['secrecyTerm'], message: '只有秘密及以上密级才有保密期限' });
    if (classified && v.disclosure !== '不予公开') ctx.addIssue({ code: 'custom', path: ['disclosure'], message: SECRET_DISCLOSURE_MESSAGE });
    const units = Array.isArray(v.countersignUnits) ? v.countersignUnits : [];
    const ids = new Set<string>();
    for (const u of units) {
      if (ids.has(u.id)) ctx.addIssue({ code: 'custom', path: ['countersignUnits'], message: `会签单位重复：${u.name}` });
      ids.add(u.id);
      if (v.draftingUnit && u.id === v.draftingUnit.id) ctx.addIssue({ code: 'custom', path: ['countersignUnits'], message: '会签单位不能包含拟稿单位' });
    }
  })
  .transform((v): OutgoingDraft => {
    const out: OutgoingDraft = {
      title: v.title,
      docType: v.docType,
      direction: v.direction,
      seriesId: v.seriesId,
      mainTo: v.mainTo,
      copyTo: v.copyTo,
      classification: v.classification,
      urgency: v.urgency,
      draftingUnit: { id: v.draftingUnit.id, name: v.draftingUnit.name },
      drafter: { userId: v.drafter.userId, name: v.drafter.name },
      countersignUnits: v.countersignUnits.map((u) => ({ id: u.id, name: u.name })),
      printCopies: v.printCopies,
      disclosure: v.disclosure,
    };
    const term = v.secrecyTerm ?? defaultSecrecyTerm(v.classification) ?? undefined;
    if (isClassified(v.classification) && term) out.secrecyTerm = term;
    // An emptied box is "not given".
    if (v.attachments) out.attachments = v.attachments;
    if (v.body) out.body = v.body;
    if (v.remark) out.remark = v.remark;
    return out;
  });

export type OutgoingDraftInput = z.input<typeof outgoingDraftSchema>;

/** The draft as stored, or a RuleError on its first problem (field named for the form). */
export function validateOutgoingDraft(input: unknown): OutgoingDraft {
  const parsed = outgoingDraftSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw RuleError.at(String(issue?.path[0] ?? ''), issue?.message ?? '输入有误');
  }
  return parsed.data;
}

/** The series a draft names, usable for new drafts; RuleError beside 发文字号 otherwise. */
export function seriesForDraft(series: readonly DocNumberSeries[], seriesId: string): DocNumberSeries {
  if (series.length === 0) throw RuleError.at('seriesId', NO_SERIES_MESSAGE);
  const s = series.find((x) => x.id === seriesId);
  if (!s) throw RuleError.at('seriesId', '该发文字号不存在，请重新选择');
  if (s.retired) throw RuleError.at('seriesId', `发文字号“${s.code}”已停用，请选择其他发文字号`);
  return s;
}

/** Who is named on the record (拟稿人, 核稿人, 签发人 with an account, whoever drafted it): they may see it. */
function withNamed(ids: readonly string[], ...more: (string | undefined)[]): string[] {
  return [...new Set([...ids, ...more.filter((x): x is string => !!x)])];
}

/** A new 草稿 from a checked draft. */
export function createOutgoingRecord(draft: OutgoingDraft, id: string, actor: OutgoingActor, now: Date): OutgoingRecord {
  requireProcess(actor, '拟稿');
  const at = now.toISOString();
  return {
    ...draft,
    id,
    state: '草稿',
    draftYear: Number(todayIso(now).slice(0, 4)),
    returns: [],
    countersigns: [],
    distributions: [],
    namedUserIds: withNamed([], draft.drafter.userId, actor.id),
    history: [{ action: '拟稿', at, byId: actor.id, byName: actor.name }],
    createdAt: at,
    updatedAt: at,
  };
}

/** 修改 of a 草稿 (拟稿, or after 退回修改): the draft's fields replaced, the procedure's kept. */
export function editOutgoingRecord(record: OutgoingRecord, draft: OutgoingDraft, actor: OutgoingActor, now: Date): OutgoingRecord {
  requireProcess(actor, '修改');
  if (record.filed) throw new RuleError(filedRefusal(record.filed, '修改'));
  if (record.state !== '草稿') throw new RuleError(`当前状态“${record.state}”，不能修改；只有草稿可以修改（送核稿后请先退回修改）`);
  const at = now.toISOString();
  const next: OutgoingRecord = {
    ...record,
    ...draft,
    namedUserIds: withNamed(record.namedUserIds, draft.drafter.userId),
    history: [...record.history, { action: '修改', at, byId: actor.id, byName: actor.name }],
    updatedAt: at,
  };
  // Optional fields emptied in the form are dropped, not kept from before.
  for (const key of ['attachments', 'body', 'remark', 'secrecyTerm'] as const) if (draft[key] === undefined) delete next[key];
  return next;
}

// --- the procedure ----------------------------------------------------------------------------

const VERB: Record<OutgoingActionType, string> = {
  送核稿: '送核稿',
  核稿: '核稿',
  退回修改: '退回修改',
  会签: '登记会签意见',
  签发: '签发',
  复核: '复核',
  登记: '登记',
  印制: '印制',
  用印: '用印',
  核发: '核发',
  作废: '作废',
};

/** States from which a 发文 may be withdrawn (作废): anything before 已核发. */
const VOIDABLE: ReadonlySet<OutgoingState> = new Set(['草稿', '待核稿', '待会签', '待签发', '待复核', '待登记', '待印制', '待用印', '待核发']);

// State → the steps that may follow it (作废 from every state in VOIDABLE, added below).
const NEXT: Record<OutgoingState, readonly OutgoingActionType[]> = {
  草稿: ['送核稿'],
  待核稿: ['核稿', '退回修改'],
  待会签: ['会签', '退回修改'],
  待签发: ['签发', '退回修改'],
  待复核: ['复核', '退回修改'],
  待登记: ['登记'],
  待印制: ['印制'],
  待用印: ['用印'],
  待核发: ['核发'],
  已核发: [],
  已作废: [],
};

function nextSteps(state: OutgoingState): OutgoingActionType[] {
  return [...NEXT[state], ...(VOIDABLE.has(state) ? (['作废'] as const) : [])];
}

function requireProcess(actor: { roles: readonly Role[] }, verb: string): void {
  if (!can(actor, PERMISSION)) throw new RuleError(`没有权限${verb}发文（需要：${PERMISSION_LABELS[PERMISSION]}）`);
}

/** Why `type` cannot be taken on `record` by `actor` now (permission, filed, state); null when it may be tried. */
export function outgoingStepRefusal(record: Pick<OutgoingRecord, 'state' | 'filed'>, type: OutgoingActionType, actor: { roles: readonly Role[] }): string | null {
  const verb = VERB[type] ?? type;
  if (!can(actor, PERMISSION)) return `没有权限${verb}发文（需要：${PERMISSION_LABELS[PERMISSION]}）`;
  if (record.filed) return filedRefusal(record.filed, verb);
  if (record.state === '已作废') return `此发文已作废，不能${verb}`;
  if (record.state === '已核发' && type === '作废') return '此发文已核发，不能作废';
  const next = nextSteps(record.state);
  if (!next.includes(type)) {
    const options = next.length > 0 ? next.map((t) => VERB[t]).join('、') : '无';
    return `当前状态“${record.state}”，不能${verb}；下一步可以：${options}`;
  }
  return null;
}

/** The steps `actor` can take on `record` now (the buttons of the detail page). */
export function allowedOutgoingActions(record: Pick<OutgoingRecord, 'state' | 'filed'>, actor: { roles: readonly Role[] }): OutgoingActionType[] {
  if (!can(actor, PERMISSION) || record.filed) return [];
  return nextSteps(record.state);
}

/** The 会签单位 still to record their 意见, in order. */
export function pendingCountersigns(record: Pick<OutgoingRecord, 'countersignUnits' | 'countersigns'>): DepartmentRef[] {
  const done = new Set(record.countersigns.map((c) => c.unit.id));
  return record.countersignUnits.filter((u) => !done.has(u.id));
}

/** Every 主送/抄送 unit in order, with its role. */
export function recipientsOf(record: Pick<OutgoingRecord, 'mainTo' | 'copyTo'>): { unit: string; role: '主送' | '抄送' }[] {
  return [...record.mainTo.map((unit) => ({ unit, role: '主送' as const })), ...record.copyTo.map((unit) => ({ unit, role: '抄送' as const }))];
}

/** The units still to be handed their copies at 核发, in order. */
export function pendingDistributions(record: Pick<OutgoingRecord, 'mainTo' | 'copyTo' | 'distributions'>): { unit: string; role: '主送' | '抄送' }[] {
  const done = new Set(record.distributions.map((d) => d.unit));
  return recipientsOf(record).filter((r) => !done.has(r.unit));
}

/** 份号 of the printed copies not yet handed over (秘密 and above). */
export function undistributedCopyNumbers(record: Pick<OutgoingRecord, 'printing' | 'distributions'>): string[] {
  const out = new Set(record.distributions.flatMap((d) => d.copyNumbers));
  return (record.printing?.copyNumbers ?? []).filter((n) => !out.has(n));
}

/** 份号 000001 … for `copies` copies of a 秘密+ 发文; none below 秘密. */
export function printCopyNumbers(classification: OutgoingRecord['classification'], copies: number): string[] {
  if (!isClassified(classification)) return [];
  return Array.from({ length: copies }, (_, i) => formatCopyNumber(i + 1));
}

/** What the repository found for a step: the 签发人 from the 人员名录, the 文号 taken at 登记, the carriers made at 印制. */
export interface OutgoingStepContext {
  /** 签发: the 人员名录 entry of action.signerId (undefined: no such person). */
  signer?: { id: string; name: string; userId?: string; disabled?: boolean } | undefined;
  /** 登记: the number taken (or the 预留号 used) and the series' 发文机关署名. */
  number?: { year: number; seq: number; docNumber: string; issuerName: string; reserved: boolean };
  /** 印制: the carrier of each 份号, in order (秘密 and above). */
  carrierIds?: readonly string[];
}

function requiredText(value: unknown, field: string, message: string, max: number, multiline = true): string {
  const t = multiline ? cleanParagraphs(value) : cleanLine(value);
  if (!t) throw new RuleError(message, field);
  if (charCount(t) > max) throw new RuleError(`${message.replace(/^请填写/, '')}不能超过 ${max} 个字`, field);
  return t;
}

function optionalText(value: unknown, field: string, label: string, max: number): string | undefined {
  const t = cleanParagraphs(value);
  if (charCount(t) > max) throw new RuleError(`${label}不能超过 ${max} 个字`, field);
  return t || undefined;
}

function dateInput(value: unknown, field: string, label: string): IsoDate {
  if (!isIsoDate(value)) throw new RuleError(`请输入有效的${label}，格式如 2026-07-01`, field);
  return value;
}

function copiesInput(value: unknown, field: string, max = PRINT_COPIES_MAX): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) throw new RuleError(`份数应为 1–${max} 的整数`, field);
  return value;
}

export const OPINION_MAX = 500;

/**
 * Takes one step of the procedure: checks permission, state and input, and returns a NEW record
 * with the step's data, the new state and a history line (who, when, the 意见 or reason). Never
 * mutates `record`. Throws RuleError (field named where an input is at fault).
 */
export function applyOutgoingAction(record: OutgoingRecord, action: OutgoingAction, actor: OutgoingActor, now: Date, ctx: OutgoingStepContext = {}): OutgoingRecord {
  const type = (action as { type?: unknown }).type as OutgoingActionType;
  if (!(type in VERB)) throw new RuleError('未知的操作');
  const refusal = outgoingStepRefusal(record, type, actor);
  if (refusal) throw new RuleError(refusal);

  const at = now.toISOString();
  const today = todayIso(now);
  const next: OutgoingRecord = {
    ...record,
    returns: [...record.returns],
    countersigns: [...record.countersigns],
    distributions: [...record.distributions],
    namedUserIds: [...record.namedUserIds],
    history: [...record.history],
    updatedAt: at,
  };
  let note: string | undefined;

  switch (action.type) {
    case '送核稿': {
      next.state = '待核稿';
      break;
    }
    case '核稿': {
      const t = requiredText(action.text, 'text', '请填写核稿意见', OPINION_MAX);
      next.review = { reviewer: { userId: actor.id, name: actor.name }, text: t, at };
      next.namedUserIds = withNamed(next.namedUserIds, actor.id);
      next.state = record.countersignUnits.length > 0 ? '待会签' : '待签发';
      note = t;
      break;
    }
    case '退回修改': {
      const reason = requiredText(action.reason, 'reason', '请填写退回理由', OPINION_MAX);
      next.returns.push({ reason, at, byName: actor.name });
      // The draft will change: its 核稿, 会签 and 签发 are done again on the new text (the old
      // ones stay in the history).
      delete next.review;
      delete next.signoff;
      delete next.recheck;
      delete next.writtenDate;
      next.countersigns = [];
      next.state = '草稿';
      note = reason;
      break;
    }
    case '会签': {
      const unitId = typeof action.unitId === 'string' ? action.unitId : '';
      const unit = record.countersignUnits.find((u) => u.id === unitId);
      if (!unit) throw new RuleError('请选择会签单位（须是拟稿时列出的会签单位）', 'unitId');
      if (record.countersigns.some((c) => c.unit.id === unitId)) throw new RuleError(`${unit.name}的会签意见已登记`, 'unitId');
      const signer = requiredText(action.signer, 'signer', '请填写会签人', 20, false);
      const t = requiredText(action.text, 'text', '请填写会签意见', OPINION_MAX);
      const date = dateInput(action.date, 'date', '会签日期');
      if (compareDates(date, today) > 0) throw new RuleError('会签日期不能晚于今天', 'date');
      next.countersigns.push({ unit: { ...unit }, signer, text: t, date, at });
      if (pendingCountersigns(next).length === 0) next.state = '待签发';
      note = `${unit.name} ${signer}：${t}`;
      break;
    }
    case '签发': {
      const signerId = typeof action.signerId === 'string' ? action.signerId.trim() : '';
      if (!signerId) throw new RuleError(record.direction === '上行文' ? '上行文须写明签发人（印在版头），请从人员名录中选择签发人' : '请从人员名录中选择签发人', 'signerId');
      const person = ctx.signer;
      if (!person || person.id !== signerId) throw new RuleError('签发人不在人员名录中，请从人员名录中选择', 'signerId');
      if (person.disabled) throw new RuleError(`${person.name}已从人员名录停用，不能签发`, 'signerId');
      const t = requiredText(action.text, 'text', '请填写签发意见', OPINION_MAX);
      const date = dateInput(action.date, 'date', '签发日期');
      if (compareDates(date, today) > 0) throw new RuleError('签发日期不能晚于今天', 'date');
      if (compareDates(date, todayIso(new Date(record.createdAt))) < 0) throw new RuleError('签发日期不能早于拟稿日期', 'date');
      next.signoff = { signerId: person.id, signer: person.name, text: t, date, at, recordedBy: actor.name };
      next.writtenDate = date;
      next.namedUserIds = withNamed(next.namedUserIds, person.userId);
      next.state = '待复核';
      note = `${person.name}：${t}（${date}）`;
      break;
    }
    case '复核': {
      const t = optionalText(action.text, 'text', '复核意见', OPINION_MAX);
      if (action.writtenDate !== undefined && action.writtenDate !== null && (action.writtenDate as unknown) !== '') {
        const written = dateInput(action.writtenDate, 'writtenDate', '成文日期');
        if (record.signoff && compareDates(written, record.signoff.date) < 0) throw new RuleError(`成文日期不能早于签发日期（${record.signoff.date}）`, 'writtenDate');
        next.writtenDate = written;
      }
      next.recheck = { text: t ?? '复核无误', at, byName: actor.name };
      next.state = '待登记';
      note = [t, next.writtenDate !== record.writtenDate ? `成文日期：${next.writtenDate}` : ''].filter(Boolean).join('；') || undefined;
      break;
    }
    case '登记': {
      const n = ctx.number;
      // The repository takes the number in this transaction; a rule without one is a bug, not input.
      if (!n) throw new Error('登记须由文号台账取号');
      next.year = n.year;
      next.seq = n.seq;
      next.docNumber = n.docNumber;
      next.issuerName = n.issuerName;
      next.registered = { at, byName: actor.name };
      next.state = '待印制';
      note = n.reserved ? `${n.docNumber}（使用预留号）` : n.docNumber;
      break;
    }
    case '印制': {
      const copies = copiesInput(action.copies, 'copies');
      const units = recipientsOf(record).length;
      if (copies < units) throw new RuleError(`印制份数不能少于主送、抄送单位数（${units} 个）`, 'copies');
      const copyNumbers = printCopyNumbers(record.classification, copies);
      const carrierIds = [...(ctx.carrierIds ?? [])];
      if (carrierIds.length !== copyNumbers.length) throw new Error('印制：每个份号须有一个涉密载体');
      next.printing = { copies, copyNumbers, carrierIds, at, byName: actor.name };
      next.state = '待用印';
      note = copyNumbers.length > 0 ? `${copies} 份，份号 ${copyNumbers[0]}–${copyNumbers[copyNumbers.length - 1]}` : `${copies} 份`;
      break;
    }
    case '用印': {
      const n = optionalText(action.note, 'note', '用印说明', OPINION_MAX);
      next.sealing = { at, byName: actor.name, ...(n ? { note: n } : {}) };
      next.state = '待核发';
      note = n;
      break;
    }
    case '核发': {
      const unit = cleanLine(action.unit);
      const recipient = recipientsOf(record).find((r) => r.unit === unit);
      if (!recipient) throw new RuleError('请选择主送或抄送单位', 'unit');
      if (record.distributions.some((d) => d.unit === unit)) throw new RuleError(`${unit}已核发`, 'unit');
      const printed = record.printing?.copies ?? 0;
      const handed = record.distributions.reduce((s, d) => s + d.copies, 0);
      const copies = copiesInput(action.copies, 'copies');
      if (handed + copies > printed) throw new RuleError(`印制 ${printed} 份，已核发 ${handed} 份，只剩 ${printed - handed} 份`, 'copies');
      let copyNumbers: string[] = [];
      if (isClassified(record.classification)) {
        const raw = Array.isArray(action.copyNumbers) ? action.copyNumbers.map((c) => cleanLine(c)) : [];
        const left = new Set(undistributedCopyNumbers(record));
        if (raw.length !== copies) throw new RuleError(`涉密公文核发须逐份登记份号：${copies} 份应选 ${copies} 个份号`, 'copyNumbers');
        const seen = new Set<string>();
        for (const c of raw) {
          if (seen.has(c)) throw new RuleError(`份号 ${c} 选了两次`, 'copyNumbers');
          seen.add(c);
          if (!left.has(c)) throw new RuleError(`份号 ${c} 不是本文尚未核发的份号`, 'copyNumbers');
        }
        copyNumbers = raw;
      }
      const date = dateInput(action.date, 'date', '签收日期');
      if (compareDates(date, today) > 0) throw new RuleError('签收日期不能晚于今天', 'date');
      const receivedBy = requiredText(action.receivedBy, 'receivedBy', '请填写签收人', 20, false);
      const d: OutgoingDistribution = { unit, role: recipient.role, copies, copyNumbers, date, receivedBy, at, byName: actor.name };
      next.distributions.push(d);
      if (pendingDistributions(next).length === 0) next.state = '已核发';
      note = `${recipient.role} ${unit} ${copies} 份${copyNumbers.length ? `（份号 ${copyNumbers.join('、')}）` : ''}，签收人：${receivedBy}`;
      break;
    }
    case '作废': {
      const reason = requiredText(action.reason, 'reason', '请填写作废理由', OPINION_MAX);
      next.voided = { reason, at, byName: actor.name };
      next.state = '已作废';
      note = record.docNumber ? `${record.docNumber} 作废：${reason}` : reason;
      break;
    }
  }

  const step: OutgoingStep = { action: action.type, at, byId: actor.id, byName: actor.name };
  if (note) step.note = note;
  next.history.push(step);
  return next;
}

/** States after 签发 and before 核发 is complete: the 核发 时限 runs. */
const AWAITING_ISSUE: ReadonlySet<OutgoingState> = new Set(['待复核', '待登记', '待印制', '待用印', '待核发']);

/**
 * 工作台 flag: signed (签发) more than `workdays` working days ago and not yet 核发 to everyone
 * (the setting `outgoing.overdueWorkdays`, default 3).
 */
export function isOutgoingOverdue(
  r: { state: OutgoingState; signedDate?: string | undefined },
  today: IsoDate,
  calendar: { addWorkdays(date: IsoDate, n: number): IsoDate },
  workdays: number,
): boolean {
  if (!r.signedDate || !AWAITING_ISSUE.has(r.state)) return false;
  return compareDates(today, calendar.addWorkdays(r.signedDate, workdays)) > 0;
}

// --- 文号台账 ------------------------------------------------------------------------------------

export const NO_SERIES_MESSAGE = '请先在设置中添加发文字号';

/** The counter series of a 文号 series (renderer/db/numbering.ts key `${series}|${year}`): by id, so renaming 机关代字 keeps counting. */
export function outgoingCounterSeries(seriesId: string): string {
  return `${SERIES_PATTERNS.发文.series}:${seriesId}`;
}

/** The 台账 entry id of a number. */
export function docNumberEntryId(seriesId: string, year: number, seq: number): string {
  return `${seriesId}|${year}|${seq}`;
}

/** The 文号 as printed: 县政办发〔2026〕7号. */
export function formatDocNumber(series: Pick<DocNumberSeries, 'pattern'>, year: number, seq: number): string {
  return formatSerial(series.pattern, year, seq);
}

const seriesPattern = z
  .string({ error: '请输入文号格式' })
  .trim()
  .superRefine((v, ctx) => {
    const problem = validatePattern(v) ?? (!v.includes('YYYY') ? '文号格式必须包含年份 YYYY（每年从 1 号编起），如 县政办发〔YYYY〕N号' : null);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const docNumberSeriesSchema = z.object({
  id: z.string({ error: '缺少发文字号的编号' }).trim().min(1, '缺少发文字号的编号').max(40),
  code: text('机关代字', 20, true),
  pattern: seriesPattern,
  issuerMark: text('发文机关标志', 30, true),
  issuerName: text('发文机关署名', 40, true),
  retired: z.boolean().optional(),
}) satisfies z.ZodType<DocNumberSeries, unknown>;

/** The setting `outgoingSeries`: 机关代字 unique, ids unique. */
export const outgoingSeriesSchema = z
  .array(docNumberSeriesSchema, { error: '发文字号应为列表' })
  .max(50, '发文字号最多 50 个')
  .superRefine((list, ctx) => {
    const ids = new Set<string>();
    const codes = new Set<string>();
    list.forEach((s, i) => {
      if (ids.has(s.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: '发文字号的编号重复' });
      if (codes.has(s.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `机关代字“${s.code}”重复` });
      ids.add(s.id);
      codes.add(s.code);
    });
  })
  .transform((list) => list.map((s): DocNumberSeries => ({ id: s.id, code: s.code, pattern: s.pattern, issuerMark: s.issuerMark, issuerName: s.issuerName, ...(s.retired ? { retired: true } : {}) })));

/** The setting `outgoing`: 发文 not 核发 this many working days after 签发 is flagged on 工作台. */
export const outgoingSettingsSchema = z.object({
  overdueWorkdays: z.number({ error: '核发时限应为 1–30 个工作日' }).refine((n) => Number.isInteger(n) && n >= 1 && n <= 30, '核发时限应为 1–30 个工作日'),
});
export type OutgoingSettings = z.infer<typeof outgoingSettingsSchema>;
export const DEFAULT_OUTGOING_OVERDUE_WORKDAYS = 3;

/** A number taken at 登记: 已用, held by its 发文. */
export function usedEntry(series: DocNumberSeries, year: number, seq: number, outgoingId: string, by: { name: string }, now: Date): DocNumberEntry {
  const at = now.toISOString();
  return {
    id: docNumberEntryId(series.id, year, seq),
    seriesId: series.id,
    year,
    seq,
    number: formatDocNumber(series, year, seq),
    status: '已用',
    outgoingId,
    history: [{ action: '登记', at, byName: by.name }],
    createdAt: at,
    updatedAt: at,
  };
}

export const RESERVE_REASON_MAX = 200;

/** A number reserved (预留) for a document signed elsewhere, with what it is kept for. */
export function reservedEntry(series: DocNumberSeries, year: number, seq: number, reason: unknown, by: { name: string }, now: Date): DocNumberEntry {
  const why = requiredText(reason, 'reason', '请填写预留用途', RESERVE_REASON_MAX);
  const at = now.toISOString();
  return {
    id: docNumberEntryId(series.id, year, seq),
    seriesId: series.id,
    year,
    seq,
    number: formatDocNumber(series, year, seq),
    status: '预留',
    reason: why,
    history: [{ action: '预留', at, byName: by.name, note: why }],
    createdAt: at,
    updatedAt: at,
  };
}

/** A 预留号 taken by a 发文 at its 登记 (same series, the reserved year). */
export function takeReservedEntry(entry: DocNumberEntry, record: Pick<OutgoingRecord, 'id' | 'seriesId'>, by: { name: string }, now: Date): DocNumberEntry {
  if (entry.status !== '预留') throw new RuleError(`${entry.number}${entry.status === '已用' ? '已被使用' : '已作废'}，不能再用`, 'reservedEntryId');
  if (entry.seriesId !== record.seriesId) throw new RuleError(`${entry.number}不属于本文的发文字号`, 'reservedEntryId');
  const at = now.toISOString();
  return { ...entry, status: '已用', outgoingId: record.id, history: [...entry.history, { action: '使用预留号', at, byName: by.name }], updatedAt: at };
}

/** 作废 of a number: a 预留号 voided, or the number of a 发文 withdrawn after 登记. Kept, never reused. */
export function voidEntry(entry: DocNumberEntry, reason: unknown, by: { name: string }, now: Date): DocNumberEntry {
  if (entry.status === '作废') throw new RuleError(`${entry.number}已作废`);
  const why = requiredText(reason, 'reason', '请填写作废理由', OPINION_MAX);
  const at = now.toISOString();
  return { ...entry, status: '作废', reason: why, history: [...entry.history, { action: '作废', at, byName: by.name, note: why }], updatedAt: at };
}

/** Sequence numbers 1..max missing from a series-year's 台账 (there should be none). */
export function ledgerGaps(entries: readonly Pick<DocNumberEntry, 'seq'>[]): number[] {
  const have = new Set(entries.map((e) => e.seq));
  const max = entries.reduce((m, e) => Math.max(m, e.seq), 0);
  const gaps: number[] = [];
  for (let i = 1; i <= max; i++) if (!have.has(i)) gaps.push(i);
  return gaps;
}

// --- 归档 ----------------------------------------------------------------------------------------

/** How messages name a 发文 (never by its title): its 文号, or its state before 登记. */
export function outgoingLabel(r: Pick<OutgoingRecord, 'docNumber' | 'draftYear' | 'state'>): string {
  return r.docNumber ? `发文 ${r.docNumber}` : `${r.draftYear} 年未编号发文（${r.state}）`;
}

/** The year a 发文 is filed in: the year of its 成文日期 (签发). */
export function outgoingFilingYear(r: Pick<OutgoingRecord, 'writtenDate' | 'signoff'>): number | null {
  const d = r.writtenDate ?? r.signoff?.date;
  return d && parseIsoDate(d) ? Number(d.slice(0, 4)) : null;
}

// GB/T 9704 grid: 28 characters × 22 lines a page; the 版头 and 版记 take about 10 lines.
const CHARS_PER_LINE = 28;
const LINES_PER_PAGE = 22;
const HEAD_AND_FOOT_LINES = 10;

/** 页数 of the 正本 as printed, estimated from the 正文 on the GB/T 9704 grid (1 when there is no 正文 in the app). */
export function estimateOutgoingPages(r: Pick<OutgoingRecord, 'body' | 'attachments' | 'title'>): number {
  const paragraphs = [r.title, ...(r.body ?? '').split(/\n+/), ...(r.attachments ?? '').split(/\n+/)].map((p) => p.trim()).filter(Boolean);
  const lines = paragraphs.reduce((n, p) => n + Math.max(1, Math.ceil((charCount(p) + 2) / CHARS_PER_LINE)), 0) + HEAD_AND_FOOT_LINES;
  return Math.max(1, Math.ceil(lines / LINES_PER_PAGE));
}

/** DA/T 22-2015: the 定稿 and the 正本 are one 件 (the 备注 says so); 责任者 is the issuing unit. */
export const OUTGOING_FILING_REMARK = '定稿、正本合为一件';

/** The catalogue entry of a 核发 发文: 文号, 责任者 (the series' 发文机关署名, else the unit), 题名, 成文日期. */
export function outgoingCatalogue(r: OutgoingRecord, unitName: string): CatalogueFields {
  const title = r.title.trim();
  return {
    docNumber: r.docNumber ?? '',
    responsible: (r.issuerName ?? '').trim() || unitName.trim(),
    title: title || inventedTitle(`${r.docType}`),
    date: r.writtenDate ?? r.signoff?.date ?? r.createdAt.slice(0, 10),
    classification: r.classification,
    pages: estimateOutgoingPages(r),
    remarks: OUTGOING_FILING_REMARK,
  };
}

/** Why this 发文 cannot be filed in `year`, naming it; null when it can. */
export function outgoingFilingProblem(r: OutgoingRecord, year: number): string | null {
  const who = outgoingLabel(r);
  if (r.filed) return `${who}已归档（档号 ${r.filed.archiveCode}）`;
  if (r.state !== '已核发') return `${who}尚未核发，不能归档`;
  const y = outgoingFilingYear(r);
  if (y !== year) return `${who}成文于 ${y ?? '未知年度'} 年，不能归入 ${year} 年度`;
  return null;
}

/** The 密级 marking of a 发文 as printed (机密★20年). */
export function outgoingMarking(r: Pick<OutgoingRecord, 'classification' | 'secrecyTerm'>): string {
  return formatClassificationMark({ level: r.classification, term: r.secrecyTerm ?? null });
}
