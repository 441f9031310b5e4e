import { applyCarrierAction, carrierRegistrationSchema, copyCarrier, createCarrierRecord, normalizeCarrierCopyNumber, reviewQueue, type CarrierActor, type CarrierRegistrationInput, type UserLookup } from '@shared/domain/carrier';
import { editCarrierDetails, type CarrierDetailsPatch } from '@shared/domain/carrier-details';
import { endInventory, startInventory, tickInventory } from '@shared/domain/carrier-inventory';
import { CARRIER_PATTERN, serialFromScan } from '@shared/domain/carrier-label';
import type { CarrierAction, CarrierRecord, InventoryResult, InventoryScope, InventorySession, InventoryTick } from '@shared/domain/carrier-types';
import { MASK, maskCarrier } from '@shared/domain/need-to-know';
import { auditLabel, CARRIERS_REGISTER } from '@shared/domain/registers';
import { formatCopyNumber, formatSerial } from '@shared/domain/numbering';
import { can, type Role } from '@shared/domain/permissions';
import { authorize } from '../authorize';
import { canSeeCarrier, carrierProjection, CARRIER_PROJECTION, filterCarriers, matchesDue, toCarrierIndexEntry, type CarrierQuery } from '../carriers/carrier-index';
import type { WenshuDB } from '../database';
import { newId } from '../ids';
import { takeNextSerial } from '../numbering';
import { writeProjectionDelta } from '../projection';
import type { Actor } from '../types';
import { writeWithAudit, type AuditSink } from '../write';
import { firstZodProblem } from './zod-problem';
import { RuleError } from '@shared/domain/rule-error';

// 涉密载体台账 (issue #4): the repository over the rules in shared/domain/carrier*.ts. Every
// change, its search/filter entry and its audit entry share one transaction; the audit log names
// carriers by 编号, 密级 and 份号, never by 名称 (need to know holds in the log too).

export const CARRIER_SERIES = '载体';
/** Prints of carrier records are numbered copies (issue 4: printing is copying). */
export const CARRIER_PRINT_SERIES = '载体打印';
export { CARRIER_PATTERN };

/** How the audit log names a carrier: the registry's one audit label (shared/domain/registers/). */
export function carrierAuditLabel(c: CarrierRecord): string {
  return auditLabel(CARRIERS_REGISTER, c);
}

/** Approvers' roles as stored now (a disabled account approves nothing). */
async function userLookup(db: WenshuDB): Promise<UserLookup> {
  const users = new Map((await db.users.toArray()).map((u) => [u.id, u]));
  return (id) => {
    const u = users.get(id);
    return u && !u.disabled ? { roles: u.roles } : undefined;
  };
}


export function asCarrierActor(actor: Actor): CarrierActor {
  return { id: actor.id, name: actor.displayName, roles: actor.roles };
}

/** A new carrier's id and 编号; call inside the writing transaction (the counter is in it). */
export async function nextCarrierIds(db: WenshuDB, now: Date): Promise<{ id: string; serial: string }> {
  const year = now.getFullYear();
  const n = await takeNextSerial(db, CARRIER_SERIES, year);
  return { id: newId(), serial: formatSerial(CARRIER_PATTERN, year, n) };
}

/** Stores a carrier and its projection entry (inside the caller's transaction). */
export async function putCarrier(db: WenshuDB, record: CarrierRecord, isNew = false): Promise<void> {
  if (isNew) await db.carriers.add(record);
  else await db.carriers.put(record);
  await writeProjectionDelta(db, CARRIER_PROJECTION, toCarrierIndexEntry(record));
}

const WRITE_TABLES = (db: WenshuDB) => [db.carriers, db.counters, db.projectionDeltas];

/** 登记 by the 保密员. */
export async function registerCarrier(db: WenshuDB, actor: Actor, input: CarrierRegistrationInput, now = new Date()): Promise<CarrierRecord> {
  actor = await authorize(db, actor, 'classified.manage');
  const parsed = carrierRegistrationSchema.safeParse(input);
  if (!parsed.success) throw firstZodProblem(parsed.error);
  return writeWithAudit(
    db,
    actor,
    WRITE_TABLES(db),
    async (audit) => {
      const record = createCarrierRecord(parsed.data, await nextCarrierIds(db, now), { id: actor.id, name: actor.displayName }, now);
      await putCarrier(db, record, true);
      audit({ action: '涉密载体登记', entityType: '涉密载体', entityId: record.id, summary: carrierAuditLabel(record) });
      return record;
    },
    now,
  );
}

/** One lifecycle event (借出, 归还, 移交, 清点, 销毁, 解密, 降密); 复制 goes through copyCarrierWithApproval. */
export async function actOnCarrier(db: WenshuDB, actor: Actor, id: string, action: Exclude<CarrierAction, { type: '复制' }>, now = new Date()): Promise<CarrierRecord> {
  actor = await authorize(db, actor, 'classified.manage');
  const lookup = await userLookup(db);
  const a = asCarrierActor(actor);
  return changeCarrier(db, actor, id, now, (before) => applyCarrierAction(before, action, a, now, lookup), (before, after) => ({
    action: `涉密载体${action.type}`,
    summary: `${carrierAuditLabel(after)} ${before.state} → ${after.state}`,
  }));
}

