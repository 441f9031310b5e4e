import type { CellObject, SheetData } from 'write-excel-file/universal';
import { OUTGOING_REGISTER_COLUMNS, outgoingCellText, XLSX_UNITS_MAX_CHARS, type OutgoingRegisterLine } from '../../print/outgoing-register-columns';
import { sheetName, writeWorkbook } from '../../ui/xlsx';
import { dateCell } from '../../ui/xlsx-cells';

// 发文登记簿 as an .xlsx (issue #16: "发文 to XLSX with the register's filters"): the columns of the
// printed 登记簿 (print/outgoing-register-columns.ts), a title line, an optional note (who exported it
// and when, the 涉密 marking), a header row kept in view and repeated on every printed page, one row
// per 发文. Dates are date cells and 序号/印制份数 numbers, so the office can sort and sum; 主送 and
// 抄送 are whole up to 160 characters (the paper's 90), a longer list ends "等 N 个单位" so its row
// stays printable (Excel cuts a row at 409 pt). Rows outside the reader's
// need to know come masked by the caller (maskOutgoing) and are written as they are.
// Import this module lazily: the spreadsheet library loads on first use.

export interface OutgoingXlsxOptions {
  /** Title line and page header, e.g. '某某县人民政府办公室 2026年发文登记簿'. */
  title: string;
  /** A line under the title and in the page header: the filter, who exported it and when. */
  note?: string;
  /** Sheet name; default 发文登记簿. */
  sheetName?: string;
}

const border = { borderStyle: 'thin', borderColor: '#000000' } as const;
const text = (value: string, extra: CellObject = {}): CellObject => ({ value, type: String, ...border, ...extra });
const num = (value: number): CellObject => ({ value, type: Number, align: 'center', ...border });
const date = (value: string): CellObject => ({ ...dateCell(value || undefined), align: 'center', ...border });

/** Columns whose text wraps in its cell (the row grows); the others are short. */
const WRAPS = new Set(['docNumber', 'title', 'classification', 'mainTo', 'copyTo', 'signer', 'draftingUnit', 'state']);

/** The XLSX's cells of one row, in the register's columns. */
export function outgoingXlsxRow(line: OutgoingRegisterLine, index: number): CellObject[] {
  return OUTGOING_REGISTER_COLUMNS.map(({ key }) => {
    const value = outgoingCellText(key, line, index, XLSX_UNITS_MAX_CHARS);
    if (key === 'index') return num(index + 1);
    if (key === 'printCopies') return num(line.printCopies);
    if (key === 'writtenDate' || key === 'issuedDate') return date(value);
    return text(value, WRAPS.has(key) ? { wrap: true } : { align: 'center' });
  });
}

/** The 发文登记簿 of these rows as an .xlsx file (A4 landscape, one page wide when printed). */
export async function outgoingWorkbook(rows: readonly OutgoingRegisterLine[], opts: OutgoingXlsxOptions): Promise<Uint8Array> {
  const span = OUTGOING_REGISTER_COLUMNS.length;
  const data: SheetData = [[{ value: opts.title, type: String, fontSize: 16, fontWeight: 'bold', align: 'center', columnSpan: span, height: 30, wrap: true }]];
  if (opts.note) data.push([{ value: opts.note, type: String, align: 'right', columnSpan: span, wrap: true }]);
  data.push(OUTGOING_REGISTER_COLUMNS.map(({ label }) => text(label, { fontWeight: 'bold', align: 'center', backgroundColor: '#E7E6E6', wrap: true })));
  rows.forEach((r, i) => data.push(outgoingXlsxRow(r, i)));
  const headerRow = opts.note ? 3 : 2;
  return writeWorkbook([
    {
      name: sheetName(opts.sheetName, '发文登记簿'),
      data,
      columns: OUTGOING_REGISTER_COLUMNS.map((c) => ({ width: c.xlsxWidth })),
      stickyRowsCount: headerRow,
      // 14 columns, 170 characters: landscape, scaled to the page width.
      print: { title: opts.title, ...(opts.note ? { headerNote: opts.note } : {}), repeatRows: [headerRow, headerRow], orientation: 'landscape' },
    },
  ]);
}

/** The file name offered: 发文登记簿-2026-12-06.xlsx. */
export function outgoingXlsxName(today: string): string {
  return `发文登记簿-${today}.xlsx`;
}
