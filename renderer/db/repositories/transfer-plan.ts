import { canonicalJson } from '../canonical-json';
import type { WenshuDB } from '../database';
import { peekNextSerial, takeNextSerial, type CounterWriter } from '../numbering';
import { registerTable, rowsInRanges } from '../registers';
import { getNumberingSettings } from './incoming';
import { getMeetingSettings } from './meetings';
import { formatSerial, SERIES_PATTERNS } from '@shared/domain/numbering';
import { purposeOf, type TransferPackage, type TransferPurpose } from '@shared/domain/transfer';
import type { AnyRegister, RegisterRow } from '@shared/domain/registers';

// What importing a 迁移包 here would do, record by record (issue #20), computed the same way for the
// preview (numbers peeked) and inside the import's transaction (numbers taken): a package
// 本单位其他计算机 keeps each record's identity and number, renumbering one whose number a different
// record here holds; a package 送往其他单位 registers each record as this office's own incoming
// material (see transfer-receive).

export const TRANSFER_ROW_STATUSES = ['新增', '已存在（相同）', '更新', '已存在（本机较新，不导入）', '编号冲突（不导入）'] as const;
export type TransferRowStatus = (typeof TRANSFER_ROW_STATUSES)[number];

/** The importer's choices in the preview. */
export interface TransferDecisions {
  /** Rows (`kind:id` of the package) whose offered 更新 the importer accepted: never applied otherwise. */
  updates?: readonly string[];
}

/** A row of the package as the plan sees it: `kind:id`. */
export const rowKey = (kind: string, id: string) => `${kind}:${id}`;

export interface PlannedRecord {
  /** The register of the package's row, and the row as sent. */
  d: AnyRegister;
  record: RegisterRow;
  status: TransferRowStatus;
  /** What is written here (a row of `target.d`): for 新增, and for 更新 when accepted. */
  write: { d: AnyRegister; row: RegisterRow; isNew: boolean } | null;
  /** The number the record has (or will have) here. */
  number: string;
  /** The number it had at the sender when it gets another here. */
  renumberedFrom?: string;
  /** An offered 更新 the importer accepted. */
  accepted?: boolean;
}

/** Hands out this PC's next numbers of a series: peeked for the preview, taken inside the import. */
export interface NumberSource {
  next(series: string, year: number): Promise<{ seq: number; serial: string }>;
}

/** The patterns of the series a 迁移包 may renumber in (settings read before the transaction). */
export interface SeriesPatterns {
  incoming: string;
  minutes: string;
}

export async function seriesPatterns(db: WenshuDB): Promise<SeriesPatterns> {
  const [{ incomingPattern }, meetings] = await Promise.all([getNumberingSettings(db), getMeetingSettings(db)]);
  return { incoming: incomingPattern, minutes: meetings.minutesPattern };
}

function patternOf(series: string, p: SeriesPatterns): string {
  if (series === SERIES_PATTERNS.收文.series) return p.incoming;
  if (series.startsWith(`${SERIES_PATTERNS.纪要.series}:`)) return p.minutes;
  const fixed = Object.values(SERIES_PATTERNS).find((s) => s.series === series);
  if (!fixed) throw new Error(`迁移包导入不能在编号序列“${series}”中重新编号`);
  return fixed.pattern;
}

/** Numbers as the preview shows them: the next free ones, counted on in memory. */
export function peekedNumbers(db: WenshuDB, patterns: SeriesPatterns): NumberSource {
  const planned = new Map<string, number>();
  return {
    async next(series, year) {
      const key = `${series}|${year}`;
      const seq = planned.get(key) ?? (await peekNextSerial(db, series, year));
      planned.set(key, seq + 1);
      return { seq, serial: formatSerial(patternOf(series, patterns), year, seq) };
    },
  };
}

/** Numbers taken in the import's transaction (gap-free, as any registration here). */
export function takenNumbers(db: WenshuDB, patterns: SeriesPatterns, writer: CounterWriter): NumberSource {
  return {
    async next(series, year) {
      const seq = await takeNextSerial(db, series, year, writer);
      return { seq, serial: formatSerial(patternOf(series, patterns), year, seq) };
    },
  };
}

