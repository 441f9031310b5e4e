import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { LABEL_SHEETS, labelCell, type LabelSheetId } from '../../shared/domain/carrier-label';
import { PAGE_MARGINS } from '../../renderer/print/print-styles';
import { finishApp, openApp, type AppSession } from './browser';
import { lineText, pdfInk, pdfPages, printToPdf, textLines, type Box, type PdfPage, type Word } from './pdf-geometry';

// 涉密载体 prints (issue #15), printed by Chromium from the print proofs (test/print-proofs/carriers.tsx:
// the longest values the schemas allow) and measured: the 登记表's 编号 on one line and its new
// columns, the 打印份号 a real number, every table inside the text block with long text wrapped in
// its cells, and the QR labels exactly on the cells of each label sheet, moved by a printer's offsets.

let app: AppSession;

beforeAll(async () => {
  app = await openApp({ url: inject('proofsUrl') });
});
afterAll(() => finishApp(app, { task: { name: 'carrier print proofs' } }));

async function proof(page: Page, name: string): Promise<string> {
  await page.goto('about:blank');
  await page.goto(`${inject('proofsUrl')}#${encodeURIComponent(name)}`);
  await page.locator('.ws-print-root').waitFor();
  return printToPdf(page, `carrier-${name}`);
}

const allText = (pages: readonly PdfPage[]) => pages.map((p) => p.words.map((w) => w.text).join('')).join('');

/** Words whose text is part of `value` and that lie together (left to right) where `value` is printed. */
function occurrences(p: PdfPage, value: string): Word[][] {
  const found: Word[][] = [];
  for (const line of textLines(p.words, 0.8)) {
    for (let i = 0; i < line.length; i++) {
      let text = '';
      for (let j = i; j < line.length; j++) {
        text += line[j]!.text;
        if (!value.startsWith(text)) break;
        if (text === value) found.push(line.slice(i, j + 1));
      }
    }
  }
  return found;
}

/** The union of some boxes. */
function union(boxes: readonly Box[]): Box {
  return { x0: Math.min(...boxes.map((b) => b.x0)), y0: Math.min(...boxes.map((b) => b.y0)), x1: Math.max(...boxes.map((b) => b.x1)), y1: Math.max(...boxes.map((b) => b.y1)) };
}

const textBlock = (p: PdfPage) => {
  const [top, right, bottom, left] = PAGE_MARGINS[p.widthMm > p.heightMm ? 'landscape' : 'portrait'];
  return { x0: left, y0: top, x1: p.widthMm - right, y1: p.heightMm - bottom };
};

describe('涉密载体登记表', () => {
  test('编号 on one line, 登记日期 and 来文字号 columns, the real 打印份号, the table inside the text block on every page', async () => {
    const pdf = await proof(app.page, 'carrier-register');
    const pages = pdfPages(pdf);
    const ink = pdfInk(pdf, 150);
    expect(pages.length).toBeGreaterThan(2);
    const text = allText(pages);
    expect(text).toContain('打印份号：2026-000123');
    expect(text).not.toContain('打印时编号');
    expect(text).not.toContain('未取得打印份号');

    const serials: string[] = Array.from({ length: 29 }, (_, i) => `载〔2026〕${String(i + 1).padStart(4, '0')}`).concat('载〔2026〕10000');
    const seen = new Set<string>();
    for (const p of pages) {
      // The header row on every page, each label on one line.
      const header = textLines(p.words).find((l) => lineText(l).includes('登记日期'));
      expect(header && lineText(header), `page ${p.number} header`).toBe('序号编号登记日期名称来文字号载体类型密级份号数量/页数来源保管人存放位置状态备注');
      for (const s of serials) {
        for (const words of occurrences(p, s)) {
          // One line: the words of the 编号 share one line box (a 9pt line's glyph box is ~4.6 mm; two lines would be ~9).
          const box = union(words);
          expect(box.y1 - box.y0, `${s} on page ${p.number}`).toBeLessThan(6);
          seen.add(s);
        }
      }
      // The table's ink (its rules included) stays inside the text block.
      const area = textBlock(p);
      const inkBox = ink[p.number - 1]!.boxIn({ x0: 0, y0: 0, x1: p.widthMm, y1: area.y1 });
      expect(inkBox!.x0, `page ${p.number} left`).toBeGreaterThanOrEqual(area.x0 - 0.5);
      expect(inkBox!.x1, `page ${p.number} right`).toBeLessThanOrEqual(area.x1 + 0.5);
      console.log(`register p${p.number}: table ink x ${inkBox!.x0.toFixed(1)}–${inkBox!.x1.toFixed(1)} mm (text block ${area.x0}–${area.x1})`);
    }
    // Every 编号 was found whole on one line (the one with five digits too).
    expect([...serials].filter((s) => !seen.has(s))).toEqual([]);
    // 登记日期 and a 来文字号 printed in their cells.
    expect(text).toContain('2026-11-23');
    // The first row's 来文字号 (50 characters) wrapped inside its column: the words under the header, top to bottom.
    const p1 = pages[0]!;
    const head = p1.words.find((w) => w.text === '来文字号')!;
    const centre = (head.x0 + head.x1) / 2;
    const column = textLines(p1.words.filter((w) => w.y0 > head.y1 && Math.abs((w.x0 + w.x1) / 2 - centre) < 10)).map(lineText).join('');
    expect(column).toContain('某某县住房和城乡建设局城市建设管理股发〔2026〕1000号');
  });
});

