import { isLoanOverdue, needsInventoryThisYear, REVIEW_WINDOW_DAYS, secrecyEndDate } from '@shared/domain/carrier';
import type { CarrierRecord, CarrierState } from '@shared/domain/carrier-types';
import { addDays } from '@shared/domain/dates';
import type { CarrierType, Classification } from '@shared/domain/enums';
import { canSeeCarrier } from '@shared/domain/need-to-know';
import { normalizeForSearch } from '@shared/domain/search-text';
import { parseBracketNumber } from '@shared/domain/numbering';
import type { WenshuDB } from '../database';
import { liveProjection, type LiveProjection } from '../projection';
import { sortedPage } from '../text-scan';
import type { Actor } from '../types';

// The 台账's in-memory projection (the same design as the 收文 register's: DESIGN.md "measured
// facts"): the fields the filters, the 工作台 reminders and search need, for every carrier.

export const CARRIER_PROJECTION = 'carriers';

export interface CarrierIndexEntry {
  id: string;
  serial: string;
  year: number;
  seq: number;
  state: CarrierState;
  classification: Classification;
  carrierType: CarrierType;
  custodianId: string;
  custodianName: string;
  location: string;
  /** 应还日期 of the loan in progress. */
  dueDate?: string;
  /** The day the 保密期限 ends, when a calendar can tell. */
  secrecyEnd?: string;
  /** ISO instant of the last 清点 tick. */
  lastInventoriedAt?: string;
  knowerIds: string[];
  borrowerId?: string;
  /** Normalised 名称: matched only for those who may see it. */
  text: string;
  /** Normalised 编号 and 份号: anyone may match these. */
  publicText: string;
}

export function toCarrierIndexEntry(r: CarrierRecord): CarrierIndexEntry {
  const m = parseBracketNumber(r.serial);
  const end = secrecyEndDate(r.secrecyTerm, r.secrecyStart);
  return {
    id: r.id,
    serial: r.serial,
    year: m?.year ?? 0,
    seq: m?.seq ?? 0,
    state: r.state,
    classification: r.classification,
    carrierType: r.carrierType,
    custodianId: r.custodian.userId,
    custodianName: r.custodian.name,
    location: r.location,
    ...(r.loan ? { dueDate: r.loan.dueDate, borrowerId: r.loan.borrower.userId } : {}),
    ...(end ? { secrecyEnd: end } : {}),
    ...(r.lastInventoriedAt ? { lastInventoriedAt: r.lastInventoriedAt } : {}),
    knowerIds: r.knowers.map((k) => k.userId),
    text: normalizeForSearch(r.name),
    // 原编号 of a carrier received from another unit (absent otherwise: other entries unchanged).
    publicText: [r.serial, r.copyNumber, ...(r.origin ? [r.origin.serial] : [])].map(normalizeForSearch).join('\n'),
  };
}

export function carrierProjection(db: WenshuDB): LiveProjection<CarrierIndexEntry> {
  return liveProjection<CarrierIndexEntry>(
    db,
    CARRIER_PROJECTION,
    db.carriers,
    async (d) => {
      const out: CarrierIndexEntry[] = [];
      await d.carriers.each((r) => {
        out.push(toCarrierIndexEntry(r));
      });
      return out;
    },
    1,
    // What a reader within the need to know matches (filterCarriers): 名称, then 编号 and 份号.
    searchTextOf,
  );
}

function searchTextOf(e: CarrierIndexEntry): string {
  return `${e.text}\n${e.publicText}`;
}

// Need to know for a carrier's 名称 lives in shared/domain/need-to-know.ts; the entry carries its audience.
export { canSeeCarrier };

/** 到期 filter: loans past due, 保密期限 ending within 90 days or ended, not inventoried this year. */
export const CARRIER_DUE_FILTERS = ['借阅逾期', '保密期限将满', '本年未清点'] as const;
export type CarrierDueFilter = (typeof CARRIER_DUE_FILTERS)[number];

export type CarrierSortField = 'serial' | 'dueDate' | 'secrecyEnd';

export interface CarrierQuery {
  classification?: Classification;
  state?: CarrierState;
  carrierType?: CarrierType;
  custodianId?: string;
  location?: string;
  due?: CarrierDueFilter;
  search?: string;
  sort?: { field: CarrierSortField; direction: 'ascend' | 'descend' };
  offset: number;
  limit: number;
}

const LIVE: ReadonlySet<CarrierState> = new Set(['在库', '借出']);

