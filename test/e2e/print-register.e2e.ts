import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DEFAULT_REGISTER_COLUMNS, REGISTER_COLUMN_KEYS, REGISTER_COLUMNS, type RegisterColumnKey } from '../../shared/domain/incoming-register';
import { PAGE_MARGINS } from '../../renderer/print/page-geometry';
import { finishApp, openApp, type AppSession } from './browser';
import { lineText, pageNumberOf, pdfInk, pdfPages, printToPdf, textLines, verticalRules, type InkPage, type PdfPage, type Word } from './pdf-geometry';

// 收文登记簿 (issue #15) measured from the PDF of its print proofs (the longest values the schema
// allows, 30 rows): the table sits between equal side margins on every page, every chosen column's
// header is on every page, no word leaves its column (the column's rule lines are found in the ink),
// and the 收文编号 is always on one line.

let app: AppSession;

beforeAll(async () => {
  app = await openApp({ url: inject('proofsUrl') });
});
afterAll(() => finishApp(app, { task: { name: 'print-register' } }));

async function printProof(name: string): Promise<string> {
  // From a blank page, so the previous proof's document can never be the one printed.
  await app.page.goto('about:blank');
  await app.page.goto(`${inject('proofsUrl')}#${encodeURIComponent(name)}`);
  await app.page.locator('.ws-print-root').waitFor();
  return printToPdf(app.page, `proof-${name}`);
}

const TOLERANCE_MM = 0.6;
const [, RIGHT, , LEFT] = PAGE_MARGINS.landscape;


/** y positions (mm) of horizontal rules between x0 and x1 (rows of pixels dark across it). */
function horizontalRules(ink: InkPage, x0: number, x1: number, y0: number, y1: number): number[] {
  const step = ink.mmPerPx;
  const hits: number[] = [];
  for (let y = y0; y <= y1; y += step) {
    let dark = 0;
    let all = 0;
    for (let x = x0; x <= x1; x += step) {
      all++;
      if (ink.dark(x, y)) dark++;
    }
    if (dark / all > 0.97) hits.push(y);
  }
  const rules: number[] = [];
  let run: number[] = [];
  for (const y of hits) {
    if (run.length && y - run[run.length - 1]! > step * 1.5) {
      rules.push((run[0]! + run[run.length - 1]!) / 2);
      run = [];
    }
    run.push(y);
  }
  if (run.length) rules.push((run[0]! + run[run.length - 1]!) / 2);
  return rules;
}

interface PageTable {
  page: PdfPage;
  rules: number[];
  headerTop: number;
  headerBottom: number;
  /** Words of the table body (below the header row), the page number left out. */
  body: Word[];
  /** The header text of each column, read between its rules. */
  headers: string[];
}

const center = (w: Word) => ({ x: (w.x0 + w.x1) / 2, y: (w.y0 + w.y1) / 2 });

function measure(pdf: string): { pages: PageTable[]; ink: InkPage[] } {
  const pages = pdfPages(pdf);
  // A 1px rule straddling two pixels renders as two mid-grey ones: a light threshold still finds it
  // (the proofs carry no watermark).
  const ink = pdfInk(pdf, 200, 215);
  const tables = pages.map((p, i) => {
    const num = pageNumberOf(p);
    const words = p.words.filter((w) => !num || w.y1 < num.box.y0 - 0.1);
    // The header row holds 收文编号 (always printed, never wrapped).
    const serialHeader = words.find((w) => w.text === '收文编号');
    if (!serialHeader) throw new Error(`page ${p.number}: no 收文编号 header`);
    const lastY = Math.max(...words.map((w) => w.y1));
    const hRules = horizontalRules(ink[i]!, LEFT + 2, p.widthMm - RIGHT - 2, serialHeader.y0 - 12, lastY + 3);
    const headerTop = Math.max(...hRules.filter((y) => y < serialHeader.y0));
    const headerBottom = Math.min(...hRules.filter((y) => y > serialHeader.y1));
    const tableBottom = Math.max(...hRules);
    const rules = verticalRules(ink[i]!, LEFT - 2, p.widthMm - RIGHT + 2, headerTop + 0.5, tableBottom - 0.5);
    const inHeader = words.filter((w) => center(w).y > headerTop && center(w).y < headerBottom);
    const headers = rules.slice(0, -1).map((left, c) =>
      textLines(inHeader.filter((w) => center(w).x > left && center(w).x < rules[c + 1]!))
        .map(lineText)
        .join(''),
    );
    const body = words.filter((w) => center(w).y > headerBottom);
    return { page: p, rules, headerTop, headerBottom, body, headers };
  });
  return { pages: tables, ink };
}

