import { isClassified, type Classification, type DocType, type Urgency } from '@shared/domain/enums';
import { outgoingFlow, type PackedFlow } from '@shared/domain/flow-stats';
import { canSeeOutgoingContent } from '@shared/domain/need-to-know';
import type { OutgoingRecord, OutgoingState } from '@shared/domain/outgoing-types';
import { OUTGOING_REGISTER } from '@shared/domain/registers';
import { normalizeForSearch } from '@shared/domain/search-text';
import type { WenshuDB } from '../database';
import { liveProjection, type LiveProjection } from '../projection';
import type { Actor } from '../types';

// The 发文 list's in-memory projection (renderer/db/projection.ts, as for 收文): what the list
// filters, sorts and searches on, for every record. Sealed at rest like every row; no index
// carries its text.

export const OUTGOING_PROJECTION = 'outgoing';
/** The entries' shape (renderer/db/projection.ts): 2 added docType and flow (运转时效, issue #17). */
export const OUTGOING_PROJECTION_VERSION = 2;

export interface OutgoingIndexEntry {
  id: string;
  /** The 文号's year once registered, else the draft year: the list's 年度. */
  year: number;
  seq?: number;
  seriesId: string;
  docNumber?: string;
  state: OutgoingState;
  classification: Classification;
  urgency: Urgency;
  /** 文种 (运转时效 groups by it; content outside the need to know). */
  docType: DocType;
  /** The days of 拟稿, 签发 and 核发 complete (shared/domain/flow-stats.ts packFlow). */
  flow: PackedFlow;
  /** 签发 date (for 工作台: not 核发 N working days after it). */
  signedDate?: string;
  createdAt: string;
  namedUserIds: string[];
  /** The list's order (greatest first): OUTGOING_REGISTER.search.order. */
  order: string;
  /** Normalised 标题, 主送, 抄送, 拟稿单位, 拟稿人, 签发人 and the 文号: within the need to know only. */
  text: string;
  /** Normalised 文号: what anyone may match, even on a classified record. */
  publicText: string;
}

export function toOutgoingIndexEntry(r: OutgoingRecord): OutgoingIndexEntry {
  // Each field normalised on its own and joined by \n: a search never matches across two fields.
  const publicText = OUTGOING_REGISTER.search.publicText(r).map(normalizeForSearch).join('\n');
  return {
    id: r.id,
    year: r.year ?? r.draftYear,
    ...(r.seq !== undefined ? { seq: r.seq } : {}),
    seriesId: r.seriesId,
    ...(r.docNumber ? { docNumber: r.docNumber } : {}),
    state: r.state,
    classification: r.classification,
    urgency: r.urgency,
    docType: r.docType,
    flow: outgoingFlow(r),
    ...(r.signoff ? { signedDate: r.signoff.date } : {}),
    createdAt: r.createdAt,
    namedUserIds: r.namedUserIds,
    order: OUTGOING_REGISTER.search.order(r),
    text: OUTGOING_REGISTER.search.contentText(r).map(normalizeForSearch).join('\n') + '\n' + publicText,
    publicText,
  };
}

export function outgoingProjection(db: WenshuDB): LiveProjection<OutgoingIndexEntry> {
  return liveProjection<OutgoingIndexEntry>(
    db,
    OUTGOING_PROJECTION,
    db.outgoing,
    async (d) => {
      const out: OutgoingIndexEntry[] = [];
      await d.outgoing.each((r) => {
        out.push(toOutgoingIndexEntry(r));
      });
      return out;
    },
    OUTGOING_PROJECTION_VERSION,
    // publicText is the tail of text: text holds everything any reader may match.
    (e) => e.text,
  );
}

export interface OutgoingQuery {
  year?: number;
  state?: OutgoingState;
  seriesId?: string;
  classification?: Classification;
  /** Searched text (标题, 主送, 抄送, 拟稿单位, 拟稿人, 签发人 within the need to know; 文号 for anyone). */
  text?: string;
  offset: number;
  limit: number;
}

/**
 * The ids of one page of the 发文 list (newest first) and the total count. A classified record the
 * actor may not see matches a search only on its 文号: its hidden text must not even be matched.
 */
export function filterOutgoing(
  entries: Iterable<OutgoingIndexEntry>,
  q: OutgoingQuery,
  actor: Pick<Actor, 'id' | 'roles'>,
  /** The projection's scan (renderer/db/text-scan.ts): the entries whose `text` contains a needle, in order. */
  containing?: (needle: string) => Iterable<OutgoingIndexEntry>,
): { ids: string[]; total: number } {
  const needle = q.text?.trim() ? normalizeForSearch(q.text.trim()) : '';
  // Found by the scan, an entry's text holds the needle: only a hidden one is checked again, on its 文号.
  const scanned = !!needle && !!containing;
  const hits: OutgoingIndexEntry[] = [];
  for (const e of scanned ? containing(needle) : entries) {
    if (q.year !== undefined && e.year !== q.year) continue;
    if (q.state && e.state !== q.state) continue;
    if (q.seriesId && e.seriesId !== q.seriesId) continue;
    if (q.classification && e.classification !== q.classification) continue;
    if (needle) {
      const visible = !isClassified(e.classification) || canSeeOutgoingContent(actor, e);
      if (visible ? !scanned && !e.text.includes(needle) : !e.publicText.includes(needle)) continue;
    }
    hits.push(e);
  }
  return { ids: newestPage(hits, q.offset, q.limit).map((e) => e.id), total: hits.length };
}

/**
 * hits[offset, offset + limit) in order (greatest `order` first). A list shows one page of
 * thousands: only the first offset + limit are kept in order (one pass, a binary insert each)
 * instead of sorting every hit, unless the page reaches far in.
 */
function newestPage(hits: OutgoingIndexEntry[], offset: number, limit: number): OutgoingIndexEntry[] {
  const k = Math.min(hits.length, offset + limit);
  if (k * 8 > hits.length) return hits.sort((a, b) => (a.order < b.order ? 1 : a.order > b.order ? -1 : 0)).slice(offset, k);
  const top: OutgoingIndexEntry[] = [];
  for (const e of hits) {
    if (top.length === k && e.order <= top[k - 1]!.order) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (top[mid]!.order >= e.order) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, e);
    if (top.length > k) top.pop();
  }
  return top.slice(offset, k);
}
