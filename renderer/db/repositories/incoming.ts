import Dexie from 'dexie';
import { isClassified } from '@shared/domain/enums';
import { applyIncomingAction, duplicateKeyOf, INCOMING_NOT_FOUND, newIncomingRecord, normalizeRegistration, registrationSchema } from '@shared/domain/incoming';
import { canSeeIncomingContent, MASK, maskIncoming } from '@shared/domain/need-to-know';
import { auditLabel as registerAuditLabel, INCOMING_REGISTER } from '@shared/domain/registers';
import type { IncomingAction, IncomingRecord, Registration } from '@shared/domain/incoming-types';
import { todayIso } from '@shared/domain/dates';
import { correctionAuditText } from '@shared/domain/correction';
import { correctIncoming } from '@shared/domain/incoming-correction';
import type { RegistrationInput } from '@shared/domain/incoming-registration';
import { cleanParagraphs } from '@shared/domain/text';
import { registerLine, type RegisterLine } from '@shared/domain/incoming-register';
import { carriersFromIncoming, peopleNamedByIncoming, widenKnowersFromIncoming } from '@shared/domain/carrier-details';
import { CARRIER_SERIES, carrierAuditLabel, nextCarrierIds, putCarrier } from './carriers';
import { CARRIER_PROJECTION, toCarrierIndexEntry } from '../carriers/carrier-index';
import { followIncoming } from './supervision';
import type { NumberingSettings } from '@shared/domain/settings-schemas';
import { authorize } from '../authorize';
import type { WenshuDB } from '../database';
import { newId } from '../ids';
import { compareIncomingSerials, deadlineLists, filterIncoming, identityFieldsOf, incomingProjection, INCOMING_PROJECTION, isOverdue, toIndexEntry, type IncomingQuery } from '../incoming/incoming-index';
import { peekRegisterNumber, takeRegisterNumber, takeRegisterNumbers } from '../numbering';
import { writeProjectionBatch, writeProjectionDelta } from '../projection';
import { readIndexOpenedAsync, readRowsOpenedAsync } from '../at-rest/encryption-middleware';
import type { Actor } from '../types';
import type { AuditSink } from '../write';
import { z } from 'zod';
import { CommandCancelledError, defineCommand, type CommandContext, type CommandJob, type CommandWriter } from '../commands/define';
import { runCommand } from '../commands/execute';
import { startSealing } from '../commands/seal-ahead';
import { getSetting, saveSettingCommand } from './settings';
import { SERIES_PATTERNS } from '@shared/domain/numbering';
import { loadWorkCalendar } from './calendar';
import type { WorkCalendar } from '@shared/domain/workdays';
import { firstZodProblem } from '@shared/domain/zod-problem';
import { RuleError } from '@shared/domain/rule-error';
import { SHA256_HEX } from '@shared/domain/imported-files';
import { importIdentityKeys, legacyNumberKey, repeatedRowReason } from '@shared/domain/incoming-import-identity';
import { recordImportedFile, refuseIfImported } from './imported-files';

export { NUMBERING_SETTINGS_KEY, type NumberingSettings } from '@shared/domain/settings-schemas';
const SERIES = SERIES_PATTERNS.收文.series;

/** The 收文 numbering pattern (a typed setting; its schema and default live in shared/domain/settings-schemas). */
export async function getNumberingSettings(db: WenshuDB): Promise<NumberingSettings> {
  return getSetting(db, 'numbering');
}

export async function saveNumberingSettings(db: WenshuDB, actor: Actor, s: NumberingSettings, now = new Date()): Promise<void> {
  await runCommand(db, actor, saveSettingCommand, { key: 'numbering', value: s }, now);
}

/** The 收文编号 the next registration dated `receivedDate` would get (display only). */
export async function previewSerial(db: WenshuDB, receivedDate: string): Promise<string> {
  const year = Number(receivedDate.slice(0, 4));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(receivedDate) || year < 1900) return '';
  return peekRegisterNumber(db, SERIES, year);
}

/** Registering the same 来文单位 + 来文字号 twice needs a reason: the earlier record is named. */
export class DuplicateIncomingError extends Error {
  constructor(public readonly existing: { id: string; serial: string; receivedDate: string }) {
    super(`同一来文单位、来文字号已于 ${existing.receivedDate} 登记为 ${existing.serial}`);
    this.name = 'DuplicateIncomingError';
  }
}

/** What the audit log may say about a record: never a classified title (need to know). */
function auditLabel(r: IncomingRecord): string {
  return registerAuditLabel(INCOMING_REGISTER, r);
}

/** For the 迁移包 (renderer/db/repositories/transfer.ts): the counter it raises, and how it names a 收文. */
export { SERIES as INCOMING_SERIES, auditLabel as incomingAuditLabel };

function validated(input: Registration): Registration {
  const parsed = registrationSchema.safeParse(input);
  if (!parsed.success) throw firstZodProblem(parsed.error);
  return normalizeRegistration(parsed.data as Registration);
}

/** The 收文 already registered under this 来文单位 + 来文字号 key, if any (a LAN seat checks it too). */
export async function findDuplicate(db: WenshuDB, key: string): Promise<IncomingRecord | undefined> {
  if (!key) return undefined;
  return db.incoming.where('duplicateKey').equals(key).first();
}

/** The duplicate a registration would make, if any (for the form's early warning). */
export async function checkDuplicate(db: WenshuDB, actor: Actor, fromUnit: string, docNumber: string): Promise<{ id: string; serial: string; receivedDate: string } | null> {
  await authorize(db, actor, 'incoming.process');
  const reg = normalizeRegistration({ fromUnit, docNumber } as Registration);
  const d = await findDuplicate(db, duplicateKeyOf(reg.fromUnit, reg.docNumber));
  return d ? { id: d.id, serial: d.serial, receivedDate: d.receivedDate } : null;
}

