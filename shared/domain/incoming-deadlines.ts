import { compareDates, type IsoDate } from './dates';
import type { DeadlineSpec, IncomingState } from './incoming-types';
import type { WorkCalendar } from './workdays';

// 办理时限 (DOMAIN.md §3 step 6, §7): counted in working days on the office calendar.

/** 即将到期 means at most this many working days left (issue 3: "≤ 2 working days"). */
export const DUE_SOON_WORKDAYS = 2;

/** The longest "N 个工作日" a secretary may set: a year and a half of working days is a typo. */
export const MAX_DEADLINE_WORKDAYS = 365;

export type DeadlineStatus = '已超期' | '今日到期' | '即将到期';

/** States whose 办理时限 no longer matters: the work is done or was never ours. */
const CLOSED_STATES: ReadonlySet<IncomingState> = new Set(['已办结', '已退回']);

/**
 * The 办理时限 as a calendar date. "N 个工作日内" counts from the next working day after
 * `today` (the 承办 day), so 承办 on a Friday with 1 个工作日 is due the following Monday.
 * A date is kept as the secretary gave it, even on a day off: it is what the leader asked for.
 */
export function resolveDueDate(spec: DeadlineSpec, today: IsoDate, calendar: WorkCalendar): IsoDate {
  return spec.kind === 'date' ? spec.date : calendar.addWorkdays(today, spec.days);
}

/**
 * Where a record stands against its 办理时限 on `today`: 已超期 once the date has passed,
 * 今日到期 on the date, 即将到期 with at most DUE_SOON_WORKDAYS working days left, else null.
 * Also null without a 办理时限 and once the record is 已办结 or 已退回.
 */
export function deadlineStatus(
  dueDate: IsoDate | undefined,
  state: IncomingState,
  today: IsoDate,
  calendar: WorkCalendar,
): DeadlineStatus | null {
  if (!dueDate || CLOSED_STATES.has(state)) return null;
  // Compare calendar dates first: countWorkdays is 0 both "on the day" and for a due date on a
  // day off just before or after today, and a date in the past is overdue whatever day it was.
  const order = compareDates(today, dueDate);
  if (order > 0) return '已超期';
  if (order === 0) return '今日到期';
  // "≤ 2 working days left" is "before the 3rd working day from today": a short walk from today
  // instead of counting every day up to a due date that may be a year away (工作台 does this for
  // every open record).
  return compareDates(dueDate, calendar.addWorkdays(today, DUE_SOON_WORKDAYS + 1)) < 0 ? '即将到期' : null;
}
