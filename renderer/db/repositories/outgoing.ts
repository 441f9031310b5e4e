import { z } from 'zod';
import { createCarrierRecord, handOverWithOutgoing } from '@shared/domain/carrier';
import type { CarrierRecord } from '@shared/domain/carrier-types';
import { INCOMING_CARRIER_LOCATION } from '@shared/domain/carrier-details';
import { defaultSecrecyTerm, isClassified } from '@shared/domain/enums';
import { canSeeOutgoingContent, MASK, maskOutgoing } from '@shared/domain/need-to-know';
import {
  applyOutgoingAction,
  createOutgoingRecord,
  docNumberEntryId,
  editOutgoingRecord,
  estimateOutgoingPages,
  formatDocNumber,
  isOutgoingOverdue,
  ledgerGaps,
  NO_SERIES_MESSAGE,
  outgoingCounterSeries,
  outgoingSeriesSchema,
  outgoingStepRefusal,
  printCopyNumbers,
  PRINT_COPIES_MAX,
  reservedEntry,
  seriesForDraft,
  usedEntry,
  takeReservedEntry,
  validateOutgoingDraft,
  voidEntry,
  type OutgoingActor,
  type OutgoingStepContext,
} from '@shared/domain/outgoing';
import type { DocNumberEntry, DocNumberSeries, OutgoingAction, OutgoingDraft, OutgoingRecord } from '@shared/domain/outgoing-types';
import { can, PermissionError } from '@shared/domain/permissions';
import { auditLabel, OUTGOING_REGISTER } from '@shared/domain/registers';
import { RuleError } from '@shared/domain/rule-error';
import { todayIso } from '@shared/domain/dates';
import { readRowsOpenedAsync } from '../at-rest/encryption-middleware';
import { authorize } from '../authorize';
import { defineCommand, type CommandContext } from '../commands/define';
import { runCommand } from '../commands/execute';
import type { WenshuDB } from '../database';
import { newId } from '../ids';
import { takeNextSerial } from '../numbering';
import { filterOutgoing, OUTGOING_PROJECTION, outgoingProjection, toOutgoingIndexEntry, type OutgoingQuery } from '../outgoing/outgoing-index';
import { writeProjectionDelta } from '../projection';
import type { Actor } from '../types';
import { loadWorkCalendar } from './calendar';
import { carrierAuditLabel, nextCarrierIds, putCarrier } from './carriers';
import { getSetting, getUnitInfo } from './settings';

// 发文 (issue #16): the commands of the procedure (拟稿 … 核发, 作废), the 文号台账 (a number is
// taken only at 登记, in the record's transaction, from the series' counter; every number taken,
// reserved or voided stays in `docNumbers`, never deleted, never reused) and the reads of the
// register. The rules are shared/domain/outgoing.ts; this file loads, stores and audits.

export { OUTGOING_PROJECTION, type OutgoingQuery };

/** How the audit log names a 发文: by 文号 (or draft year) and 《标题》 unless classified. */
export function outgoingAuditLabel(r: OutgoingRecord): string {
  return auditLabel(OUTGOING_REGISTER, r);
}

function asOutgoingActor(actor: Actor): OutgoingActor {
  return { id: actor.id, name: actor.displayName, roles: actor.roles };
}

/** The 文号 series of the office (setting `outgoingSeries`; empty until the office adds one). */
export async function getOutgoingSeries(db: WenshuDB): Promise<DocNumberSeries[]> {
  return getSetting(db, 'outgoingSeries');
}

type OutgoingContext = CommandContext<'outgoing' | 'projectionDeltas'>;

async function store(ctx: Pick<OutgoingContext, 'db' | 'put' | 'add'>, r: OutgoingRecord, isNew = false): Promise<void> {
  if (isNew) await ctx.add('outgoing', r);
  else await ctx.put('outgoing', r);
  await writeProjectionDelta(ctx.db, OUTGOING_PROJECTION, toOutgoingIndexEntry(r), isNew);
}

// Drafts and actions are checked by the domain rules, field by field.
const anObject = <T>() => z.custom<T>((v) => typeof v === 'object' && v !== null);

async function draftChecked(db: WenshuDB, draft: unknown, keepSeriesId?: string): Promise<OutgoingDraft> {
  const d = validateOutgoingDraft(draft);
  const series = await getOutgoingSeries(db);
  // A draft may keep a series retired since it was drafted; a new choice must be one in use.
  if (d.seriesId !== keepSeriesId) seriesForDraft(series, d.seriesId);
  return d;
}