/** Reads one carrier, applies a rule, stores the result and its audit entry in one transaction. */
async function changeCarrier(
  db: WenshuDB,
  actor: Actor,
  id: string,
  now: Date,
  apply: (before: CarrierRecord) => CarrierRecord,
  describe: (before: CarrierRecord, after: CarrierRecord) => { action: string; summary: string },
): Promise<CarrierRecord> {
  return writeWithAudit(
    db,
    actor,
    WRITE_TABLES(db),
    async (audit) => {
      const before = await db.carriers.get(id);
      if (!before) throw new RuleError('该载体不存在');
      const after: CarrierRecord = apply(before);
      if (after === before) throw new RuleError('没有修改任何内容');
      await putCarrier(db, after);
      audit({ entityType: '涉密载体', entityId: id, ...describe(before, after) });
      return after;
    },
    now,
  );
}

/** 复制: the approval is checked, the copy becomes a carrier with its own 编号 and 份号, linked both ways. */
export async function copyCarrierWithApproval(
  db: WenshuDB,
  actor: Actor,
  id: string,
  action: Extract<CarrierAction, { type: '复制' }>,
  now = new Date(),
): Promise<{ original: CarrierRecord; copy: CarrierRecord }> {
  actor = await authorize(db, actor, 'classified.manage');
  const lookup = await userLookup(db);
  return writeWithAudit(
    db,
    actor,
    [...WRITE_TABLES(db), db.incoming],
    async (audit) => {
      const before = await db.carriers.get(id);
      if (!before) throw new RuleError('该载体不存在');
      // 份号 already used by this document: the original, every copy, the other copies of its 收文.
      const taken = await carrierFamily(db, before);
      const wanted = normalizeCarrierCopyNumber(action.copyNumber);
      if (wanted && taken.some((c) => c.copyNumber === wanted)) {
        throw RuleError.at('copyNumber', `份号 ${action.copyNumber} 已被同一文件的其他份使用`);
      }
      const result: { original: CarrierRecord; copy: CarrierRecord } = copyCarrier(before, action, await nextCarrierIds(db, now), asCarrierActor(actor), now, lookup);
      await putCarrier(db, result.original);
      await putCarrier(db, result.copy, true);
      audit({ action: '涉密载体复制', entityType: '涉密载体', entityId: id, summary: `${carrierAuditLabel(result.original)} 复制为 ${carrierAuditLabel(result.copy)}` });
      return result;
    },
    now,
  );
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
export async function editCarrier(db: WenshuDB, actor: Actor, id: string, patch: CarrierDetailsPatch, now = new Date()): Promise<CarrierRecord> {
  actor = await authorize(db, actor, 'classified.manage');
  const a = asCarrierActor(actor);
  return changeCarrier(db, actor, id, now, (before) => editCarrierDetails(before, patch, a, now), (before, after) => ({
    action: '涉密载体变更',
    summary: `${carrierAuditLabel(after)} ${editAuditNote(before, after)}`,
  }));
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
async function viewsOf(db: WenshuDB, actor: Actor, ids: readonly string[]): Promise<CarrierView[]> {
  const out: CarrierView[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    for (const r of await db.carriers.bulkGet(ids.slice(i, i + 1000))) {
      if (!r) continue;
      const canSeeContent = canSeeCarrier(actor, toCarrierIndexEntry(r));
      out.push({ record: canSeeContent ? r : maskCarrier(r), canSeeContent });
    }
  }
  return out;
}

/** One page of the 台账, filtered and sorted in the in-memory projection. */
export async function listCarriers(db: WenshuDB, actor: Actor, q: CarrierQuery, today: string): Promise<{ rows: CarrierView[]; total: number }> {
  actor = await authorize(db, actor, 'records.read');
  const entries = await carrierProjection(db).current();
  const { ids, total } = filterCarriers(entries.values(), q, actor, today);
  return { rows: await viewsOf(db, actor, ids), total };
}

/** Every carrier of the filtered 台账, in list order, for the 保密员's prints. */
export async function allCarriers(db: WenshuDB, actor: Actor, q: Omit<CarrierQuery, 'offset' | 'limit'>, today: string): Promise<CarrierRecord[]> {
  actor = await authorize(db, actor, 'classified.manage');
  const entries = await carrierProjection(db).current();
  const { ids } = filterCarriers(entries.values(), { ...q, offset: 0, limit: Number.MAX_SAFE_INTEGER }, actor, today);
  return (await viewsOf(db, actor, ids)).map((v) => v.record);
}

/** The 保管人 and 存放位置 in use (filter and 清点 choices). */
export async function carrierFacets(db: WenshuDB, actor: Actor): Promise<{ custodians: { id: string; name: string }[]; locations: string[] }> {
  await authorize(db, actor, 'records.read');
  const entries = await carrierProjection(db).current();
  const custodians = new Map<string, string>();
  const locations = new Set<string>();
  for (const e of entries.values()) {
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

export async function startInventorySession(db: WenshuDB, actor: Actor, scope: InventoryScope, now = new Date()): Promise<InventorySession> {
  actor = await authorize(db, actor, 'classified.manage');
  return writeWithAudit(
    db,
    actor,
    [db.carriers, db.inventorySessions],
    async (audit) => {
      const live = await db.carriers.where('state').anyOf(['在库', '借出']).toArray();
      const session: InventorySession = startInventory(newId(), scope, live, asCarrierActor(actor), now);
      await db.inventorySessions.add(session);
      audit({
        action: '开始清点',
        entityType: '清点',
        entityId: session.id,
        summary: `${session.scope.kind === '保管人' ? `保管人：${session.scope.custodian.name}` : `存放位置：${session.scope.location}`}，应在 ${session.expectedIds.length} 件`,
      });
      return session;
    },
    now,
  );
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

async function tick(db: WenshuDB, actor: Actor, sessionId: string, findCarrier: () => Promise<CarrierRecord | undefined>, result: InventoryResult, via: InventoryTick['via'], now: Date, audit: AuditSink) {
  const session = await db.inventorySessions.get(sessionId);
  if (!session) throw new RuleError('清点批次不存在');
  const carrier = await findCarrier();
  if (!carrier) throw RuleError.at('code', '台账中没有这个编号的载体');
  const next: InventorySession = tickInventory(session, carrier.id, result, via, now);
  const after: CarrierRecord = applyCarrierAction(carrier, { type: '清点', result, sessionId }, asCarrierActor(actor), now, () => undefined);
  await db.inventorySessions.put(next);
  await putCarrier(db, after);
  const expected = session.expectedIds.includes(carrier.id);
  audit({ action: '涉密载体清点', entityType: '涉密载体', entityId: carrier.id, summary: `${carrierAuditLabel(carrier)} ${result}（${via}${expected ? '' : '，不在本次清点范围'}）` });
  return { session: next, carrier: after, expected };
}

/** Ticks one carrier of the session by a click. */
export async function tickInventoryCarrier(db: WenshuDB, actor: Actor, sessionId: string, carrierId: string, result: InventoryResult, now = new Date()) {
  actor = await authorize(db, actor, 'classified.manage');
  const a = actor;
  return writeWithAudit(db, actor, [db.carriers, db.inventorySessions, db.projectionDeltas], (audit) => tick(db, a, sessionId, () => db.carriers.get(carrierId), result, '点选', now, audit), now);
}

/**
* Ticks the carrier whose label was scanned (or whose code was typed) as 在位. A code that names
* no carrier is refused with a message; a carrier outside the session's scope is ticked and
* reported as 范围外 (it was found here, and the 保密员 should know).
*/
export async function tickInventoryByCode(db: WenshuDB, actor: Actor, sessionId: string, code: string, now = new Date()) {
  actor = await authorize(db, actor, 'classified.manage');
  const serial = serialFromScan(code);
  if (!serial) throw RuleError.at('code', `无法识别的标签：${code.trim().slice(0, 40)}`);
  const a = actor;
  return writeWithAudit(db, actor, [db.carriers, db.inventorySessions, db.projectionDeltas], (audit) => tick(db, a, sessionId, () => db.carriers.where('serial').equals(serial).first(), '在位', '扫码', now, audit), now);
}

export async function endInventorySession(db: WenshuDB, actor: Actor, sessionId: string, now = new Date()): Promise<InventorySession> {
  actor = await authorize(db, actor, 'classified.manage');
  return writeWithAudit(
    db,
    actor,
    [db.carriers, db.inventorySessions],
    async (audit) => {
      const session = await db.inventorySessions.get(sessionId);
      if (!session) throw new RuleError('清点批次不存在');
      const expected = (await db.carriers.bulkGet(session.expectedIds)).filter((c): c is CarrierRecord => !!c);
      const ended: InventorySession = endInventory(session, expected, now);
      await db.inventorySessions.put(ended);
      const r = ended.report!;
      audit({
        action: '结束清点',
        entityType: '清点',
        entityId: sessionId,
        summary: `应在 ${ended.expectedIds.length} 件；缺失 ${r.missing.length}，损坏 ${r.damaged.length}，未清点 ${r.notTicked.length}，范围外 ${r.unexpected.length}`,
      });
      return ended;
    },
    now,
  );
}

// --- printing is copying ----------------------------------------------------------------------------

export type CarrierPrintKind = '涉密载体登记表' | '借阅登记表' | '销毁清单' | '清点报告' | '移交单' | '二维码标签';

// Printing is copying (issue 4): every print is a numbered copy, logged through recordOutput
// (repositories/output.ts, kind '载体打印'), which takes the 打印份号 and writes the 复制 line.

/** Who may print carrier records: the 保密员 (prints are numbered copies of classified data). */
export function canPrintCarriers(actor: Pick<Actor, 'roles'>): boolean {
  return can(actor, 'classified.manage');
}
