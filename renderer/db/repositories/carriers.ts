import { applyCarrierAction, carrierRegistrationSchema, copyCarrier, createCarrierRecord, normalizeCarrierCopyNumber, reviewQueue, type CarrierActor, type CarrierRegistrationInput, type UserLookup } from '@shared/domain/carrier';
import { editCarrierDetails, type CarrierDetailsPatch } from '@shared/domain/carrier-details';
import { endInventory, startInventory, tickInventory } from '@shared/domain/carrier-inventory';
import { CARRIER_PATTERN, LABEL_SHEETS, serialFromScan } from '@shared/domain/carrier-label';
import { LABEL_PRINTERS_KEY, labelPrinterProfileSchema, type LabelPrinterProfile, type LabelPrinterSettings } from '@shared/domain/settings-schemas';
import { getSetting } from './settings';
import type { CarrierAction, CarrierRecord, InventoryResult, InventoryScope, InventorySession, InventoryTick } from '@shared/domain/carrier-types';
import { MASK, maskCarrier } from '@shared/domain/need-to-know';
import { auditLabel, CARRIERS_REGISTER } from '@shared/domain/registers';
import { formatCopyNumber, SERIES_PATTERNS } from '@shared/domain/numbering';
import { can, type Role } from '@shared/domain/permissions';
import { z } from 'zod';
import { readIndexOpenedAsync, readRowsOpenedAsync } from '../at-rest/encryption-middleware';
import { authorize } from '../authorize';
import { canSeeCarrier, carrierProjection, CARRIER_PROJECTION, filterCarriers, matchesDue, toCarrierIndexEntry, type CarrierQuery } from '../carriers/carrier-index';
import type { WenshuDB } from '../database';
import { newId } from '../ids';
import { takeRegisterNumber } from '../numbering';
import { writeProjectionDelta } from '../projection';
import type { Actor } from '../types';
import type { AuditSink } from '../write';
import { defineCommand, type CommandWriter } from '../commands/define';
import { runCommand } from '../commands/execute';
import { firstZodProblem } from '@shared/domain/zod-problem';
import { RuleError } from '@shared/domain/rule-error';
import { correctionAuditText } from '@shared/domain/correction';
import { correctCarrier, type CarrierRegistrationFields } from '@shared/domain/carrier-correction';
import { isClassified } from '@shared/domain/enums';

// 涉密载体台账 (issue #4): the repository over the rules in shared/domain/carrier*.ts. Every
// change is a command (commands/define.ts): the record, its search/filter entry and its audit
// entry share one transaction; the audit log names carriers by 编号, 密级 and 份号, never by 名称
// (need to know holds in the log too).

export const CARRIER_SERIES = SERIES_PATTERNS.载体.series;
/** Prints of carrier records are numbered copies (issue 4: printing is copying). */
export const CARRIER_PRINT_SERIES = SERIES_PATTERNS.载体打印.series;
export { CARRIER_PATTERN };

/** What writes carriers and their counter: a command's writer with both tables declared. */
export type CarrierWriter = Pick<CommandWriter<'carriers' | 'counters'>, 'put' | 'add'>;

/** How the audit log names a carrier: the registry's one audit label (shared/domain/registers/). */
export function carrierAuditLabel(c: CarrierRecord): string {
  return auditLabel(CARRIERS_REGISTER, c);
}

/** Approvers' roles as stored now (a disabled account approves nothing). */
/** Who may approve, as the user table says now (a disabled account approves nothing). */
export async function userLookup(db: WenshuDB): Promise<UserLookup> {
  const users = new Map((await db.users.toArray()).map((u) => [u.id, u]));
  return (id) => {
    const u = users.get(id);
    return u && !u.disabled ? { roles: u.roles } : undefined;
  };
}


export function asCarrierActor(actor: Actor): CarrierActor {
  return { id: actor.id, name: actor.displayName, roles: actor.roles };
}

/** A new carrier's id and 编号; call inside the writing command (counters declared). */
export async function nextCarrierIds(db: WenshuDB, writer: Pick<CommandWriter<'counters'>, 'put'>, now: Date): Promise<{ id: string; serial: string }> {
  const { serial } = await takeRegisterNumber(db, CARRIER_SERIES, now.getFullYear(), writer);
  return { id: newId(), serial };
}

/** Stores a carrier and its projection entry (inside the caller's command, carriers declared). */
export async function putCarrier(db: WenshuDB, writer: Pick<CommandWriter<'carriers'>, 'put' | 'add'>, record: CarrierRecord, isNew = false): Promise<void> {
  if (isNew) await writer.add('carriers', record);
  else await writer.put('carriers', record);
  await writeProjectionDelta(db, CARRIER_PROJECTION, toCarrierIndexEntry(record), isNew);
}

