import type { ReactElement } from 'react';
import type { CarrierLoan, CarrierRecord, InventorySession, InventoryTick, PersonRef } from '../../shared/domain/carrier-types';
import { CARRIER_DOC_NUMBER_MAX, CARRIER_TEXT_MAX } from '../../shared/domain/carrier';
import type { LabelOffset, LabelSheetId } from '../../shared/domain/carrier-label';
import { CarrierHandoverForm, CarrierLabels, CarrierLoanSheet, CarrierRegisterSheet, DestructionList, InventoryReport } from '../../renderer/print/index';
import { longText } from './longest';

// 涉密载体 prints with the longest values the schemas allow: 名称 200, 来文字号 50, 制作单位 and
// 存放位置 100, 解密条件 100, 借阅事由 200, 销毁方式 50, 销毁地点 100, 接收方 100 characters, names
// of 20 (姓名 limit), 份号 999999, a 5-digit 编号 (载〔2026〕10000), quantities of 100000. Lists long
// enough to run over several pages. No watermark: it is a fixed layer that moves nothing, and its
// rotated words would only muddle the measured text.

/** The 打印份号 of a print, as output.record gives it. */
export const PROOF_PRINT_COPY = '2026-000123';

const person = (i: number): PersonRef => ({ userId: `u${i}`, name: longText(20, i) });

/** 编号: the last one has five digits, as the 10000th carrier of a year would. */
function serial(i: number, count: number): string {
  return `载〔2026〕${i === count - 1 ? '10000' : String(i + 1).padStart(4, '0')}`;
}

const MARKINGS: Pick<CarrierRecord, 'classification' | 'secrecyTerm'>[] = [
  { classification: '机密', secrecyTerm: { kind: 'years', years: 20 } },
  { classification: '绝密', secrecyTerm: { kind: 'date', date: '2056-12-31' } },
  { classification: '秘密', secrecyTerm: { kind: 'condition', condition: longText(100, 2) } },
  { classification: '机密', secrecyTerm: { kind: 'long' } },
];

