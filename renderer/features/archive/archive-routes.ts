// Where 档案查阅 lives in the URL: its filters in the query (?q=&year=&org=), so coming back from a
// 件 or its print lands on the same list.

export const ARCHIVE_PATH = '/archive';

/** A filed 件's page, keeping the list's query to come back to. */
export function archiveEntryPath(id: string, query = ''): string {
  return `${ARCHIVE_PATH}/${id}${query ? `?${query}` : ''}`;
}

export function archivePrintPath(id: string, query = ''): string {
  return `${ARCHIVE_PATH}/${id}/print${query ? `?${query}` : ''}`;
}

export function archiveListPath(query = ''): string {
  return `${ARCHIVE_PATH}${query ? `?${query}` : ''}`;
}

/** The source record's page, by register (a filed record stays read-only there). */
export const RECORD_PAGES: Readonly<Record<string, string>> = { incoming: '/incoming', meetings: '/meetings' };