/** 拟稿: a new 草稿 (no 文号 yet: numbers are taken only at 登记). */
export const draftOutgoingCommand = defineCommand({
  name: 'outgoing.draft',
  input: z.object({ draft: anObject<OutgoingDraft>() }),
  permission: 'outgoing.process',
  tables: ['outgoing', 'projectionDeltas'],
  prepare: async (db, _actor, { draft }) => ({ draft: await draftChecked(db, draft) }),
  run: async (ctx, _input, { draft }): Promise<{ id: string }> => {
    const r = createOutgoingRecord(draft, newId(), asOutgoingActor(ctx.actor), ctx.now);
    await store(ctx, r, true);
    ctx.audit({ action: '发文拟稿', entityType: '发文', entityId: r.id, summary: outgoingAuditLabel(r) });
    return { id: r.id };
  },
});

/** 修改 of a 草稿. */
export const editOutgoingCommand = defineCommand({
  name: 'outgoing.edit',
  input: z.object({ id: z.string().min(1), draft: anObject<OutgoingDraft>() }),
  permission: 'outgoing.process',
  tables: ['outgoing', 'projectionDeltas'],
  prepare: async (db, _actor, { id, draft }) => {
    const before = await db.outgoing.get(id);
    if (!before) throw new RuleError('该发文不存在');
    return { draft: await draftChecked(db, draft, before.seriesId) };
  },
  run: async (ctx, { id }, { draft }): Promise<OutgoingRecord> => {
    const before = await ctx.db.outgoing.get(id);
    if (!before) throw new RuleError('该发文不存在');
    const after = editOutgoingRecord(before, draft, asOutgoingActor(ctx.actor), ctx.now);
    await store(ctx, after);
    ctx.audit({ action: '发文修改', entityType: '发文', entityId: id, summary: outgoingAuditLabel(after) });
    return after;
  },
});

type ActContext = CommandContext<'outgoing' | 'projectionDeltas' | 'docNumbers' | 'counters' | 'carriers'>;

/**
 * 登记: the 文号 from the series' counter (its year: the 成文日期's), or the 预留号 named; its 台账
 * entry written beside the record, in this transaction, so a failed save leaves no gap and two
 * windows never get one number (IndexedDB serialises the two transactions).
 */
async function takeNumber(ctx: ActContext, r: OutgoingRecord, series: readonly DocNumberSeries[], reservedEntryId: string | undefined): Promise<NonNullable<OutgoingStepContext['number']>> {
  const s = series.find((x) => x.id === r.seriesId);
  if (!s) throw new RuleError(`本文的发文字号已不在设置中，不能登记；${NO_SERIES_MESSAGE}`);
  const year = Number((r.writtenDate ?? todayIso(ctx.now)).slice(0, 4));
  const by = { name: ctx.actor.displayName };
  if (reservedEntryId) {
    const entry = await ctx.db.docNumbers.get(reservedEntryId);
    if (!entry) throw new RuleError('该预留号不存在', 'reservedEntryId');
    const used = takeReservedEntry(entry, r, by, ctx.now);
    if (entry.year !== year) throw new RuleError(`${entry.number}是 ${entry.year} 年的预留号，本文成文日期在 ${year} 年`, 'reservedEntryId');
    await ctx.put('docNumbers', used);
    return { year, seq: entry.seq, docNumber: entry.number, issuerName: s.issuerName, reserved: true };
  }
  const seq = await takeNextSerial(ctx.db, outgoingCounterSeries(s.id), year, ctx);
  const entry = usedEntry(s, year, seq, r.id, by, ctx.now);
  // Never two rows for one number, never one 文号 on two 发文 (the counter guarantees it; a
  // counter set back by hand must not hand a number out again).
  if (await ctx.db.docNumbers.get(entry.id)) throw new RuleError(`文号台账中已有 ${entry.number}，请联系系统管理员检查编号计数`);
  if (await ctx.db.outgoing.where('docNumber').equals(entry.number).first()) throw new RuleError(`${entry.number}已被其他发文使用`);
  await ctx.add('docNumbers', entry);
  return { year, seq, docNumber: entry.number, issuerName: s.issuerName, reserved: false };
}