/** The package's row is newer than the one here (offered as 更新), by its last change. */
function newer(sent: RegisterRow, here: RegisterRow): boolean {
  const at = (r: RegisterRow) => String((r as { updatedAt?: unknown }).updatedAt ?? '');
  return at(sent) > at(here);
}

export interface PlanContext {
  db: WenshuDB;
  pkg: TransferPackage;
  registers: readonly AnyRegister[];
  numbers: NumberSource;
  decisions: TransferDecisions;
  by: { at: string; id: string; name: string };
}

/**
 * 本单位其他计算机: a record whose id is here is the same record (unchanged: 已存在（相同）; sent newer:
 * 更新, offered; else 本机较新); a new one keeps its number unless a different record here holds it,
 * then it is renumbered in this PC's series, the old number kept as 原编号.
 */
async function planSameOffice(c: PlanContext): Promise<PlannedRecord[]> {
  const out: PlannedRecord[] = [];
  const accepted = new Set(c.decisions.updates ?? []);
  for (const d of c.registers) {
    const rows: readonly RegisterRow[] = c.pkg.items[d.kind] ?? [];
    if (rows.length === 0) continue;
    const existing = await registerTable(c.db, d).bulkGet(rows.map((r) => r.id));
    const here = await rowsInRanges(c.db, d, d.numberKey.lookup(rows));
    const taken = new Set(here.map((r) => d.numberKey.of(r)).filter((k): k is string => k !== null));
    for (const [i, record] of rows.entries()) {
      const mine = existing[i];
      if (mine) {
        if (canonicalJson(mine) === canonicalJson(record)) out.push({ d, record, status: '已存在（相同）', write: null, number: d.number(mine) });
        else if (newer(record, mine)) {
          const yes = accepted.has(rowKey(d.kind, record.id));
          // An update keeps the number this PC gave the record (it may have been renumbered here).
          const n = d.numberKey.counter(mine);
          const row = d.numberKey.renumber && n && d.numberKey.of(record) !== d.numberKey.of(mine) ? d.numberKey.renumber(record, { year: n.year, seq: n.seq, serial: numberKeySerial(d, mine) }, c.by) : record;
          out.push({ d, record, status: '更新', write: yes ? { d, row, isNew: false } : null, number: d.number(mine), accepted: yes });
        } else out.push({ d, record, status: '已存在（本机较新，不导入）', write: null, number: d.number(mine) });
        continue;
      }
      const key = d.numberKey.of(record);
      if (key === null || !taken.has(key)) {
        if (key !== null) taken.add(key);
        out.push({ d, record, status: '新增', write: { d, row: record, isNew: true }, number: d.number(record) });
        continue;
      }
      const n = d.numberKey.counter(record);
      if (!d.numberKey.renumber || !n) {
        out.push({ d, record, status: '编号冲突（不导入）', write: null, number: d.number(record) });
        continue;
      }
      const to = await c.numbers.next(n.series, n.year);
      const row = d.numberKey.renumber(record, { year: n.year, seq: to.seq, serial: to.serial }, c.by);
      const k = d.numberKey.of(row);
      if (k !== null) taken.add(k);
      out.push({ d, record, status: '新增', write: { d, row, isNew: true }, number: d.number(row), renumberedFrom: d.number(record) });
    }
  }
  return out;
}

/** The serial string a record's number is made of (收文编号, 载体编号, 纪要编号, 督办编号). */
function numberKeySerial(d: AnyRegister, row: RegisterRow): string {
  const r = row as { serial?: unknown; issued?: { number?: unknown } };
  if (typeof r.serial === 'string') return r.serial;
  if (typeof r.issued?.number === 'string') return r.issued.number;
  return d.number(row);
}

/** Each record of the package against this database, as importing it now would treat it. */
export async function planImport(c: PlanContext): Promise<PlannedRecord[]> {
  const purpose: TransferPurpose = purposeOf(c.pkg);
  if (purpose === '本单位其他计算机') return planSameOffice(c);
  throw new Error('送往其他单位的迁移包导入尚未接通');
}
