import { MASK } from '@shared/domain/need-to-know';
import { formatClassificationMark, type Classification, type SecrecyTerm, type Urgency } from '@shared/domain/enums';
import type { IncomingState } from '@shared/domain/incoming-types';
// Type-only: erased at build time, so the libraries still load only on first use.
import type { CellObject, Sheet, SheetData } from 'write-excel-file/universal';
import { dateCell, fitRowHeights, formulaSafeSheet } from './xlsx-cells';
import { printSetupFeature, type SheetPrint } from './xlsx-print';

// Reading and writing .xlsx for the 收文 register: import of a legacy Excel 收文登记簿 and export
// of the filtered list (issue 3). The spreadsheet libraries are loaded on first use, so importing
// this module costs nothing until a file is actually read or written; the UI may also
// `await import('./xlsx')`. The "universal" entries run the same in the browser bundle and in
// Node (tests): they take an ArrayBuffer / give a Blob, and pull no Node built-ins.
// Every .xlsx export (this register, 归档文件目录, 督办通报) is written by writeWorkbook below.

export const NOT_XLSX_MESSAGE = '这不是 Excel 工作簿（.xlsx）文件，无法读取';

/** The file is not an .xlsx workbook. `legacyXls` is set for an old binary .xls (the UI may suggest 另存为 .xlsx). */
export class NotXlsxError extends Error {
  override readonly name = 'NotXlsxError';
  constructor(
    readonly legacyXls: boolean,
    options?: { cause?: unknown },
  ) {
    super(NOT_XLSX_MESSAGE, options);
  }
}

/**
 * Both libraries hand any part of a file over ~160 KB (writing) or ~512 KB (reading) to a Web
 * Worker built from a blob: URL (fflate): an export of more than ~400 register rows, an import
 * of more than a few thousand. A Content-Security-Policy without `worker-src blob:` blocks that
 * worker (measured in Chromium) and the library then waits forever. The libraries cannot be told
 * to stay on the main thread, but we can fail loudly: while a file is processed in a page, a CSP
 * violation for a blob: worker rejects with this message instead of a spinner that never stops.
 */
export const WORKER_BLOCKED_MESSAGE = 'Excel 文件较大，需要后台线程处理，但被本程序的安全策略阻止（CSP 缺少 worker-src blob:），请联系管理员';

