/** An ISO instant as the office reads it on screen: local date and time, 24-hour ('' for none). */
export function formatLocalTime(iso: string | undefined): string {
  return iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '';
}
