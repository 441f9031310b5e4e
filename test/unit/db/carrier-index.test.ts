import { describe, expect, it } from 'vitest';
import {
  canSeeCarrier,
  CARRIER_DUE_FILTERS,
  filterCarriers,
  matchesDue,
  toCarrierIndexEntry,
  type CarrierIndexEntry,
  type CarrierQuery,
} from '../../../renderer/db/carriers/carrier-index';
import type { Actor } from '../../../renderer/db/types';
import type { CarrierRecord } from '../../../shared/domain/carrier';
import { bareCarrier, li, zhang, zhao } from '../../fixtures/carriers';

// The 台账's in-memory projection: filters, 到期 lists, sorting by 编号 and need-to-know search.

const officer: Pick<Actor, 'id' | 'roles'> = { id: 'u-bmy', roles: ['安全保密管理员'] };
const clerk: Pick<Actor, 'id' | 'roles'> = { id: 'u-sec', roles: ['秘书'] };
const outsider: Pick<Actor, 'id' | 'roles'> = { id: 'u-out', roles: ['工作人员'] };

const TODAY = '2026-06-15';

/** A bare 台账 row kept by 李四, last inventoried on 2026-03-01. */
function record(id: string, serial: string, over: Partial<CarrierRecord> = {}): CarrierRecord {
  return bareCarrier(id, serial, { custodian: li, lastInventoriedAt: new Date(2026, 2, 1, 10, 0).toISOString(), ...over });
}

const loan = (dueDate: string, borrower = zhao) => ({ borrower, purpose: '查阅', approver: li, dueDate, lentAt: '2026-06-01T01:00:00.000Z', lentByName: '陈保密' });

const RECORDS = [
  record('a', '载〔2026〕0001', { name: '关于甲项目的请示', classification: '绝密', secrecyTerm: { kind: 'years', years: 30 } }),
  record('b', '载〔2026〕0002', { name: '乙工程图纸', carrierType: '光盘', classification: '机密', secrecyTerm: { kind: 'years', years: 20 }, copyNumber: '000042' }),
  record('c', '载〔2026〕0003', { state: '借出', loan: loan('2026-06-10'), custodian: zhang, location: '机要室 2 号柜' }),
  record('d', '载〔2026〕0004', { state: '借出', loan: loan('2026-06-15') }),
  record('e', '载〔2025〕0007', { secrecyTerm: { kind: 'date', date: '2026-09-01' }, secrecyStart: '2025-01-01', lastInventoriedAt: new Date(2025, 11, 31, 23, 0).toISOString() }),
  record('f', '载〔2026〕10000', { secrecyTerm: { kind: 'years', years: 1 }, secrecyStart: '2025-06-01', location: '机要室 2 号柜' }),
  record('g', '载〔2026〕9999', { state: '已销毁', secrecyTerm: { kind: 'date', date: '2026-06-20' }, lastInventoriedAt: undefined }),
  record('h', '载〔2026〕0005', { carrierType: 'U盘/移动硬盘', secrecyTerm: { kind: 'condition', condition: '项目验收后' } }),
  record('i', '载〔2026〕0006', { lastInventoriedAt: undefined, secrecyTerm: { kind: 'long' } }),
];
const ENTRIES: readonly CarrierIndexEntry[] = RECORDS.map(toCarrierIndexEntry);

function ids(q: Partial<CarrierQuery>, actor: Pick<Actor, 'id' | 'roles'> = officer, today = TODAY): string[] {
  return filterCarriers(ENTRIES, { offset: 0, limit: 100, sort: { field: 'serial', direction: 'ascend' }, ...q }, actor, today).ids;
}

describe('toCarrierIndexEntry', () => {
  it('keeps what filters, reminders and search need', () => {
    expect(toCarrierIndexEntry(RECORDS[2]!)).toEqual({
      id: 'c',
      serial: '载〔2026〕0003',
      year: 2026,
      seq: 3,
      state: '借出',
      classification: '秘密',
      carrierType: '纸质文件',
      custodianId: 'u-zhang',
      custodianName: '张三',
      location: '机要室 2 号柜',
      dueDate: '2026-06-10',
      borrowerId: 'u-zhao',
      secrecyEnd: '2036-01-01',
      lastInventoriedAt: new Date(2026, 2, 1, 10, 0).toISOString(),
      knowerIds: ['u-zhang'],
      text: '名称c',
      publicText: '载〔2026〕0003\n000001',
    } satisfies CarrierIndexEntry);
    expect(toCarrierIndexEntry(RECORDS[5]!)).toMatchObject({ year: 2026, seq: 10000, secrecyEnd: '2026-06-01' });
    expect(toCarrierIndexEntry(RECORDS[7]!)).not.toHaveProperty('secrecyEnd');
    expect(toCarrierIndexEntry(RECORDS[8]!)).not.toHaveProperty('lastInventoriedAt');
  });
});