/** 印制 of a 秘密+ 发文: one 涉密载体 per 份号 (自制, linked both ways), kept by whoever printed them. */
async function printCarriers(ctx: ActContext, r: OutgoingRecord, copies: number, unitName: string): Promise<CarrierRecord[]> {
  if (!isClassified(r.classification)) return [];
  const term = r.secrecyTerm ?? defaultSecrecyTerm(r.classification);
  if (!term) return [];
  const me = { userId: ctx.actor.id, name: ctx.actor.displayName };
  const out: CarrierRecord[] = [];
  for (const copyNumber of printCopyNumbers(r.classification, copies)) {
    const ids = await nextCarrierIds(ctx.db, ctx, ctx.now);
    const c = createCarrierRecord(
      {
        name: r.title,
        carrierType: '纸质文件',
        classification: r.classification,
        secrecyTerm: term,
        secrecyStart: r.writtenDate ?? todayIso(ctx.now),
        copyNumber,
        quantity: 1,
        pages: estimateOutgoingPages(r),
        ...(r.docNumber ? { docNumber: r.docNumber } : {}),
        source: { kind: '自制', unit: r.issuerName || unitName || r.draftingUnit.name },
        knowers: [me],
        custodian: me,
        location: INCOMING_CARRIER_LOCATION,
      },
      ids,
      { id: ctx.actor.id, name: ctx.actor.displayName },
      ctx.now,
    );
    // Linked both ways: the carrier names its 发文 (not a field of the 保密员's 登记 form), the 发文 its carriers.
    c.source = { kind: '自制', unit: c.source.kind === '自制' ? c.source.unit : unitName, outgoingId: r.id };
    c.history[0]!.note = `随发文 ${r.docNumber ?? ''} 印制`;
    await putCarrier(ctx.db, ctx, c, true);
    ctx.audit({ action: '涉密载体登记', entityType: '涉密载体', entityId: c.id, summary: `${carrierAuditLabel(c)}（随发文 ${r.docNumber ?? ''} 印制）` });
    out.push(c);
  }
  return out;
}

/** 核发 of a 秘密+ 发文's copies to a unit: each copy's carrier 移交 to that unit (the carrier rule). */
async function handOverCarriers(ctx: ActContext, r: OutgoingRecord, copyNumbers: readonly string[], unit: string): Promise<void> {
  const byCopy = new Map((r.printing?.copyNumbers ?? []).map((n, i) => [n, r.printing!.carrierIds[i]]));
  for (const n of copyNumbers) {
    const id = byCopy.get(n);
    const c = id ? await ctx.db.carriers.get(id) : undefined;
    if (!c) throw new RuleError(`份号 ${n} 的涉密载体不在台账中`, 'copyNumbers');
    const after = handOverWithOutgoing(c, { type: '移交', receiver: unit, receiverKind: '单位', kind: '移交' }, asOutgoingActor(ctx.actor), ctx.now, `随发文 ${r.docNumber ?? ''} 核发`);
    await putCarrier(ctx.db, ctx, after);
    ctx.audit({ action: '涉密载体移交', entityType: '涉密载体', entityId: c.id, summary: `${carrierAuditLabel(after)} 移交至${unit}（随发文 ${r.docNumber ?? ''} 核发）` });
  }
}