// Carrier actions and details are checked by the domain rules, field by field.
const anObject = <T>() => z.custom<T>((v) => typeof v === 'object' && v !== null);

/** 登记 by the 保密员. */
export const registerCarrierCommand = defineCommand({
  name: 'carrier.register',
  // The schema's defaults make its output differ from what the form sends: parsed in prepare().
  input: anObject<CarrierRegistrationInput>(),
  permission: 'classified.manage',
  tables: ['carriers', 'counters', 'projectionDeltas'],
  prepare: async (_db, _actor, input) => {
    const parsed = carrierRegistrationSchema.safeParse(input);
    if (!parsed.success) throw firstZodProblem(parsed.error);
    return parsed.data;
  },
  run: async ({ db, actor, now, audit, put, add }, _input, registration): Promise<CarrierRecord> => {
    const record = createCarrierRecord(registration, await nextCarrierIds(db, { put }, now), { id: actor.id, name: actor.displayName }, now);
    await putCarrier(db, { put, add }, record, true);
    audit({ action: '涉密载体登记', entityType: '涉密载体', entityId: record.id, summary: carrierAuditLabel(record) });
    return record;
  },
});

export async function registerCarrier(db: WenshuDB, actor: Actor, input: CarrierRegistrationInput, now = new Date()): Promise<CarrierRecord> {
  return runCommand(db, actor, registerCarrierCommand, input, now);
}

/** Reads one carrier, applies a rule, stores the result and its audit entry (inside a command). */
async function changeCarrier(
  db: WenshuDB,
  writer: Pick<CommandWriter<'carriers'>, 'put' | 'add'>,
  id: string,
  audit: AuditSink,
  apply: (before: CarrierRecord) => CarrierRecord,
  describe: (before: CarrierRecord, after: CarrierRecord) => { action: string; summary: string },
): Promise<CarrierRecord> {
  const before = await db.carriers.get(id);
  if (!before) throw new RuleError('该载体不存在');
  const after: CarrierRecord = apply(before);
  if (after === before) throw new RuleError('没有修改任何内容');
  await putCarrier(db, writer, after);
  audit({ entityType: '涉密载体', entityId: id, ...describe(before, after) });
  return after;
}

/** One lifecycle event (借出, 归还, 移交, 清点, 销毁, 解密, 降密); 复制 goes through carrier.copy. */
export const actOnCarrierCommand = defineCommand({
  name: 'carrier.act',
  input: z.object({ id: z.string().min(1), action: z.custom<Exclude<CarrierAction, { type: '复制' }>>((v) => typeof v === 'object' && v !== null && 'type' in v && v.type !== '复制') }),
  permission: 'classified.manage',
  tables: ['carriers', 'projectionDeltas'],
  // Approvers are looked up as stored now, before the transaction.
  prepare: async (db) => userLookup(db),
  run: async ({ db, actor, now, audit, put, add }, { id, action }, lookup) => {
    const a = asCarrierActor(actor);
    return changeCarrier(db, { put, add }, id, audit, (before) => applyCarrierAction(before, action, a, now, lookup), (before, after) => ({
      action: `涉密载体${action.type}`,
      summary: `${carrierAuditLabel(after)} ${before.state} → ${after.state}`,
    }));
  },
});

/**
 * 批量借出 (and any other single-record event) on several carriers to one person: the rule of
 * carrier.act on every chosen carrier in ONE transaction — all or nothing, one audit entry per
 * carrier. The first carrier the rules refuse stops the batch, named by its 编号, nothing changed.
 */
