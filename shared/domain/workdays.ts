import { z } from 'zod';
// The official schedule (国务院办公厅 holiday notices) as shipped in the chinese-days package.
// Imported as JSON so the bundler inlines it: the app never fetches a calendar. Each map is
// date → "English name,中文名,statutory days".
import shippedSchedule from 'chinese-days/dist/chinese-days.json';
import { isoDateSchema, requireIsoDate, type IsoDate } from './dates';
import { singleLineText } from './text';

// 工作日 (DOMAIN.md §7): a date is a working day if it is a 调休上班 day, or Monday–Friday and
// not a public holiday. An administrator's override wins over everything, so a late-published
// schedule or a local arrangement can be entered offline.

/**
 * `noticeYear`: the day came from the 国务院办公厅 notice for that year, entered whole (设置 → 节假日
 * → 录入全年安排); that year then counts as covered. A day entered on its own covers no year.
 */
export type CalendarOverride = { date: string; kind: 'workday' | 'holiday'; note?: string; noticeYear?: number };

const NOTE_MAX = 100;

/** Settings form and DB: an administrator's correction of one day. */
export const calendarOverrideSchema = z.object({
  date: isoDateSchema,
  kind: z.enum(['workday', 'holiday'], { error: '请选择“工作日”或“休息日”' }),
  // Cleaned of control, bidi and zero-width characters (./text.ts) before its length is counted.
  note: singleLineText()
    // Count characters, not UTF-16 units, so a rare 扩展B character in a name counts once.
    .refine((s) => Array.from(s).length <= NOTE_MAX, `说明不能超过 ${NOTE_MAX} 个字`)
    .optional(),
}) satisfies z.ZodType<CalendarOverride>;

export type DayReason = '周末' | '工作日' | '法定节假日' | '调休上班' | '管理员设定';

export interface DayInfo {
  date: IsoDate;
  workday: boolean;
  reason: DayReason;
  /** Festival name ('春节') for 法定节假日/调休上班; the administrator's note for 管理员设定. */
  name?: string;
}

export interface WorkCalendar {
  isWorkday(date: IsoDate): boolean;
  dayInfo(date: IsoDate): DayInfo;
  /**
   * "N 个工作日内": the Nth working day after `date`, counting from the next working day
   * whether or not `date` itself is one. n = 0 returns `date` unchanged; negative n counts back.
   */
  addWorkdays(date: IsoDate, n: number): IsoDate;
  /**
   * Working days from `from` (excluded) to `to` (included), signed by direction:
   * to > from → +#{working days w : from < w ≤ to};
   * to = from → 0;
   * to < from → −#{working days w : to ≤ w < from}.
   * So countWorkdays(d, addWorkdays(d, n)) === n for every n, and for a deadline
   * countWorkdays(today, deadline) is "working days left" (0 on the day, < 0 once it has passed).
   */
  countWorkdays(from: IsoDate, to: IsoDate): number;
  /** The first working day strictly after `date` (same as addWorkdays(date, 1)). */
  nextWorkday(date: IsoDate): IsoDate;
  /** `date` itself if it is a working day, else the next one: 顺延 of a due date that falls on a day off. */
  workdayOnOrAfter(date: IsoDate): IsoDate;
  /**
   * Years whose official schedule is known, ascending: those shipped and those whose notice an
   * administrator entered whole. Other years use weekends only until their notice is entered.
   */
  coveredYears(): number[];
  isYearCovered(year: number): boolean;
}

/**
 * The years among `dates` (ISO dates, in any order) the calendar has no official schedule for,
 * ascending: a deadline in such a year is counted as if every weekday were a working day.
 * `from` (e.g. the 承办 day) widens the check to every year between it and each date, since
 * "N 个工作日" counted across a year walks through all of it.
 */
export function uncoveredYears(calendar: Pick<WorkCalendar, 'isYearCovered'>, dates: readonly (IsoDate | undefined)[], from?: IsoDate): number[] {
  const years = new Set<number>();
  const start = from ? Number(from.slice(0, 4)) : undefined;
  for (const d of dates) {
    if (!d) continue;
    const y = Number(d.slice(0, 4));
    for (let year = start !== undefined && start < y ? start : y; year <= y; year++) if (!calendar.isYearCovered(year)) years.add(year);
  }
  return [...years].sort((a, b) => a - b);
}

/** The warning shown beside a deadline in an uncovered year, or null. */
export function uncoveredYearsWarning(years: readonly number[]): string | null {
  if (years.length === 0) return null;
  return `${years.join('、')} 年的节假日安排尚未录入，时限按周一至周五为工作日计算，可能不准；请系统管理员在“设置 → 节假日”录入国务院办公厅通知。`;
}

type DateNameMap = Readonly<Record<string, string>>;

const OFFICIAL_HOLIDAYS: DateNameMap = shippedSchedule.holidays;
const OFFICIAL_MAKEUP_WORKDAYS: DateNameMap = shippedSchedule.workdays;