/** One step of the procedure (送核稿 … 核发, 退回修改, 作废), checked by shared/domain/outgoing.ts. */
export const actOnOutgoingCommand = defineCommand({
  name: 'outgoing.act',
  input: z.object({ id: z.string().min(1), action: z.custom<OutgoingAction>((v) => typeof v === 'object' && v !== null && 'type' in v, '未知的操作') }),
  permission: 'outgoing.process',
  tables: ['outgoing', 'projectionDeltas', 'docNumbers', 'counters', 'carriers'],
  prepare: async (db, _actor, { action }) => {
    // The 签发人 is an entry of the 人员名录 (read here: the people table is not written).
    const signer = action.type === '签发' && typeof action.signerId === 'string' && action.signerId ? await db.people.get(action.signerId) : undefined;
    return { signer, series: await getOutgoingSeries(db), unitName: (await getUnitInfo(db))?.name ?? '' };
  },
  run: async (ctx: ActContext, { id, action }, { signer, series, unitName }): Promise<OutgoingRecord> => {
    const before = await ctx.db.outgoing.get(id);
    if (!before) throw new RuleError('该发文不存在');
    const actor = asOutgoingActor(ctx.actor);
    // Refused steps take no number and make no carrier.
    const refusal = outgoingStepRefusal(before, action.type, actor);
    if (refusal) throw new RuleError(refusal);
    const stepCtx: OutgoingStepContext = {};
    switch (action.type) {
      case '签发':
        stepCtx.signer = signer ? { id: signer.id, name: signer.name, ...(signer.userId ? { userId: signer.userId } : {}), ...(signer.disabled ? { disabled: true } : {}) } : undefined;
        break;
      case '登记':
        stepCtx.number = await takeNumber(ctx, before, series, typeof action.reservedEntryId === 'string' && action.reservedEntryId ? action.reservedEntryId : undefined);
        break;
      case '印制': {
        // Checked by the rule first (份数), so no carrier is numbered for a refused 印制.
        const asked = Number.isInteger(action.copies) && action.copies >= 1 && action.copies <= PRINT_COPIES_MAX ? action.copies : 0;
        applyOutgoingAction(before, action, actor, ctx.now, { carrierIds: printCopyNumbers(before.classification, asked).map(() => '') });
        stepCtx.carrierIds = (await printCarriers(ctx, before, action.copies, unitName)).map((c) => c.id);
        break;
      }
      default:
        break;
    }
    const after = applyOutgoingAction(before, action, actor, ctx.now, stepCtx);
    if (action.type === '核发' && isClassified(before.classification)) {
      const d = after.distributions[after.distributions.length - 1]!;
      await handOverCarriers(ctx, after, d.copyNumbers, d.unit);
    }
    if (action.type === '作废' && before.docNumber && before.year !== undefined && before.seq !== undefined) {
      // The number stays in the 台账 as 作废 with the reason: never deleted, never reused.
      const entry = await ctx.db.docNumbers.get(docNumberEntryId(before.seriesId, before.year, before.seq));
      if (entry) await ctx.put('docNumbers', voidEntry(entry, action.reason, { name: ctx.actor.displayName }, ctx.now));
    }
    await store(ctx, after);
    const last = after.history[after.history.length - 1];
    ctx.audit({
      action: `发文${action.type}`,
      entityType: '发文',
      entityId: id,
      summary: `${outgoingAuditLabel(after)} ${before.state} → ${after.state}${
        action.type === '登记' ? `：${after.docNumber}` : last?.note && !isClassified(after.classification) ? `：${last.note.slice(0, 60)}` : ''
      }`,
    });
    return after;
  },
});

const seriesYear = z.number({ error: '请选择年度' }).int('年度应为整数').min(1900, '年度无效').max(9999, '年度无效');

/** 预留号: the series' next number, kept for a document signed elsewhere until used at 登记 or voided. */
export const reserveDocNumberCommand = defineCommand({
  name: 'outgoing.reserveNumber',
  input: z.object({ seriesId: z.string({ error: '请选择发文字号' }).min(1, '请选择发文字号'), year: seriesYear, reason: z.string({ error: '请填写预留用途' }) }),
  permission: 'outgoing.process',
  tables: ['docNumbers', 'counters'],
  prepare: async (db, _actor, { seriesId, year }, now) => {
    const series = await getOutgoingSeries(db);
    const s = seriesForDraft(series, seriesId);
    // A mistyped year (2062) would open that year's numbering for good.
    if (year > now.getFullYear() + 1) throw RuleError.at('year', `只能预留 ${now.getFullYear() + 1} 年及以前的文号`);
    return { series: s };
  },
  run: async (ctx, { year, reason }, { series }): Promise<DocNumberEntry> => {
    const seq = await takeNextSerial(ctx.db, outgoingCounterSeries(series.id), year, ctx);
    const entry = reservedEntry(series, year, seq, reason, { name: ctx.actor.displayName }, ctx.now);
    await ctx.add('docNumbers', entry);
    ctx.audit({ action: '预留文号', entityType: '文号', entityId: entry.id, summary: `${entry.number}：${entry.reason ?? ''}` });
    return entry;
  },
});

