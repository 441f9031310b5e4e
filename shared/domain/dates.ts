import { z } from 'zod';

// Calendar days as ISO strings 'YYYY-MM-DD'. A register date is a day on the office wall
// calendar, not an instant, so nothing here goes through a time zone: arithmetic runs on UTC
// midnights (which have no DST jumps) and only `todayIso` reads the local clock.

/** A calendar day written 'YYYY-MM-DD'. Plain string so it stores and sorts as-is in IndexedDB. */
export type IsoDate = string;

export interface CalendarDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Four-digit years with no leading zero: '0202-01-01' is a typo for 2020, not the year 202.
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Splits a 'YYYY-MM-DD' string; null unless it names a real day (rejects 2026-02-30, 2026-13-01). */
export function parseIsoDate(value: string): CalendarDate | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  if (month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parseIsoDate(value) !== null;
}

/** Like parseIsoDate, for callers whose input has already been validated: a bad date is a bug. */
export function requireIsoDate(value: string): CalendarDate {
  const parsed = parseIsoDate(value);
  if (!parsed) throw new RangeError(`无效日期：${JSON.stringify(value)}（应为 YYYY-MM-DD）`);
  return parsed;
}

/** Builds 'YYYY-MM-DD' from parts, rejecting days that do not exist. */
export function toIsoDate(parts: CalendarDate): IsoDate {
  const text = `${String(parts.year).padStart(4, '0')}-${String(parts.month).padStart(2, '0')}-${String(
    parts.day,
  ).padStart(2, '0')}`;
  requireIsoDate(text);
  return text;
}

/** Days since 1970-01-01; an integer because UTC midnights are exactly a day apart. */
export function dayNumber(date: IsoDate): number {
  const { year, month, day } = requireIsoDate(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** The date of a day number (the inverse of dayNumber). */
export function fromDayNumber(n: number): IsoDate {
  const d = new Date(n * MS_PER_DAY);
  const year = d.getUTCFullYear();
  if (Number.isNaN(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError('日期超出支持范围（1000–9999 年）');
  }
  return toIsoDate({ year, month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** `date` moved by `days` calendar days (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isSafeInteger(days)) throw new RangeError(`天数必须是整数：${days}`);
  return fromDayNumber(dayNumber(date) + days);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** 0 = Sunday … 6 = Saturday, the same numbering as Date#getDay. */
export function weekday(date: IsoDate): 0 | 1 | 2 | 3 | 4 | 5 | 6 {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber(date) + 4) % 7) + 7) % 7) as 0 | 1 | 2 | 3 | 4 | 5 | 6;
}

export function isWeekend(date: IsoDate): boolean {
  const d = weekday(date);
  return d === 0 || d === 6;
}

/** -1, 0 or 1, for Array#sort. Validates both sides, so a malformed date cannot sort "correctly" by accident. */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  const diff = daysBetween(b, a);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

/** The local calendar day of an instant: what the clock on the office wall says. */
export function toLocalIsoDate(instant: Date): IsoDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError('无效时间');
  return toIsoDate({ year: instant.getFullYear(), month: instant.getMonth() + 1, day: instant.getDate() });
}

/** Today in local time; pass `now` in tests. */
export function todayIso(now: Date = new Date()): IsoDate {
  return toLocalIsoDate(now);
}

/** Print form of 成文日期 (GB/T 9704): '2026年7月1日', no leading zeros. */
export function formatChineseDate(date: IsoDate): string {
  const { year, month, day } = requireIsoDate(date);
  return `${year}年${month}月${day}日`;
}

/** Catalogue form (DA/T 22 归档文件目录): '20260701'. */
export function formatCatalogueDate(date: IsoDate): string {
  requireIsoDate(date);
  return date.replaceAll('-', '');
}

/** For forms and stored records: a real calendar day written YYYY-MM-DD. */
export const isoDateSchema = z
  .string({ error: '请输入日期' })
  .refine((value) => parseIsoDate(value) !== null, '请输入有效日期，格式如 2026-07-01');

/**
 * An instant as every screen writes it: local '2026-11-23 10:00' ('2026-11-23 10:00:05' with
 * seconds, for the audit log); the same YYYY-MM-DD as every date field. '' when missing or unreadable.
 */
export function formatLocalDateTime(instant: string | Date | undefined | null, opts: { seconds?: boolean } = {}): string {
  if (!instant) return '';
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${toLocalIsoDate(d)} ${p(d.getHours())}:${p(d.getMinutes())}${opts.seconds ? `:${p(d.getSeconds())}` : ''}`;
}

/** Local time as it goes into exported file names: '20261201-093005' (sorts by time). */
export function fileNameStamp(now: Date): string {
  if (Number.isNaN(now.getTime())) throw new RangeError('无效时间');
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}
