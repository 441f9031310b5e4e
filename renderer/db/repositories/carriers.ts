import {
  applyCarrierAction,
  carrierRegistrationSchema,
  CarrierRuleError,
  copyCarrier,
  createCarrierRecord,
  isLoanOverdue,
  type CarrierRegistrationInput,
  type UserLookup,
} from '@shared/domain/carrier';
import type { CarrierAction, CarrierRecord } from '@shared/domain/carrier-types';
import { formatSerial } from '@shared/domain/numbering';
import { authorize } from '../authorize';
import type { WenshuDB } from '../database';
import { FieldError, RuleError } from '../errors';
import { newId } from '../ids';
import { takeNextSerial } from '../numbering';
import type { Actor } from '../types';
import { writeWithAudit } from '../write';
import { firstZodProblem } from './zod-problem';

// 涉密载体台账 (issue #4): the repository over the rules in shared/domain/carrier.ts. Every
// change and its audit entry share one transaction; the audit log names carriers by 编号, 密级
// and 份号, never by 名称 (need to know holds in the log too).

export const CARRIER_SERIES = '载体';
export const CARRIER_PATTERN = '载〔YYYY〕NNNN';

function label(c: Pick<CarrierRecord, 'serial' | 'classification' | 'copyNumber'>): string {
  return `${c.serial}【${c.classification}】份号${c.copyNumber}`;
}

/** Approvers' roles as stored now (a disabled account approves nothing). */
async function userLookup(db: WenshuDB): Promise<UserLookup> {
  const users = new Map((await db.users.toArray()).map((u) => [u.id, u]));
  return (id) => {
    const u = users.get(id);
    return u && !u.disabled ? { roles: u.roles } : undefined;
  };
}

function ruleToField(e: unknown): never {
  if (e instanceof CarrierRuleError) throw e.field ? new FieldError(e.field, e.message) : new RuleError(e.message);
  throw e;
}

async function nextIds(db: WenshuDB, now: Date): Promise<{ id: string; serial: string }> {
  const year = now.getFullYear();
  const n = await takeNextSerial(db, CARRIER_SERIES, year);
  return { id: newId(), serial: formatSerial(CARRIER_PATTERN, year, n) };
}

/** 登记 by the 保密员. */
export async function registerCarrier(db: WenshuDB, actor: Actor, input: CarrierRegistrationInput, now = new Date()): Promise<CarrierRecord> {
  actor = await authorize(db, actor, 'classified.manage');
  const parsed = carrierRegistrationSchema.safeParse(input);
  if (!parsed.success) throw firstZodProblem(parsed.error);
  return writeWithAudit(
    db,
    actor,
    [db.carriers, db.counters],
    async (audit) => {
      const record = createCarrierRecord(parsed.data, await nextIds(db, now), { id: actor.id, name: actor.displayName }, now);
      await db.carriers.add(record);
      audit({ action: '涉密载体登记', entityType: '涉密载体', entityId: record.id, summary: label(record) });
      return record;
    },
    now,
  );
}

/** One lifecycle event (借出, 归还, 移交, 清点, 销毁, 解密, 降密); 复制 goes through copyCarrierWithApproval. */
export async function actOnCarrier(db: WenshuDB, actor: Actor, id: string, action: Exclude<CarrierAction, { type: '复制' }>, now = new Date()): Promise<CarrierRecord> {
  actor = await authorize(db, actor, 'classified.manage');
  const lookup = await userLookup(db);
  return writeWithAudit(
    db,
    actor,
    [db.carriers],
    async (audit) => {
      const before = await db.carriers.get(id);
      if (!before) throw new RuleError('该载体不存在');
      let after: CarrierRecord;
      try {
        after = applyCarrierAction(before, action, { id: actor.id, name: actor.displayName, roles: actor.roles }, now, lookup);
      } catch (e) {
        ruleToField(e);
      }
      await db.carriers.put(after);
      audit({ action: `涉密载体${action.type}`, entityType: '涉密载体', entityId: id, summary: `${label(after)} ${before.state} → ${after.state}` });
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
    [db.carriers, db.counters],
    async (audit) => {
      const before = await db.carriers.get(id);
      if (!before) throw new RuleError('该载体不存在');
      const family = new Set([before.id, ...(before.copyOf ? [before.copyOf] : [])]);
      // 份号 already used by this document: the original and its copies, found through the indexes.
      const taken = [
        ...(await db.carriers.bulkGet([...family])).filter((c): c is CarrierRecord => !!c),
        ...(await db.carriers.where('copyOf').anyOf([...family]).toArray()),
      ];
      if (taken.some((c) => c.copyNumber === action.copyNumber.padStart(6, '0'))) throw new FieldError('copyNumber', `份号 ${action.copyNumber} 已被同一文件的其他份使用`);
      let result: { original: CarrierRecord; copy: CarrierRecord };
      try {
        result = copyCarrier(before, action, await nextIds(db, now), { id: actor.id, name: actor.displayName, roles: actor.roles }, now, lookup);
      } catch (e) {
        ruleToField(e);
      }
      await db.carriers.put(result.original);
      await db.carriers.add(result.copy);
      audit({ action: '涉密载体复制', entityType: '涉密载体', entityId: id, summary: `${label(result.original)} 复制为 ${label(result.copy)}` });
      return result;
    },
    now,
  );
}

/** Loans past their due date (催还 list and 工作台). */
export async function overdueLoans(db: WenshuDB, actor: Actor, today: string): Promise<CarrierRecord[]> {
  await authorize(db, actor, 'classified.manage');
  return db.carriers.where('state').equals('借出').filter((c) => isLoanOverdue(c, today)).toArray();
}