/** 作废 of a 预留号 (a used number is voided with its 发文). Kept in the 台账 with the reason. */
export const voidDocNumberCommand = defineCommand({
  name: 'outgoing.voidNumber',
  input: z.object({ entryId: z.string().min(1, '请选择预留号'), reason: z.string({ error: '请填写作废理由' }) }),
  permission: 'outgoing.process',
  tables: ['docNumbers'],
  run: async (ctx, { entryId, reason }): Promise<DocNumberEntry> => {
    const entry = await ctx.db.docNumbers.get(entryId);
    if (!entry) throw RuleError.at('entryId', '该文号不在台账中');
    if (entry.status !== '预留') throw RuleError.at('entryId', entry.status === '已用' ? `${entry.number}已被发文使用，须随发文作废` : `${entry.number}已作废`);
    const after = voidEntry(entry, reason, { name: ctx.actor.displayName }, ctx.now);
    await ctx.put('docNumbers', after);
    ctx.audit({ action: '作废预留号', entityType: '文号', entityId: entry.id, summary: `${entry.number}：${after.reason ?? ''}` });
    return after;
  },
});

/**
 * 设置 → 发文字号 (setting `outgoingSeries`): the 系统管理员 or the 秘书. A series that has numbers
 * in the 台账 or 发文 naming it cannot be removed (停用 it instead: its numbers stay).
 */
export const saveOutgoingSeriesCommand = defineCommand({
  name: 'outgoing.saveSeries',
  input: z.object({ series: z.unknown() }),
  permission: null,
  tables: ['settings'],
  prepare: async (db, actor, { series }) => {
    if (!can(actor, 'settings.manage') && !can(actor, 'outgoing.process')) throw new PermissionError('outgoing.process');
    const parsed = outgoingSeriesSchema.safeParse(series);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw RuleError.at(issue ? ['series', ...issue.path].join('.') : 'series', issue?.message ?? '输入有误');
    }
    const before = await getOutgoingSeries(db);
    const kept = new Set(parsed.data.map((s) => s.id));
    for (const s of before) {
      if (kept.has(s.id)) continue;
      const numbered = await db.docNumbers.where('[seriesId+year+seq]').between([s.id, -Infinity, -Infinity], [s.id, Infinity, Infinity]).count();
      const drafts = [...(await outgoingProjection(db).current()).values()].filter((e) => e.seriesId === s.id).length;
      if (numbered > 0 || drafts > 0) throw RuleError.at('series', `发文字号“${s.code}”已有${numbered > 0 ? ` ${numbered} 个文号` : ` ${drafts} 件发文`}，不能删除，可以停用`);
    }
    return { series: parsed.data, before };
  },
  run: async ({ put, audit }, _input, { series, before }): Promise<DocNumberSeries[]> => {
    await put('settings', { key: 'outgoingSeries', value: series });
    audit({
      action: '修改发文字号',
      entityType: '设置',
      entityId: 'outgoingSeries',
      summary: `发文字号：${series.map((s) => `${s.code}（${s.pattern}）${s.retired ? '已停用' : ''}`).join('、') || '（无）'}`,
      details: { before, after: series },
    });
    return series;
  },
});

// --- wrappers (the repository signature: db, actor, input, now) -------------------------------

export async function draftOutgoing(db: WenshuDB, actor: Actor, draft: OutgoingDraft, now = new Date()): Promise<{ id: string }> {
  return runCommand(db, actor, draftOutgoingCommand, { draft }, now);
}

export async function editOutgoing(db: WenshuDB, actor: Actor, id: string, draft: OutgoingDraft, now = new Date()): Promise<OutgoingRecord> {
  return runCommand(db, actor, editOutgoingCommand, { id, draft }, now);
}

export async function actOnOutgoing(db: WenshuDB, actor: Actor, id: string, action: OutgoingAction, now = new Date()): Promise<OutgoingRecord> {
  return runCommand(db, actor, actOnOutgoingCommand, { id, action }, now);
}

export async function reserveDocNumber(db: WenshuDB, actor: Actor, input: { seriesId: string; year: number; reason: string }, now = new Date()): Promise<DocNumberEntry> {
  return runCommand(db, actor, reserveDocNumberCommand, input, now);
}

export async function voidDocNumber(db: WenshuDB, actor: Actor, input: { entryId: string; reason: string }, now = new Date()): Promise<DocNumberEntry> {
  return runCommand(db, actor, voidDocNumberCommand, input, now);
}

export async function saveOutgoingSeries(db: WenshuDB, actor: Actor, series: DocNumberSeries[], now = new Date()): Promise<DocNumberSeries[]> {
  return runCommand(db, actor, saveOutgoingSeriesCommand, { series }, now);
}

