import chineseDays from 'chinese-days';
import shipped from 'chinese-days/dist/chinese-days.json';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../../shared/domain/dates';
import {
  calendarOverrideSchema,
  createWorkCalendar,
  type CalendarOverride,
} from '../../../../shared/domain/workdays';

// Every dated case below was looked up in node_modules/chinese-days/dist/chinese-days.json
// (chinese-days 1.5.7) and matches the 国务院办公厅 notices for those years.

const cal = createWorkCalendar();
const holidays: Readonly<Record<string, string>> = shipped.holidays;
const makeupDays: Readonly<Record<string, string>> = shipped.workdays;

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

describe('the shipped data is what the cases assume', () => {
  it('has the holiday and 调休 entries used below', () => {
    for (const d of range('2024-02-10', '2024-02-17')) expect(holidays[d]).toContain('春节');
    for (const d of ['2024-02-04', '2024-02-18']) expect(makeupDays[d]).toContain('春节');
    for (const d of range('2025-01-28', '2025-02-04')) expect(holidays[d]).toContain('春节');
    for (const d of ['2025-01-26', '2025-02-08']) expect(makeupDays[d]).toContain('春节');
    for (const d of range('2025-10-01', '2025-10-08')) expect(holidays[d]).toBeDefined();
    for (const d of ['2025-09-28', '2025-10-11']) expect(makeupDays[d]).toContain('国庆节');
    for (const d of range('2026-02-15', '2026-02-23')) expect(holidays[d]).toContain('春节');
    for (const d of ['2026-02-14', '2026-02-28']) expect(makeupDays[d]).toContain('春节');
  });
});