export const actOnManyCarriersCommand = defineCommand({
  name: 'carrier.actMany',
  input: z.object({
    ids: z
      .array(z.string().min(1))
      .min(1, '请先选择载体')
      .max(500, '一次最多办理 500 件')
      .refine((ids) => new Set(ids).size === ids.length, '同一载体选了两次'),
    action: z.custom<Exclude<CarrierAction, { type: '复制' }>>((v) => typeof v === 'object' && v !== null && 'type' in v && v.type !== '复制', '复制须逐件办理'),
  }),
  permission: 'classified.manage',
  tables: ['carriers', 'projectionDeltas'],
  prepare: async (db) => userLookup(db),
  run: async ({ db, actor, now, audit, put, add }, { ids, action }, lookup): Promise<CarrierRecord[]> => {
    const a = asCarrierActor(actor);
    const done: CarrierRecord[] = [];
    for (const id of ids) {
      try {
        done.push(
          await changeCarrier(db, { put, add }, id, audit, (before) => applyCarrierAction(before, action, a, now, lookup), (before, after) => ({
            action: `涉密载体${action.type}`,
            summary: `${carrierAuditLabel(after)} ${before.state} → ${after.state}`,
          })),
        );
      } catch (e) {
        if (!(e instanceof RuleError)) throw e;
        const c = await db.carriers.get(id);
        throw new RuleError(`${c ? `${c.serial}（份号 ${c.copyNumber}）` : '所选载体'}：${e.message}（本批均未办理）`, e.field);
      }
    }
    return done;
  },
});

export async function actOnCarrier(db: WenshuDB, actor: Actor, id: string, action: Exclude<CarrierAction, { type: '复制' }>, now = new Date()): Promise<CarrierRecord> {
  return runCommand(db, actor, actOnCarrierCommand, { id, action }, now);
}

/** 复制: the approval is checked, the copy becomes a carrier with its own 编号 and 份号, linked both ways. */
export const copyCarrierCommand = defineCommand({
  name: 'carrier.copy',
  input: z.object({ id: z.string().min(1), action: z.custom<Extract<CarrierAction, { type: '复制' }>>((v) => typeof v === 'object' && v !== null && 'type' in v && v.type === '复制') }),
  permission: 'classified.manage',
  // incoming: read (the other 份号 of a 收文), never written.
  tables: ['carriers', 'counters', 'projectionDeltas', 'incoming'],
  prepare: async (db) => userLookup(db),
  run: async ({ db, actor, now, audit, put, add }, { id, action }, lookup): Promise<{ original: CarrierRecord; copy: CarrierRecord }> => {
    const before = await db.carriers.get(id);
    if (!before) throw new RuleError('该载体不存在');
    // 份号 already used by this document: the original, every copy, the other copies of its 收文.
    const taken = await carrierFamily(db, before);
    const wanted = normalizeCarrierCopyNumber(action.copyNumber);
    if (wanted && taken.some((c) => c.copyNumber === wanted)) {
      throw RuleError.at('copyNumber', `份号 ${action.copyNumber} 已被同一文件的其他份使用`);
    }
    const result = copyCarrier(before, action, await nextCarrierIds(db, { put }, now), asCarrierActor(actor), now, lookup);
    await putCarrier(db, { put, add }, result.original);
    await putCarrier(db, { put, add }, result.copy, true);
    audit({ action: '涉密载体复制', entityType: '涉密载体', entityId: id, summary: `${carrierAuditLabel(result.original)} 复制为 ${carrierAuditLabel(result.copy)}` });
    return result;
  },
});

export async function copyCarrierWithApproval(
  db: WenshuDB,
  actor: Actor,
  id: string,
  action: Extract<CarrierAction, { type: '复制' }>,
  now = new Date(),
): Promise<{ original: CarrierRecord; copy: CarrierRecord }> {
  return runCommand(db, actor, copyCarrierCommand, { id, action }, now);
}

/** The next 份号 not yet used by this document (original and copies): the copy form's suggestion. */
export async function suggestCopyNumber(db: WenshuDB, actor: Actor, id: string): Promise<string> {
  await authorize(db, actor, 'classified.manage');
  const c = await db.carriers.get(id);
  if (!c) return '';
  const used = new Set((await carrierFamily(db, c)).map((x) => Number(x.copyNumber)));
  let n = 1;
  while (used.has(n)) n++;
  return formatCopyNumber(n);
}

/** What the audit log says of a 变更: people and places by name, the 名称 only that it changed. */
function editAuditNote(before: CarrierRecord, after: CarrierRecord): string {
  const parts: string[] = [];
  if (after.name !== before.name) parts.push('名称已修改');
  if (after.location !== before.location) parts.push(`存放位置：${before.location} → ${after.location}`);
  if (after.custodian.userId !== before.custodian.userId) parts.push(`保管人：${before.custodian.name} → ${after.custodian.name}`);
  const was = new Set(before.knowers.map((k) => k.userId));
  const now = new Set(after.knowers.map((k) => k.userId));
  const added = after.knowers.filter((k) => !was.has(k.userId)).map((k) => k.name);
  const removed = before.knowers.filter((k) => !now.has(k.userId)).map((k) => k.name);
  if (added.length) parts.push(`知悉范围增加：${added.join('、')}`);
  if (removed.length) parts.push(`知悉范围减少：${removed.join('、')}`);
  return parts.join('；');
}

