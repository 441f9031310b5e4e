import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { CONTENT_CHARS_PER_LINE } from '../../renderer/print/SupervisionReportSheet';
import { finishApp, openApp, type AppSession } from './browser';
import { lineText, pdfInk, pdfPages, printToPdf, textLines, type InkPage, type Word } from './pdf-geometry';

// 督办通报 and the 归档 prints (issue #15), printed by Chromium from the print proofs (longest
// values) and measured: the bulletin's head (督办通报, 第N期) and its 事项内容 column between its
// rules; the 归档文件目录's order read back from the PDF (保管期限 永久 → 定期30年 → 定期10年, then
// 机构, then 件号), 密级 blank for non-classified 件, 档号 and 文号 each on one line; the 归档章's
// rules at DA/T 22-2015's 45×16 mm with 15×8 mm cells.

let app: AppSession;

beforeAll(async () => {
  app = await openApp({ url: inject('proofsUrl') });
});
afterAll(() => finishApp(app, { task: { name: 'print bulletin and filing' } }));

async function openProof(page: Page, name: string): Promise<string> {
  // From a blank page, so the previous proof's document can never be the one printed.
  await page.goto('about:blank');
  await page.goto(`${inject('proofsUrl')}#${encodeURIComponent(name)}`);
  await page.locator('.ws-print-root').waitFor();
  return printToPdf(page, `proof-${name}`);
}

const PT_MM = 25.4 / 72;
/** The overdue table's face: 10.5pt, one CJK character a full em. */
const CHAR_MM = 10.5 * PT_MM;

/** x of the nearest vertical rule left (dir -1) or right (+1) of x at height y: a run of dark pixels at least 2 mm tall. */
function ruleBeside(ink: InkPage, x: number, y: number, dir: -1 | 1): number {
  // Starting just outside the text, so its own strokes are never taken for the rule.
  for (let at = x + dir * 0.3; at > 0 && at < ink.widthMm; at += dir * ink.mmPerPx) {
    if (!ink.dark(at, y)) continue;
    let tall = 0;
    for (let dy = -1; dy <= 1; dy += ink.mmPerPx) if (ink.dark(at, y + dy)) tall += ink.mmPerPx;
    if (tall >= 1.9) return at;
  }
  throw new Error(`no rule ${dir < 0 ? 'left' : 'right'} of ${x.toFixed(1)} mm at ${y.toFixed(1)} mm`);
}

describe('督办通报 (bulletin)', () => {
  test('版头 督办通报 with 第N期 (第（未编号）期 before 印发), the summary, and a 事项内容 column wide enough for two lines of 20 characters', async () => {
    const pdf = await openProof(app.page, 'supervision-report');
    const pages = pdfPages(pdf);
    const first = textLines(pages[0]!.words).map(lineText);
    // The head in this order at the top of page 1: 督办通报, 第9999期, the unit … date line.
    const head = first.findIndex((l) => l === '督办通报');
    expect(head, first.slice(0, 5).join(' | ')).toBeGreaterThanOrEqual(0);
    expect(first[head + 1]).toBe('第9999期');
    expect(first[head + 2]).toMatch(/2026年12月31日$/);
    expect(first.join('')).toContain('本期共督办事项199980项，已办结180190项，办结率90%；其中按期办结170000项，按期办结率85%；逾期未办结19980项。');
    // The red rule under the unit and date, across the text block (28 … 184 mm): the only ink between
    // the unit's last line and the heading.
    const ink = pdfInk(pdf, 150);
    const lines1 = textLines(pages[0]!.words);
    const heading = lines1.findIndex((l) => lineText(l) === '2026年12月督办事项办理情况通报');
    expect(heading).toBeGreaterThan(head + 2);
    const above = Math.max(...lines1[heading - 1]!.map((w) => w.y1));
    const below = Math.min(...lines1[heading]!.map((w) => w.y0));
    const rule = ink[0]!.boxIn({ x0: 20, y0: above + 0.2, x1: 190, y1: below - 0.2 });
    expect(rule).not.toBeNull();
    expect(rule!.x0).toBeLessThan(28.6);
    expect(rule!.x1).toBeGreaterThan(183.4);
    expect(rule!.y1 - rule!.y0).toBeLessThan(1.5);

    // 事项内容: measured between the rules either side of its header, on every page that has it.
    let measured = 0;
    for (const [i, p] of pages.entries()) {
      const header = p.words.find((w) => w.text === '事项内容');
      if (!header) continue;
      const y = (header.y0 + header.y1) / 2;
      const left = ruleBeside(ink[i]!, header.x0, y, -1);
      const right = ruleBeside(ink[i]!, header.x1, y, 1);
      const width = right - left;
      // 20 characters a line (a 40-character 事项 in two lines) and the cell's padding, 1 mm a side.
      expect(width, `page ${p.number}: 事项内容 ${width.toFixed(1)} mm`).toBeGreaterThanOrEqual(CONTENT_CHARS_PER_LINE * CHAR_MM + 2);
      // And the text does it: the content's full lines (inside the column, not a row's last) hold ≥ 20 characters.
      const inColumn = (w: Word) => w.x0 > left && w.x1 < right && w.y0 > header.y1;
      const lines = textLines(p.words.filter(inColumn)).map(lineText);
      const full = lines.slice(0, -1).filter((l) => Array.from(l).length > 10);
      expect(full.length).toBeGreaterThan(5);
      for (const l of full) expect(Array.from(l).length, l).toBeGreaterThanOrEqual(CONTENT_CHARS_PER_LINE);
      measured = width;
    }
    expect(measured, 'the 逾期事项 table was printed').toBeGreaterThan(0);
    console.log(`督办通报: 事项内容 column ${measured.toFixed(1)} mm between its rules`);

    const preview = pdfPages(await openProof(app.page, 'supervision-report-unissued'));
    const previewLines = textLines(preview[0]!.words).map(lineText);
    expect(previewLines[previewLines.indexOf('督办通报') + 1]).toBe('第（未编号）期');
  });
});

