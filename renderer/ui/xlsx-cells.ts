// Type-only: erased at build time, so the library still loads only where a writer needs it.
import type { Cell, CellObject, SheetData } from 'write-excel-file/universal';

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

// ---------------------------------------------------------------------------------------------
// Typed cells and row heights shared by every export (issue #15).

export const DATE_FORMAT = 'yyyy-mm-dd';
export const PERCENT_FORMAT = '0.0%';

/** 'YYYY-MM-DD' as an xlsx date cell (UTC midnight: the serial is the calendar day, in any time zone); other text stays text. */
export function dateCell(iso: string | undefined): CellObject {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!m) return { value: iso ?? '', type: String };
  return { value: new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))), type: Date, format: DATE_FORMAT };
}

/** A share (0–1) as a number cell shown as a percentage with one decimal, e.g. 0.3333 → 33.3%. */
export function percentCell(share: number): CellObject {
  return { value: share, type: Number, format: PERCENT_FORMAT };
}

/**
 * Width of text in column-width units: a CJK or full-width character takes two (as the office's
 * 宋体 and the fallback CJK fonts draw it), anything else one.
 */
export function textUnits(text: string): number {
  let units = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      cp >= 0x20000;
    units += wide ? 2 : 1;
  }
  return units;
}

/** Points per line of 11 pt text: 宋体 needs 14.25, the CJK fallback LibreOffice uses about 16. */
const LINE_PT = 16;
const ROW_PADDING_PT = 4;

/** How many lines `text` takes in a wrapping cell `width` units wide (a cell's padding takes about one unit). */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 1.5);
  return text.split(/\r?\n/).reduce((n, line) => n + Math.max(1, Math.ceil(textUnits(line) / usable)), 0);
}

/**
 * The rows with an explicit height wherever a wrapping cell needs more than one line. Neither
 * LibreOffice (measured: 7.4 keeps the default height) nor Excel grows a row of a generated file
 * on opening, so a long 标题 would print as one clipped line. The cells of a taller row are
 * centred vertically. A row's own height (the title's) is kept unless its text needs more.
 */
export function fitRowHeights(data: SheetData, widths: readonly number[], fontSize = 11): SheetData {
  return data.map((row) => {
    let needed = 0;
    let lines = 1;
    let own = 0;
    let col = 0;
    for (const cell of row) {
      const span = isObject(cell) ? (cell.columnSpan ?? 1) : 1;
      if (isObject(cell)) {
        own = Math.max(own, cell.height ?? 0);
        if (cell.wrap && typeof cell.value === 'string') {
          const scale = (cell.fontSize ?? fontSize) / fontSize;
          const width = widths.slice(col, col + span).reduce((s, w) => s + w, 0);
          const n = wrappedLines(cell.value, width / scale);
          lines = Math.max(lines, n);
          needed = Math.max(needed, Math.ceil(n * LINE_PT * scale + ROW_PADDING_PT));
        }
      }
      col += span;
    }
    if (lines === 1 || needed <= own) return row;
    // The row takes the greatest height of its cells; plain values (the null under a merge) stay.
    return row.map((cell) => (isObject(cell) ? { alignVertical: 'center', ...cell, height: needed } : cell));
  });
}

function isObject(cell: Cell): cell is CellObject {
  return cell !== null && cell !== undefined && typeof cell === 'object' && !(cell instanceof Date) && !(cell instanceof String) && !(cell instanceof Number) && !(cell instanceof Boolean);
}