/**
* Every carrier of one document: the original, its copies and their copies, and — for a 收文 —
* the other copies (份号) that came with it. 份号 are unique within this family.
*/
async function carrierFamily(db: WenshuDB, start: CarrierRecord): Promise<CarrierRecord[]> {
  let root = start;
  for (let depth = 0; root.copyOf && depth < 100; depth++) {
    const parent = await db.carriers.get(root.copyOf);
    if (!parent) break;
    root = parent;
  }
  let roots = [root];
  if (root.source.kind === '收文') {
    const incoming = await db.incoming.get(root.source.incomingId);
    const siblings = (await db.carriers.bulkGet(incoming?.carrierIds ?? [])).filter((c): c is CarrierRecord => !!c);
    if (siblings.length) roots = siblings.some((c) => c.id === root.id) ? siblings : [root, ...siblings];
  }
  const family = new Map(roots.map((c) => [c.id, c]));
  let frontier = roots.map((c) => c.id);
  while (frontier.length) {
    const children = await db.carriers.where('copyOf').anyOf(frontier).toArray();
    frontier = [];
    for (const c of children) {
      if (family.has(c.id)) continue;
      family.set(c.id, c);
      frontier.push(c.id);
    }
  }
  return [...family.values()];
}

/** 变更: 名称, 保管人, 存放位置, 知悉范围, each change kept in the history. */
export const editCarrierCommand = defineCommand({
  name: 'carrier.edit',
  input: z.object({ id: z.string().min(1), patch: anObject<CarrierDetailsPatch>() }),
  permission: 'classified.manage',
  tables: ['carriers', 'projectionDeltas'],
  run: async ({ db, actor, now, audit, put, add }, { id, patch }) => {
    const a = asCarrierActor(actor);
    return changeCarrier(db, { put, add }, id, audit, (before) => editCarrierDetails(before, patch, a, now), (before, after) => ({
      action: '涉密载体变更',
      summary: `${carrierAuditLabel(after)} ${editAuditNote(before, after)}`,
    }));
  },
});

export async function editCarrier(db: WenshuDB, actor: Actor, id: string, patch: CarrierDetailsPatch, now = new Date()): Promise<CarrierRecord> {
  return runCommand(db, actor, editCarrierCommand, { id, patch }, now);
}

/**
 * 更正 of a carrier's registration fields (shared/domain/carrier-correction.ts): the 编号 unchanged,
 * old → new and the reason in its history; the audit log never names its 名称 or the reason.
 */
export const correctCarrierCommand = defineCommand({
  name: 'carrier.correct',
  input: z.object({ id: z.string().min(1), fields: anObject<CarrierRegistrationFields>(), reason: z.custom<string>() }),
  permission: 'classified.manage',
  tables: ['carriers', 'projectionDeltas'],
  run: async ({ db, actor, now, audit, put, add }, { id, fields, reason }) => {
    const a = asCarrierActor(actor);
    let changes: ReturnType<typeof correctCarrier>['changes'] = [];
    return changeCarrier(db, { put, add }, id, audit, (before) => {
      const corrected = correctCarrier(before, fields, reason, a, now);
      changes = corrected.changes;
      return corrected.record;
    }, (before) => ({
      action: '涉密载体更正',
      // Every carrier is classified (the 台账 holds nothing below 秘密): content and reason stay out.
      summary: `${carrierAuditLabel(before)} ${correctionAuditText(changes, '', isClassified(before.classification) ? before.classification : '秘密')}`,
    }));
  },
});

export async function correctCarrierRecord(db: WenshuDB, actor: Actor, id: string, fields: CarrierRegistrationFields, reason: string, now = new Date()): Promise<CarrierRecord> {
  return runCommand(db, actor, correctCarrierCommand, { id, fields, reason }, now);
}

// --- reading ------------------------------------------------------------------------------------

/** 名称 and the people around a carrier, hidden from those outside its need to know (shared/domain/need-to-know.ts). */
export { MASK as CARRIER_MASK, maskCarrier };

export interface CarrierView {
  record: CarrierRecord;
  canSeeContent: boolean;
}

export async function getCarrier(db: WenshuDB, actor: Actor, id: string): Promise<CarrierView | null> {
  actor = await authorize(db, actor, 'records.read');
  const r = await db.carriers.get(id);
  if (!r) return null;
  const canSeeContent = canSeeCarrier(actor, toCarrierIndexEntry(r));
  return { record: canSeeContent ? r : maskCarrier(r), canSeeContent };
}