describe('filterCarriers: filters', () => {
  it('by 密级', () => {
    expect(ids({ classification: '绝密' })).toEqual(['a']);
    expect(ids({ classification: '机密' })).toEqual(['b']);
    expect(ids({ classification: '秘密' })).toEqual(['e', 'c', 'd', 'h', 'i', 'g', 'f']);
  });

  it('by 状态', () => {
    expect(ids({ state: '借出' })).toEqual(['c', 'd']);
    expect(ids({ state: '已销毁' })).toEqual(['g']);
    expect(ids({ state: '已移交' })).toEqual([]);
  });

  it('by 载体类型', () => {
    expect(ids({ carrierType: '光盘' })).toEqual(['b']);
    expect(ids({ carrierType: 'U盘/移动硬盘' })).toEqual(['h']);
  });

  it('by 保管人', () => {
    expect(ids({ custodianId: 'u-zhang' })).toEqual(['c']);
    expect(ids({ custodianId: 'u-li' })).toHaveLength(8);
  });

  it('by 存放位置 (exactly)', () => {
    expect(ids({ location: '机要室 2 号柜' })).toEqual(['c', 'f']);
    expect(ids({ location: '机要室' })).toEqual([]);
  });

  it('by several at once', () => {
    expect(ids({ classification: '秘密', state: '借出', location: '机要室 2 号柜' })).toEqual(['c']);
  });

  it('到期 借阅逾期: out on loan past its 应还日期 (the day itself is in time)', () => {
    expect(CARRIER_DUE_FILTERS).toEqual(['借阅逾期', '保密期限将满', '本年未清点']);
    expect(ids({ due: '借阅逾期' })).toEqual(['c']);
    expect(ids({ due: '借阅逾期' }, officer, '2026-06-16')).toEqual(['c', 'd']);
    expect(ids({ due: '借阅逾期' }, officer, '2026-06-10')).toEqual([]);
  });

  it('到期 保密期限将满: live carriers whose term ends within 90 days or has ended', () => {
    // e ends 2026-09-01 (78 days), f ended 2026-06-01; g (2026-06-20) is destroyed; h/i have no date.
    expect(ids({ due: '保密期限将满' })).toEqual(['e', 'f']);
    expect(ids({ due: '保密期限将满' }, officer, '2026-06-02')).toEqual(['f']); // e is 91 days away
    expect(ids({ due: '保密期限将满' }, officer, '2026-06-03')).toEqual(['e', 'f']); // exactly 90
  });

  it('到期 本年未清点: live carriers not ticked this calendar year', () => {
    expect(ids({ due: '本年未清点' })).toEqual(['e', 'i']);
    expect(ids({ due: '本年未清点' }, officer, '2027-01-01')).toEqual(['e', 'a', 'b', 'c', 'd', 'h', 'i', 'f']);
  });

  it('matchesDue agrees with the filter', () => {
    const c = ENTRIES.find((e) => e.id === 'c')!;
    expect(matchesDue(c, '借阅逾期', TODAY)).toBe(true);
    expect(matchesDue(c, '保密期限将满', TODAY)).toBe(false);
    expect(matchesDue(c, '本年未清点', TODAY)).toBe(false);
  });
});

