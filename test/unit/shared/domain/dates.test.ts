import { describe, expect, it } from 'vitest';
import {
  addDays,
  compareDates,
  daysBetween,
  formatCatalogueDate,
  formatChineseDate,
  formatLocalDateTime,
  isIsoDate,
  isoDateSchema,
  isWeekend,
  parseIsoDate,
  requireIsoDate,
  toIsoDate,
  toLocalIsoDate,
  todayIso,
  weekday,
} from '../../../../shared/domain/dates';

describe('parseIsoDate', () => {
  it('splits a real day', () => {
    expect(parseIsoDate('2026-07-01')).toEqual({ year: 2026, month: 7, day: 1 });
    expect(parseIsoDate('2026-12-31')).toEqual({ year: 2026, month: 12, day: 31 });
  });

  it('knows leap years', () => {
    expect(parseIsoDate('2024-02-29')).not.toBeNull();
    expect(parseIsoDate('2000-02-29')).not.toBeNull(); // divisible by 400
    expect(parseIsoDate('2023-02-29')).toBeNull();
    expect(parseIsoDate('1900-02-29')).toBeNull(); // divisible by 100, not 400
  });

  it.each([
    '2026-02-30',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-01-32',
    '2026-1-5',
    '2026/01/05',
    '20260105',
    ' 2026-01-05',
    '2026-01-05 ',
    '2026-01-05T00:00',
    '２０２６-01-05',
    '0999-01-01',
    '',
    'today',
  ])('rejects %j', (value) => {
    expect(parseIsoDate(value)).toBeNull();
    expect(isIsoDate(value)).toBe(false);
    expect(() => requireIsoDate(value)).toThrow(RangeError);
  });

  it('isIsoDate rejects non-strings', () => {
    expect(isIsoDate(20260105)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
    expect(isIsoDate(new Date())).toBe(false);
  });
});

describe('toIsoDate', () => {
  it('pads and validates', () => {
    expect(toIsoDate({ year: 2026, month: 7, day: 1 })).toBe('2026-07-01');
    expect(() => toIsoDate({ year: 2026, month: 2, day: 30 })).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it('crosses months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-07-01', 0)).toBe('2026-07-01');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
  });

  it('refuses bad input', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-01-01', 1.5)).toThrow(RangeError);
    expect(() => addDays('2026-01-01', Number.NaN)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });
});

describe('daysBetween and compareDates', () => {
  it('counts calendar days', () => {
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(daysBetween('2026-12-31', '2026-01-01')).toBe(-364);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
  });

  it('compares and sorts', () => {
    expect(compareDates('2026-01-02', '2026-01-10')).toBe(-1);
    expect(compareDates('2026-01-10', '2026-01-02')).toBe(1);
    expect(compareDates('2026-01-10', '2026-01-10')).toBe(0);
    expect(['2026-03-01', '2025-12-31', '2026-01-15'].sort(compareDates)).toEqual([
      '2025-12-31',
      '2026-01-15',
      '2026-03-01',
    ]);
    expect(() => compareDates('2026-1-2', '2026-01-10')).toThrow(RangeError);
  });
});

describe('weekday', () => {
  it('uses 0 = Sunday … 6 = Saturday', () => {
    expect(weekday('2026-07-01')).toBe(3); // Wednesday
    expect(weekday('2025-03-08')).toBe(6);
    expect(weekday('2025-03-09')).toBe(0);
    expect(weekday('2024-02-29')).toBe(4);
    expect(weekday('1970-01-01')).toBe(4);
    expect(weekday('1969-12-28')).toBe(0); // before the epoch
    expect(isWeekend('2025-03-08')).toBe(true);
    expect(isWeekend('2025-03-10')).toBe(false);
  });
});

describe('today in local time', () => {
  it('takes the local calendar day, early and late', () => {
    // Built from local parts, so the expectation holds in any TZ the tests run in.
    expect(todayIso(new Date(2026, 6, 1, 0, 0, 0))).toBe('2026-07-01');
    expect(todayIso(new Date(2026, 6, 1, 23, 59, 59))).toBe('2026-07-01');
    expect(toLocalIsoDate(new Date(2026, 0, 5, 12))).toBe('2026-01-05');
    expect(isIsoDate(todayIso())).toBe(true);
    expect(() => toLocalIsoDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('print formats', () => {
  it('prints 成文日期 without leading zeros', () => {
    expect(formatChineseDate('2026-07-01')).toBe('2026年7月1日');
    expect(formatChineseDate('2031-06-30')).toBe('2031年6月30日');
    expect(formatChineseDate('2026-12-25')).toBe('2026年12月25日');
  });

  it('prints catalogue dates as YYYYMMDD', () => {
    expect(formatCatalogueDate('2026-07-01')).toBe('20260701');
    expect(() => formatCatalogueDate('2026-7-1')).toThrow(RangeError);
  });
});

describe('isoDateSchema', () => {
  it('accepts real days and explains bad ones', () => {
    expect(isoDateSchema.safeParse('2026-07-01').success).toBe(true);
    const bad = isoDateSchema.safeParse('2026-02-30');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain('有效日期');
    expect(isoDateSchema.safeParse(20260701).success).toBe(false);
  });
});

describe('formatLocalDateTime: one way every screen writes a moment', () => {
  it('writes the date as every date field does, then the time to the minute', () => {
    const d = new Date(2026, 10, 23, 9, 5, 7);
    expect(formatLocalDateTime(d)).toBe('2026-11-23 09:05');
    expect(formatLocalDateTime(d.toISOString())).toBe('2026-11-23 09:05');
    expect(formatLocalDateTime(d, { seconds: true })).toBe('2026-11-23 09:05:07');
  });
  it('is empty for nothing or an unreadable instant', () => {
    expect(formatLocalDateTime(undefined)).toBe('');
    expect(formatLocalDateTime('not a time')).toBe('');
  });
});
