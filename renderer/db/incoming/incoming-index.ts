import { isClassified, type Classification, type DocType, type Urgency } from '@shared/domain/enums';
import { incomingFlow, type PackedFlow } from '@shared/domain/flow-stats';
import { DUE_SOON_WORKDAYS } from '@shared/domain/incoming';
import { canSeeIncomingContent } from '@shared/domain/need-to-know';
import type { IncomingRecord, IncomingState } from '@shared/domain/incoming-types';
import { normalizeForSearch } from '@shared/domain/search-text';
import type { WorkCalendar } from '@shared/domain/workdays';
import type { WenshuDB } from '../database';
import { liveProjection, type LiveProjection } from '../projection';
import { sortedPage } from '../text-scan';
import type { Actor } from '../types';

export const INCOMING_PROJECTION = 'incoming';
/** The entries' shape (renderer/db/projection.ts): 2 added docType and flow (运转时效, issue #17). */
export const INCOMING_PROJECTION_VERSION = 2;

/** What the 收文 list filters, sorts and searches on, for every record, kept in memory. */
export interface IncomingIndexEntry {
  id: string;
  year: number;
  seq: number;
  serial: string;
  receivedDate: string;
  state: IncomingState;
  classification: Classification;
  urgency: Urgency;
  /** 文种 (运转时效 groups by it; content outside the need to know, like 来文单位). */
  docType: DocType;
  /** 收文日期 and the days of 登记, 拟办, 批示, 承办, 办结 (shared/domain/flow-stats.ts packFlow). */
  flow: PackedFlow;
  hostDeptId?: string;
  dueDate?: string;
  namedUserIds: string[];
  /** 来文单位 as typed, for autocomplete (the projection is sealed like every row; no index carries it). */
  fromUnit?: string;
  /** Normalised 标题 + 来文单位 + 来文字号 + 摘要 + numbers: hidden from users without need-to-know. */
  text: string;
  /** Normalised 收文编号 and 原编号: what anyone may match, even on a classified record. */
  publicText: string;
}

export function toIndexEntry(r: IncomingRecord): IncomingIndexEntry {
  // Each field normalised on its own and joined by \n: a search never matches across two fields.
  const publicText = [r.serial, r.legacyNumber ?? ''].map(normalizeForSearch).join('\n');
  return {
    id: r.id,
    year: r.year,
    seq: r.seq,
    serial: r.serial,
    receivedDate: r.receivedDate,
    state: r.state,
    classification: r.classification,
    urgency: r.urgency,
    docType: r.docType,
    flow: incomingFlow(r),
    ...(r.hostDeptId ? { hostDeptId: r.hostDeptId } : {}),
    ...(r.dueDate ? { dueDate: r.dueDate } : {}),
    namedUserIds: r.namedUserIds,
    fromUnit: r.fromUnit,
    // A received 收文's original 来文单位 (the sender's, origin.fromUnit) finds it too; absent otherwise,
    // so entries of other records are unchanged.
    text: [r.title, r.fromUnit, r.docNumber, r.summary ?? '', ...(r.origin?.fromUnit ? [r.origin.fromUnit] : [])].map(normalizeForSearch).join('\n') + '\n' + publicText,
    publicText,
  };
}

/**
 * The fields a legacy import tells a repeated row by (shared/domain/incoming-import-identity.ts),
 * read back from an entry: `text` is 标题, 来文单位, 来文字号, 摘要, then publicText (收文编号, 原编号),
 * each normalised on its own (no whitespace left, so no field holds a line break) and joined by \n.
 */
export function identityFieldsOf(e: IncomingIndexEntry): { receivedDate: string; title: string; fromUnit: string; docNumber: string; legacyNumber: string } {
  const [title = '', fromUnit = '', docNumber = ''] = e.text.split('\n');
  return { receivedDate: e.receivedDate, title, fromUnit, docNumber, legacyNumber: e.publicText.split('\n')[1] ?? '' };
}

export function incomingProjection(db: WenshuDB): LiveProjection<IncomingIndexEntry> {
  return liveProjection<IncomingIndexEntry>(
    db,
    INCOMING_PROJECTION,
    db.incoming,
    async (d) => {
      const out: IncomingIndexEntry[] = [];
      await d.incoming.each((r) => {
        out.push(toIndexEntry(r));
      });
      return out;
    },
    INCOMING_PROJECTION_VERSION,
    // publicText is the tail of text: text holds everything any reader may match.
    (e) => e.text,
  );
}

export type IncomingSortField = 'serial' | 'receivedDate' | 'dueDate';

export interface IncomingQuery {
  year?: number;
  state?: IncomingState;
  classification?: Classification;
  urgency?: Urgency;
  hostDeptId?: string;
  overdueOnly?: boolean;
  search?: string;
  sort?: { field: IncomingSortField; direction: 'ascend' | 'descend' };
  offset: number;
  limit: number;
}