async function createRecord(
  db: WenshuDB,
  writer: Pick<CommandWriter<'incoming' | 'counters' | 'carriers'>, 'put' | 'add'>,
  actor: Actor,
  reg: Registration,
  pattern: string,
  now: Date,
  audit: AuditSink,
  extra: { legacyNumber?: string; duplicateOverride?: IncomingRecord['duplicateOverride']; via: '登记' | '导入' },
): Promise<IncomingRecord> {
  const year = Number(reg.receivedDate.slice(0, 4));
  const { seq, serial } = await takeRegisterNumber(db, SERIES, year, writer, pattern);
  const record = newIncomingRecord(reg, {
    id: newId(),
    seq,
    serial,
    by: { id: actor.id, name: actor.displayName },
    now,
    via: extra.via,
    ...(extra.legacyNumber ? { legacyNumber: extra.legacyNumber } : {}),
    ...(extra.duplicateOverride ? { duplicateOverride: extra.duplicateOverride } : {}),
  });
  // A 收文 of 秘密 and above is also a 涉密载体 (one per 份号), registered in the same transaction.
  // Numbers one at a time: each takes the counter in this transaction.
  const ids: { id: string; serial: string }[] = [];
  for (let i = carrierCount(record); i > 0; i--) ids.push(await nextCarrierIds(db, writer, now));
  const made = carriersFromIncoming(record, () => ids.shift()!, { id: actor.id, name: actor.displayName }, now);
  if (made.length) record.carrierIds = made.map((c) => c.id);
  await writer.add('incoming', record);
  await writeProjectionDelta(db, INCOMING_PROJECTION, toIndexEntry(record), true);
  for (const c of made) {
    await putCarrier(db, writer, c, true);
    audit({ action: '涉密载体登记', entityType: '涉密载体', entityId: c.id, summary: `${carrierAuditLabel(c)}（随收文 ${record.serial}）` });
  }
  audit({
    action: extra.via === '导入' ? '导入收文' : '收文登记',
    entityType: '收文',
    entityId: record.id,
    summary: `${auditLabel(record)}${extra.legacyNumber ? ` 原编号 ${extra.legacyNumber}` : ''}${
      extra.duplicateOverride
        ? `（重复来文，同 ${extra.duplicateOverride.ofSerial}${isClassified(record.classification) ? '' : `；理由：${extra.duplicateOverride.reason}`}）`
        : ''
    }`,
  });
  return record;
}

/** How many carriers a 收文 brings in (numbers are taken for exactly these). */
function carrierCount(r: IncomingRecord): number {
  return carriersFromIncoming(r, () => ({ id: '', serial: '' }), { id: '', name: '' }, new Date(0)).length;
}

/** 承办人 and 传阅 readers named on a classified 收文 join its carriers' 知悉范围. */
async function widenCarrierKnowers(db: WenshuDB, writer: Pick<CommandWriter<'carriers'>, 'put' | 'add'>, actor: Actor, r: IncomingRecord, now: Date, audit: AuditSink): Promise<void> {
  if (!r.carrierIds?.length) return;
  const people = peopleNamedByIncoming(r);
  if (people.length === 0) return;
  for (const c of await db.carriers.bulkGet(r.carrierIds)) {
    if (!c) continue;
    const after = widenKnowersFromIncoming(c, people, r.serial, { id: actor.id, name: actor.displayName }, now);
    if (after === c) continue;
    await putCarrier(db, writer, after);
    audit({ action: '涉密载体变更', entityType: '涉密载体', entityId: c.id, summary: `${carrierAuditLabel(c)} ${after.history[after.history.length - 1]!.note ?? ''}` });
  }
}

/**
 * 登记: validates, normalises 来文字号, assigns the 收文编号 in the same transaction as the
 * record, its search entry and its audit entry. A duplicate 来文单位 + 来文字号 is refused with
 * DuplicateIncomingError unless the secretary gives a reason, which is recorded.
 */
export const registerIncomingCommand = defineCommand({
  name: 'incoming.register',
  input: z.object({ registration: z.custom<Registration>((v) => typeof v === 'object' && v !== null), duplicateReason: z.string().optional() }),
  permission: 'incoming.process',
  tables: ['incoming', 'counters', 'projectionDeltas', 'carriers'],
  prepare: async (db, _actor, input, now) => {
    const reg = validated(input.registration);
    // A mistyped year (2062) would open that year's numbering for good.
    if (reg.receivedDate > todayIso(now)) throw RuleError.at('receivedDate', '收文日期不能晚于今天');
    const { incomingPattern } = await getNumberingSettings(db);
    return { reg, incomingPattern };
  },
  run: async ({ db, actor, now, audit, put, add }, input, { reg, incomingPattern }) => {
    const dup = await findDuplicate(db, duplicateKeyOf(reg.fromUnit, reg.docNumber));
    // Typed text: cleaned of control, bidi and zero-width characters (shared/domain/text.ts).
    const reason = cleanParagraphs(input.duplicateReason);
    if (dup && !reason) throw new DuplicateIncomingError({ id: dup.id, serial: dup.serial, receivedDate: dup.receivedDate });
    return createRecord(db, { put, add }, actor, reg, incomingPattern, now, audit, {
      via: '登记',
      ...(dup && reason ? { duplicateOverride: { ofId: dup.id, ofSerial: dup.serial, reason } } : {}),
    });
  },
});

/**
 * 登记: validates, normalises 来文字号, assigns the 收文编号 in the same transaction as the
 * record, its search entry and its audit entry. A duplicate 来文单位 + 来文字号 is refused with
 * DuplicateIncomingError unless the secretary gives a reason, which is recorded.
 */
export async function registerIncoming(
  db: WenshuDB,
  actor: Actor,
  input: Registration,
  opts: { duplicateReason?: string } = {},
  now = new Date(),
): Promise<IncomingRecord> {
  return runCommand(db, actor, registerIncomingCommand, { registration: input, ...(opts.duplicateReason !== undefined ? { duplicateReason: opts.duplicateReason } : {}) }, now);
}

