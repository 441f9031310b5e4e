import { formatLocalDateTime } from '@shared/domain/dates';

/** An ISO instant as the office reads it on screen: '2026-11-23 10:00', local time ('' for none). */
export function formatLocalTime(iso: string | undefined, opts: { seconds?: boolean } = {}): string {
  return formatLocalDateTime(iso, opts);
}
