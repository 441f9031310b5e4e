import { maskOutgoing } from '@shared/domain/need-to-know';
import type { Classification } from '@shared/domain/enums';
import type { OutgoingRecord, OutgoingState } from '@shared/domain/outgoing-types';
import type { WenshuDB } from '../../db/database';
import { allOutgoingRows, getOutgoingSeries } from '../../db/repositories/outgoing';
import type { Actor } from '../../db/types';
import type { OutgoingRegisterLine } from '../../print/outgoing-register-columns';

export interface OutgoingFilters {
  year?: number;
  state?: OutgoingState;
  seriesId?: string;
  classification?: Classification;
  text: string;
}

/** The filters as the repository's query (without the page). */
export function outgoingQuery(f: OutgoingFilters) {
  return {
    ...(f.year !== undefined ? { year: f.year } : {}),
    ...(f.state ? { state: f.state } : {}),
    ...(f.seriesId ? { seriesId: f.seriesId } : {}),
    ...(f.classification ? { classification: f.classification } : {}),
    ...(f.text.trim() ? { text: f.text.trim() } : {}),
  };
}

/** A 发文 as the 登记簿 (print and XLSX) takes it: the record, masked where the list masks it. */
export type RegisterLine = OutgoingRecord & OutgoingRegisterLine;

/**
 * The paper 登记簿's order: a ledger runs in 文号 order — by year, by 发文字号 (as the settings list
 * them), then by number — and the 发文 not yet numbered follow in the order they were drafted.
 * (The screen lists newest drafted first, where the work is.)
 */
export function inLedgerOrder<R extends Pick<OutgoingRecord, 'year' | 'seq' | 'seriesId' | 'createdAt' | 'id'>>(rows: readonly R[], seriesOrder: readonly string[]): R[] {
  const rank = new Map(seriesOrder.map((id, i) => [id, i]));
  const key = (r: R) => (r.year === undefined || r.seq === undefined ? [1, 0, 0, 0] : [0, r.year, rank.get(r.seriesId) ?? seriesOrder.length, r.seq]);
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
  });
}

/**
 * The 发文登记簿's lines for the list as filtered (filtered, read with the user's rights, in
 * ledger order), and the records behind them, masked where the list masks them.
 */
export async function outgoingRegisterLines(db: WenshuDB, actor: Actor, filters: OutgoingFilters, today: string): Promise<RegisterLine[]> {
  const [listed, series] = await Promise.all([allOutgoingRows(db, actor, outgoingQuery(filters), today), getOutgoingSeries(db)]);
  const rows = inLedgerOrder(listed, series.map((s) => s.id));
  const byId = new Map<string, OutgoingRecord>();
  for (let i = 0; i < rows.length; i += 1000) {
    for (const r of await db.outgoing.bulkGet(rows.slice(i, i + 1000).map((x) => x.id))) if (r) byId.set(r.id, r);
  }
  return rows.flatMap((row) => {
    const r = byId.get(row.id);
    return r ? [row.masked ? { ...maskOutgoing(r), masked: true } : r] : [];
  });
}

/** How the output log names a 发文: its 文号, or 未编号 before 登记 (never the 标题). */
export function outputRef(r: Pick<OutgoingRecord, 'id' | 'docNumber' | 'classification'>) {
  return { id: r.id, serial: r.docNumber ?? '未编号', classification: r.classification };
}