type IncomingActContext = CommandContext<'incoming' | 'projectionDeltas' | 'carriers' | 'tasks' | 'counters'>;

/** One step on one record, inside the caller's command: the rule, its follow-ups, the record, its audit entry. */
async function actOne(ctx: IncomingActContext, id: string, action: IncomingAction, calendar: WorkCalendar, taskContent?: string): Promise<IncomingRecord> {
  const { db, actor, now, audit, put, add } = ctx;
  const before = await db.incoming.get(id);
  if (!before) throw new RuleError(INCOMING_NOT_FOUND);
  let after = applyIncomingAction(before, action, { id: actor.id, name: actor.displayName, roles: actor.roles }, now, calendar);
  after = await followIncoming(db, { put, add }, actor, before, after, now, audit, taskContent);
  await put('incoming', after);
  await writeProjectionDelta(db, INCOMING_PROJECTION, toIndexEntry(after), false);
  await widenCarrierKnowers(db, { put, add }, actor, after, now, audit);
  const last = after.history[after.history.length - 1];
  audit({
    action: `收文${action.type}`,
    entityType: '收文',
    entityId: id,
    summary: `${auditLabel(after)} ${before.state} → ${after.state}${last?.note && !isClassified(after.classification) ? `：${last.note.slice(0, 60)}` : ''}`,
  });
  return after;
}

/** One step of the procedure (初审 … 办结), checked by the rules in shared/domain/incoming. */
export const actOnIncomingCommand = defineCommand({
  name: 'incoming.act',
  // The action's fields are checked by the domain rule (applyIncomingAction), field by field.
  input: z.object({
    id: z.string().min(1),
    action: z.custom<IncomingAction>((v) => typeof v === 'object' && v !== null && 'type' in v),
    /** 承办 of a 批示'd 收文: the 督办 事项 as the secretary worded it (default: 标题 + 批示). */
    taskContent: z.string().max(2000).optional(),
  }),
  permission: null,
  tables: ['incoming', 'projectionDeltas', 'carriers', 'tasks', 'counters'],
  prepare: async (db) => ({ calendar: await loadWorkCalendar(db) }),
  run: async (ctx, { id, action, taskContent }, { calendar }): Promise<IncomingRecord> => actOne(ctx, id, action, calendar, taskContent),
});

/** The steps offices take on a pile of 收文 at once (issue #14): 传阅 to the same readers, 办结 of 阅件. */
export const BATCH_INCOMING_ACTIONS = ['传阅', '办结'] as const;
export type BatchIncomingAction = Extract<IncomingAction, { type: (typeof BATCH_INCOMING_ACTIONS)[number] }>;
/** More than a year's 阅件 in one go is a mistake, not a batch. */
export const BATCH_MAX = 500;

export const batchIdsSchema = (what: string) =>
  z
    .array(z.string().min(1))
    .min(1, `请先选择${what}`)
    .max(BATCH_MAX, `一次最多办理 ${BATCH_MAX} 件`)
    .refine((ids) => new Set(ids).size === ids.length, `同一${what}选了两次`);

/**
 * 批量传阅 / 批量办结: the single-record step on every chosen record, in ONE transaction — all or
 * nothing, one audit entry per record. The first record the rules refuse stops the batch, named
 * by its 收文编号, and nothing is changed.
 */
export const actOnManyIncomingCommand = defineCommand({
  name: 'incoming.actMany',
  input: z.object({
    ids: batchIdsSchema('收文'),
    action: z.custom<BatchIncomingAction>((v) => typeof v === 'object' && v !== null && 'type' in v && (BATCH_INCOMING_ACTIONS as readonly unknown[]).includes(v.type), '只能批量传阅或办结'),
  }),
  permission: 'incoming.process',
  tables: ['incoming', 'projectionDeltas', 'carriers', 'tasks', 'counters'],
  prepare: async (db) => ({ calendar: await loadWorkCalendar(db) }),
  run: async (ctx, { ids, action }, { calendar }): Promise<IncomingRecord[]> => {
    const done: IncomingRecord[] = [];
    for (const id of ids) {
      try {
        done.push(await actOne(ctx, id, action, calendar));
      } catch (e) {
        if (!(e instanceof RuleError)) throw e;
        const r = await ctx.db.incoming.get(id);
        throw new RuleError(`${r?.serial ?? '所选收文'}：${e.message}（本批均未办理）`, e.field);
      }
    }
    return done;
  },
});

/** The carriers a 收文 made 秘密 or above by a 更正 brings in (as at 登记: one per 份号). */
async function registerCarriersOf(db: WenshuDB, writer: Pick<CommandWriter<'carriers' | 'counters'>, 'put' | 'add'>, actor: Actor, record: IncomingRecord, now: Date, audit: AuditSink): Promise<IncomingRecord> {
  const ids: { id: string; serial: string }[] = [];
  for (let i = carrierCount(record); i > 0; i--) ids.push(await nextCarrierIds(db, writer, now));
  const made = carriersFromIncoming(record, () => ids.shift()!, { id: actor.id, name: actor.displayName }, now);
  for (const c of made) {
    await putCarrier(db, writer, c, true);
    audit({ action: '涉密载体登记', entityType: '涉密载体', entityId: c.id, summary: `${carrierAuditLabel(c)}（随收文 ${record.serial} 更正）` });
  }
  return made.length ? { ...record, carrierIds: made.map((c) => c.id) } : record;
}

/**
 * 更正 of a registered 收文 (shared/domain/incoming-correction.ts): the corrected registration,
 * the 收文编号 unchanged, old → new per field and the reason in its history and in the audit log
 * (a classified 收文's content fields and reason left out of the log), its search entry kept
 * current. A 标题 corrected on a 收文 with carriers corrects their 名称 too (they were named
 * from it); a 收文 made 秘密 or above gets its carriers.
 */