export function matchesDue(e: CarrierIndexEntry, due: CarrierDueFilter, today: string): boolean {
  switch (due) {
    case '借阅逾期':
      return isLoanOverdue({ state: e.state, loan: e.dueDate ? { dueDate: e.dueDate } : undefined }, today);
    case '保密期限将满':
      return LIVE.has(e.state) && !!e.secrecyEnd && e.secrecyEnd <= addDays(today, REVIEW_WINDOW_DAYS);
    case '本年未清点':
      return needsInventoryThisYear({ state: e.state, ...(e.lastInventoriedAt ? { lastInventoriedAt: e.lastInventoriedAt } : {}) }, today);
  }
}

function compare(field: CarrierSortField): (a: CarrierIndexEntry, b: CarrierIndexEntry) => number {
  // Two PCs' equal numbers (载〔2026〕B-0007, C-0007, issue #20) then by the 编号's text.
  const bySerial = (a: CarrierIndexEntry, b: CarrierIndexEntry) => a.year - b.year || a.seq - b.seq || (a.serial < b.serial ? -1 : a.serial > b.serial ? 1 : 0);
  switch (field) {
    case 'serial':
      return bySerial;
    case 'dueDate':
    case 'secrecyEnd':
      // Carriers without the date sort after those with one, in either direction.
      return (a, b) => {
        const x = a[field] ?? '9999';
        const y = b[field] ?? '9999';
        return (x < y ? -1 : x > y ? 1 : 0) || bySerial(a, b);
      };
  }
}

/**
 * The entry as a reader outside the carrier's need to know may use it: only the allow-list of
 * maskCarrier (编号, 份号, 密级, 状态) is left, so no filter, sort or facet tells them who keeps a
 * carrier, where, of what type or until when it is out.
 */
export function maskIndexEntry(e: CarrierIndexEntry): CarrierIndexEntry {
  return { id: e.id, serial: e.serial, year: e.year, seq: e.seq, state: e.state, classification: e.classification, carrierType: '其他', custodianId: '', custodianName: '', location: '', knowerIds: [], text: '', publicText: e.publicText };
}

/** Ids of one page of the 台账 and the total. Hidden fields (名称, 保管人, 存放位置 …) are not even matched by a filter or a search. */
export function filterCarriers(
  entries: Iterable<CarrierIndexEntry>,
  q: CarrierQuery,
  actor: Pick<Actor, 'id' | 'roles'>,
  today: string,
  /** The projection's scan (renderer/db/text-scan.ts): the entries whose 名称, 编号 or 份号 contains a needle, in order. */
  containing?: (needle: string) => Iterable<CarrierIndexEntry>,
): { ids: string[]; total: number } {
  const needle = q.search ? normalizeForSearch(q.search) : '';
  // Found by the scan, a seen carrier's text holds the needle: only a masked one is checked again.
  const scanned = !!needle && !!containing;
  const hits: CarrierIndexEntry[] = [];
  for (const entry of scanned ? containing(needle) : entries) {
    const seen = canSeeCarrier(actor, entry);
    const e = seen ? entry : maskIndexEntry(entry);
    if (q.classification && e.classification !== q.classification) continue;
    if (q.state && e.state !== q.state) continue;
    // A masked entry's type and dates are unknown to the reader: it matches no filter on them.
    if (q.carrierType && (!seen || e.carrierType !== q.carrierType)) continue;
    if (q.custodianId && e.custodianId !== q.custodianId) continue;
    if (q.location && e.location !== q.location) continue;
    if (q.due && (!seen || !matchesDue(e, q.due, today))) continue;
    if (needle && (seen ? !scanned && !searchTextOf(e).includes(needle) : !e.publicText.includes(needle))) continue;
    hits.push(e);
  }
  const sort = q.sort ?? { field: 'serial', direction: 'descend' };
  const cmp = compare(sort.field);
  if (sort.field === 'serial') {
    const page = sortedPage(hits, sort.direction === 'ascend' ? cmp : (a, b) => cmp(b, a), q.offset, q.limit);
    return { ids: page.map((e) => e.id), total: hits.length };
  }
  // Carriers without the date go last in either direction (reversing would put them first).
  const field = sort.field;
  const dated = hits.filter((e) => e[field] !== undefined).sort(sort.direction === 'ascend' ? cmp : (a, b) => cmp(b, a));
  const undated = hits.filter((e) => e[field] === undefined).sort(compare('serial'));
  return { ids: [...dated, ...undated].slice(q.offset, q.offset + q.limit).map((e) => e.id), total: hits.length };
}