export function failOnBlockedWorker<T>(work: () => Promise<T>): Promise<T> {
  if (typeof document === 'undefined' || typeof document.addEventListener !== 'function') return work();
  return new Promise<T>((resolve, reject) => {
    const onViolation = (e: SecurityPolicyViolationEvent) => {
      const directive = e.effectiveDirective || e.violatedDirective;
      if (!e.blockedURI.startsWith('blob') || !/^(worker-src|script-src|child-src|default-src)/.test(directive)) return;
      done();
      reject(new Error(WORKER_BLOCKED_MESSAGE));
    };
    const done = () => document.removeEventListener('securitypolicyviolation', onViolation);
    document.addEventListener('securitypolicyviolation', onViolation);
    work().then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export interface WorkbookSheet {
  name: string;
  /** Cells from A1, row by row: string, number, boolean, Date (UTC midnight for a date cell) or null. */
  rows: unknown[][];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // .xls, .doc (OLE2 compound file)

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** Every sheet of an .xlsx workbook. Throws NotXlsxError (NOT_XLSX_MESSAGE) for anything else. */
export async function readWorkbook(bytes: Uint8Array): Promise<{ sheets: WorkbookSheet[] }> {
  if (!startsWith(bytes, ZIP_MAGIC)) throw new NotXlsxError(startsWith(bytes, OLE_MAGIC));
  // A fresh ArrayBuffer holding exactly these bytes (the view may sit inside a larger buffer).
  const buffer = bytes.slice().buffer;
  const { default: readXlsxFile } = await import('read-excel-file/universal');
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>;
  try {
    sheets = await failOnBlockedWorker(() => readXlsxFile(buffer));
  } catch (cause) {
    if (cause instanceof Error && cause.message === WORKER_BLOCKED_MESSAGE) throw cause;
    // A zip that is not a workbook (.docx, .zip), a damaged file: the library's errors are in English
    // and name internals; the secretary needs to know only that this file cannot be read.
    throw new NotXlsxError(false, { cause });
  }
  return {
    sheets: sheets.map((s) => ({
      name: s.sheet,
      // The library types cells loosely (its CellValue names `typeof Date`); they are plain values.
      rows: s.data.map((row) => row.map((cell): unknown => cell)),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Export

/**
 * A row of the register as exported: an IncomingRecord, or a list row already projected for the
 * viewer (renderer/db/repositories/incoming.ts IncomingRow), both fit.
 */
export interface RegisterExportRow {
  id: string;
  serial: string;
  receivedDate: string;
  fromUnit: string;
  docNumber: string;
  title: string;
  classification: Classification;
  secrecyTerm?: SecrecyTerm;
  urgency: Urgency;
  state: IncomingState;
  dueDate?: string;
  /** 承办单位 of a list row … */
  hostDeptName?: string;
  /** … or of a record. */
  assignment?: { host: { name: string } };
  /** True when the row is already masked for the viewer. */
  masked?: boolean;
}

export interface RegisterXlsxOptions {
  /** Title line above the table, e.g. '2026年收文登记簿'. */
  title: string;
  /** A line under the title: who exported it and when (the watermark of classified exports). */
  note?: string;
  /** Sheet name; default 收文登记簿. */
  sheetName?: string;
  /** Rows to mask as 【涉密】 (in addition to rows with `masked: true`). */
  maskedIds?: ReadonlySet<string>;
  /** Or decide per row. */
  mask?: (row: RegisterExportRow) => boolean;
}

export { MASK as MASK_TEXT };

export const REGISTER_COLUMNS = [
  // About 145 characters in all, so the landscape page scales the sheet to about 75% (8pt type),
  // not 59% (6.5pt, measured at 186); long 来文单位/标题/承办单位 wrap in their cells.
  { label: '收文编号', width: 14 },
  { label: '收文日期', width: 11 },
  { label: '来文单位', width: 18 },
  { label: '来文字号', width: 16 },
  { label: '标题', width: 34 },
  { label: '密级', width: 11 },
  { label: '紧急程度', width: 9 },
  { label: '状态', width: 8 },
  { label: '办理时限', width: 11 },
  { label: '承办单位', width: 14 },
] as const;

const FONT_FAMILY = '宋体';
const FONT_SIZE = 11;

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
export function sheetName(wanted: string | undefined, fallback = '收文登记簿'): string {
  const name = (wanted ?? '').replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31);
  return name || fallback;
}

/** One sheet of an export: its cells, column widths (in characters) and how it prints. */
export interface ExportSheet {
  name: string;
  data: SheetData;
  columns: readonly { width: number }[];
  /** Rows kept in view while scrolling (the title and the column header). */
  stickyRowsCount?: number;
  print: SheetPrint;
}

/**
 * Every .xlsx export is written here: typed text made formula-safe, rows tall enough for their
 * wrapped text, 宋体 11 pt, and each sheet's print setup (A4, one page wide, the column header
 * repeated, title and page numbers in the page header and footer; xlsx-print.ts).
 */
export async function writeWorkbook(sheets: readonly ExportSheet[]): Promise<Uint8Array> {
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  const named = sheets.map((s, i) => ({ ...s, name: sheetName(s.name, `Sheet${i + 1}`) }));
  const input: Sheet<Blob>[] = named.map((s) => ({
    sheet: s.name,
    // Typed text ('=HYPERLINK(…)' as a 标题) reaches the sheet as text, never as a formula.
    data: fitRowHeights(formulaSafeSheet(s.data), s.columns.map((c) => c.width)),
    columns: s.columns.map(({ width }) => ({ width })),
    ...(s.stickyRowsCount ? { stickyRowsCount: s.stickyRowsCount } : {}),
  }));
  const features = [printSetupFeature(named)];
  const blob = await failOnBlockedWorker(() => writeXlsxFile(input, { fontFamily: FONT_FAMILY, fontSize: FONT_SIZE, features }).toBlob());
  return new Uint8Array(await blob.arrayBuffer());
}

function isMasked(row: RegisterExportRow, opts: RegisterXlsxOptions): boolean {
  return row.masked === true || (opts.maskedIds?.has(row.id) ?? false) || (opts.mask?.(row) ?? false);
}

/**
 * The 收文登记簿 as an .xlsx: a title line (and the optional note), then a bold header row that
 * stays in view while scrolling, then one row per record. Masked rows keep 收文编号, dates, 密级,
 * state and 承办单位 but show 【涉密】 as 标题 and leave 来文单位 and 来文字号 blank.
 */
export async function buildRegisterXlsx(rows: readonly RegisterExportRow[], opts: RegisterXlsxOptions): Promise<Uint8Array> {
  const span = REGISTER_COLUMNS.length;
  const border = { borderStyle: 'thin', borderColor: '#000000' } as const;
  const data: SheetData = [];
  data.push([
    { value: opts.title, type: String, fontSize: 16, fontWeight: 'bold', align: 'center', columnSpan: span, height: 30, wrap: true },
  ]);
  if (opts.note) data.push([{ value: opts.note, type: String, align: 'right', columnSpan: span, wrap: true }]);
  data.push(
    REGISTER_COLUMNS.map(({ label }) => ({
      value: label,
      type: String,
      fontWeight: 'bold',
      align: 'center',
      backgroundColor: '#E7E6E6',
      ...border,
    })),
  );
  for (const row of rows) {
    const masked = isMasked(row, opts);
    const host = row.hostDeptName ?? row.assignment?.host.name ?? '';
    const mark = formatClassificationMark({ level: row.classification, term: row.secrecyTerm ?? null }) || row.classification;
    const text = (value: string, extra: CellObject = {}): CellObject => ({ value, type: String, ...border, ...extra });
    data.push([
      text(row.serial),
      { ...dateCell(row.receivedDate), align: 'center', ...border },
      // Long text wraps inside its column (the row grows) rather than spilling over or being cut.
      text(masked ? '' : row.fromUnit, { wrap: true }),
      text(masked ? '' : row.docNumber, { wrap: true }),
      text(masked ? MASK : row.title, { wrap: true }),
      text(mark),
      text(row.urgency),
      text(row.state),
      { ...dateCell(row.dueDate), align: 'center', ...border },
      text(host, { wrap: true }),
    ]);
  }
  const headerRows = opts.note ? 3 : 2;
  return writeWorkbook([
    {
      name: sheetName(opts.sheetName),
      data,
      columns: REGISTER_COLUMNS,
      stickyRowsCount: headerRows,
      // 10 columns, ~145 characters wide: landscape, scaled to the page width.
      print: { title: opts.title, ...(opts.note ? { headerNote: opts.note } : {}), repeatRows: [headerRows, headerRows], orientation: 'landscape' },
    },
  ]);
}