describe('借阅登记表, 销毁清单, 清点报告, 移交单 with the longest values', () => {
  for (const name of ['carrier-loans', 'carrier-destruction', 'carrier-inventory', 'carrier-handover']) {
    test(`${name}: every page's ink inside the text block, the real 打印份号`, async () => {
      const pdf = await proof(app.page, name);
      const pages = pdfPages(pdf);
      const ink = pdfInk(pdf, 150);
      const text = allText(pages);
      expect(text).toContain('打印份号：2026-000123');
      expect(text).not.toContain('打印时编号');
      for (const p of pages) {
        const area = textBlock(p);
        const inkBox = ink[p.number - 1]!.boxIn({ x0: 0, y0: 0, x1: p.widthMm, y1: area.y1 });
        expect(inkBox!.x0, `${name} p${p.number} left`).toBeGreaterThanOrEqual(area.x0 - 0.5);
        expect(inkBox!.x1, `${name} p${p.number} right`).toBeLessThanOrEqual(area.x1 + 0.5);
        expect(inkBox!.y0, `${name} p${p.number} top`).toBeGreaterThanOrEqual(area.y0 - 0.5);
        console.log(`${name} p${p.number}: ink ${inkBox!.x0.toFixed(1)}–${inkBox!.x1.toFixed(1)} × ${inkBox!.y0.toFixed(1)}–${inkBox!.y1.toFixed(1)} mm`);
      }
      if (name !== 'carrier-handover') expect(pages.length, name).toBeGreaterThan(1);
    });
  }

  test('清点报告: the summary line is set in the serif body face, not a sans-serif fallback', async () => {
    await proof(app.page, 'carrier-inventory');
    const face = await app.page.locator('.ws-carrier-summary').evaluate((el) => getComputedStyle(el).fontFamily);
    expect(face).toMatch(/^'?仿宋_GB2312/);
    expect(face).not.toMatch(/sans-serif/);
    // And what Chromium actually used for it is the bundled serif (this machine has no 仿宋).
    const cdp = await app.page.context().newCDPSession(app.page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '.ws-carrier-summary' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    const used = fonts.map((f) => f.familyName);
    console.log(`清点报告 summary line drawn with: ${used.join(', ')}`);
    expect(used.length).toBeGreaterThan(0);
    expect(used.every((f) => /Serif/.test(f) && !/Sans/i.test(f))).toBe(true);
  });
});

// --- QR labels ---------------------------------------------------------------------------------

/** The dark modules of a label's QR: 21 for these codes (version 1), inside 4 modules of quiet zone. */
const QR_MODULES = 21;
const QUIET = 4;

interface Measured {
  qr: Box;
  cell: Box;
}

/** Each label of page 1: its cell on the sheet (offset included) and the measured QR ink box. */
function measureLabels(pdf: string, sheetId: LabelSheetId, offset = { xMm: 0, yMm: 0 }, count: number): Measured[] {
  const sheet = LABEL_SHEETS[sheetId];
  const ink = pdfInk(pdf, 300)[0]!;
  const out: Measured[] = [];
  const module = sheet.qrMm / (QR_MODULES + 2 * QUIET);
  for (let i = 0; i < count; i++) {
    const cell = labelCell(sheet, i, offset);
    // Where the symbol must be: padding in from the cell's left edge, centred top to bottom.
    const qrLeft = cell.x0 + sheet.paddingMm;
    const qrTop = cell.y0 + (sheet.heightMm - sheet.qrMm) / 2;
    const region = { x0: qrLeft + 0.5 * module, y0: qrTop + 0.5 * module, x1: qrLeft + sheet.qrMm - 0.5 * module, y1: qrTop + sheet.qrMm - 0.5 * module };
    const qr = ink.boxIn(region);
    expect(qr, `${sheetId} label ${i + 1}: no QR ink`).not.toBeNull();
    out.push({ qr: qr!, cell });
    const expected = { x0: qrLeft + QUIET * module, y0: qrTop + QUIET * module, x1: qrLeft + (QUIET + QR_MODULES) * module, y1: qrTop + (QUIET + QR_MODULES) * module };
    for (const k of ['x0', 'y0', 'x1', 'y1'] as const) expect(Math.abs(qr![k] - expected[k]), `${sheetId} label ${i + 1} QR ${k}: ${qr![k].toFixed(2)} vs ${expected[k].toFixed(2)}`).toBeLessThan(0.25);
  }
  return out;
}

const SHEETS: { id: LabelSheetId; perPage: number; total: number }[] = [
  { id: 'plain-2x7', perPage: 14, total: 16 },
  { id: 'a4-3x8', perPage: 24, total: 26 },
  { id: 'a4-4x10', perPage: 40, total: 42 },
];

describe('QR labels on each label sheet', () => {
  for (const { id, perPage, total } of SHEETS) {
    test(`${id}: every QR on its cell, the text inside its label, 编号/密级/份号 whole; an offset moves everything by that many mm`, async () => {
      const sheet = LABEL_SHEETS[id];
      const pdf = await proof(app.page, `carrier-labels-${id}`);
      const pages = pdfPages(pdf);
      // One page per sheet, A4, nothing spilling onto a blank page.
      expect(pages.length).toBe(Math.ceil(total / perPage));
      expect(pages[0]!.widthMm).toBeCloseTo(210, 0);
      expect(pages[0]!.heightMm).toBeCloseTo(297, 0);
      const base = measureLabels(pdf, id, undefined, perPage);
      const first = base[0]!;
      console.log(
        `${id}: cell 1 at ${first.cell.x0.toFixed(2)},${first.cell.y0.toFixed(2)} mm (${sheet.widthMm}×${sheet.heightMm}); QR ink ${first.qr.x0.toFixed(2)}–${first.qr.x1.toFixed(2)} × ${first.qr.y0.toFixed(2)}–${first.qr.y1.toFixed(2)} mm; last cell QR at ${base.at(-1)!.qr.x0.toFixed(2)},${base.at(-1)!.qr.y0.toFixed(2)}`,
      );

      // Plain paper: the dashed cutting lines lie on the cell's edges (0.3 mm wide, centred on them).
      if (sheet.cutLines) {
        const ink = pdfInk(pdf, 300)[0]!;
        for (const { cell } of base) {
          const vertical = (x: number) => ink.boxIn({ x0: x - 0.8, y0: cell.y0 + 1, x1: x + 0.8, y1: cell.y1 - 1 })!;
          const horizontal = (y: number) => ink.boxIn({ x0: cell.x0 + 1, y0: y - 0.8, x1: cell.x1 - 1, y1: y + 0.8 })!;
          for (const [edge, line] of [
            [cell.x0, vertical(cell.x0)],
            [cell.x1, vertical(cell.x1)],
          ] as const) {
            expect(Math.abs((line.x0 + line.x1) / 2 - edge), `cut line at x ${edge}`).toBeLessThan(0.25);
            expect(line.x1 - line.x0).toBeLessThan(0.6);
          }
          for (const [edge, line] of [
            [cell.y0, horizontal(cell.y0)],
            [cell.y1, horizontal(cell.y1)],
          ] as const) {
            expect(Math.abs((line.y0 + line.y1) / 2 - edge), `cut line at y ${edge}`).toBeLessThan(0.25);
            expect(line.y1 - line.y0).toBeLessThan(0.6);
          }
        }
      }

      // The text of every label lies inside its cell (less the padding), and the values are whole.
      const p1 = pages[0]!;
      for (const w of p1.words) {
        if (w.text.startsWith('打印份号')) continue;
        const cx = (w.x0 + w.x1) / 2;
        const cy = (w.y0 + w.y1) / 2;
        const cell = base.find(({ cell: c }) => cx >= c.x0 && cx <= c.x1 && cy >= c.y0 && cy <= c.y1)?.cell;
        expect(cell, `word ${w.text} outside every label`).toBeDefined();
        expect(w.x1, `${w.text} overflows its label`).toBeLessThanOrEqual(cell!.x1 - sheet.paddingMm + 0.5);
        expect(w.y1).toBeLessThanOrEqual(cell!.y1);
      }
      const text = allText(pages);
      for (let i = 0; i < perPage; i++) expect(text).toContain(`载〔2026〕${String(i + 1).padStart(4, '0')}`);
      expect(text).toContain('载〔2026〕10000');
      expect(text).toContain('份号：999999');
      for (const mark of ['机密★20年', '绝密★2056年12月31日', '机密★长期']) expect(text).toContain(mark);
      // A 解密条件 too long for a label ends in "…"; the 密级 before it is whole.
      expect(text).toMatch(/秘密★[^…]*…/);
      if (sheet.cutLines) expect(text).toContain('打印份号：2026-000123');

      // The same labels with the printer's offsets (+3 mm right, −2 mm up): every QR moves by exactly that.
      const moved = measureLabels(await proof(app.page, `carrier-labels-${id}-offset`), id, { xMm: 3, yMm: -2 }, perPage);
      const dx = moved.map((m, i) => m.qr.x0 - base[i]!.qr.x0);
      const dy = moved.map((m, i) => m.qr.y0 - base[i]!.qr.y0);
      // Within 0.3 mm: Chromium places the symbol on its layout grid (1 CSS px = 0.26 mm).
      for (const d of dx) expect(Math.abs(d - 3)).toBeLessThan(0.3);
      for (const d of dy) expect(Math.abs(d + 2)).toBeLessThan(0.3);
      console.log(`${id} offset +3/−2 mm: measured dx ${Math.min(...dx).toFixed(2)}–${Math.max(...dx).toFixed(2)}, dy ${Math.min(...dy).toFixed(2)}–${Math.max(...dy).toFixed(2)} mm`);
    });
  }
});

describe('QR labels of a PC with a 本机编号前缀 (issue #20)', () => {
  for (const { id, perPage } of SHEETS) {
    test(`${id}: the longest prefixed 编号 (载〔2026〕ZZZ-10000) and its code whole, inside the label, the QR on its cell`, async () => {
      const sheet = LABEL_SHEETS[id];
      const pdf = await proof(app.page, `carrier-labels-${id}-prefixed`);
      const pages = pdfPages(pdf);
      expect(pages.length).toBe(1);
      // The symbol keeps its size (ZT2026-ZZZ-10000 still fits QR version 1) and its place.
      const base = measureLabels(pdf, id, undefined, perPage);
      let widest = 0;
      for (const w of pages[0]!.words) {
        if (w.text.startsWith('打印份号')) continue;
        const cx = (w.x0 + w.x1) / 2;
        const cy = (w.y0 + w.y1) / 2;
        const cell = base.find(({ cell: c }) => cx >= c.x0 && cx <= c.x1 && cy >= c.y0 && cy <= c.y1)?.cell;
        expect(cell, `word ${w.text} outside every label`).toBeDefined();
        expect(w.x1, `${w.text} overflows its label`).toBeLessThanOrEqual(cell!.x1 - sheet.paddingMm + 0.5);
        widest = Math.max(widest, w.x1 - cell!.x0);
      }
      const text = allText(pages);
      for (const whole of ['载〔2026〕ZZZ-10000', 'ZT2026-ZZZ-10000', '载〔2026〕B-0001', 'ZT2026-B-0001']) expect(text).toContain(whole);
      expect(text).not.toMatch(/ZZZ-1000…|ZZZ-10…/);
      console.log(`${id} prefixed: text reaches ${widest.toFixed(1)} mm into a ${sheet.widthMm} mm label (padding ${sheet.paddingMm} mm)`);
    });
  }
});