/** Carriers by id for one page (masked where the reader may not see), in the given order. */
function viewOf(actor: Actor, r: CarrierRecord): CarrierView {
  const canSeeContent = canSeeCarrier(actor, toCarrierIndexEntry(r));
  return { record: canSeeContent ? r : maskCarrier(r), canSeeContent };
}

async function viewsOf(db: WenshuDB, actor: Actor, ids: readonly string[]): Promise<CarrierView[]> {
  const out: CarrierView[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    // Opened with WebCrypto in parallel, as listIncoming does (a change writes a delta the catch-up observes).
    for (const r of (await readRowsOpenedAsync(db, db.keyring, 'carriers', ids.slice(i, i + 1000))) as (CarrierRecord | undefined)[]) {
      if (r) out.push(viewOf(actor, r));
    }
  }
  return out;
}

/** Whether a query asks for the 台账 as it opens: its first page, no filter, no search, newest 编号 first. */
export function isDefaultCarrierView(q: CarrierQuery): boolean {
  const plain = !q.classification && !q.state && !q.carrierType && !q.custodianId && !q.location && !q.due && !q.search?.trim();
  return plain && q.offset === 0 && (!q.sort || (q.sort.field === 'serial' && q.sort.direction === 'descend'));
}

/**
 * The 台账's newest `limit` carriers in list order, from the [year+seq] index (schema v14) in two
 * reads — the last key, then one getAll of the `limit` sequence numbers up to it, opened with
 * WebCrypto — while the projection is not in memory (issue #18: loading it took ~500 ms at 20,000
 * carriers). Every carrier of that year with a number in the range is in the read, so ordering
 * them as the list does (filterCarriers: year, sequence, then the 编号's text for two PCs' equal
 * numbers) and keeping the first `limit` is the list's first page; carriers whose 编号 has no
 * year and number sort last and are never on it. Null when the range holds fewer (a young year, a
 * gap): the caller uses the projection.
 */
async function newestCarriers(db: WenshuDB, actor: Actor, limit: number, today: string): Promise<CarrierRecord[] | null> {
  const last = (await db.carriers.orderBy('[year+seq]').lastKey()) as [number, number] | undefined;
  if (!last || last[1] < limit) return null;
  const [year, seq] = last;
  const rows = (await readIndexOpenedAsync(db, db.keyring, 'carriers', '[year+seq]', [IDBKeyRange.bound([year, seq - limit + 1], [year, seq])])) as CarrierRecord[];
  if (rows.length < limit) return null;
  const byId = new Map(rows.map((r) => [r.id, r]));
  return filterCarriers(rows.map(toCarrierIndexEntry), { offset: 0, limit }, actor, today).ids.map((id) => byId.get(id)!);
}

/** One page of the 台账, filtered and sorted in the in-memory projection. */
export async function listCarriers(db: WenshuDB, actor: Actor, q: CarrierQuery, today: string): Promise<{ rows: CarrierView[]; total: number }> {
  const projection = carrierProjection(db);
  let reader: Actor | null = null;
  if (isDefaultCarrierView(q) && !projection.isLoaded()) {
    // The reader's check, the page and the total in one round (as the 收文 register opens).
    const [checked, page, total] = await Promise.all([authorize(db, actor, 'records.read'), newestCarriers(db, actor, q.limit, today), projection.size()]);
    if (page) {
      // Loaded after the first page is shown: searching and filtering need it.
      projection.warm();
      return { rows: page.map((r) => viewOf(checked, r)), total };
    }
    // No page from the index (a young year, a gap): the projection, the reader already checked.
    reader = checked;
  }
  actor = reader ?? (await authorize(db, actor, 'records.read'));
  const entries = await projection.current();
  const { ids, total } = filterCarriers(entries.values(), q, actor, today, (n) => projection.containing(n));
  return { rows: await viewsOf(db, actor, ids), total };
}

/** The ids of every carrier the filters select, in list order (全选筛选结果): no record is read. */
export async function carrierIds(db: WenshuDB, actor: Actor, q: Omit<CarrierQuery, 'offset' | 'limit'>, today: string): Promise<string[]> {
  actor = await authorize(db, actor, 'records.read');
  const projection = carrierProjection(db);
  const entries = await projection.current();
  return filterCarriers(entries.values(), { ...q, offset: 0, limit: Number.MAX_SAFE_INTEGER }, actor, today, (n) => projection.containing(n)).ids;
}