// A year counts as covered when the notice for it is in the data; every notice has holidays (元旦 at least).
const COVERED_YEARS: readonly number[] = [
  ...new Set(Object.keys(OFFICIAL_HOLIDAYS).map((date) => Number(date.slice(0, 4)))),
].sort((a, b) => a - b);

/** "Spring Festival,春节,4" → "春节"; anything unexpected is shown as given rather than lost. */
function festivalName(raw: string): string {
  const chinese = raw.split(',')[1]?.trim();
  return chinese || raw;
}

// More consecutive days off than any real calendar has: reaching it means the overrides are broken.
const MAX_DAYS_WITHOUT_WORK = 3660;
const MS_PER_DAY = 86_400_000;

/** A UTC-midnight cursor: cheaper than re-parsing the ISO string on every step of a long count. */
function cursorAt(date: IsoDate): Date {
  const { year, month, day } = requireIsoDate(date);
  return new Date(Date.UTC(year, month - 1, day));
}

function cursorIso(cursor: Date): IsoDate {
  const y = cursor.getUTCFullYear();
  if (y < 1000 || y > 9999) throw new RangeError('日期超出支持范围（1000–9999 年）');
  const m = cursor.getUTCMonth() + 1;
  const d = cursor.getUTCDate();
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

export function createWorkCalendar(overrides: readonly CalendarOverride[] = []): WorkCalendar {
  // Later entries win, so a caller may append a correction without removing the old row first.
  const overrideByDate = new Map<string, CalendarOverride>();
  for (const o of overrides) overrideByDate.set(o.date, o);
  const covered = [...new Set([...COVERED_YEARS, ...overrides.flatMap((o) => (o.noticeYear ? [o.noticeYear] : []))])].sort((a, b) => a - b);

  function classify(date: IsoDate, dayOfWeek: number): DayInfo {
    const override = overrideByDate.get(date);
    if (override) {
      const info: DayInfo = { date, workday: override.kind === 'workday', reason: '管理员设定' };
      if (override.note) info.name = override.note;
      return info;
    }
    const makeup = OFFICIAL_MAKEUP_WORKDAYS[date];
    if (makeup !== undefined) return { date, workday: true, reason: '调休上班', name: festivalName(makeup) };
    const holiday = OFFICIAL_HOLIDAYS[date];
    if (holiday !== undefined) return { date, workday: false, reason: '法定节假日', name: festivalName(holiday) };
    return dayOfWeek === 0 || dayOfWeek === 6
      ? { date, workday: false, reason: '周末' }
      : { date, workday: true, reason: '工作日' };
  }

  function workdayAt(cursor: Date): boolean {
    return classify(cursorIso(cursor), cursor.getUTCDay()).workday;
  }

  function step(cursor: Date, direction: 1 | -1): void {
    cursor.setTime(cursor.getTime() + direction * MS_PER_DAY);
  }

  function requireCount(n: number): void {
    if (!Number.isSafeInteger(n)) throw new RangeError(`工作日数必须是整数：${n}`);
  }

  function addWorkdays(date: IsoDate, n: number): IsoDate {
    requireCount(n);
    const cursor = cursorAt(date);
    const direction = n < 0 ? -1 : 1;
    let remaining = Math.abs(n);
    let daysOff = 0;
    while (remaining > 0) {
      step(cursor, direction);
      if (workdayAt(cursor)) {
        remaining -= 1;
        daysOff = 0;
      } else if (++daysOff > MAX_DAYS_WITHOUT_WORK) {
        throw new RangeError('连续休息日过多，请检查节假日设置');
      }
    }
    return cursorIso(cursor);
  }

  function countWorkdays(from: IsoDate, to: IsoDate): number {
    const start = cursorAt(from).getTime();
    const end = cursorAt(to).getTime();
    const forward = end >= start;
    // The counted range excludes `from` and includes `to`: (from, to] forward, [to, from) backward.
    const first = forward ? start + MS_PER_DAY : end;
    const last = forward ? end : start - MS_PER_DAY;
    let count = 0;
    for (const cursor = new Date(first); cursor.getTime() <= last; step(cursor, 1)) {
      if (workdayAt(cursor)) count += 1;
    }
    return forward ? count : 0 - count; // not -count: that is -0 when nothing was counted
  }

  return {
    isWorkday: (date) => {
      const cursor = cursorAt(date);
      return classify(date, cursor.getUTCDay()).workday;
    },
    dayInfo: (date) => {
      const cursor = cursorAt(date);
      return classify(date, cursor.getUTCDay());
    },
    addWorkdays,
    countWorkdays,
    nextWorkday: (date) => addWorkdays(date, 1),
    workdayOnOrAfter: (date) => {
      const cursor = cursorAt(date);
      return workdayAt(cursor) ? date : addWorkdays(date, 1);
    },
    coveredYears: () => [...covered],
    isYearCovered: (year) => covered.includes(year),
  };
}
