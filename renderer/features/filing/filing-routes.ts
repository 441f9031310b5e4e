// Where the 归档 screens live in the URL: the page keeps its 年度 and tab in the query, so a
// print preview's 关闭 comes back to the same place.

/** A 年度 the repository accepts. */
export function validYear(y: number | null | undefined): y is number {
  return typeof y === 'number' && Number.isInteger(y) && y >= 1000 && y <= 9999;
}

export const FILING_TABS = ['candidates', 'catalogue', 'package'] as const;
export type FilingTab = (typeof FILING_TABS)[number];

/** The 归档 page on `year` and `tab`: /filing?year=2026&tab=catalogue. */
export function filingPath(year: number, tab: FilingTab): string {
  return `/filing?year=${year}&tab=${tab}`;
}

export type FilingPrintKind = 'catalogue' | 'stamps' | 'boxnotes';

/** The route of a print of `year`: /filing/print/catalogue?year=2026. */
export function filingPrintPath(what: FilingPrintKind, year: number): string {
  return `/filing/print/${what}?year=${year}`;
}
