import { describe, expect, it } from 'vitest';
import type { CarrierRecord, CarrierState, InventoryScope, InventorySession } from '../../../../shared/domain/carrier';
import { carriersInScope, describeScope, endInventory, INVENTORY_RESULTS, startInventory, tickInventory, ticksById } from '../../../../shared/domain/carrier-inventory';
import { bareCarrier, li, officer, refusal, secretary, staff, zhang } from '../../../fixtures/carriers';
import { deepFreeze } from '../../../fixtures/deep-freeze';

// 清点 (DOMAIN.md §4): the carriers a session expects are fixed when it starts, each is ticked
// 在位/缺失/损坏, and ending it freezes the discrepancy report.

const T0 = new Date(2026, 5, 1, 9, 0);
const T1 = new Date(2026, 5, 1, 9, 5);
const T2 = new Date(2026, 5, 1, 9, 10);
const T3 = new Date(2026, 5, 1, 10, 0);

/** A bare 台账 row whose id follows its 编号 (载〔2026〕0003 → c-20260003). */
function carrier(serial: string, over: Partial<CarrierRecord> = {}): CarrierRecord {
  return bareCarrier(`c-${serial.replace(/\D/g, '')}`, serial, over);
}

const a = carrier('载〔2026〕0003');
const b = carrier('载〔2026〕0001', { state: '借出' });
const c = carrier('载〔2025〕0009', { custodian: li });
const d = carrier('载〔2026〕0002', { location: '机要室 2 号柜' });
const gone = carrier('载〔2026〕0004', { state: '已销毁' });
const handed = carrier('载〔2026〕0005', { state: '已移交' });
const declassified = carrier('载〔2026〕0006', { state: '已解密' });
const ALL = deepFreeze([a, b, c, d, gone, handed, declassified]);

const byZhang: InventoryScope = { kind: '保管人', custodian: zhang };
const cabinet1: InventoryScope = { kind: '存放位置', location: '机要室 1 号柜' };

describe('carriersInScope', () => {
  it('takes the live carriers of one 保管人, in 编号 order', () => {
    expect(carriersInScope(ALL, byZhang).map((x) => x.serial)).toEqual(['载〔2026〕0001', '载〔2026〕0002', '载〔2026〕0003']);
    expect(carriersInScope(ALL, { kind: '保管人', custodian: li }).map((x) => x.serial)).toEqual(['载〔2025〕0009']);
  });

  it('takes the live carriers kept in one 存放位置, in 编号 order (years first)', () => {
    expect(carriersInScope(ALL, cabinet1).map((x) => x.serial)).toEqual(['载〔2025〕0009', '载〔2026〕0001', '载〔2026〕0003']);
    expect(carriersInScope(ALL, { kind: '存放位置', location: '机要室 2 号柜' }).map((x) => x.id)).toEqual([d.id]);
  });

  it.each<CarrierState>(['已销毁', '已移交', '已解密'])('leaves out a carrier that is %s', (state) => {
    const ids = carriersInScope(ALL, byZhang).map((x) => x.id);
    const excluded = ALL.find((x) => x.state === state)!;
    expect(ids).not.toContain(excluded.id);
  });

  it('matches the 保管人 by id, not by name', () => {
    expect(carriersInScope(ALL, { kind: '保管人', custodian: { userId: 'u-zhang', name: '改了名的张三' } })).toHaveLength(3);
    expect(carriersInScope(ALL, { kind: '保管人', custodian: { userId: 'u-other', name: '张三' } })).toEqual([]);
  });

  it('accepts any iterable and returns a new array', () => {
    const set = new Set(ALL);
    expect(carriersInScope(set.values(), byZhang)).toHaveLength(3);
    expect(carriersInScope([], byZhang)).toEqual([]);
  });

  // 编号 sort as numbers, like the register (carrier-index.ts): as text 10000 would precede 9999.
  it('puts 载〔2026〕10000 after 载〔2026〕9999', () => {
    const big = [carrier('载〔2026〕10000'), carrier('载〔2026〕9999'), carrier('载〔2026〕0002')];
    expect(carriersInScope(big, byZhang).map((x) => x.serial)).toEqual(['载〔2026〕0002', '载〔2026〕9999', '载〔2026〕10000']);
  });
});

describe('describeScope', () => {
  it('names the 保管人 or the 存放位置', () => {
    expect(describeScope(byZhang)).toBe('保管人：张三');
    expect(describeScope(cabinet1)).toBe('存放位置：机要室 1 号柜');
  });
});