/** Every carrier of the filtered 台账, in list order, for the 保密员's prints. */
export async function allCarriers(db: WenshuDB, actor: Actor, q: Omit<CarrierQuery, 'offset' | 'limit'>, today: string): Promise<CarrierRecord[]> {
  actor = await authorize(db, actor, 'classified.manage');
  const projection = carrierProjection(db);
  const entries = await projection.current();
  const { ids } = filterCarriers(entries.values(), { ...q, offset: 0, limit: Number.MAX_SAFE_INTEGER }, actor, today, (n) => projection.containing(n));
  return (await viewsOf(db, actor, ids)).map((v) => v.record);
}

/** The 保管人 and 存放位置 in use (filter and 清点 choices). */
export async function carrierFacets(db: WenshuDB, actor: Actor): Promise<{ custodians: { id: string; name: string }[]; locations: string[] }> {
  actor = await authorize(db, actor, 'records.read');
  const entries = await carrierProjection(db).current();
  const custodians = new Map<string, string>();
  const locations = new Set<string>();
  for (const e of entries.values()) {
    // Only carriers the reader may see name their 保管人 and 存放位置 (need-to-know.ts maskCarrier).
    if (!canSeeCarrier(actor, e)) continue;
    custodians.set(e.custodianId, e.custodianName);
    locations.add(e.location);
  }
  return {
    custodians: [...custodians].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh')),
    locations: [...locations].sort((a, b) => a.localeCompare(b, 'zh')),
  };
}

