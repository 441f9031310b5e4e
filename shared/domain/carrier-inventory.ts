import type { CarrierRecord, InventoryResult, InventoryScope, InventorySession, InventoryTick } from './carrier-types';
import { inventoryDiscrepancies, type CarrierActor } from './carrier';
import { can } from './permissions';
import { RuleError } from './rule-error';
import { parseBracketNumber } from './numbering';

// 清点 (DOMAIN.md §4): a session fixes, when it starts, which carriers should be found (every live
// carrier of one 保管人 or one 存放位置); each is then ticked 在位, 缺失 or 损坏 by a click or by
// scanning its label; ending the session freezes the discrepancy report. Each tick is also a 清点
// event on the carrier itself (applyCarrierAction), so 工作台 knows what was seen this year.

export const INVENTORY_RESULTS = ['在位', '缺失', '损坏'] as const satisfies readonly InventoryResult[];

/** Live carriers (在库, 借出) the scope covers, in 编号 order. */
export function carriersInScope(carriers: Iterable<CarrierRecord>, scope: InventoryScope): CarrierRecord[] {
  const out: CarrierRecord[] = [];
  const location = scope.kind === '存放位置' ? scope.location.trim() : '';
  for (const c of carriers) {
    if (c.state !== '在库' && c.state !== '借出') continue;
    if (scope.kind === '保管人' ? c.custodian.userId === scope.custodian.userId : c.location.trim() === location) out.push(c);
  }
  return out.sort(compareCarrierSerials);
}

/** 编号 in number order: 载〔2026〕9999 before 载〔2026〕10000 (as text it would not be). */
export function compareCarrierSerials(a: Pick<CarrierRecord, 'serial'>, b: Pick<CarrierRecord, 'serial'>): number {
  const key = (s: string) => {
    const m = parseBracketNumber(s);
    return m ? [m.year, m.seq] : [0, 0];
  };
  const [ya, na] = key(a.serial);
  const [yb, nb] = key(b.serial);
  return ya! - yb! || na! - nb! || a.serial.localeCompare(b.serial);
}

export function describeScope(scope: InventoryScope): string {
  return scope.kind === '保管人' ? `保管人：${scope.custodian.name}` : `存放位置：${scope.location}`;
}

export function startInventory(id: string, scope: InventoryScope, carriers: Iterable<CarrierRecord>, actor: CarrierActor, now: Date): InventorySession {
  if (!can(actor, 'classified.manage')) throw new RuleError('没有权限清点涉密载体（由保密员办理）');
  if (scope.kind === '保管人' ? !scope.custodian.userId : !scope.location.trim()) {
    throw new RuleError(scope.kind === '保管人' ? '请选择要清点的保管人' : '请填写要清点的存放位置', 'scope');
  }
  const expected = carriersInScope(carriers, scope);
  if (expected.length === 0) throw new RuleError(`${describeScope(scope)}名下没有在册的涉密载体，无需清点`, 'scope');
  return {
    id,
    scope: scope.kind === '保管人' ? { kind: '保管人', custodian: { ...scope.custodian } } : { kind: '存放位置', location: scope.location.trim() },
    startedAt: now.toISOString(),
    startedById: actor.id,
    startedByName: actor.name,
    expectedIds: expected.map((c) => c.id),
    ticks: [],
  };
}

/** The session with `carrierId` ticked; a second tick of one carrier replaces the first (a mis-click is corrected by clicking again). */
export function tickInventory(session: InventorySession, carrierId: string, result: InventoryResult, via: InventoryTick['via'], now: Date): InventorySession {
  if (session.endedAt) throw new RuleError('本次清点已结束，不能再清点');
  if (!(INVENTORY_RESULTS as readonly string[]).includes(result)) throw new RuleError('清点结果应为在位、缺失或损坏');
  const tick: InventoryTick = { carrierId, result, at: now.toISOString(), via };
  return { ...session, ticks: [...session.ticks.filter((t) => t.carrierId !== carrierId), tick] };
}

/** The latest result per carrier. */
export function ticksById(session: Pick<InventorySession, 'ticks'>): Map<string, InventoryResult> {
  return new Map(session.ticks.map((t) => [t.carrierId, t.result]));
}

/** Ends the session and freezes its report (ids). `expected` are the records behind expectedIds. */
export function endInventory(session: InventorySession, expected: readonly CarrierRecord[], now: Date): InventorySession {
  if (session.endedAt) throw new RuleError('本次清点已结束');
  const d = inventoryDiscrepancies(expected, ticksById(session));
  return {
    ...session,
    endedAt: now.toISOString(),
    report: { missing: d.missing.map((c) => c.id), damaged: d.damaged.map((c) => c.id), notTicked: d.notTicked.map((c) => c.id), unexpected: d.unexpected },
  };
}