describe('startInventory', () => {
  it('fixes the expected carriers when it starts', () => {
    const s = startInventory('s-1', byZhang, ALL, officer, T0);
    expect(s).toEqual({
      id: 's-1',
      scope: { kind: '保管人', custodian: zhang },
      startedAt: T0.toISOString(),
      startedById: officer.id,
      startedByName: officer.name,
      expectedIds: [b.id, d.id, a.id],
      ticks: [],
    } satisfies InventorySession);
    expect(s.scope.kind === '保管人' && s.scope.custodian).not.toBe(zhang);
  });

  it('trims the 存放位置 it stores', () => {
    const s = startInventory('s-2', { kind: '存放位置', location: '机要室 2 号柜' }, ALL, officer, T0);
    expect(s.scope).toEqual({ kind: '存放位置', location: '机要室 2 号柜' });
    expect(s.expectedIds).toEqual([d.id]);
  });

  // A pasted ' 机要室 1 号柜 ' (stray spaces) still finds the carriers kept there.
  it('finds the carriers of a 存放位置 typed with stray spaces', () => {
    const s = startInventory('s-3', { kind: '存放位置', location: ' 机要室 1 号柜 ' }, ALL, officer, T0);
    expect(s.expectedIds).toEqual([c.id, b.id, a.id]);
  });

  it.each<[string, InventoryScope, string]>([
    ['no 保管人', { kind: '保管人', custodian: { userId: '', name: '' } }, '请选择要清点的保管人'],
    ['an empty 存放位置', { kind: '存放位置', location: '   ' }, '请填写要清点的存放位置'],
  ])('refuses %s', (_label, scope, message) => {
    const e = refusal(() => startInventory('s', scope, ALL, officer, T0));
    expect(e.message).toBe(message);
    expect(e.field).toBe('scope');
  });

  it('refuses a scope with no live carrier in it', () => {
    const e = refusal(() => startInventory('s', { kind: '存放位置', location: '空柜' }, ALL, officer, T0));
    expect(e.message).toBe('存放位置：空柜名下没有在册的涉密载体，无需清点');
    expect(e.field).toBe('scope');
    const only = refusal(() => startInventory('s', { kind: '保管人', custodian: zhang }, [gone, handed, declassified], officer, T0));
    expect(only.message).toBe('保管人：张三名下没有在册的涉密载体，无需清点');
  });

  it.each([
    ['a 秘书', secretary],
    ['a 工作人员', staff],
  ])('refuses %s (only the 保密员 inventories)', (_label, actor) => {
    const e = refusal(() => startInventory('s', byZhang, ALL, actor, T0));
    expect(e.message).toBe('没有权限清点涉密载体（由保密员办理）');
  });
});

describe('tickInventory and endInventory', () => {
  const started = deepFreeze(startInventory('s-1', byZhang, ALL, officer, T0));

  it('records each tick with its time and how it was made', () => {
    const s1 = tickInventory(started, a.id, '在位', '扫码', T1);
    expect(s1.ticks).toEqual([{ carrierId: a.id, result: '在位', at: T1.toISOString(), via: '扫码' }]);
    expect(started.ticks).toEqual([]);
    expect(s1.expectedIds).toEqual(started.expectedIds);
  });

  it('replaces an earlier tick of the same carrier (a mis-click is corrected by clicking again)', () => {
    const s1 = deepFreeze(tickInventory(started, a.id, '缺失', '点选', T1));
    const s2 = deepFreeze(tickInventory(s1, b.id, '在位', '点选', T1));
    const s3 = tickInventory(s2, a.id, '在位', '扫码', T2);
    expect(s3.ticks).toEqual([
      { carrierId: b.id, result: '在位', at: T1.toISOString(), via: '点选' },
      { carrierId: a.id, result: '在位', at: T2.toISOString(), via: '扫码' },
    ]);
    expect(ticksById(s3)).toEqual(new Map([[b.id, '在位'], [a.id, '在位']]));
  });

  it('refuses a result other than 在位, 缺失, 损坏', () => {
    expect(INVENTORY_RESULTS).toEqual(['在位', '缺失', '损坏']);
    const e = refusal(() => tickInventory(started, a.id, '丢了' as never, '点选', T1));
    expect(e.message).toBe('清点结果应为在位、缺失或损坏');
  });

  it('reports missing, damaged, not ticked and unexpected carriers when it ends', () => {
    let s = tickInventory(started, b.id, '缺失', '点选', T1);
    s = tickInventory(s, d.id, '损坏', '点选', T1);
    s = tickInventory(s, c.id, '在位', '扫码', T2); // 李四's carrier, found here
    const expected = [b, d, a];
    const ended = endInventory(deepFreeze(s), expected, T3);
    expect(ended.endedAt).toBe(T3.toISOString());
    expect(ended.report).toEqual({ missing: [b.id], damaged: [d.id], notTicked: [a.id], unexpected: [c.id] });
    expect(ended.ticks).toEqual(s.ticks);
    expect(s.endedAt).toBeUndefined();
  });

  it('reports nothing when every expected carrier is 在位', () => {
    let s: InventorySession = started;
    for (const x of [a, b, d]) s = tickInventory(s, x.id, '在位', '点选', T1);
    expect(endInventory(s, [b, d, a], T3).report).toEqual({ missing: [], damaged: [], notTicked: [], unexpected: [] });
  });

  it('lists every carrier as not ticked when nothing was ticked', () => {
    expect(endInventory(started, [b, d, a], T3).report).toEqual({ missing: [], damaged: [], notTicked: [b.id, d.id, a.id], unexpected: [] });
  });

  it('refuses a tick or a second end once the session has ended', () => {
    const ended = deepFreeze(endInventory(tickInventory(started, a.id, '在位', '点选', T1), [b, d, a], T2));
    expect(refusal(() => tickInventory(ended, b.id, '在位', '点选', T3)).message).toBe('本次清点已结束，不能再清点');
    expect(refusal(() => endInventory(ended, [b, d, a], T3)).message).toBe('本次清点已结束');
  });
});