// --- reads ----------------------------------------------------------------------------------

export interface OutgoingView {
  record: OutgoingRecord;
  /** False: the record is masked (【涉密】) for this user: only 文号, dates, 密级 and state are real. */
  canSeeContent: boolean;
}

export async function getOutgoing(db: WenshuDB, actor: Actor, id: string): Promise<OutgoingView | null> {
  actor = await authorize(db, actor, 'records.read');
  const r = await db.outgoing.get(id);
  if (!r) return null;
  const canSeeContent = canSeeOutgoingContent(actor, r);
  return { record: canSeeContent ? r : maskOutgoing(r), canSeeContent };
}

/** A row of the 发文 list (and the 发文登记簿, XLSX), already masked for the viewer. */
export interface OutgoingRow {
  id: string;
  /** 文号 once registered. */
  docNumber?: string;
  year?: number;
  seq?: number;
  draftYear: number;
  seriesId: string;
  title: string;
  docType: OutgoingRecord['docType'];
  direction: OutgoingRecord['direction'];
  mainTo: string[];
  copyTo: string[];
  classification: OutgoingRecord['classification'];
  /** Only for rows the viewer may see (the full marking, e.g. 机密★20年, prints from it). */
  secrecyTerm?: OutgoingRecord['secrecyTerm'];
  urgency: OutgoingRecord['urgency'];
  state: OutgoingRecord['state'];
  draftingUnitName: string;
  drafterName: string;
  /** 签发人 and 签发 date. */
  signer?: string;
  signedDate?: string;
  /** 成文日期 */
  writtenDate?: string;
  printCopies: number;
  /** 印制 copies and how many have been handed out. */
  printedCopies?: number;
  distributedCopies: number;
  /** 档号 once filed (not content). */
  archiveCode?: string;
  /** Not 核发 N working days after 签发 (setting `outgoing`). */
  overdue: boolean;
  masked: boolean;
  createdAt: string;
}

type OverdueRule = (r: OutgoingRecord) => boolean;

async function overdueRule(db: WenshuDB, today: string): Promise<OverdueRule> {
  const [calendar, { overdueWorkdays }] = await Promise.all([loadWorkCalendar(db), getSetting(db, 'outgoing')]);
  return (r) => isOutgoingOverdue({ state: r.state, signedDate: r.signoff?.date }, today, calendar, overdueWorkdays);
}

export function toOutgoingRow(r: OutgoingRecord, actor: Pick<Actor, 'id' | 'roles'>, overdue: OverdueRule): OutgoingRow {
  const masked = !canSeeOutgoingContent(actor, r);
  const v = masked ? maskOutgoing(r) : r;
  return {
    id: r.id,
    ...(r.docNumber ? { docNumber: r.docNumber } : {}),
    ...(r.year !== undefined ? { year: r.year } : {}),
    ...(r.seq !== undefined ? { seq: r.seq } : {}),
    draftYear: r.draftYear,
    seriesId: r.seriesId,
    title: v.title,
    docType: v.docType,
    direction: r.direction,
    mainTo: v.mainTo,
    copyTo: v.copyTo,
    classification: r.classification,
    ...(!masked && r.secrecyTerm ? { secrecyTerm: r.secrecyTerm } : {}),
    urgency: r.urgency,
    state: r.state,
    draftingUnitName: v.draftingUnit.name,
    drafterName: v.drafter.name,
    ...(!masked && r.signoff ? { signer: r.signoff.signer } : {}),
    ...(r.signoff ? { signedDate: r.signoff.date } : {}),
    ...(r.writtenDate ? { writtenDate: r.writtenDate } : {}),
    printCopies: r.printCopies,
    ...(r.printing ? { printedCopies: r.printing.copies } : {}),
    distributedCopies: r.distributions.reduce((n, d) => n + d.copies, 0),
    ...(r.filed ? { archiveCode: r.filed.archiveCode } : {}),
    overdue: overdue(r),
    masked,
    createdAt: r.createdAt,
  };
}

function plainQuery(q: OutgoingQuery): boolean {
  return q.year === undefined && !q.state && !q.seriesId && !q.classification && !q.text?.trim();
}