function checkRegister(name: string, columns: readonly RegisterColumnKey[]) {
  test(`${name}: equal side margins, every header on every page, no word outside its column, 收文编号 on one line`, async () => {
    const pdf = await printProof(name);
    const { pages, ink } = measure(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const labels = columns.map((k) => REGISTER_COLUMNS[k].label);
    const serialCol = columns.indexOf('serial');
    const serials = new Set<string>();
    const figures: string[] = [];
    for (const t of pages) {
      const p = t.page;
      // Ink (table rules included) from the left margin to the right one, page number left out.
      const num = pageNumberOf(p);
      const box = ink[p.number - 1]!.boxIn({ x0: 0, y0: 0, x1: p.widthMm, y1: num ? num.box.y0 - 0.5 : p.heightMm })!;
      expect(box.x0, `p${p.number} left ink edge`).toBeGreaterThan(LEFT - TOLERANCE_MM);
      expect(box.x0, `p${p.number} left ink edge`).toBeLessThan(LEFT + TOLERANCE_MM);
      expect(p.widthMm - box.x1, `p${p.number} right margin`).toBeGreaterThan(RIGHT - TOLERANCE_MM);
      expect(p.widthMm - box.x1, `p${p.number} right margin`).toBeLessThan(RIGHT + TOLERANCE_MM);

      // One rule more than columns, the outer ones on the margins; the header repeats on this page.
      expect(t.rules, `p${p.number} rules ${t.rules.map((r) => r.toFixed(1)).join(" ")}`).toHaveLength(columns.length + 1);
      expect(t.rules[0]!).toBeCloseTo(LEFT, 0);
      expect(Math.abs(t.rules[t.rules.length - 1]! - (p.widthMm - RIGHT))).toBeLessThan(TOLERANCE_MM);
      expect(t.headers, `p${p.number} headers`).toEqual(labels);

      // Every word of the body lies between the rules of one column.
      const outside = t.body.filter((w) => !t.rules.slice(0, -1).some((l, c) => w.x0 >= l - 0.1 && w.x1 <= t.rules[c + 1]! + 0.1));
      expect(outside.map((w) => `${w.text}@${w.x0.toFixed(1)}–${w.x1.toFixed(1)}`), `p${p.number} words across a rule`).toEqual([]);

      // 收文编号: each line of its column is one whole number.
      const inSerial = t.body.filter((w) => w.x0 >= t.rules[serialCol]! && w.x1 <= t.rules[serialCol + 1]!);
      for (const line of textLines(inSerial)) {
        expect(lineText(line), `p${p.number} 收文编号 line`).toMatch(/^收〔2026〕\d{4}$/);
        serials.add(lineText(line));
      }
      figures.push(`p${p.number}: ink ${box.x0.toFixed(2)}–${box.x1.toFixed(2)} mm (margins ${box.x0.toFixed(2)} / ${(p.widthMm - box.x1).toFixed(2)}), rules ${t.rules.map((r) => r.toFixed(1)).join(' ')}`);
    }
    expect(serials.size).toBe(30);
    console.log(`${name}\n${figures.join('\n')}`);
  });
}

describe('收文登记簿 (A4 landscape) from the print proofs', () => {
  checkRegister('incoming-register', DEFAULT_REGISTER_COLUMNS);
  checkRegister('incoming-register-all', REGISTER_COLUMN_KEYS);
});
