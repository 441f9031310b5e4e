import type { CarrierLoan, CarrierRecord, InventorySession, PersonRef } from '../../../shared/domain/carrier-types';

// Deterministic 涉密载体 records for the carrier prints. Times are at 12:xx UTC, so the local day
// is the same in every time zone a test may run in (the hour is not: tests that show it compute
// the expected local time themselves).

export const UNIT = '某某市应急管理局';
export const PRINT_COPY = 'DY2026-0007';
export const WATERMARK = '王保密（wangbm） 2026-11-23 10:31 文枢';

export const people = {
  zhang: { userId: 'u1', name: '张三' },
  li: { userId: 'u2', name: '李四' },
  wang: { userId: 'u3', name: '王五' },
  zhao: { userId: 'u4', name: '赵六' },
  qian: { userId: 'u5', name: '钱七' },
  sun: { userId: 'u6', name: '孙八' },
  secrecy: { userId: 'u9', name: '王保密' },
} satisfies Record<string, PersonRef>;

const pad4 = (n: number) => String(n).padStart(4, '0');

/** Carrier number `n` (载〔2026〕000n, id cn), 机密★20年, 在库, paper of 12 pages from 收文. */
export function carrier(n: number, overrides: Partial<CarrierRecord> = {}): CarrierRecord {
  return {
    id: `c${n}`,
    serial: `载〔2026〕${pad4(n)}`,
    name: `某某工程设计方案第${n}册`,
    carrierType: '纸质文件',
    classification: '机密',
    secrecyTerm: { kind: 'years', years: 20 },
    secrecyStart: '2026-01-05',
    copyNumber: String(n).padStart(6, '0'),
    quantity: 1,
    pages: 12,
    source: { kind: '收文', incomingId: `r${n}`, incomingSerial: `收〔2026〕${pad4(n)}` },
    docNumber: `某政发〔2026〕${n}号`,
    knowers: [people.zhang, people.li],
    custodian: people.zhang,
    location: '机要室保密柜',
    state: '在库',
    loans: [],
    copies: [],
    markingHistory: [],
    history: [{ action: '登记', at: '2026-01-05T12:00:00.000Z', byId: 'u9', byName: '王保密' }],
    createdAt: '2026-01-05T12:00:00.000Z',
    updatedAt: '2026-01-05T12:00:00.000Z',
    ...overrides,
  };
}

export function loan(lentAt: string, borrower: PersonRef, more: Partial<CarrierLoan> = {}): CarrierLoan {
  return {
    borrower,
    purpose: '起草年度工作总结',
    approver: people.wang,
    dueDate: '2026-12-10',
    lentAt,
    lentByName: '王保密',
    ...more,
  };
}

/**
 * One carrier in each situation the 登记表 prints differently: 降密 (old marking struck), 借出,
 * 已销毁, 已清退, and a 复制件.
 */
export function registerCarriers(): CarrierRecord[] {
  return [
    carrier(1, {
      markingHistory: [
        {
          action: '降密',
          at: '2026-06-01T12:00:00.000Z',
          byName: '王保密',
          approver: people.wang,
          basis: '定密机关通知',
          from: { level: '绝密', term: { kind: 'years', years: 30 } },
          to: { level: '机密', term: { kind: 'years', years: 20 } },
        },
      ],
    }),
    carrier(2, {
      carrierType: '光盘',
      classification: '秘密',
      secrecyTerm: { kind: 'years', years: 10 },
      quantity: 2,
      pages: undefined,
      source: { kind: '自制', unit: '办公室' },
      docNumber: undefined,
      custodian: people.li,
      location: '档案室2号柜',
      state: '借出',
      loan: loan('2026-11-20T12:00:00.000Z', people.zhao, { dueDate: '2026-11-30' }),
    }),
    carrier(3, {
      state: '已销毁',
      destruction: destruction('2026-11-20T12:30:00.000Z'),
    }),
    carrier(4, {
      state: '已移交',
      handover: { kind: '清退', receiver: '某某省保密局', receiverKind: '单位', at: '2026-11-21T12:00:00.000Z', byName: '王保密' },
    }),
    carrier(5, { copyOf: 'c1', copyNumber: '000105' }),
  ];
}

