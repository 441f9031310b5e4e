import { registrationSchema } from '@shared/domain/incoming';
import { locateHeader, validateImportRows, type ImportMapping, type ImportOptions, type ImportValidation } from '@shared/domain/incoming-import';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { WorkbookSheet } from './xlsx';

// The work of a legacy register import that needs no database: reading the workbook and checking
// its rows. It runs in a Web Worker (legacy-import.worker.ts) so the window stays responsive while
// 100,000 rows are parsed and checked; where there is no Worker (unit and component tests) the
// client (legacy-import.ts) runs the very same functions in place.

/** Rows of the top of a sheet the wizard needs (locateHeader scans the first 10). */
const HEAD_ROWS = 10;

/** What the wizard sees of a sheet: its top rows, and the first filled row below them if any. */
export interface SheetHead {
  name: string;
  /** The first HEAD_ROWS rows, then the first row below them with anything in it (if any). */
  rows: unknown[][];
  /** Rows in the sheet (for the bar's total). */
  rowCount: number;
}

const filled = (r: readonly unknown[]) => r.some((c) => c !== null && c !== undefined && c !== '');

/**
 * A sheet as the wizard's 核对列 step needs it: the header is found in the top rows, and whether
 * there is any data row at all is decided by one filled row: locateHeader and importProblemForSheet
 * give the same verdict on this as on the whole sheet.
 */
export function sheetHead(sheet: WorkbookSheet): SheetHead {
  const rows = sheet.rows.slice(0, HEAD_ROWS);
  const below = sheet.rows.slice(HEAD_ROWS).find(filled);
  return { name: sheet.name, rows: below ? [...rows, below] : rows, rowCount: sheet.rows.length };
}

/**
 * The file's SHA-256 (hex): how the record of imported files knows it (issue #20). Synchronous
 * (@noble/hashes, ~300 ms for 20 MB): it runs in the worker beside the parse, and needs no
 * WebAssembly there.
 */
export function fileSha256(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** The first sheet with anything in it (the one the wizard opens on). */
export function firstFilledSheet(sheets: readonly SheetHead[]): number {
  return Math.max(0, sheets.findIndex((s) => s.rows.some(filled)));
}

export type CheckOptions = Pick<ImportOptions, 'defaultSignedBy' | 'today'>;

/**
 * Every row of the sheet checked as the preview shows it: the register's import rules
 * (validateImportRows) and then the very rules a registration passes (registrationSchema), so the
 * preview promises nothing the save would refuse. Bad rows in sheet order.
 */
export function checkSheet(sheet: WorkbookSheet, mapping: ImportMapping, options: CheckOptions, progress?: (done: number, total: number) => void): ImportValidation {
  const located = locateHeader(sheet.rows);
  const total = located.dataRows.length;
  // Two passes over the rows: the first half of the bar, then the second.
  const checked = validateImportRows(located.dataRows, mapping, {
    ...options,
    firstRowNumber: located.firstRowNumber,
    ...(progress ? { progress: (done: number) => progress(Math.floor(done / 2), total) } : {}),
  });
  const valid: ImportValidation['valid'] = [];
  const bad = [...checked.bad];
  checked.valid.forEach((row, i) => {
    if (progress && i % 2000 === 0) progress(Math.floor(total / 2 + (i / Math.max(1, checked.valid.length)) * (total / 2)), total);
    const parsed = registrationSchema.safeParse(row.registration);
    if (parsed.success) valid.push(row);
    else bad.push({ rowNumber: row.rowNumber, reason: parsed.error.issues.map((x) => x.message).join('；') });
  });
  bad.sort((a, b) => a.rowNumber - b.rowNumber);
  progress?.(total, total);
  return { valid, bad };
}