const FINISHED: ReadonlySet<IncomingState> = new Set(['已办结', '已退回']);

export function isOverdue(e: { dueDate?: string; state: IncomingState }, today: string): boolean {
  return !!e.dueDate && !FINISHED.has(e.state) && e.dueDate < today;
}

/**
 * 收文编号 order: year, serial, then the number's text. Numbers are unique within a year on one PC;
 * records from another PC of the office (issue #20) may share year and serial under another
 * prefix (收〔2026〕B-0005, C-0005), and stand side by side by prefix.
 */
export function compareIncomingSerials(a: Pick<IncomingIndexEntry, 'year' | 'seq' | 'serial'>, b: Pick<IncomingIndexEntry, 'year' | 'seq' | 'serial'>): number {
  return a.year - b.year || a.seq - b.seq || (a.serial < b.serial ? -1 : a.serial > b.serial ? 1 : 0);
}

function compare(field: IncomingSortField): (a: IncomingIndexEntry, b: IncomingIndexEntry) => number {
  switch (field) {
    case 'serial':
      return compareIncomingSerials;
    case 'receivedDate':
      return (a, b) => (a.receivedDate < b.receivedDate ? -1 : a.receivedDate > b.receivedDate ? 1 : 0) || compareIncomingSerials(a, b);
    case 'dueDate':
      // Records without a 办理时限 sort after those with one, in either direction.
      return (a, b) => {
        const x = a.dueDate ?? '9999';
        const y = b.dueDate ?? '9999';
        return (x < y ? -1 : x > y ? 1 : 0) || a.seq - b.seq;
      };
  }
}

/**
 * The ids of one page of the 收文 list and the total count. A classified record the actor may not
 * see matches a search only on its number: its hidden text must not even be matched.
 * `containing` (the projection's, renderer/db/text-scan.ts): the entries of `entries` whose `text`
 * contains a normalised needle, in their order; with it a search looks only at those.
 */
export function filterIncoming(
  entries: Iterable<IncomingIndexEntry>,
  q: IncomingQuery,
  actor: Pick<Actor, 'id' | 'roles'>,
  today: string,
  containing?: (needle: string) => Iterable<IncomingIndexEntry>,
): { ids: string[]; total: number } {
  const needle = q.search ? normalizeForSearch(q.search) : '';
  // Found by the scan, an entry's text holds the needle: only a hidden one is checked again, on its number.
  const scanned = !!needle && !!containing;
  const hits: IncomingIndexEntry[] = [];
  for (const e of scanned ? containing(needle) : entries) {
    if (q.year !== undefined && e.year !== q.year) continue;
    if (q.state && e.state !== q.state) continue;
    if (q.classification && e.classification !== q.classification) continue;
    if (q.urgency && e.urgency !== q.urgency) continue;
    if (q.hostDeptId && e.hostDeptId !== q.hostDeptId) continue;
    if (q.overdueOnly && !isOverdue(e, today)) continue;
    if (needle) {
      const visible = !isClassified(e.classification) || canSeeIncomingContent(actor, e);
      if (visible ? !scanned && !e.text.includes(needle) : !e.publicText.includes(needle)) continue;
    }
    hits.push(e);
  }
  const sort = q.sort ?? { field: 'serial', direction: 'descend' };
  const cmp = compare(sort.field);
  return { ids: sortedPage(hits, sort.direction === 'ascend' ? cmp : (a, b) => cmp(b, a), q.offset, q.limit).map((e) => e.id), total: hits.length };
}

export interface DeadlineLists {
  overdue: IncomingIndexEntry[];
  dueToday: IncomingIndexEntry[];
  dueSoon: IncomingIndexEntry[];
}

/** 工作台: 已超期, 今日到期, 即将到期 (≤ 2 working days), most urgent first. */
export function deadlineLists(entries: Iterable<IncomingIndexEntry>, today: string, calendar: WorkCalendar): DeadlineLists {
  const out: DeadlineLists = { overdue: [], dueToday: [], dueSoon: [] };
  // The same rule as deadlineStatus, with "the 3rd working day from today" found once for the
  // whole list instead of once per record (工作台 runs this over every open 收文).
  const soonBefore = calendar.addWorkdays(today, DUE_SOON_WORKDAYS + 1);
  for (const e of entries) {
    if (!e.dueDate || FINISHED.has(e.state)) continue;
    if (e.dueDate < today) out.overdue.push(e);
    else if (e.dueDate === today) out.dueToday.push(e);
    else if (e.dueDate < soonBefore) out.dueSoon.push(e);
  }
  const byDue = (a: IncomingIndexEntry, b: IncomingIndexEntry) => a.dueDate!.localeCompare(b.dueDate!);
  out.overdue.sort(byDue);
  out.dueToday.sort(byDue);
  out.dueSoon.sort(byDue);
  return out;
}