export const correctIncomingCommand = defineCommand({
  name: 'incoming.correct',
  // The registration and the reason are checked by correctIncoming, field by field.
  input: z.object({ id: z.string().min(1), registration: z.custom<RegistrationInput>((v) => typeof v === 'object' && v !== null), reason: z.custom<string>() }),
  permission: null,
  tables: ['incoming', 'projectionDeltas', 'carriers', 'counters'],
  run: async ({ db, actor, now, audit, put, add }, { id, registration, reason }) => {
    const before = await db.incoming.get(id);
    if (!before) throw new RuleError(INCOMING_NOT_FOUND);
    const corrected = correctIncoming(before, registration, reason, { id: actor.id, name: actor.displayName, roles: actor.roles }, now);
    let after = corrected.record;
    if (corrected.needsCarriers) after = await registerCarriersOf(db, { put, add }, actor, after, now, audit);
    if (after.title !== before.title && after.carrierIds?.length) {
      for (const c of await db.carriers.bulkGet(after.carrierIds)) {
        if (!c || c.name !== before.title || (c.state !== '在库' && c.state !== '借出')) continue;
        const at = now.toISOString();
        await putCarrier(db, { put, add }, { ...c, name: after.title, history: [...c.history, { action: '更正', at, byId: actor.id, byName: actor.displayName, note: `名称随收文 ${after.serial} 更正：${c.name} → ${after.title}` }], updatedAt: at });
        audit({ action: '涉密载体更正', entityType: '涉密载体', entityId: c.id, summary: `${carrierAuditLabel(c)} 名称已更正（随收文 ${after.serial}，涉密，内容略）` });
      }
    }
    await put('incoming', after);
    await writeProjectionDelta(db, INCOMING_PROJECTION, toIndexEntry(after), false);
    audit({
      action: '收文更正',
      entityType: '收文',
      entityId: id,
      summary: `${auditLabel(after)} ${correctionAuditText(corrected.changes, corrected.reason, isClassified(before.classification) ? before.classification : after.classification)}`,
      details: { changed: corrected.changes.map((c) => c.key) },
    });
    return after;
  },
});

export async function correctIncomingRecord(db: WenshuDB, actor: Actor, id: string, registration: RegistrationInput, reason: string, now = new Date()): Promise<IncomingRecord> {
  return runCommand(db, actor, correctIncomingCommand, { id, registration, reason }, now);
}

export async function actOnIncoming(db: WenshuDB, actor: Actor, id: string, action: IncomingAction, now = new Date(), taskContent?: string): Promise<IncomingRecord> {
  return runCommand(db, actor, actOnIncomingCommand, { id, action, ...(taskContent !== undefined ? { taskContent } : {}) }, now);
}

export interface IncomingView {
  record: IncomingRecord;
  /** False: the record is masked (【涉密】) for this user: only number and state are real. */
  canSeeContent: boolean;
}

/** What a user outside the need-to-know may see of a classified record: shared/domain/need-to-know.ts. */
export { maskIncoming as maskRecord };

export async function getIncoming(db: WenshuDB, actor: Actor, id: string): Promise<IncomingView | null> {
  actor = await authorize(db, actor, 'records.read');
  const r = await db.incoming.get(id);
  if (!r) return null;
  const canSeeContent = canSeeIncomingContent(actor, r);
  return { record: canSeeContent ? r : maskIncoming(r), canSeeContent };
}

/** A row of the 收文 list, already masked for the viewer. */
export interface IncomingRow {
  id: string;
  serial: string;
  legacyNumber?: string;
  receivedDate: string;
  fromUnit: string;
  docNumber: string;
  title: string;
  classification: IncomingRecord['classification'];
  /** Only for rows the viewer may see (the full marking, e.g. 机密★20年, prints from it). */
  secrecyTerm?: IncomingRecord['secrecyTerm'];
  urgency: IncomingRecord['urgency'];
  state: IncomingRecord['state'];
  dueDate?: string;
  hostDeptName?: string;
  /** 档号 once filed (not content: everyone may see that a record is filed). */
  archiveCode?: string;
  overdue: boolean;
  masked: boolean;
}

export function toRow(r: IncomingRecord, actor: Pick<Actor, 'id' | 'roles'>, today: string): IncomingRow {
  const masked = !canSeeIncomingContent(actor, r);
  return {
    id: r.id,
    serial: r.serial,
    ...(r.legacyNumber ? { legacyNumber: r.legacyNumber } : {}),
    receivedDate: r.receivedDate,
    fromUnit: masked ? '' : r.fromUnit,
    docNumber: masked ? '' : r.docNumber,
    title: masked ? MASK : r.title,
    classification: r.classification,
    ...(!masked && r.secrecyTerm ? { secrecyTerm: r.secrecyTerm } : {}),
    urgency: r.urgency,
    state: r.state,
    ...(r.dueDate ? { dueDate: r.dueDate } : {}),
    ...(r.assignment && !masked ? { hostDeptName: r.assignment.host.name } : {}),
    ...(r.filed ? { archiveCode: r.filed.archiveCode } : {}),
    overdue: isOverdue(r, today),
    masked,
  };
}

/** Whether a query asks for the register as it opens: no filter, no search, newest first. */
export function isDefaultIncomingView(q: IncomingQuery): boolean {
  const plain = !q.year && !q.state && !q.classification && !q.urgency && !q.hostDeptId && !q.overdueOnly && !q.search?.trim();
  return plain && (!q.sort || (q.sort.field === 'serial' && q.sort.direction === 'descend'));
}

/**
 * The register as it opens, straight from the [year+seq] index (issue #18: ≤ 100 ms at 100,000
 * 收文, the projection not loaded): the page of records newest first, masked by toRow as the
 * projection path masks them, and the total from the projection's meta row (counting 100,000
 * rows would cost more than the page). The reader's account is checked in the same round as the
 * reads: each sequential round trip costs most on a busy machine. Identical to the projection's
 * answer (test/unit/db/incoming-cold-open.test.ts).
 */