const CODE = /^([A-Za-z0-9]+)-WS·(\d{4})-(Y|D30|D10)-([A-Z0-9]+)-(\d{4})$/;
const RETENTION_RANK: Record<string, number> = { Y: 0, D30: 1, D10: 2 };

describe('归档文件目录', () => {
  test('in 保管期限 → 机构 → 件号 order, 密级 only for state secrets, 档号 and 文号 each on one line', async () => {
    const pdf = await openProof(app.page, 'archive-catalogue');
    const pages = pdfPages(pdf);
    const words = pages.flatMap((p) => p.words);
    // Every 档号 is one word on one line (a wrapped one would be two pieces, neither matching).
    const codes = words.filter((w) => CODE.test(w.text)).map((w) => w.text);
    expect(codes).toHaveLength(12);
    const key = (c: string) => {
      const m = CODE.exec(c)!;
      return [RETENTION_RANK[m[3]!]!, m[4]!, Number(m[5])] as const;
    };
    const sorted = [...codes].sort((a, b) => {
      const [ra, oa, ia] = key(a);
      const [rb, ob, ib] = key(b);
      return ra - rb || (oa < ob ? -1 : oa > ob ? 1 : 0) || ia - ib;
    });
    expect(codes).toEqual(sorted);
    expect(codes.map((c) => CODE.exec(c)![3])).toEqual([...Array(4).fill('Y'), ...Array(4).fill('D30'), ...Array(4).fill('D10')]);
    expect(new Set(codes).size).toBe(12);
    const codeWidths = words.filter((w) => CODE.test(w.text)).map((w) => w.x1 - w.x0);

    // 文号 (a full 发文字号) on one line in every row.
    const lines = pages.flatMap((p) => textLines(p.words));
    const docNumbers = lines.filter((l) => l.some((w) => w.text === '县住建局城建股发〔2026〕1015号'));
    expect(docNumbers).toHaveLength(12);
    const docWidth = Math.max(...docNumbers.map((l) => l.find((w) => w.text === '县住建局城建股发〔2026〕1015号')!).map((w) => w.x1 - w.x0));

    // 密级: 秘密, 机密, 绝密 printed (6 of the 12); 非密 and 内部 never (内部 is not a 密级).
    const levels = words.filter((w) => ['秘密', '机密', '绝密', '内部', '非密'].includes(w.text)).map((w) => w.text);
    expect(levels.filter((l) => l === '内部' || l === '非密')).toEqual([]);
    expect(levels).toHaveLength(6);
    // …and the 密级 cell of a non-classified row is blank: between the 密级 column's rules on the row of each 档号, only the classified have a word.
    const ink = pdfInk(pdf, 150);
    let blank = 0;
    for (const [i, p] of pages.entries()) {
      const header = p.words.find((w) => w.text === '密级');
      if (!header) continue;
      const hy = (header.y0 + header.y1) / 2;
      const left = ruleBeside(ink[i]!, header.x0, hy, -1);
      const right = ruleBeside(ink[i]!, header.x1, hy, 1);
      for (const code of p.words.filter((w) => CODE.test(w.text))) {
        const inCell = p.words.filter((w) => w.x0 > left && w.x1 < right && Math.abs((w.y0 + w.y1) / 2 - (code.y0 + code.y1) / 2) < 1.5);
        if (inCell.length === 0) blank++;
        else expect(inCell.map((w) => w.text)).toEqual([expect.stringMatching(/^(秘密|机密|绝密)$/)]);
      }
    }
    expect(blank).toBe(6);
    console.log(`归档文件目录: 档号 ${Math.max(...codeWidths).toFixed(1)} mm and 文号 ${docWidth.toFixed(1)} mm wide, each on one line`);
  });
});