/** Loans spread over three carriers, out of order per carrier; the current one outside the 知悉范围. */
export function loanCarriers(): CarrierRecord[] {
  return [
    carrier(1, {
      loans: [
        loan('2026-10-01T12:00:00.000Z', people.li, { dueDate: '2026-10-08', returnedAt: '2026-10-07T12:00:00.000Z', returnedByName: '王保密' }),
        loan('2026-10-20T12:00:00.000Z', people.zhang, { purpose: '专项检查备查', dueDate: '2026-10-25', returnedAt: '2026-10-24T12:00:00.000Z', returnedByName: '王保密' }),
      ],
    }),
    carrier(2, {
      loans: [loan('2026-10-10T12:00:00.000Z', people.li, { dueDate: '2026-10-15', returnedAt: '2026-10-14T12:00:00.000Z', returnedByName: '王保密' })],
      state: '借出',
      // 赵六 is not among the knowers (张三, 李四): the 保密员 approved it.
      loan: loan('2026-11-01T12:00:00.000Z', people.zhao, { purpose: '应急演练方案编制', dueDate: '2026-11-15', outsideScopeApprovalBy: people.secrecy }),
    }),
    carrier(3),
  ];
}

export function destruction(at: string, supervisor: PersonRef = people.qian): NonNullable<CarrierRecord['destruction']> {
  return { approver: people.wang, destroyer: people.zhao, supervisor, method: '送保密局销毁中心粉碎', place: '市保密局销毁中心', at, byName: '王保密' };
}

/** Three destroyed carriers; the third witnessed by someone else, so it has its own signature block. */
export function destroyedCarriers(): CarrierRecord[] {
  return [
    carrier(1, { state: '已销毁', destruction: destruction('2026-11-20T12:00:00.000Z') }),
    carrier(2, { state: '已销毁', carrierType: '光盘', pages: undefined, destruction: destruction('2026-11-20T12:00:00.000Z') }),
    carrier(3, { state: '已销毁', destruction: destruction('2026-11-22T12:00:00.000Z', people.sun) }),
  ];
}

/** c1–c4 expected; c1 在位 (点选), c2 缺失 (扫码), c3 损坏, c4 never ticked; c9 (another custodian's) scanned 在位. */
export function inventorySession(): { session: InventorySession; carriers: Map<string, CarrierRecord> } {
  const records = [carrier(1), carrier(2), carrier(3), carrier(4), carrier(9, { custodian: people.li, location: '档案室2号柜' })];
  const session: InventorySession = {
    id: 's1',
    scope: { kind: '保管人', custodian: people.zhang },
    startedAt: '2026-11-23T12:00:00.000Z',
    startedById: 'u9',
    startedByName: '王保密',
    expectedIds: ['c1', 'c2', 'c3', 'c4'],
    ticks: [
      { carrierId: 'c1', result: '在位', at: '2026-11-23T12:01:00.000Z', via: '点选' },
      { carrierId: 'c2', result: '缺失', at: '2026-11-23T12:02:00.000Z', via: '扫码' },
      { carrierId: 'c3', result: '损坏', at: '2026-11-23T12:03:00.000Z', via: '点选' },
      { carrierId: 'c9', result: '在位', at: '2026-11-23T12:04:00.000Z', via: '扫码' },
    ],
  };
  return { session, carriers: new Map(records.map((c) => [c.id, c])) };
}

/** A finished 清点 of one 存放位置 where everything was found. */
export function cleanInventorySession(): { session: InventorySession; carriers: Map<string, CarrierRecord> } {
  const records = [carrier(1), carrier(2)];
  const session: InventorySession = {
    id: 's2',
    scope: { kind: '存放位置', location: '机要室保密柜' },
    startedAt: '2026-11-23T12:00:00.000Z',
    startedById: 'u9',
    startedByName: '王保密',
    expectedIds: ['c1', 'c2'],
    ticks: [
      { carrierId: 'c1', result: '在位', at: '2026-11-23T12:01:00.000Z', via: '扫码' },
      { carrierId: 'c2', result: '在位', at: '2026-11-23T12:02:00.000Z', via: '扫码' },
    ],
    endedAt: '2026-11-23T12:10:00.000Z',
    report: { missing: [], damaged: [], notTicked: [], unexpected: [] },
  };
  return { session, carriers: new Map(records.map((c) => [c.id, c])) };
}

export function handedOverCarrier(kind: '移交' | '清退' = '移交'): CarrierRecord {
  return carrier(7, {
    state: '已移交',
    handover: { kind, receiver: '某某县应急管理局', receiverKind: '单位', at: '2026-11-23T12:00:00.000Z', byName: '王保密' },
  });
}