async function defaultViewFromIndex(db: WenshuDB, actor: Actor, q: IncomingQuery, today: string): Promise<{ rows: IncomingRow[]; total: number }> {
  const projection = incomingProjection(db);
  const [reader, page, total] = await Promise.all([
    authorize(db, actor, 'records.read'),
    (q.offset === 0 ? newestOfTheYear(db, q.limit) : Promise.resolve(null)).then((newest) => newest ?? pageFromIndex(db, q.offset, q.limit)),
    projection.size(),
  ]);
  // Started once the page is read: opening the projection (megabytes to decrypt and parse) must
  // not hold up the first page the secretary is waiting for.
  projection.warm();
  return { rows: page.map((r) => toRow(r, reader, today)), total };
}

/**
 * The newest `limit` 收文, newest first, in two reads: the last [year+seq] key, then one getAll of
 * the `limit` numbers up to it (numbers are gap-free within a year), opened with WebCrypto in
 * parallel (readIndexOpenedAsync, the middleware's checks kept). A reversed Dexie cursor takes one
 * round trip a row and the synchronous cipher ~0.4 ms a row, which a busy machine multiplies.
 * Null when that range holds fewer (a year with fewer, or a gap): the caller reads the index as
 * before. It may hold more: records from other PCs of the office share year and serial under
 * another prefix (issue #20); every record with a serial in the range is in it, so the first
 * `limit` in list order (compareIncomingSerials) are the page. Live queries still follow every
 * change: each write of a 收文 adds a projection delta, which the total's read (LiveProjection.size)
 * observes.
 */
async function newestOfTheYear(db: WenshuDB, limit: number): Promise<IncomingRecord[] | null> {
  const last = (await db.incoming.orderBy('[year+seq]').lastKey()) as [number, number] | undefined;
  if (!last) return [];
  const [year, seq] = last;
  if (seq < limit) return null;
  const rows = (await readIndexOpenedAsync(db, db.keyring, 'incoming', '[year+seq]', [IDBKeyRange.bound([year, seq - limit + 1], [year, seq])])) as IncomingRecord[];
  return rows.length >= limit ? rows.sort((a, b) => compareIncomingSerials(b, a)).slice(0, limit) : null;
}

/**
 * Records `offset` … `offset + limit − 1` of the register newest first, from the [year+seq] index.
 * The index orders records that share year and serial (two PCs' prefixes, issue #20) by id, the
 * list by the number's text: the page's first and last serial are read whole, with the count of
 * records above the first, and the page cut from them in list order, so it is the projection's.
 */
async function pageFromIndex(db: WenshuDB, offset: number, limit: number): Promise<IncomingRecord[]> {
  const page = await db.incoming.orderBy('[year+seq]').reverse().offset(offset).limit(limit).toArray();
  if (page.length === 0) return page;
  const head = page[0]!;
  const tail = page[page.length - 1]!;
  const [above, headGroup, tailGroup] = await Promise.all([
    db.incoming.where('[year+seq]').above([head.year, head.seq]).count(),
    db.incoming.where('[year+seq]').equals([head.year, head.seq]).toArray(),
    db.incoming.where('[year+seq]').equals([tail.year, tail.seq]).toArray(),
  ]);
  // Every record from the first serial down to the last, each once: positions `above` onwards.
  const span = new Map<string, IncomingRecord>();
  for (const r of [...headGroup, ...page, ...tailGroup]) span.set(r.id, r);
  const ordered = [...span.values()].sort((a, b) => compareIncomingSerials(b, a));
  return ordered.slice(offset - above, offset - above + limit);
}

/** One page of the list: filtered and sorted in the in-memory projection, then read by id. */
export async function listIncoming(db: WenshuDB, actor: Actor, q: IncomingQuery, today: string): Promise<{ rows: IncomingRow[]; total: number }> {
  const projection = incomingProjection(db);
  // The register as it opens, while the projection is not in memory yet (a fresh start): from the index.
  if (isDefaultIncomingView(q) && !projection.isLoaded()) return defaultViewFromIndex(db, actor, q, today);
  // The reader's check and the projection's catch-up read in one round (each read waits a turn
  // of IndexedDB; a refused reader still gets nothing).
  const [reader, entries] = await Promise.all([authorize(db, actor, 'records.read'), projection.current()]);
  actor = reader;
  const { ids, total } = filterIncoming(entries.values(), q, actor, today, (n) => projection.containing(n));
  // The page's rows opened with WebCrypto in parallel: the synchronous cipher of a Dexie read took
  // ~12 ms for 50 rows, most of a search (issue #18). A live query still runs again when a listed
  // record changes: every change writes a projection delta, which current()'s catch-up read observes.
  const records = (await readRowsOpenedAsync(db, db.keyring, 'incoming', ids)) as (IncomingRecord | undefined)[];
  return { rows: records.filter((r): r is IncomingRecord => !!r).map((r) => toRow(r, actor, today)), total };
}

/** A line of the 收文登记簿 with the record it comes from (for the output log). */
export interface IncomingRegisterEntry {
  ref: { id: string; serial: string; classification: IncomingRecord['classification'] };
  line: RegisterLine;
}

/**
 * The 收文登记簿 of a filter: every record in list order as a printed line, built for this reader
 * (registerLine: a record outside the need to know from its masked view).
 */