/** Dark runs along a line of pixels: the centres and extents (mm) of the rules a scan crosses. */
function rulesAlong(ink: InkPage, from: number, to: number, at: (v: number) => [number, number]): { c: number; a: number; b: number }[] {
  const out: { c: number; a: number; b: number }[] = [];
  let start: number | null = null;
  for (let v = from; v <= to; v += ink.mmPerPx) {
    const [x, y] = at(v);
    const d = ink.dark(x, y);
    if (d && start === null) start = v;
    if (!d && start !== null) {
      out.push({ a: start, b: v, c: (start + v) / 2 });
      start = null;
    }
  }
  return out;
}

describe('归档章', () => {
  test('45×16 mm with 3 × 2 cells of 15×8 mm (DA/T 22-2015 附录A), ±0.3 mm', async () => {
    const pdf = await openProof(app.page, 'archive-stamps');
    const page = pdfPages(pdf)[0]!;
    const ink = pdfInk(pdf, 600)[0]!;
    const labels = page.words.filter((w) => w.text === '全宗号');
    expect(labels.length).toBe(12);
    const sizes: string[] = [];
    for (const label of labels.slice(0, 4)) {
      // Scan through the first row's cells below their labels, and through the first column beside its values.
      const yRow = label.y1 + 1.2;
      const vertical = rulesAlong(ink, label.x0 - 6, label.x0 + 50, (x) => [x, yRow]).filter((r) => {
        // A rule runs the stamp's full height; a glyph does not.
        let tall = 0;
        for (let y = yRow - 6; y <= yRow + 14; y += ink.mmPerPx) if (ink.dark(r.c, y)) tall += ink.mmPerPx;
        return tall > 14;
      });
      expect(vertical, `vertical rules near ${label.x0.toFixed(1)}`).toHaveLength(4);
      const xCol = vertical[0]!.b + 0.4;
      const horizontal = rulesAlong(ink, label.y0 - 4, label.y0 + 17, (y) => [xCol, y]).filter((r) => {
        let wide = 0;
        for (let x = vertical[0]!.a; x <= vertical[3]!.b; x += ink.mmPerPx) if (ink.dark(x, r.c)) wide += ink.mmPerPx;
        return wide > 40;
      });
      expect(horizontal, `horizontal rules near ${label.y0.toFixed(1)}`).toHaveLength(3);
      const width = vertical[3]!.b - vertical[0]!.a;
      const height = horizontal[2]!.b - horizontal[0]!.a;
      expect(width).toBeGreaterThan(45 - 0.3);
      expect(width).toBeLessThan(45 + 0.3);
      expect(height).toBeGreaterThan(16 - 0.3);
      expect(height).toBeLessThan(16 + 0.3);
      // Cells: rule centre to rule centre (the outer rules' centres lie half a rule inside the edge).
      const cols = [vertical[1]!.c - vertical[0]!.a, vertical[2]!.c - vertical[1]!.c, vertical[3]!.b - vertical[2]!.c];
      const rows = [horizontal[1]!.c - horizontal[0]!.a, horizontal[2]!.b - horizontal[1]!.c];
      for (const c of cols) expect(Math.abs(c - 15), `cell width ${c.toFixed(2)}`).toBeLessThanOrEqual(0.3);
      for (const r of rows) expect(Math.abs(r - 8), `cell height ${r.toFixed(2)}`).toBeLessThanOrEqual(0.3);
      sizes.push(`${width.toFixed(2)}×${height.toFixed(2)} (cells ${cols.map((c) => c.toFixed(2)).join('/')} × ${rows.map((r) => r.toFixed(2)).join('/')})`);
    }
    console.log(`归档章: ${sizes.join('; ')}`);
  });
});
