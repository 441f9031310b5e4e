import { carrierActionRefusal } from '../carrier';
import type { CarrierRecord, CarrierState } from '../carrier-types';
import { canSeeCarrier, carrierAudience, maskCarrier } from '../need-to-know';
import { carrierRecordSchema } from '../transfer';
import { auditLabel, type RegisterDescriptor } from './descriptor';

/** The counter series of 载体编号. */
export const CARRIER_SERIES = '载体';

/** '载〔2026〕0007' / '督〔2026〕0003' → the counter position; null for a 编号 of another pattern. */
export function serialPosition(series: string, serial: string): { series: string; year: number; seq: number } | null {
  const m = /〔(\d{4})〕(\d+)$/.exec(serial);
  return m ? { series, year: Number(m[1]), seq: Number(m[2]) } : null;
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
    publicText: (c) => [c.serial, c.copyNumber],
    contentText: (c) => [c.name],
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
    extraRefusal: (c, mode, actor) => carrierActionRefusal(c, mode, actor),
    companions: null,
    goesAlong: (c) => LIVE.has(c.state),
  },
};