export async function incomingRegisterEntries(db: WenshuDB, actor: Actor, q: Omit<IncomingQuery, 'offset' | 'limit'>, today: string): Promise<IncomingRegisterEntry[]> {
  actor = await authorize(db, actor, 'records.read');
  const projection = incomingProjection(db);
  const entries = await projection.current();
  const { ids } = filterIncoming(entries.values(), { ...q, offset: 0, limit: Number.MAX_SAFE_INTEGER }, actor, today, (n) => projection.containing(n));
  const out: IncomingRegisterEntry[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = await db.incoming.bulkGet(ids.slice(i, i + 1000));
    for (const r of chunk) {
      if (r) out.push({ ref: { id: r.id, serial: r.serial, classification: r.classification }, line: registerLine(r, !canSeeIncomingContent(actor, r)) });
    }
  }
  return out;
}

/**
 * Years that have 收文, newest first (for the 年度 filter). While the projection is not loaded
 * (the register just opened), from the [year+seq] index, one key a year, newest first: the
 * register page asks for the years beside its first page, and loading the projection for them
 * would hold that page up.
 */
export async function incomingYears(db: WenshuDB): Promise<number[]> {
  const projection = incomingProjection(db);
  if (!projection.isLoaded()) {
    const years: number[] = [];
    let key = (await db.incoming.orderBy('[year+seq]').lastKey()) as [number, number] | undefined;
    while (key) {
      years.push(key[0]);
      key = (await db.incoming.where('[year+seq]').below([key[0], Dexie.minKey]).lastKey()) as [number, number] | undefined;
    }
    return years;
  }
  const entries = await projection.current();
  const years = new Set<number>();
  for (const e of entries.values()) years.add(e.year);
  return [...years].sort((a, b) => b - a);
}

export async function incomingDeadlines(db: WenshuDB, actor: Actor, today: string) {
  actor = await authorize(db, actor, 'records.read');
  const [entries, calendar] = await Promise.all([incomingProjection(db).current(), loadWorkCalendar(db)]);
  const lists = deadlineLists(entries.values(), today, calendar);
  const rowsOf = async (list: { id: string }[]) =>
    (await db.incoming.bulkGet(list.slice(0, 50).map((e) => e.id))).filter((r): r is IncomingRecord => !!r).map((r) => toRow(r, actor, today));
  return {
    overdue: { total: lists.overdue.length, rows: await rowsOf(lists.overdue) },
    dueToday: { total: lists.dueToday.length, rows: await rowsOf(lists.dueToday) },
    dueSoon: { total: lists.dueSoon.length, rows: await rowsOf(lists.dueSoon) },
  };
}

/**
 * 来文单位 typed before, for autocomplete, from the 收文 projection (no index may carry 来文单位:
 * index keys are readable in the files). Only for those who register (秘书 see every record
 * anyway), so it reveals nothing of classified records.
 */
export async function fromUnitSuggestions(db: WenshuDB, actor: Actor, typed: string, limit = 10): Promise<string[]> {
  await authorize(db, actor, 'incoming.process');
  const needle = typed.trim();
  const units = new Set<string>();
  for (const e of (await incomingProjection(db).current()).values()) if (e.fromUnit) units.add(e.fromUnit);
  return [...units]
    .filter((u) => !needle || u.includes(needle))
    .sort((x, y) => x.localeCompare(y, 'zh-Hans-CN'))
    .slice(0, limit);
}

export interface ImportRow {
  rowNumber: number;
  registration: Registration;
  legacyNumber?: string;
}

/** A 收文 to create in bulk: its checked registration and the number it had in the old register. */
export interface BulkIncomingItem {
  registration: Registration;
  legacyNumber?: string;
}

export interface BulkIncomingOptions {
  /**
   * Shapes each numbered record before it is written (its carriers are made from the result).
   * The bench's seed gives its 收文 the procedure they went through; the import shapes nothing.
   */
  shape?: (record: IncomingRecord, index: number) => IncomingRecord;
  /** Rows per write request; default BULK_BATCH (tests use a few, to cross batches with few rows). */
  batchSize?: number;
}

/** Rows per write request of a bulk import (each: the records, their carriers, search entries, audit entries, change-log rows). */
export const BULK_BATCH = 2000;

type BulkContext = CommandContext<'incoming' | 'counters' | 'projectionDeltas' | 'carriers'>;

/**
 * Creates `items` (in the order given: the import gives them oldest first) as new 收文 inside the
 * caller's command, as createRecord would one by one, but with every number reserved at once: one
 * counter read and one put per year for the 收文编号, one for the carriers' numbers. Records, their
 * carriers, search entries and audit entries (one per record and per carrier, chained in memory)
 * are then written in bulk requests of BULK_BATCH rows (the search entries of a batch as one delta row); the change-log middleware adds its rows to
 * each. Between batches the job's cancel is honoured (CommandCancelledError: the transaction and
 * everything written so far is rolled back) and its progress reported. The numbers come from
 * takeRegisterNumbers (renderer/db/numbering.ts): this PC's 本机编号前缀 and its own counters;
 * `pattern` is the 收文编号 pattern (the 'numbering' setting the caller read).
 */
