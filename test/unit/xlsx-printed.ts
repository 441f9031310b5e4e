import { expect } from 'vitest';
import { PRINT_MARGINS_IN } from '../../renderer/ui/xlsx-print';
import { lineText, pdfInk, pdfPages, textLines, type PdfPage } from '../e2e/pdf-geometry';
import { convertWithLibreOffice } from './soffice';

// An exported workbook printed by LibreOffice Calc (issue #15), measured from the PDF: every page
// one page wide (the whole column header row, first to last label, on every page, the table
// inside the margins and centred), the title in the page header, "第 n 页 共 m 页" in the footer.

const MM = 25.4;
export const MARGIN_MM = { side: PRINT_MARGINS_IN.left * MM, top: PRINT_MARGINS_IN.top * MM, bottom: PRINT_MARGINS_IN.bottom * MM };

const squash = (s: string) => s.replace(/\s+/g, '');

export interface PrintedWorkbook {
  pdf: string;
  pages: PdfPage[];
}

/** The workbook converted to PDF by LibreOffice, with its pages' words. */
export function printWorkbook(bytes: Uint8Array, name: string): PrintedWorkbook {
  const pdf = convertWithLibreOffice(bytes, name);
  return { pdf, pages: pdfPages(pdf) };
}

export interface SheetMeasure {
  /** Pages of this sheet (1-based numbers in the PDF). */
  pages: number[];
  /** Table's left and right margins per page (mm, from the ink of the body). */
  sides: { left: number; right: number }[];
}

/**
 * Checks the pages of one sheet, picked by its column header row (all `headers` in order on one
 * line): at least `minPages`, orientation, title in the page header, footer, table within the
 * side margins and centred, `firstColumn` printed on every page. Returns what it measured.
 */
export function expectPrintedSheet(
  printed: PrintedWorkbook,
  sheet: { title: string; headers: readonly string[]; landscape: boolean; firstColumn: RegExp; minPages?: number },
): SheetMeasure {
  const headerText = sheet.headers.join('');
  const mine = printed.pages.filter((p) => textLines(p.words).some((l) => lineText(l).includes(headerText)));
  expect(mine.length, `pages of "${sheet.title}" with its whole header row ${headerText}`).toBeGreaterThanOrEqual(sheet.minPages ?? 2);
  // The pages of a sheet follow each other: none between them lost its header row (or its left columns).
  const numbers = mine.map((p) => p.number);
  expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
  const ink = pdfInk(printed.pdf, 100);
  const sides: SheetMeasure['sides'] = [];
  for (const page of mine) {
    const where = `"${sheet.title}" page ${page.number}`;
    expect(page.widthMm > page.heightMm, `${where}: landscape is ${sheet.landscape}`).toBe(sheet.landscape);
    const lines = textLines(page.words);
    // Page header: everything above the top margin, in reading order.
    const head = squash(lines.filter((l) => Math.max(...l.map((w) => w.y1)) <= MARGIN_MM.top).map(lineText).join(''));
    expect(head, `${where}: title in the page header`).toContain(squash(sheet.title));
    const foot = lines.filter((l) => Math.min(...l.map((w) => w.y0)) >= page.heightMm - MARGIN_MM.bottom).map(lineText);
    expect(foot.some((t) => /^第\d+页共\d+页$/.test(squash(t))), `${where}: 第 n 页 共 m 页 in the footer, got ${JSON.stringify(foot)}`).toBe(true);
    expect(page.words.some((w) => sheet.firstColumn.test(w.text)), `${where}: first column printed`).toBe(true);
    for (const w of page.words) {
      expect(w.x0, `${where}: "${w.text}" inside the page`).toBeGreaterThanOrEqual(MARGIN_MM.side - 0.5);
      expect(w.x1, `${where}: "${w.text}" inside the page`).toBeLessThanOrEqual(page.widthMm - MARGIN_MM.side + 0.5);
    }
    // The table's rules: between the top and bottom margins; the sheet is centred on the page.
    const body = ink[page.number - 1]!.boxIn({ x0: 0, y0: MARGIN_MM.top, x1: page.widthMm, y1: page.heightMm - MARGIN_MM.bottom });
    expect(body, `${where}: table ink`).not.toBeNull();
    const left = body!.x0;
    const right = page.widthMm - body!.x1;
    sides.push({ left, right });
    expect(left, `${where}: left margin`).toBeGreaterThanOrEqual(MARGIN_MM.side - 0.5);
    expect(right, `${where}: right margin`).toBeGreaterThanOrEqual(MARGIN_MM.side - 0.5);
    expect(Math.abs(left - right), `${where}: centred (left ${left.toFixed(1)} mm, right ${right.toFixed(1)} mm)`).toBeLessThanOrEqual(2);
  }
  return { pages: numbers, sides };
}