describe('isWorkday / dayInfo over real schedules', () => {
  it('2024 春节: 02-10..17 off, Sundays 02-04 and 02-18 worked', () => {
    for (const d of range('2024-02-10', '2024-02-17')) {
      expect(cal.dayInfo(d)).toEqual({ date: d, workday: false, reason: '法定节假日', name: '春节' });
    }
    expect(cal.dayInfo('2024-02-04')).toEqual({ date: '2024-02-04', workday: true, reason: '调休上班', name: '春节' });
    expect(cal.dayInfo('2024-02-18')).toEqual({ date: '2024-02-18', workday: true, reason: '调休上班', name: '春节' });
    // 除夕 2024-02-09 (Friday) was not a holiday that year.
    expect(cal.dayInfo('2024-02-09')).toEqual({ date: '2024-02-09', workday: true, reason: '工作日' });
    expect(cal.isWorkday('2024-02-19')).toBe(true);
  });

  it('2025 春节: 01-28..02-04 off, Sunday 01-26 and Saturday 02-08 worked', () => {
    for (const d of range('2025-01-28', '2025-02-04')) expect(cal.isWorkday(d)).toBe(false);
    expect(cal.dayInfo('2025-02-03').reason).toBe('法定节假日'); // a Monday off
    expect(cal.dayInfo('2025-01-26')).toEqual({ date: '2025-01-26', workday: true, reason: '调休上班', name: '春节' });
    expect(cal.dayInfo('2025-02-08')).toEqual({ date: '2025-02-08', workday: true, reason: '调休上班', name: '春节' });
    expect(cal.isWorkday('2025-01-27')).toBe(true);
    expect(cal.isWorkday('2025-02-05')).toBe(true);
    expect(cal.isWorkday('2025-01-25')).toBe(false); // the Saturday before stays a weekend
    expect(cal.isWorkday('2025-02-09')).toBe(false);
  });

  it('2025 国庆/中秋: 10-01..08 off, Sunday 09-28 and Saturday 10-11 worked', () => {
    for (const d of range('2025-10-01', '2025-10-08')) expect(cal.isWorkday(d)).toBe(false);
    expect(cal.dayInfo('2025-10-01').name).toBe('国庆节');
    expect(cal.dayInfo('2025-10-06').name).toBe('中秋');
    expect(cal.dayInfo('2025-09-28')).toEqual({ date: '2025-09-28', workday: true, reason: '调休上班', name: '国庆节' });
    expect(cal.dayInfo('2025-10-11')).toEqual({ date: '2025-10-11', workday: true, reason: '调休上班', name: '国庆节' });
    expect(cal.isWorkday('2025-10-09')).toBe(true);
  });

  it('2026 春节: 02-15..23 off, Saturdays 02-14 and 02-28 worked', () => {
    for (const d of range('2026-02-15', '2026-02-23')) expect(cal.isWorkday(d)).toBe(false);
    expect(cal.dayInfo('2026-02-20')).toEqual({ date: '2026-02-20', workday: false, reason: '法定节假日', name: '春节' });
    expect(cal.dayInfo('2026-02-14').reason).toBe('调休上班');
    expect(cal.dayInfo('2026-02-28').reason).toBe('调休上班');
    expect(cal.isWorkday('2026-02-24')).toBe(true);
  });

  it('2026 元旦: 01-01..03 off, Sunday 01-04 worked', () => {
    expect(cal.dayInfo('2026-01-02')).toEqual({ date: '2026-01-02', workday: false, reason: '法定节假日', name: '元旦' });
    expect(cal.dayInfo('2026-01-04')).toEqual({ date: '2026-01-04', workday: true, reason: '调休上班', name: '元旦' });
  });

  it('a plain weekend and a plain weekday', () => {
    expect(cal.dayInfo('2025-03-08')).toEqual({ date: '2025-03-08', workday: false, reason: '周末' });
    expect(cal.dayInfo('2025-03-09')).toEqual({ date: '2025-03-09', workday: false, reason: '周末' });
    expect(cal.dayInfo('2025-03-10')).toEqual({ date: '2025-03-10', workday: true, reason: '工作日' });
  });

  it('follows DOMAIN §7 on every day of every covered year', () => {
    // Oracle written straight from the rule and the raw data. Not chinese-days' own isWorkday():
    // it mixes UTC parsing with local getDay() and calls Saturdays working days west of UTC.
    const years = cal.coveredYears();
    const first = years[0];
    const last = years[years.length - 1];
    expect(first).toBeDefined();
    expect(last).toBeDefined();
    const expected = (d: string): boolean => {
      const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
      return d in makeupDays || (dow >= 1 && dow <= 5 && !(d in holidays));
    };
    const mismatches = range(`${first}-01-01`, `${last}-12-31`).filter((d) => cal.isWorkday(d) !== expected(d));
    expect(mismatches).toEqual([]);
  });

  // West of UTC chinese-days' own answers are shifted by a day, so the cross-check only runs east of it.
  it.skipIf(new Date(2025, 0, 1).getTimezoneOffset() > 0)('agrees with chinese-days itself (UTC and east)', () => {
    const mismatches = range('2024-01-01', '2026-12-31').filter((d) => cal.isWorkday(d) !== chineseDays.isWorkday(d));
    expect(mismatches).toEqual([]);
  });

  it('rejects invalid dates', () => {
    expect(() => cal.isWorkday('2026-02-30')).toThrow(RangeError);
    expect(() => cal.dayInfo('2026/02/01')).toThrow(RangeError);
  });
});