export async function createIncomingInBulk(ctx: BulkContext, items: readonly BulkIncomingItem[], pattern: string, opts: BulkIncomingOptions = {}): Promise<IncomingRecord[]> {
  const { db, actor, now, audit, job } = ctx;
  const stopIfCancelled = () => {
    if (job.signal?.aborted) throw new CommandCancelledError();
  };
  stopIfCancelled();
  const at = now.toISOString();
  const perYear = new Map<number, number>();
  for (const it of items) {
    const year = Number(it.registration.receivedDate.slice(0, 4));
    perYear.set(year, (perYear.get(year) ?? 0) + 1);
  }
  const nextSeq = new Map<number, { seq: number; serialOf: (seq: number) => string }>();
  for (const [year, count] of perYear) {
    const taken = await takeRegisterNumbers(db, SERIES, year, count, ctx, pattern);
    nextSeq.set(year, { seq: taken.first, serialOf: taken.serialOf });
  }
  const records = items.map((it, i) => {
    const reg = it.registration;
    const year = Number(reg.receivedDate.slice(0, 4));
    const numbering = nextSeq.get(year)!;
    const seq = numbering.seq++;
    const record: IncomingRecord = {
      ...reg,
      id: newId(),
      year,
      seq,
      serial: numbering.serialOf(seq),
      ...(it.legacyNumber ? { legacyNumber: it.legacyNumber } : {}),
      state: '已登记',
      duplicateKey: duplicateKeyOf(reg.fromUnit, reg.docNumber),
      circulation: [],
      reminders: [],
      namedUserIds: [],
      history: [{ action: '导入', at, byId: actor.id, byName: actor.displayName, ...(it.legacyNumber ? { note: `原编号 ${it.legacyNumber}` } : {}) }],
      createdAt: at,
      updatedAt: at,
    };
    return opts.shape ? opts.shape(record, i) : record;
  });
  // The carriers' numbers, in the records' order (as one-by-one registration would take them).
  const carrierCounts = records.map(carrierCount);
  const carrierTotal = carrierCounts.reduce((a, b) => a + b, 0);
  const carrierYear = now.getFullYear();
  const carrierNumbers = await takeRegisterNumbers(db, CARRIER_SERIES, carrierYear, carrierTotal, ctx);
  let carrierSeq = carrierNumbers.first;
  const me = { id: actor.id, name: actor.displayName };
  const carriersOf = records.map((r, i) => {
    if (carrierCounts[i] === 0) return [];
    const made = carriersFromIncoming(r, () => ({ id: newId(), serial: carrierNumbers.serialOf(carrierSeq++) }), me, now);
    r.carrierIds = made.map((c) => c.id);
    return made;
  });
  const size = opts.batchSize ?? BULK_BATCH;
  // Each batch's rows (and their change-log rows) are sealed with WebCrypto while the batch before
  // is written: the writes below then store them without running the cipher (commands/seal-ahead.ts).
  const sealBatch = (i: number): Promise<unknown> => {
    if (i >= records.length) return Promise.resolve();
    const both = Promise.all([startSealing(db, 'incoming', records.slice(i, i + size)), startSealing(db, 'carriers', carriersOf.slice(i, i + size).flat())]);
    // Never awaited when the import stops first (a cancel, a failure): no unhandled rejection then.
    both.catch(() => undefined);
    return both;
  };
  let sealing = sealBatch(0);
  for (let i = 0; i < records.length; i += size) {
    stopIfCancelled();
    const batch = records.slice(i, i + size);
    const carriers = carriersOf.slice(i, i + size).flat();
    await Dexie.waitFor(sealing);
    sealing = sealBatch(i + size);
    await ctx.bulkAdd('incoming', batch);
    if (carriers.length) await ctx.bulkAdd('carriers', carriers);
    // One delta row per batch and projection (projectionDeltas is not change-logged: derived).
    await writeProjectionBatch(db, INCOMING_PROJECTION, batch.map(toIndexEntry));
    await writeProjectionBatch(db, CARRIER_PROJECTION, carriers.map(toCarrierIndexEntry));
    batch.forEach((record, k) => {
      for (const c of carriersOf[i + k]!) audit({ action: '涉密载体登记', entityType: '涉密载体', entityId: c.id, summary: `${carrierAuditLabel(c)}（随收文 ${record.serial}）` });
      audit({ action: '导入收文', entityType: '收文', entityId: record.id, summary: `${auditLabel(record)}${record.legacyNumber ? ` 原编号 ${record.legacyNumber}` : ''}` });
    });
    await ctx.flushAudit();
    job.progress?.(Math.min(records.length, i + size), records.length);
  }
  // A cancel during the last batch still counts: nothing is committed yet.
  stopIfCancelled();
  return records;
}

export const importRowSchema = z.object({ rowNumber: z.number(), registration: z.custom<Registration>((v) => typeof v === 'object' && v !== null), legacyNumber: z.string().optional() });

/** A row of the file already in the register, and why the wizard will not import it. */
export interface RepeatedImportRow {
  rowNumber: number;
  /** The 收文 it repeats. */
  id: string;
  serial: string;
  /** “已导入过（收〔2026〕0012）” or “登记簿中已有（…）”. */
  reason: string;
}

/**
 * The rows that are already in the register (shared/domain/incoming-import-identity.ts: same
 * 原编号 in the same year with the same day or title, or the same day, unit, 文号 and title), in
 * row order. Compared with the 收文 projection (in memory), only the years the rows fall in; the
 * records matched are read to tell an imported one (history starts with 导入) from one registered
 * by hand. Outside any transaction.
 */
async function findRepeatedRows(db: WenshuDB, rows: readonly Pick<ImportRow, 'rowNumber' | 'registration' | 'legacyNumber'>[]): Promise<RepeatedImportRow[]> {
  if (rows.length === 0) return [];
  const years = new Set(rows.map((r) => r.registration.receivedDate.slice(0, 4)));
  const known = new Map<string, string>();
  // Days and year+原编号 the register holds: a row matching neither cannot repeat a record, and is
  // passed without normalising its text (the common case: a file of years not yet in the register).
  const days = new Set<string>();
  const numbers = new Set<string>();
  for (const e of (await incomingProjection(db).current()).values()) {
    const year = e.receivedDate.slice(0, 4);
    if (!years.has(year)) continue;
    const fields = identityFieldsOf(e);
    days.add(e.receivedDate);
    if (fields.legacyNumber) numbers.add(`${year}\n${legacyNumberKey(fields.legacyNumber)}`);
    for (const key of importIdentityKeys(fields, true)) if (!known.has(key)) known.set(key, e.id);
  }
  if (known.size === 0) return [];
  const matched = new Map<number, string>();
  for (const r of rows) {
    const { receivedDate } = r.registration;
    if (!days.has(receivedDate) && !(r.legacyNumber && numbers.has(`${receivedDate.slice(0, 4)}\n${legacyNumberKey(r.legacyNumber)}`))) continue;
    const id = importIdentityKeys({ ...r.registration, legacyNumber: r.legacyNumber })
      .map((k) => known.get(k))
      .find((x) => x !== undefined);
    if (id) matched.set(r.rowNumber, id);
  }
  if (matched.size === 0) return [];
  const ids = [...new Set(matched.values())];
  const read = (await readRowsOpenedAsync(db, db.keyring, 'incoming', ids)) as (IncomingRecord | undefined)[];
  const records = new Map(read.filter((r): r is IncomingRecord => !!r).map((r) => [r.id, r]));
  const out: RepeatedImportRow[] = [];
  for (const [rowNumber, id] of [...matched].sort((a, b) => a[0] - b[0])) {
    const record = records.get(id);
    if (!record) continue;
    out.push({ rowNumber, id, serial: record.serial, reason: repeatedRowReason({ serial: record.serial, imported: record.history[0]?.action === '导入' }) });
  }
  return out;
}

