import type { WenshuDB } from './database';
import type { CommandWriter } from './commands/define';

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