/** People a carrier can name (知悉范围, 保管人, 借阅人, 审批人, 销毁人 …): active users, except the 系统管理员 and 安全审计员 (三员分立: they see no classified content). */
export async function carrierPeople(db: WenshuDB, actor: Actor): Promise<{ id: string; name: string; roles: Role[] }[]> {
  await authorize(db, actor, 'records.read');
  const users = await db.users.toArray();
  return users
    .filter((u) => !u.disabled && !u.roles.some((r) => r === '系统管理员' || r === '安全审计员'))
    .map((u) => ({ id: u.id, name: u.displayName, roles: [...u.roles] }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}

export interface CarrierReminders {
  overdueLoans: { total: number; rows: CarrierView[] };
  review: { total: number; rows: CarrierView[] };
  notInventoried: number;
}

/** 工作台 for the 保密员: loans to chase (催还), the 解密/降密 review queue, carriers not inventoried this year. */
export async function carrierReminders(db: WenshuDB, actor: Actor, today: string, limit = 20): Promise<CarrierReminders> {
  actor = await authorize(db, actor, 'classified.manage');
  const entries = [...(await carrierProjection(db).current()).values()];
  const overdue = entries.filter((e) => matchesDue(e, '借阅逾期', today)).sort((a, b) => (a.dueDate! < b.dueDate! ? -1 : 1));
  const review = entries.filter((e) => matchesDue(e, '保密期限将满', today)).sort((a, b) => (a.secrecyEnd! < b.secrecyEnd! ? -1 : 1));
  const notInventoried = entries.filter((e) => matchesDue(e, '本年未清点', today)).length;
  return {
    overdueLoans: { total: overdue.length, rows: await viewsOf(db, actor, overdue.slice(0, limit).map((e) => e.id)) },
    review: { total: review.length, rows: await viewsOf(db, actor, review.slice(0, limit).map((e) => e.id)) },
    notInventoried,
  };
}

/** Loans past their due date (催还 list). */
export async function overdueLoans(db: WenshuDB, actor: Actor, today: string): Promise<CarrierRecord[]> {
  return allCarriers(db, actor, { due: '借阅逾期', sort: { field: 'dueDate', direction: 'ascend' } }, today);
}

/** The 解密/降密 review queue (ends within 90 days or ended), soonest first. */
export async function carrierReviewQueue(db: WenshuDB, actor: Actor, today: string) {
  return reviewQueue(await allCarriers(db, actor, { due: '保密期限将满' }, today), today);
}

// --- 清点 ----------------------------------------------------------------------------------------

export const startInventoryCommand = defineCommand({
  name: 'inventory.start',
  input: z.object({ scope: anObject<InventoryScope>() }),
  permission: 'classified.manage',
  // carriers: read (the live ones make the expected list), never written.
  tables: ['carriers', 'inventorySessions'],
  run: async ({ db, actor, now, audit, add }, { scope }): Promise<InventorySession> => {
    const live = await db.carriers.where('state').anyOf(['在库', '借出']).toArray();
    const session: InventorySession = startInventory(newId(), scope, live, asCarrierActor(actor), now);
    await add('inventorySessions', session);
    audit({
      action: '开始清点',
      entityType: '清点',
      entityId: session.id,
      summary: `${session.scope.kind === '保管人' ? `保管人：${session.scope.custodian.name}` : `存放位置：${session.scope.location}`}，应在 ${session.expectedIds.length} 件`,
    });
    return session;
  },
});

export async function startInventorySession(db: WenshuDB, actor: Actor, scope: InventoryScope, now = new Date()): Promise<InventorySession> {
  return runCommand(db, actor, startInventoryCommand, { scope }, now);
}

export async function getInventorySession(db: WenshuDB, actor: Actor, id: string): Promise<{ session: InventorySession; carriers: Map<string, CarrierRecord> } | null> {
  await authorize(db, actor, 'classified.manage');
  const session = await db.inventorySessions.get(id);
  if (!session) return null;
  const ids = [...new Set([...session.expectedIds, ...session.ticks.map((t) => t.carrierId)])];
  const carriers = new Map<string, CarrierRecord>();
  for (const r of await db.carriers.bulkGet(ids)) if (r) carriers.set(r.id, r);
  return { session, carriers };
}

export async function listInventorySessions(db: WenshuDB, actor: Actor, limit = 50): Promise<InventorySession[]> {
  await authorize(db, actor, 'classified.manage');
  return db.inventorySessions.orderBy('startedAt').reverse().limit(limit).toArray();
}

/**
* Ticks one carrier of the session: by a click (`carrierId`, with its result), or by the label
* scanned (or the code typed), as 在位. A code that names no carrier is refused with a message; a
* carrier outside the session's scope is ticked and reported as 范围外 (it was found here, and the
* 保密员 should know).
*/
export const tickInventoryCommand = defineCommand({
  name: 'inventory.tick',
  input: z.union([
    z.object({ sessionId: z.string().min(1), carrierId: z.string().min(1), result: z.custom<InventoryResult>((v) => typeof v === 'string') }),
    z.object({ sessionId: z.string().min(1), code: z.string() }),
  ]),
  permission: 'classified.manage',
  tables: ['carriers', 'inventorySessions', 'projectionDeltas'],
  prepare: async (_db, _actor, input) => {
    if (!('code' in input)) return null;
    const serial = serialFromScan(input.code);
    if (!serial) throw RuleError.at('code', `无法识别的标签：${input.code.trim().slice(0, 40)}`);
    return serial;
  },
  run: async ({ db, actor, now, audit, put, add }, input, serial) => {
    const session = await db.inventorySessions.get(input.sessionId);
    if (!session) throw new RuleError('清点批次不存在');
    const carrier = 'code' in input ? await db.carriers.where('serial').equals(serial!).first() : await db.carriers.get(input.carrierId);
    if (!carrier) throw RuleError.at('code', '台账中没有这个编号的载体');
    const result: InventoryResult = 'code' in input ? '在位' : input.result;
    const via: InventoryTick['via'] = 'code' in input ? '扫码' : '点选';
    const next: InventorySession = tickInventory(session, carrier.id, result, via, now);
    const after: CarrierRecord = applyCarrierAction(carrier, { type: '清点', result, sessionId: input.sessionId }, asCarrierActor(actor), now, () => undefined);
    await put('inventorySessions', next);
    await putCarrier(db, { put, add }, after);
    const expected = session.expectedIds.includes(carrier.id);
    audit({ action: '涉密载体清点', entityType: '涉密载体', entityId: carrier.id, summary: `${carrierAuditLabel(carrier)} ${result}（${via}${expected ? '' : '，不在本次清点范围'}）` });
    return { session: next, carrier: after, expected };
  },
});

/** Ticks one carrier of the session by a click. */
export async function tickInventoryCarrier(db: WenshuDB, actor: Actor, sessionId: string, carrierId: string, result: InventoryResult, now = new Date()) {
  return runCommand(db, actor, tickInventoryCommand, { sessionId, carrierId, result }, now);
}

/** Ticks the carrier whose label was scanned (or whose code was typed) as 在位. */
export async function tickInventoryByCode(db: WenshuDB, actor: Actor, sessionId: string, code: string, now = new Date()) {
  return runCommand(db, actor, tickInventoryCommand, { sessionId, code }, now);
}

export const endInventoryCommand = defineCommand({
  name: 'inventory.end',
  input: z.object({ sessionId: z.string().min(1) }),
  permission: 'classified.manage',
  tables: ['carriers', 'inventorySessions'],
  run: async ({ db, now, audit, put }, { sessionId }): Promise<InventorySession> => {
    const session = await db.inventorySessions.get(sessionId);
    if (!session) throw new RuleError('清点批次不存在');
    const expected = (await db.carriers.bulkGet(session.expectedIds)).filter((c): c is CarrierRecord => !!c);
    const ended: InventorySession = endInventory(session, expected, now);
    await put('inventorySessions', ended);
    const r = ended.report!;
    audit({
      action: '结束清点',
      entityType: '清点',
      entityId: sessionId,
      summary: `应在 ${ended.expectedIds.length} 件；缺失 ${r.missing.length}，损坏 ${r.damaged.length}，未清点 ${r.notTicked.length}，范围外 ${r.unexpected.length}`,
    });
    return ended;
  },
});

export async function endInventorySession(db: WenshuDB, actor: Actor, sessionId: string, now = new Date()): Promise<InventorySession> {
  return runCommand(db, actor, endInventoryCommand, { sessionId }, now);
}

// --- printing is copying ----------------------------------------------------------------------------

export type CarrierPrintKind = '涉密载体登记表' | '借阅登记表' | '销毁清单' | '清点报告' | '移交单' | '二维码标签';

// Printing is copying (issue 4): every print is a numbered copy, logged through recordOutput
// (repositories/output.ts, kind '载体打印'), which takes the 打印份号 and writes the 复制 line.

/** Who may print carrier records: the 保密员 (prints are numbered copies of classified data). */
export function canPrintCarriers(actor: Pick<Actor, 'roles'>): boolean {
  return can(actor, 'classified.manage');
}

// --- label printers (issue #15) ------------------------------------------------------------------
// Each printer the office prints QR labels on has a profile: its name, the label sheet loaded in
// it and the offsets that put the print on the sheet's cells. Saved by name (a profile of the
// same name is replaced), audited like every setting.

/** The saved label-printer profiles (setting 'labelPrinters'). */
export function getLabelPrinters(db: WenshuDB): Promise<LabelPrinterSettings> {
  return getSetting(db, LABEL_PRINTERS_KEY);
}

function offsetText(mm: number): string {
  return `${mm > 0 ? '+' : ''}${mm} mm`;
}

export const saveLabelPrinterCommand = defineCommand({
  name: 'carrier.labelPrinter.save',
  input: labelPrinterProfileSchema,
  permission: 'classified.manage',
  tables: ['settings'],
  run: async ({ db, put, audit }, profile): Promise<LabelPrinterProfile> => {
    const before = await getLabelPrinters(db);
    const others = before.profiles.filter((p) => p.name !== profile.name);
    if (others.length >= 50) throw RuleError.at('name', '最多保存 50 台打印机的配置');
    const after: LabelPrinterSettings = { profiles: [...others, profile].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')) };
    await put('settings', { key: LABEL_PRINTERS_KEY, value: after });
    audit({
      action: '修改标签打印机配置',
      entityType: '设置',
      entityId: LABEL_PRINTERS_KEY,
      summary: `${profile.name}：${LABEL_SHEETS[profile.sheet].name}，左右偏移 ${offsetText(profile.offsetXMm)}，上下偏移 ${offsetText(profile.offsetYMm)}`,
      details: { before: before.profiles.find((p) => p.name === profile.name) ?? null, after: profile },
    });
    return profile;
  },
});

/** A printer the office no longer has (or a profile saved under a wrong name): its profile goes. */
export const deleteLabelPrinterCommand = defineCommand({
  name: 'carrier.labelPrinter.delete',
  input: z.object({ name: z.string({ error: '请选择打印机' }).trim().min(1, '请选择打印机') }),
  permission: 'classified.manage',
  tables: ['settings'],
  run: async ({ db, put, audit }, { name }): Promise<void> => {
    const before = await getLabelPrinters(db);
    const gone = before.profiles.find((p) => p.name === name);
    if (!gone) throw RuleError.at('name', `没有名为“${name}”的打印机配置`);
    await put('settings', { key: LABEL_PRINTERS_KEY, value: { profiles: before.profiles.filter((p) => p !== gone) } });
    audit({
      action: '删除标签打印机配置',
      entityType: '设置',
      entityId: LABEL_PRINTERS_KEY,
      summary: `${gone.name}：${LABEL_SHEETS[gone.sheet].name}，左右偏移 ${offsetText(gone.offsetXMm)}，上下偏移 ${offsetText(gone.offsetYMm)}`,
      details: { before: gone, after: null },
    });
  },
});