/** One page of the 发文 list, newest drafted first: filtered in the in-memory projection, then read by id. */
export async function listOutgoing(db: WenshuDB, actor: Actor, q: OutgoingQuery, today: string): Promise<{ rows: OutgoingRow[]; total: number }> {
  const projection = outgoingProjection(db);
  if (plainQuery(q) && !projection.isLoaded()) {
    // The register as it opens comes straight from the createdAt index (the projection's order)
    // while the projection loads in the background for the first filter or search. The account,
    // the overdue rule, the page and the total are read in one round (issue #18: each sequential
    // round trip costs most on a busy machine).
    const [reader, overdue, page, total] = await Promise.all([
      authorize(db, actor, 'records.read'),
      overdueRule(db, today),
      db.outgoing.orderBy('createdAt').reverse().offset(q.offset).limit(q.limit).toArray(),
      projection.size(),
    ]);
    projection.warm();
    return { rows: page.map((r) => toOutgoingRow(r, reader, overdue)), total };
  }
  actor = await authorize(db, actor, 'records.read');
  const overdue = await overdueRule(db, today);
  const { ids, total } = filterOutgoing((await projection.current()).values(), q, actor, (n) => projection.containing(n));
  // Opened with WebCrypto in parallel, as listIncoming does (a change writes a delta the catch-up observes).
  const records = (await readRowsOpenedAsync(db, db.keyring, 'outgoing', ids)) as (OutgoingRecord | undefined)[];
  return { rows: records.filter((r): r is OutgoingRecord => !!r).map((r) => toOutgoingRow(r, actor, overdue)), total };
}

/** Every row of the filtered list (for the 发文登记簿 and XLSX), masked for the viewer, in list order. */
export async function allOutgoingRows(db: WenshuDB, actor: Actor, q: Omit<OutgoingQuery, 'offset' | 'limit'>, today: string): Promise<OutgoingRow[]> {
  actor = await authorize(db, actor, 'records.read');
  const overdue = await overdueRule(db, today);
  const projection = outgoingProjection(db);
  const { ids } = filterOutgoing((await projection.current()).values(), { ...q, offset: 0, limit: Number.MAX_SAFE_INTEGER }, actor, (n) => projection.containing(n));
  const out: OutgoingRow[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    for (const r of await db.outgoing.bulkGet(ids.slice(i, i + 1000))) if (r) out.push(toOutgoingRow(r, actor, overdue));
  }
  return out;
}

/** Years that have 发文 (文号 year, or draft year before 登记), newest first (the 年度 filter). */
export async function outgoingYears(db: WenshuDB): Promise<number[]> {
  const years = new Set<number>();
  for (const e of (await outgoingProjection(db).current()).values()) years.add(e.year);
  return [...years].sort((a, b) => b - a);
}

/** Years a series has numbers in the 台账, newest first (the 台账 page's 年度 choice). */
export async function docNumberYears(db: WenshuDB, actor: Actor, seriesId: string): Promise<number[]> {
  await authorize(db, actor, 'records.read');
  const years = new Set<number>();
  await db.docNumbers
    .where('[seriesId+year+seq]')
    .between([seriesId, -Infinity, -Infinity], [seriesId, Infinity, Infinity])
    .each((e) => {
      years.add(e.year);
    });
  return [...years].sort((a, b) => b - a);
}

/**
 * The 文号台账 of one series and year: every number in sequence order (已用 with its 发文, 作废 with
 * the reason, 预留 with what it is kept for) and `gaps`, the numbers 1..max missing from it (there
 * should be none: the page warns when there are), and `holders`: each 发文 holding a number, by
 * id (标题, state, 密级). The reason a classified 发文 was withdrawn and its title are its
 * content: blank / 【涉密】 outside the need to know.
 */
