import type { WenshuDB } from './database';
import type { CommandWriter } from './commands/define';
import { formatRegisterNumber, SERIES_PATTERNS, seriesWithPrefix, type RegisterSeries } from '@shared/domain/numbering';
import { getSetting } from './repositories/settings';

/** How a counter is written: a command's writer (the counter is one of its declared tables, so its row is change-logged). */
export type CounterWriter = Pick<CommandWriter<'counters'>, 'put'>;

/**
 * Hands out the next number of a series for a year. Must run inside the same rw transaction that
 * saves the numbered record (include db.counters in its scope): IndexedDB serialises overlapping
 * rw transactions, even from two windows, so two saves can never read the same `last`, and a
 * save that fails rolls its number back with it, leaving no gap.
 */
export async function takeNextSerial(db: WenshuDB, series: string, year: number, writer: CounterWriter): Promise<number> {
  const key = `${series}|${year}`;
  const current = await db.counters.get(key);
  const next = (current?.last ?? 0) + 1;
  await writer.put('counters', { key, series, year, last: next });
  return next;
}

/**
 * Raises a counter so that it never hands out `n` (or anything below it) again: for records that
 * arrive already numbered (a 迁移包). Same transaction rule as takeNextSerial.
 */
export async function raiseCounter(db: WenshuDB, series: string, year: number, n: number, writer: CounterWriter): Promise<void> {
  if (!Number.isInteger(year) || !Number.isSafeInteger(n) || n < 1) return;
  const key = `${series}|${year}`;
  const current = await db.counters.get(key);
  if ((current?.last ?? 0) < n) await writer.put('counters', { key, series, year, last: n });
}

/** The number the next save would get, for display only (the real one is taken on save). */
export async function peekNextSerial(db: WenshuDB, series: string, year: number): Promise<number> {
  const current = await db.counters.get(`${series}|${year}`);
  return (current?.last ?? 0) + 1;
}

/**
 * Reserves `count` numbers of a series for a year at once (a bulk import): one counter read and
 * one put, the same numbers `count` calls of takeNextSerial would hand out, in order, gap-free.
 * Returns the first; the caller numbers its rows first … first + count − 1. Same transaction rule.
 */
export async function takeSerials(db: WenshuDB, series: string, year: number, count: number, writer: CounterWriter): Promise<number> {
  const key = `${series}|${year}`;
  const current = await db.counters.get(key);
  const first = (current?.last ?? 0) + 1;
  if (count > 0) await writer.put('counters', { key, series, year, last: first + count - 1 });
  return first;
}

// --- Register numbers (issue #20) -----------------------------------------------------------------
// The ONE place a register's number is taken: 收文编号, 载体编号, 督办编号, 纪要编号. It reads the
// pattern and this PC's 本机编号前缀 (setting 'numbering'.seriesPrefix) inside the caller's
// transaction (settings is in every command's scope: the audit head lives there), so a prefix
// changed in 设置 applies to exactly the numbers taken after it was saved. Each prefix has its own
// gap-free counter ('收文@B|2026'); without a prefix the counters are today's ('收文|2026').

/** A register number just taken: its serial in the year, the text, and the counter series it came from. */
export interface RegisterNumber {
  seq: number;
  /** The number as written on the record: '收〔2026〕B-0001', '第B-3期'. */
  serial: string;
  /** The counter series it was taken from: '收文@B' ('收文' without a prefix). */
  series: string;
  prefix: string;
  year: number;
}

/** How a register series is numbered on this PC now. `pattern` overrides the setting (a caller that read it before the transaction). */
export interface NumberingRule {
  pattern: string;
  prefix: string;
}

/** The pattern and prefix `series` is numbered with on this PC (settings 'numbering' and, for 纪要, 'meetings'). */
export async function registerNumberingRule(db: WenshuDB, series: RegisterSeries): Promise<NumberingRule> {
  const numbering = await getSetting(db, 'numbering');
  const prefix = numbering.seriesPrefix ?? '';
  if (series === '收文') return { pattern: numbering.incomingPattern, prefix };
  if (series === '载体' || series === '督办') return { pattern: SERIES_PATTERNS[series].pattern, prefix };
  return { pattern: (await getSetting(db, 'meetings')).minutesPattern, prefix };
}

/**
 * Takes the next number of register `series` ('收文', '载体', '督办' or minutesSeries(会议类型)) for
 * `year`, in this PC's prefix. Same transaction rule as takeNextSerial: call inside the command that
 * saves the numbered record (counters declared). The 迁移包 import renumbers an arriving record into
 * this PC's series with it (the record's year; the result's serial replaces its number, the old one
 * kept as 原编号). `pattern`: the pattern the caller already read (else the setting's).
 */
export async function takeRegisterNumber(db: WenshuDB, series: RegisterSeries, year: number, writer: CounterWriter, pattern?: string): Promise<RegisterNumber> {
  const rule = await registerNumberingRule(db, series);
  const counter = seriesWithPrefix(series, rule.prefix);
  const seq = await takeNextSerial(db, counter, year, writer);
  return { seq, serial: formatRegisterNumber(pattern ?? rule.pattern, year, seq, rule.prefix), series: counter, prefix: rule.prefix, year };
}

/**
 * Reserves `count` numbers of register `series` for `year` at once (a bulk import), as `count`
 * calls of takeRegisterNumber would: gap-free, in order, in this PC's prefix. `serialOf(seq)` writes
 * the number of each seq from `first` to `first + count − 1`. Same transaction rule.
 */
export async function takeRegisterNumbers(
  db: WenshuDB,
  series: RegisterSeries,
  year: number,
  count: number,
  writer: CounterWriter,
  pattern?: string,
): Promise<{ first: number; series: string; prefix: string; serialOf: (seq: number) => string }> {
  const rule = await registerNumberingRule(db, series);
  const counter = seriesWithPrefix(series, rule.prefix);
  const first = await takeSerials(db, counter, year, count, writer);
  const p = pattern ?? rule.pattern;
  return { first, series: counter, prefix: rule.prefix, serialOf: (seq) => formatRegisterNumber(p, year, seq, rule.prefix) };
}

/**
 * The number the next save in register `series` for `year` would get on this PC (display only).
 * `instead`: a pattern or prefix not saved yet (设置 → 编号规则 previews what it is typing).
 */
export async function peekRegisterNumber(db: WenshuDB, series: RegisterSeries, year: number, instead: Partial<NumberingRule> = {}): Promise<string> {
  const rule = { ...(await registerNumberingRule(db, series)), ...instead };
  return formatRegisterNumber(rule.pattern, year, await peekNextSerial(db, seriesWithPrefix(series, rule.prefix), year), rule.prefix);
}