describe('addWorkdays — "N 个工作日内" counts from the next working day', () => {
  it('n = 0 returns the date itself, working day or not', () => {
    expect(cal.addWorkdays('2025-03-10', 0)).toBe('2025-03-10');
    expect(cal.addWorkdays('2025-01-29', 0)).toBe('2025-01-29');
  });

  it('counts an ordinary week', () => {
    expect(cal.addWorkdays('2025-03-10', 1)).toBe('2025-03-11');
    expect(cal.addWorkdays('2025-03-07', 1)).toBe('2025-03-10'); // Friday → Monday
    expect(cal.addWorkdays('2025-03-08', 1)).toBe('2025-03-10'); // from a Saturday
    expect(cal.addWorkdays('2025-03-10', 5)).toBe('2025-03-17');
  });

  it('jumps the 2025 春节 week and uses the 调休 Saturday', () => {
    expect(cal.addWorkdays('2025-01-27', 1)).toBe('2025-02-05');
    expect(cal.addWorkdays('2025-01-27', 3)).toBe('2025-02-07');
    expect(cal.addWorkdays('2025-01-27', 4)).toBe('2025-02-08'); // 调休 Saturday counts
    expect(cal.addWorkdays('2025-01-27', 5)).toBe('2025-02-10');
    expect(cal.addWorkdays('2025-01-30', 1)).toBe('2025-02-05'); // received during the holiday
    expect(cal.addWorkdays('2025-01-25', 1)).toBe('2025-01-26'); // Saturday → 调休 Sunday
  });

  it('2024 春节: 3 working days from Thursday 02-08 end on Monday 02-19', () => {
    // 02-09 Fri (1), 02-10..17 off, 02-18 调休 Sunday (2), 02-19 (3)
    expect(cal.addWorkdays('2024-02-08', 3)).toBe('2024-02-19');
  });

  it('2026 春节: minutes due within 3 working days of Thursday 02-12', () => {
    // 02-13 Fri (1), 02-14 调休 Sat (2), 02-15..23 off, 02-24 (3)
    expect(cal.addWorkdays('2026-02-12', 3)).toBe('2026-02-24');
    expect(cal.nextWorkday('2026-02-14')).toBe('2026-02-24');
  });

  it('2025 国庆: the next working day after 09-30 is 10-09', () => {
    expect(cal.addWorkdays('2025-09-30', 1)).toBe('2025-10-09');
    expect(cal.addWorkdays('2025-09-26', 1)).toBe('2025-09-28');
  });

  it('counts backwards the same way', () => {
    expect(cal.addWorkdays('2025-02-05', -1)).toBe('2025-01-27');
    expect(cal.addWorkdays('2025-02-10', -1)).toBe('2025-02-08');
    expect(cal.addWorkdays('2025-02-10', -2)).toBe('2025-02-07');
    expect(cal.addWorkdays('2025-01-30', -1)).toBe('2025-01-27'); // from inside the holiday
    expect(cal.addWorkdays('2025-03-10', -1)).toBe('2025-03-07');
  });

  it('refuses fractional counts and bad dates', () => {
    expect(() => cal.addWorkdays('2025-03-10', 1.5)).toThrow(RangeError);
    expect(() => cal.addWorkdays('2025-03-10', Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => cal.addWorkdays('2025-02-29', 1)).toThrow(RangeError);
  });
});

describe('nextWorkday and workdayOnOrAfter', () => {
  it('nextWorkday is strictly after', () => {
    expect(cal.nextWorkday('2025-03-10')).toBe('2025-03-11');
    expect(cal.nextWorkday('2025-03-07')).toBe('2025-03-10');
  });

  it('workdayOnOrAfter keeps a working day and rolls a day off forward', () => {
    expect(cal.workdayOnOrAfter('2025-03-10')).toBe('2025-03-10');
    expect(cal.workdayOnOrAfter('2025-03-08')).toBe('2025-03-10');
    expect(cal.workdayOnOrAfter('2025-10-01')).toBe('2025-10-09');
    expect(cal.workdayOnOrAfter('2025-10-11')).toBe('2025-10-11'); // 调休 Saturday
  });
});

describe('countWorkdays — (from, to], signed', () => {
  it('is 0 for the same day', () => {
    expect(cal.countWorkdays('2025-03-10', '2025-03-10')).toBe(0);
    expect(cal.countWorkdays('2025-03-08', '2025-03-08')).toBe(0);
  });

  it('counts an ordinary week, excluding the start and including the end', () => {
    expect(cal.countWorkdays('2025-03-10', '2025-03-17')).toBe(5);
    expect(cal.countWorkdays('2025-03-07', '2025-03-10')).toBe(1);
    expect(cal.countWorkdays('2025-03-07', '2025-03-09')).toBe(0); // only a weekend in between
  });

  it('counts over the 2025 春节 week', () => {
    expect(cal.countWorkdays('2025-01-27', '2025-02-07')).toBe(3); // 02-05, 06, 07
    // 01-26 调休, 01-27, 02-05, 02-06, 02-07, 02-08 调休, 02-10
    expect(cal.countWorkdays('2025-01-24', '2025-02-10')).toBe(7);
    expect(cal.countWorkdays('2025-01-27', '2025-02-04')).toBe(0); // all holiday
  });

  it('counts over the 2025 国庆 golden week', () => {
    // 09-28 调休, 09-29, 09-30, 10-09, 10-10, 10-11 调休 (nothing from 10-01 to 10-08)
    expect(cal.countWorkdays('2025-09-26', '2025-10-12')).toBe(6);
  });

  it('goes negative when `to` is earlier: counts [to, from)', () => {
    expect(cal.countWorkdays('2025-02-10', '2025-01-24')).toBe(-7);
    // A deadline of Friday seen on Saturday is one working day overdue, not "due today".
    expect(cal.countWorkdays('2025-03-08', '2025-03-07')).toBe(-1);
    expect(cal.countWorkdays('2025-03-09', '2025-03-08')).toBe(0);
    expect(cal.countWorkdays('2025-02-05', '2025-01-27')).toBe(-1);
  });

  it('undoes addWorkdays for every n and start day', () => {
    // A fixed spread of start days through the 2025 and 2026 holiday seasons, weekends included.
    const starts = range('2025-01-20', '2025-02-15').concat(range('2025-09-25', '2025-10-14'), range('2026-02-10', '2026-03-02'));
    for (const d of starts) {
      for (let n = -12; n <= 12; n += 1) {
        expect(cal.countWorkdays(d, cal.addWorkdays(d, n))).toBe(n);
      }
    }
  });

  it('refuses bad dates', () => {
    expect(() => cal.countWorkdays('2025-13-01', '2025-03-10')).toThrow(RangeError);
  });
});

describe('administrator overrides', () => {
  const overrides: CalendarOverride[] = [
    { date: '2025-10-08', kind: 'workday', note: '单位安排上班' }, // a 国庆 holiday made a working day
    { date: '2025-03-12', kind: 'holiday', note: '本地假日' }, // a Wednesday made a day off
    { date: '2025-10-11', kind: 'holiday' }, // a 调休 Saturday cancelled
    { date: '2025-03-15', kind: 'workday' }, // an ordinary Saturday worked
  ];
  const local = createWorkCalendar(overrides);

  it('wins over the official schedule and the weekend', () => {
    expect(local.dayInfo('2025-10-08')).toEqual({ date: '2025-10-08', workday: true, reason: '管理员设定', name: '单位安排上班' });
    expect(local.dayInfo('2025-03-12')).toEqual({ date: '2025-03-12', workday: false, reason: '管理员设定', name: '本地假日' });
    expect(local.dayInfo('2025-10-11')).toEqual({ date: '2025-10-11', workday: false, reason: '管理员设定' });
    expect(local.isWorkday('2025-03-15')).toBe(true);
  });

  it('changes deadlines', () => {
    expect(local.addWorkdays('2025-09-30', 1)).toBe('2025-10-08');
    expect(local.addWorkdays('2025-03-11', 1)).toBe('2025-03-13');
    expect(local.countWorkdays('2025-03-10', '2025-03-17')).toBe(5); // -1 Wednesday, +1 Saturday
    expect(local.countWorkdays('2025-10-09', '2025-10-13')).toBe(2); // 10-10, 10-13; 10-11 now off
  });

  it('leaves other days and the default calendar alone', () => {
    expect(local.dayInfo('2025-10-07').reason).toBe('法定节假日');
    expect(cal.isWorkday('2025-10-08')).toBe(false);
    expect(cal.isWorkday('2025-03-12')).toBe(true);
  });

  it('the later of two overrides for one day wins', () => {
    const twice = createWorkCalendar([
      { date: '2025-03-12', kind: 'holiday' },
      { date: '2025-03-12', kind: 'workday', note: '更正' },
    ]);
    expect(twice.dayInfo('2025-03-12')).toEqual({ date: '2025-03-12', workday: true, reason: '管理员设定', name: '更正' });
  });

  it('an empty note gives no name', () => {
    expect(createWorkCalendar([{ date: '2025-03-12', kind: 'holiday', note: '' }]).dayInfo('2025-03-12')).toEqual({
      date: '2025-03-12',
      workday: false,
      reason: '管理员设定',
    });
  });

  it('a year with every day off is reported, not looped on forever', () => {
    const closed = createWorkCalendar(
      range('2099-01-01', '2109-12-31')
        .filter((d) => cal.isWorkday(d))
        .map((date): CalendarOverride => ({ date, kind: 'holiday' })),
    );
    expect(() => closed.addWorkdays('2098-12-31', 1)).toThrow(RangeError);
  });
});

describe('coveredYears', () => {
  it('lists the years of the shipped schedule, ascending and contiguous', () => {
    const years = cal.coveredYears();
    expect(years).toContain(2024);
    expect(years).toContain(2025);
    expect(years).toContain(2026);
    expect(years[0]).toBe(2004);
    expect(years).toEqual([...years].sort((a, b) => a - b));
    years.forEach((y, i) => expect(y).toBe(2004 + i));
    expect(cal.isYearCovered(2026)).toBe(true);
    expect(cal.isYearCovered(1999)).toBe(false);
    expect(cal.isYearCovered(2099)).toBe(false);
  });

  it('returns a copy the caller cannot corrupt', () => {
    cal.coveredYears().push(2099);
    expect(cal.isYearCovered(2099)).toBe(false);
    expect(cal.coveredYears()).not.toContain(2099);
  });

  it('an uncovered year falls back to plain weekends', () => {
    expect(cal.dayInfo('2099-01-01')).toEqual({ date: '2099-01-01', workday: true, reason: '工作日' }); // a Thursday
    expect(cal.dayInfo('2099-01-03')).toEqual({ date: '2099-01-03', workday: false, reason: '周末' });
  });
});

describe('calendarOverrideSchema', () => {
  it('accepts a valid override and trims the note', () => {
    expect(calendarOverrideSchema.parse({ date: '2026-02-24', kind: 'holiday', note: '  本地安排 ' })).toEqual({
      date: '2026-02-24',
      kind: 'holiday',
      note: '本地安排',
    });
    expect(calendarOverrideSchema.parse({ date: '2026-02-28', kind: 'workday' })).toEqual({
      date: '2026-02-28',
      kind: 'workday',
    });
  });

  it.each(['2026-02-30', '2026-13-01', '2026-2-3', '2026/02/03', ''])('rejects the date %j', (date) => {
    const result = calendarOverrideSchema.safeParse({ date, kind: 'holiday' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['date']);
  });

  it('rejects an unknown kind', () => {
    const result = calendarOverrideSchema.safeParse({ date: '2026-02-24', kind: 'weekend' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['kind']);
  });

  it('limits the note to 100 characters', () => {
    expect(calendarOverrideSchema.safeParse({ date: '2026-02-24', kind: 'holiday', note: '假'.repeat(100) }).success).toBe(true);
    const long = calendarOverrideSchema.safeParse({ date: '2026-02-24', kind: 'holiday', note: '假'.repeat(101) });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.message).toBe('说明不能超过 100 个字');
    // A character outside the BMP is one character, not two.
    expect(calendarOverrideSchema.safeParse({ date: '2026-02-24', kind: 'holiday', note: '𠮷'.repeat(100) }).success).toBe(true);
  });
});
