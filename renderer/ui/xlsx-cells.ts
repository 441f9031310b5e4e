// Type-only: erased at build time, so the library still loads only where a writer needs it.
import type { Cell, SheetData } from 'write-excel-file/universal';

// Formula injection (OWASP "CSV injection"; issue #12 item 7): a 标题 typed as
// '=HYPERLINK("http://…","点此")' must reach the spreadsheet as text. write-excel-file already
// stores strings as strings, but a cell re-typed, pasted or saved as CSV by the reader is
// evaluated again; the leading apostrophe keeps it text there too. Every .xlsx writer passes its
// sheets through formulaSafeSheet, the one place this rule lives.

/** What a spreadsheet takes for the start of a formula (tab and CR as well, per OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The text with a leading apostrophe when a spreadsheet would read it as a formula; else unchanged. */
export function formulaSafeText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One cell made formula-safe: string values only; numbers, dates, booleans and empty cells stay as they are. */
export function formulaSafeCell(cell: Cell): Cell {
  if (typeof cell === 'string') return formulaSafeText(cell);
  if (cell instanceof String) return formulaSafeText(cell.valueOf());
  if (cell === null || cell === undefined || typeof cell !== 'object' || cell instanceof Date) return cell;
  if (cell instanceof Number || cell instanceof Boolean) return cell;
  // A cell the code itself marks 'Formula' is deliberate; none of ours holds typed text.
  if (cell.type === 'Formula' || typeof cell.value !== 'string') return cell;
  return { ...cell, value: formulaSafeText(cell.value) };
}

/** A sheet's rows with every string cell made formula-safe (a new array; `data` is not changed). */
export function formulaSafeSheet(data: SheetData): SheetData {
  return data.map((row) => row.map(formulaSafeCell));
}