function longLoan(i: number, returned: boolean): CarrierLoan {
  return {
    borrower: person(i + 1),
    purpose: longText(CARRIER_TEXT_MAX.purpose, i),
    approver: person(i + 2),
    ...(i % 2 ? { outsideScopeApprovalBy: person(i + 3) } : {}),
    dueDate: '2026-12-31',
    lentAt: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T01:00:00.000Z`,
    lentByName: longText(20, 1),
    ...(returned ? { returnedAt: '2026-12-30T09:00:00.000Z', returnedByName: longText(20, 2) } : {}),
  };
}

export function longestCarrier(i: number, count = 1): CarrierRecord {
  const marking = MARKINGS[i % MARKINGS.length]!;
  const record: CarrierRecord = {
    id: `c${i}`,
    serial: serial(i, count),
    name: longText(200, i),
    carrierType: i % 3 === 0 ? 'U盘/移动硬盘' : '纸质文件',
    ...marking,
    secrecyStart: '2026-01-05',
    copyNumber: '999999',
    quantity: 100000,
    pages: 100000,
    source: i % 2 ? { kind: '自制', unit: longText(100, 1) } : { kind: '收文', incomingId: `r${i}`, incomingSerial: `收〔2026〕${String(9000 + i)}` },
    docNumber: `某某县住房和城乡建设局城市建设管理股发〔2026〕${1000 + i}号${longText(20, 2)}`.slice(0, CARRIER_DOC_NUMBER_MAX),
    knowers: [person(1), person(2)],
    custodian: person(i),
    location: longText(100, 2),
    state: '在库',
    loans: [],
    copies: [],
    markingHistory:
      i % 4 === 0
        ? [
            {
              action: '降密',
              at: '2026-06-01T12:00:00.000Z',
              byName: '王保密',
              approver: person(3),
              basis: '定密机关通知',
              from: { level: '绝密', term: { kind: 'condition', condition: longText(100, 0) } },
              to: { level: marking.classification, term: marking.secrecyTerm },
            },
          ]
        : [],
    history: [],
    createdAt: '2026-11-23T02:00:00.000Z',
    updatedAt: '2026-11-23T02:00:00.000Z',
  };
  return record;
}

/** Received from another unit (送往其他单位): its 原编号 as long as a 编号 gets. */
function receivedFrom(i: number): Pick<CarrierRecord, 'origin'> {
  return {
    origin: { unit: longText(100, 3), serial: '载〔2026〕10000', recordId: `s${i}`, version: '2026-11-20T01:00:00.000Z', mode: '移交', packageId: 'pkg', receivedAt: '2026-11-23T02:00:00.000Z', history: [] },
  };
}

/**
 * The 登记表's rows: every state with its 备注 (a loan, a destruction, a 清退 and a copy), and
 * carriers received from another unit (来源 外单位 with the longest unit; 原编号 after a loan's 备注).
 */
function registerCarriers(count: number): CarrierRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const c = longestCarrier(i, count);
    switch (i % 5) {
      case 0:
        return i % 10 === 5 ? { ...c, source: { kind: '外单位', unit: longText(100, 3) }, ...receivedFrom(i) } : c;
      case 1:
        return { ...c, state: '借出', loan: longLoan(i, false), ...receivedFrom(i) };
      case 2:
        return { ...c, state: '已销毁', destruction: longDestruction(i) };
      case 3:
        return { ...c, state: '已移交', handover: longHandover() };
      default:
        return { ...c, copyOf: 'c0' };
    }
  });
}

function longDestruction(i: number): NonNullable<CarrierRecord['destruction']> {
  return {
    approver: person(5),
    destroyer: person(6),
    supervisor: person(i % 2 ? 7 : 8),
    method: longText(CARRIER_TEXT_MAX.method, 0),
    place: longText(CARRIER_TEXT_MAX.place, 1),
    at: '2026-11-20T02:00:00.000Z',
    byName: '王保密',
  };
}

function longHandover(): NonNullable<CarrierRecord['handover']> {
  return { kind: '移交', receiver: longText(CARRIER_TEXT_MAX.receiver, 1), receiverKind: '单位', at: '2026-11-21T02:00:00.000Z', byName: longText(20, 0) };
}

function inventory(): { session: InventorySession; carriers: Map<string, CarrierRecord> } {
  const records = Array.from({ length: 24 }, (_, i) => longestCarrier(i, 24));
  const ids = records.map((c) => c.id);
  const session: InventorySession = {
    id: 's1',
    scope: { kind: '存放位置', location: longText(100, 2) },
    startedAt: '2026-11-23T01:00:00.000Z',
    startedById: 'u9',
    startedByName: longText(20, 1),
    // The last two were found here but belong elsewhere (范围外).
    expectedIds: ids.slice(0, 22),
    ticks: ids
      .map((id, i): InventoryTick => ({ carrierId: id, result: i % 7 === 1 ? '缺失' : i % 7 === 2 ? '损坏' : '在位', at: '2026-11-23T01:30:00.000Z', via: i % 2 ? '扫码' : '点选' }))
      .filter((_, i) => i % 9 !== 5),
  };
  return { session, carriers: new Map(records.map((c) => [c.id, c])) };
}

function labels(sheet: LabelSheetId, offset?: LabelOffset): ReactElement {
  const count = { 'plain-2x7': 16, 'a4-3x8': 26, 'a4-4x10': 42 }[sheet];
  return <CarrierLabels carriers={Array.from({ length: count }, (_, i) => longestCarrier(i, count))} printCopyNumber={PROOF_PRINT_COPY} sheet={sheet} {...(offset ? { offset } : {})} />;
}

/**
 * One sheet of labels numbered on a PC with a 本机编号前缀 (issue #20): the first carries the
 * longest 编号 a prefix allows (3 characters and a 5-digit number), the rest a one-letter prefix.
 */
function prefixedLabels(sheet: LabelSheetId): ReactElement {
  const count = { 'plain-2x7': 14, 'a4-3x8': 24, 'a4-4x10': 40 }[sheet];
  const carriers = Array.from({ length: count }, (_, i) => ({ ...longestCarrier(i, count), serial: i === 0 ? '载〔2026〕ZZZ-10000' : `载〔2026〕B-${String(i).padStart(4, '0')}` }));
  return <CarrierLabels carriers={carriers} printCopyNumber={PROOF_PRINT_COPY} sheet={sheet} />;
}

/** The offsets the label proofs print with, to show everything moves by exactly them. */
export const PROOF_LABEL_OFFSET: LabelOffset = { xMm: 3, yMm: -2 };

export const CARRIER_PROOFS: Record<string, () => ReactElement> = {
  'carrier-register': () => (
    <CarrierRegisterSheet carriers={registerCarriers(30)} unitName={longText(40, 1)} filterText="状态：全部 保管人：全部 存放位置：全部" printCopyNumber={PROOF_PRINT_COPY} />
  ),
  'carrier-loans': () => (
    <CarrierLoanSheet
      carriers={Array.from({ length: 12 }, (_, i) => ({ ...longestCarrier(i, 12), loans: [longLoan(i, true)], ...(i % 2 ? { state: '借出' as const, loan: longLoan(i + 20, false) } : {}) }))}
      unitName={longText(40, 1)}
      printCopyNumber={PROOF_PRINT_COPY}
     
    />
  ),
  'carrier-destruction': () => (
    <DestructionList
      carriers={Array.from({ length: 16 }, (_, i) => ({ ...longestCarrier(i, 16), state: '已销毁' as const, destruction: longDestruction(i) }))}
      unitName={longText(40, 1)}
      printCopyNumber={PROOF_PRINT_COPY}
     
    />
  ),
  'carrier-inventory': () => {
    const { session, carriers } = inventory();
    return <InventoryReport session={session} carriers={carriers} unitName={longText(40, 1)} printCopyNumber={PROOF_PRINT_COPY} />;
  },
  'carrier-handover': () => (
    <CarrierHandoverForm carrier={{ ...longestCarrier(1), state: '已移交', handover: longHandover() }} unitName={longText(40, 1)} printCopyNumber={PROOF_PRINT_COPY} />
  ),
  'carrier-labels-plain-2x7': () => labels('plain-2x7'),
  'carrier-labels-a4-3x8': () => labels('a4-3x8'),
  'carrier-labels-a4-4x10': () => labels('a4-4x10'),
  'carrier-labels-plain-2x7-offset': () => labels('plain-2x7', PROOF_LABEL_OFFSET),
  'carrier-labels-a4-3x8-offset': () => labels('a4-3x8', PROOF_LABEL_OFFSET),
  'carrier-labels-a4-4x10-offset': () => labels('a4-4x10', PROOF_LABEL_OFFSET),
  'carrier-labels-plain-2x7-prefixed': () => prefixedLabels('plain-2x7'),
  'carrier-labels-a4-3x8-prefixed': () => prefixedLabels('a4-3x8'),
  'carrier-labels-a4-4x10-prefixed': () => prefixedLabels('a4-4x10'),
};