/** For the import wizard's check step: the checked rows already in the register (not imported again). */
export async function repeatedImportRows(db: WenshuDB, actor: Actor, rows: readonly ImportRow[]): Promise<RepeatedImportRow[]> {
  await authorize(db, actor, 'incoming.process');
  return findRepeatedRows(db, rows);
}

/** The legacy Excel file an import comes from: its SHA-256 (computed where the workbook is read) and name. */
export const importFileSchema = z.object({ sha256: z.string().regex(SHA256_HEX, '文件校验值无效'), name: z.string().max(260) });
export type ImportFile = z.infer<typeof importFileSchema>;

/**
 * Imports a legacy register: every row or none, each with a new 收文编号 (oldest first) and its old
 * number kept, in ONE transaction through createIncomingInBulk. Progress and cancel through the
 * job the wizard gives (a cancel rolls back everything: the register is as before).
 * Idempotent (issue #20): a file imported before (by its SHA-256) is refused, checked again inside
 * the transaction (two windows), and recorded in importedFiles in that transaction once every row is
 * written (a cancel or failure records nothing); rows already in the register are refused too
 * (the wizard leaves them out, so here they mean the register changed since its check).
 */
export const importIncomingCommand = defineCommand({
  name: 'incoming.import',
  input: z.object({ rows: z.array(importRowSchema), file: importFileSchema.optional() }),
  permission: 'incoming.process',
  tables: ['incoming', 'counters', 'projectionDeltas', 'carriers', 'importedFiles'],
  prepare: async (db, _actor, { rows, file }) => {
    if (file) await refuseIfImported(db, file.sha256, 'excel');
    if (rows.length === 0) throw new RuleError('没有可导入的行');
    const regs = rows.map((r) => {
      try {
        return { ...r, registration: validated(r.registration) };
      } catch (e) {
        throw new RuleError(`第 ${r.rowNumber} 行：${e instanceof Error ? e.message : String(e)}`);
      }
    });
    const repeated = await findRepeatedRows(db, regs);
    if (repeated.length > 0) {
      const first = repeated[0]!;
      throw new RuleError(`第 ${first.rowNumber} 行${first.reason}${repeated.length > 1 ? `，共 ${repeated.length} 行已在登记簿中` : ''}，请重新选择文件核对后导入`);
    }
    // Oldest first, so the new numbers follow the old register's order.
    regs.sort((a, b) => a.registration.receivedDate.localeCompare(b.registration.receivedDate) || a.rowNumber - b.rowNumber);
    const { incomingPattern } = await getNumberingSettings(db);
    return { regs, incomingPattern };
  },
  run: async (ctx, { file }, { regs, incomingPattern }) => {
    // Again inside the transaction: another window may have imported the same file meanwhile.
    if (file) await refuseIfImported(ctx.db, file.sha256, 'excel');
    const done = await createIncomingInBulk(ctx, regs, incomingPattern);
    if (file) {
      const recorded = await recordImportedFile(ctx, { sha256: file.sha256, kind: 'excel', fileName: file.name, counts: { 收文: done.length } });
      ctx.audit({ action: '导入登记簿文件', entityType: '导入文件', entityId: file.sha256, summary: `${file.name}（${recorded.summary}，SHA-256 ${file.sha256.slice(0, 16)}…）` });
    }
    return done;
  },
});

export async function importIncoming(db: WenshuDB, actor: Actor, rows: ImportRow[], now = new Date(), job: CommandJob = {}, file?: ImportFile): Promise<IncomingRecord[]> {
  return runCommand(db, actor, importIncomingCommand, { rows, ...(file ? { file } : {}) }, now, job);
}

/** Every row of the filtered list (for print and export), masked for the viewer, in list order. */
/** The ids of every 收文 the filters select, in list order (选择全部筛选结果): no record is read. */
export async function incomingIds(db: WenshuDB, actor: Actor, q: Omit<IncomingQuery, 'offset' | 'limit'>, today: string): Promise<string[]> {
  actor = await authorize(db, actor, 'records.read');
  const projection = incomingProjection(db);
  const entries = await projection.current();
  return filterIncoming(entries.values(), { ...q, offset: 0, limit: Number.MAX_SAFE_INTEGER }, actor, today, (n) => projection.containing(n)).ids;
}

export async function allIncomingRows(db: WenshuDB, actor: Actor, q: Omit<IncomingQuery, 'offset' | 'limit'>, today: string): Promise<IncomingRow[]> {
  actor = await authorize(db, actor, 'records.read');
  const projection = incomingProjection(db);
  const entries = await projection.current();
  const { ids } = filterIncoming(entries.values(), { ...q, offset: 0, limit: Number.MAX_SAFE_INTEGER }, actor, today, (n) => projection.containing(n));
  const out: IncomingRow[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = await db.incoming.bulkGet(ids.slice(i, i + 1000));
    for (const r of chunk) if (r) out.push(toRow(r, actor, today));
  }
  return out;
}

