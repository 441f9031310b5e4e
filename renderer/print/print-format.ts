import { formatChineseDate, toLocalIsoDate, type IsoDate } from '@shared/domain/dates';

// How dates and times read on paper: 2026年7月1日 (GB/T 9704, no leading zeros), times to the minute.

const pad2 = (n: number) => String(n).padStart(2, '0');

/** '2026-07-01' → '2026年7月1日'; '' for none. */
export function paperDate(date: IsoDate | undefined | null): string {
  return date ? formatChineseDate(date) : '';
}

/** An ISO instant → its local day as '2026年7月1日'; '' when missing or unreadable. */
export function paperDayOf(instant: string | undefined | null): string {
  if (!instant) return '';
  const d = new Date(instant);
  return Number.isNaN(d.getTime()) ? '' : formatChineseDate(toLocalIsoDate(d));
}

/** An ISO instant → '2026年7月1日 09:05' (local time); '' when missing or unreadable. */
export function paperDateTime(instant: string | undefined | null): string {
  if (!instant) return '';
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return '';
  return `${formatChineseDate(toLocalIsoDate(d))} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}