describe('filterCarriers: sort and paging', () => {
  it('sorts by 编号 newest first by default, 10000 after 9999 (numerically, not as text)', () => {
    const { ids: all, total } = filterCarriers(ENTRIES, { offset: 0, limit: 100 }, officer, TODAY);
    expect(total).toBe(9);
    expect(all).toEqual(['f', 'g', 'i', 'h', 'd', 'c', 'b', 'a', 'e']);
    expect(ids({})).toEqual(['e', 'a', 'b', 'c', 'd', 'h', 'i', 'g', 'f']);
  });

  it('sorts by 应还日期 and by 保密期限 end, the 编号 breaking ties', () => {
    expect(ids({ sort: { field: 'dueDate', direction: 'ascend' } })).toEqual(['c', 'd', 'e', 'a', 'b', 'h', 'i', 'g', 'f']);
    expect(ids({ sort: { field: 'secrecyEnd', direction: 'ascend' } }).slice(0, 4)).toEqual(['f', 'g', 'e', 'c']);
  });

  // Carriers without the date sort last in either direction (reversing the comparator would not).
  it('keeps carriers without an 应还日期 last when sorting by it descending', () => {
    expect(ids({ sort: { field: 'dueDate', direction: 'descend' } }).slice(0, 2)).toEqual(['d', 'c']);
  });

  it('pages with offset and limit, the total counting every hit', () => {
    const page = filterCarriers(ENTRIES, { offset: 2, limit: 3, sort: { field: 'serial', direction: 'ascend' } }, officer, TODAY);
    expect(page).toEqual({ ids: ['b', 'c', 'd'], total: 9 });
    expect(filterCarriers(ENTRIES, { offset: 20, limit: 3 }, officer, TODAY)).toEqual({ ids: [], total: 9 });
  });
});

describe('filterCarriers: search and need to know', () => {
  it('finds by 名称 for those who may see it', () => {
    expect(ids({ search: '甲项目' }, officer)).toEqual(['a']);
    // 张三 is in every 知悉范围.
    expect(ids({ search: '甲项目' }, { id: 'u-zhang', roles: ['工作人员'] })).toEqual(['a']);
  });

  it('never matches a hidden 名称 for someone outside the need to know', () => {
    expect(ids({ search: '甲项目' }, outsider)).toEqual([]);
    expect(ids({ search: '图纸' }, clerk)).toEqual([]);
    expect(ids({ search: '名称' }, outsider)).toEqual([]);
  });

  it('matches 编号 and 份号 for anyone, brackets and width as typed', () => {
    expect(ids({ search: '载〔2026〕0002' }, outsider)).toEqual(['b']);
    expect(ids({ search: '载[2026]0002' }, outsider)).toEqual(['b']);
    expect(ids({ search: '000042' }, outsider)).toEqual(['b']);
    expect(ids({ search: '０００４２' }, outsider)).toEqual(['b']);
    expect(ids({ search: '〔2025〕' }, outsider)).toEqual(['e']);
    expect(ids({ search: '10000' }, outsider)).toEqual(['f']);
  });

  it('lets the borrower match the 名称 of what they have on loan', () => {
    // 赵五 borrowed c and d but is in no 知悉范围 and keeps nothing.
    expect(ids({ search: '名称' }, { id: 'u-zhao', roles: ['工作人员'] })).toEqual(['c', 'd']);
  });

  it('ignores an empty search', () => {
    expect(ids({ search: '' }, outsider)).toHaveLength(9);
  });
});

describe('canSeeCarrier', () => {
  const e = { custodianId: 'u-li', knowerIds: ['u-zhang'], borrowerId: 'u-zhao' };

  it('lets the 保密员 see every carrier', () => {
    expect(canSeeCarrier(officer, { custodianId: 'x', knowerIds: [] })).toBe(true);
  });

  it('lets the 保管人, the 知悉范围 and the borrower see it', () => {
    expect(canSeeCarrier({ id: 'u-li', roles: ['工作人员'] }, e)).toBe(true);
    expect(canSeeCarrier({ id: 'u-zhang', roles: ['工作人员'] }, e)).toBe(true);
    expect(canSeeCarrier({ id: 'u-zhao', roles: ['工作人员'] }, e)).toBe(true);
  });

  it('hides it from everyone else, the 秘书 and the administrators included', () => {
    expect(canSeeCarrier(outsider, e)).toBe(false);
    expect(canSeeCarrier(clerk, e)).toBe(false);
    expect(canSeeCarrier({ id: 'u-admin', roles: ['系统管理员'] }, e)).toBe(false);
    expect(canSeeCarrier({ id: 'u-audit', roles: ['安全审计员'] }, e)).toBe(false);
    expect(canSeeCarrier({ id: 'u-zhao', roles: ['工作人员'] }, { custodianId: 'u-li', knowerIds: ['u-zhang'] })).toBe(false);
  });
});
