import { applyCarrierAction, carrierActionRefusal } from '../carrier';
import type { CarrierRecord, CarrierState } from '../carrier-types';
import { canSeeCarrier, carrierAudience, maskCarrier } from '../need-to-know';
import { carrierRecordSchema } from '../transfer';
import { compareForeign, foreignUpdateRefusal, receiveCarrier, receivedIdOf, updateForeignOrigin } from '../transfer-receive';
import { parseBracketNumber, seriesWithPrefix } from '../numbering';
import { auditLabel, type RegisterDescriptor, type TransferDeparture, type TransferMode } from './descriptor';
import { carrierPeople, mapCarrierPeople } from './people';

/** The counter series of 载体编号. */
export const CARRIER_SERIES = '载体';

/**
 * '载〔2026〕0007' / '督〔2026〕0003' → the counter position; null for a 编号 of another pattern. A
 * prefixed 编号 ('载〔2026〕B-0007', issue #20) came from the prefix's own counter ('载体@B').
 */
export function serialPosition(series: string, serial: string): { series: string; year: number; seq: number } | null {
  const p = parseBracketNumber(serial);
  return p ? { series: seriesWithPrefix(series, p.prefix), year: p.year, seq: p.seq } : null;
}

/**
 * '载〔2026〕0007' → a key that sorts by year, then number (a 5-digit number after a 4-digit one);
 * two PCs' equal numbers (B-0007, C-0007) then by prefix.
 */
export function serialOrder(serial: string): string {
  const p = parseBracketNumber(serial);
  return p ? `${p.year}|${String(p.seq).padStart(10, '0')}${p.prefix ? `|${p.prefix}` : ''}` : serial;
}

/**
 * A classified carrier leaving in a 迁移包: 移交 passes custody to the 接收单位 by the carrier's own
 * rules; 复制 (or a 移交 its rules no longer allow: lent out meanwhile) books an electronic copy.
 */
function departWithPackage(c: CarrierRecord, mode: TransferMode, p: TransferDeparture): { row: CarrierRecord; done: TransferMode; why: string } {
  const at = p.now.toISOString();
  const actor = { id: p.by.id, name: p.by.name, roles: p.by.roles };
  const approval = p.copyApproval;
  const approvedBy = [approval?.approver ? `经 ${approval.approver.name} 批准` : '', approval?.reference ? `原定密机关批准文号 ${approval.reference}` : ''].filter(Boolean).join('，');
  const copy = (why: string): CarrierRecord => ({
    ...c,
    history: [
      ...c.history,
      { action: '复制', at, byId: actor.id, byName: actor.name, ...(approval?.approver ? { approver: approval.approver } : {}), note: `电子副本随迁移包 ${p.packageId} 交 ${p.recipient}${approvedBy ? `（${approvedBy}）` : ''}${why}` },
    ],
    updatedAt: at,
  });
  if (mode !== '移交') return { row: copy(''), done: '复制', why: '' };
  const refusal = carrierActionRefusal(c, '移交', actor);
  if (refusal !== null) {
    const why = `（未能登记移交：${refusal}）`;
    return { row: copy(why), done: '复制', why };
  }
  const after = applyCarrierAction(c, { type: '移交', receiver: p.recipient, receiverKind: '单位', kind: '移交' }, actor, p.now, () => undefined);
  const last = after.history[after.history.length - 1]!;
  after.history[after.history.length - 1] = { ...last, note: `${last.note ?? ''}；随迁移包 ${p.packageId}` };
  return { row: after, done: '移交', why: '' };
}

/** Carriers still kept here: a classified 收文's own copies travel with it. */
const LIVE: ReadonlySet<CarrierState> = new Set(['在库', '借出']);

/** 涉密载体台账 (issue 4): every controlled carrier, one row per 份. */
export const CARRIERS_REGISTER: RegisterDescriptor<CarrierRecord> = {
  kind: 'carriers',
  table: 'carriers',
  label: '涉密载体',
  entityType: '涉密载体',
  numberKey: {
    of: (c) => c.serial,
    lookup: (rows) => ({ index: 'serial', ranges: rows.map((c) => [c.serial, c.serial] as const) }),
    counter: (c) => serialPosition(CARRIER_SERIES, c.serial),
    renumber: (c, to, by) => ({
      ...c,
      serial: to.serial,
      history: [...c.history, { action: '变更', at: by.at, byId: by.id, byName: by.name, note: by.note ?? `迁移包导入时编号 ${c.serial} 已被本机其他载体使用，重新编号为 ${to.serial}（原编号 ${c.serial}）` }],
    }),
  },
  number: (c) => `${c.serial} 份号${c.copyNumber}`,
  title: (c) => c.name,
  classification: (c) => c.classification,
  state: (c) => c.state,
  canSee: (actor, c) => canSeeCarrier(actor, carrierAudience(c)),
  mask: maskCarrier,
  // The 台账 names every carrier by 编号, 密级 and 份号, never by 名称.
  audit: (c) => ({ number: c.serial, classification: c.classification, suffix: `份号${c.copyNumber}`, alwaysMark: true }),
  search: {
    // 原编号 of a carrier received from another unit: a number, like its own.
    publicText: (c) => [c.serial, c.copyNumber, ...(c.origin ? [c.origin.serial] : [])],
    contentText: (c) => [c.name],
    order: (c) => serialOrder(c.serial),
  },
  filing: null,
  prints: [
    { id: 'carrier-register', name: '涉密载体台账' },
    { id: 'carrier-labels', name: '载体标签' },
    { id: 'carrier-loan', name: '借阅登记表' },
    { id: 'carrier-handover', name: '移交清单' },
    { id: 'carrier-destruction', name: '销毁清单' },
    { id: 'inventory-report', name: '清点报告' },
  ],
  transfer: {
    schema: carrierRecordSchema,
    importPermission: 'classified.manage',
    importAction: '迁移导入涉密载体',
    importName: (c) => auditLabel(CARRIERS_REGISTER, c),
    // 复制 and 移交 follow the carrier's own rules (a lent, destroyed or handed-over carrier cannot).
    custody: {
      refusal: (c, mode, actor) => carrierActionRefusal(c, mode, actor),
      depart: departWithPackage,
    },
    companions: null,
    goesAlong: (c) => LIVE.has(c.state),
    // A new entry of the receiver's 台账 (new 编号, 原编号 kept): this side's record of the 移交.
    receive: {
      into: 'carriers',
      series: CARRIER_SERIES,
      people: ['知悉人'],
      refusal: () => null,
      idOf: (c) => receivedIdOf('carriers', c.id),
      make: receiveCarrier,
      compare: (existing, c) => compareForeign(existing as CarrierRecord, c),
      updateRefusal: (existing) => foreignUpdateRefusal(existing as CarrierRecord),
      update: (existing, c, ctx) => updateForeignOrigin(existing as CarrierRecord, c, ctx),
    },
    // People mapping on import (issue #20): every person the record names, see ./people.ts.
    people: carrierPeople,
    mapPeople: mapCarrierPeople,
  },
};
