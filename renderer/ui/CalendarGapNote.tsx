import { Typography } from 'antd';
import type { IsoDate } from '@shared/domain/dates';
import { uncoveredYears, uncoveredYearsWarning, type WorkCalendar } from '@shared/domain/workdays';

/**
 * Beside a deadline (shown or being set): says when it falls in, or is counted through, a year
 * whose official holiday schedule is not entered, so working days there are a guess. Nothing
 * while the calendar loads or when every year is known.
 */
export function CalendarGapNote({ calendar, dates, from }: { calendar: Pick<WorkCalendar, 'isYearCovered'> | undefined; dates: readonly (IsoDate | undefined)[]; from?: IsoDate }) {
  if (!calendar) return null;
  const text = uncoveredYearsWarning(uncoveredYears(calendar, dates, from));
  if (!text) return null;
  return (
    <Typography.Text type="warning" role="note" aria-label="节假日安排未录入" style={{ display: 'block', fontSize: 12 }}>
      {text}
    </Typography.Text>
  );
}