export async function docNumberLedger(
  db: WenshuDB,
  actor: Actor,
  seriesId: string,
  year: number,
): Promise<{ entries: DocNumberEntry[]; gaps: number[]; holders: Record<string, { title: string; state: OutgoingRecord['state']; classification: OutgoingRecord['classification'] }> }> {
  actor = await authorize(db, actor, 'records.read');
  const entries = await db.docNumbers.where('[seriesId+year+seq]').between([seriesId, year, -Infinity], [seriesId, year, Infinity]).toArray();
  const held = await db.outgoing.bulkGet([...new Set(entries.map((e) => e.outgoingId).filter((x): x is string => !!x))]);
  const hidden = new Set(held.filter((r): r is OutgoingRecord => !!r && !canSeeOutgoingContent(actor, r)).map((r) => r.id));
  const shown = entries.map((e) => {
    if (!e.outgoingId || !hidden.has(e.outgoingId)) return e;
    const { reason: _r, ...rest } = e;
    return { ...rest, history: e.history.map(({ note: _n, ...h }) => h) };
  });
  // The 发文 each number went to, as the 台账 names it (title masked outside the need to know).
  const holders: Record<string, { title: string; state: OutgoingRecord['state']; classification: OutgoingRecord['classification'] }> = {};
  for (const r of held) if (r) holders[r.id] = { title: hidden.has(r.id) ? MASK : r.title, state: r.state, classification: r.classification };
  return { entries: shown, gaps: ledgerGaps(entries), holders };
}

/** The 文号 the next 登记 in `seriesId` for `year` would get (display only; the real one is taken at 登记). */
export async function previewDocNumber(db: WenshuDB, seriesId: string, year: number): Promise<string> {
  const s = (await getOutgoingSeries(db)).find((x) => x.id === seriesId);
  if (!s) return '';
  const current = await db.counters.get(`${outgoingCounterSeries(seriesId)}|${year}`);
  return formatDocNumber(s, year, (current?.last ?? 0) + 1);
}

/** The 预留号 of a series still waiting to be used (the 登记 dialog offers them). */
export async function reservedDocNumbers(db: WenshuDB, actor: Actor, seriesId: string): Promise<DocNumberEntry[]> {
  await authorize(db, actor, 'outgoing.process');
  return (await db.docNumbers.where('status').equals('预留').toArray()).filter((e) => e.seriesId === seriesId).sort((a, b) => a.year - b.year || a.seq - b.seq);
}

/** The 工作台's 发文 queues: what waits for 核稿, 签发, 登记 and 核发, and what is late to 核发. */
export const OUTGOING_QUEUES = ['待核稿', '待签发', '待登记', '待核发'] as const;
export type OutgoingQueue = (typeof OUTGOING_QUEUES)[number];

export interface OutgoingDashboard {
  queues: Record<OutgoingQueue, { total: number; rows: OutgoingRow[] }>;
  /** Signed more than N working days ago (setting `outgoing`) and not yet 核发 to everyone. */
  overdue: { total: number; rows: OutgoingRow[] };
}

/**
 * 工作台 (issue #16), for whoever processes 发文 (发文办理): each queue's count and its first
 * `limit` rows (oldest first: the one waiting longest on top), and the 核发 late list.
 */
export async function outgoingDashboard(db: WenshuDB, actor: Actor, today: string, limit = 20): Promise<OutgoingDashboard> {
  actor = await authorize(db, actor, 'outgoing.process');
  const [entries, calendar, { overdueWorkdays }] = await Promise.all([outgoingProjection(db).current(), loadWorkCalendar(db), getSetting(db, 'outgoing')]);
  const overdue = await overdueRule(db, today);
  const oldestFirst = (a: { createdAt: string }, b: { createdAt: string }) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0);
  const rowsOf = async (list: { id: string }[]) =>
    (await db.outgoing.bulkGet(list.slice(0, limit).map((e) => e.id))).filter((r): r is OutgoingRecord => !!r).map((r) => toOutgoingRow(r, actor, overdue));
  const all = [...entries.values()];
  const queues = {} as OutgoingDashboard['queues'];
  for (const q of OUTGOING_QUEUES) {
    // 待会签 waits with 待签发 (both before the leader signs); 待复核 with 待登记; 待印制/待用印 with 待核发.
    const states = q === '待签发' ? ['待会签', '待签发'] : q === '待登记' ? ['待复核', '待登记'] : q === '待核发' ? ['待印制', '待用印', '待核发'] : [q];
    const list = all.filter((e) => states.includes(e.state)).sort(oldestFirst);
    queues[q] = { total: list.length, rows: await rowsOf(list) };
  }
  const late = all
    .filter((e) => isOutgoingOverdue(e, today, calendar, overdueWorkdays))
    .sort((a, b) => ((a.signedDate ?? '') < (b.signedDate ?? '') ? -1 : (a.signedDate ?? '') > (b.signedDate ?? '') ? 1 : 0));
  return { queues, overdue: { total: late.length, rows: await rowsOf(late) } };
}
