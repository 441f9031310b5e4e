import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { finishApp, openApp, type AppSession } from './browser';
import { lineText, pageNumberOf, pdfInk, pdfPages, printToPdf, textLines, type InkPage, type PdfPage, type Word } from './pdf-geometry';

// 会议纪要 and 签到表 measured on paper (issue #15, GB/T 9704-2012, DOMAIN.md §8), from the print
// proofs (test/print-proofs/meetings.tsx: the longest values the schemas allow):
// - page numbers "— N —" in 4号 at the outer edge one character in: odd pages right, even left;
// - the 正文 on the grid: 28 characters a full line, 22 lines a full page, from 37 mm / 28 mm;
// - the 版记 at the bottom of the last page's text block (297 − 35 = 262 mm), its rules the width
//   of the text block, the first and last thicker than the one between;
// - the 签到表's 签名 column at least 40 mm between its rules, 备注 phrases never cut.

let app: AppSession;

beforeAll(async () => {
  app = await openApp({ url: inject('proofsUrl') });
});
afterAll(() => finishApp(app, { task: { name: 'print minutes' } }));

async function openProof(page: Page, name: string): Promise<string> {
  // From a blank page, so the previous proof's document can never be the one printed.
  await page.goto('about:blank');
  await page.goto(`${inject('proofsUrl')}#${encodeURIComponent(name)}`);
  await page.locator('.ws-print-root').waitFor();
  return printToPdf(page, `proof-${name}`);
}

const TOLERANCE = 0.6;
/** One 4号 (14pt) character in mm: the page number's indent from the text block's edge. */
const CHAR_14PT = (14 * 25.4) / 72;
const LINE_MM = (28.95 * 25.4) / 72;
const TEXT_BOTTOM = 297 - 35;

const within = (value: number, target: number, tol = TOLERANCE) => Math.abs(value - target) <= tol;
const height = (words: readonly Word[]) => Math.max(...words.map((w) => w.y1)) - Math.min(...words.map((w) => w.y0));

/** Lines of the page less its page number. */
function bodyLines(p: PdfPage): Word[][] {
  const num = pageNumberOf(p);
  return textLines(p.words).filter((l) => !num || Math.min(...l.map((w) => w.y0)) < num.box.y0 - 0.5);
}

/** Horizontal rules: bands of rows where ink covers the whole text block width (28–184 mm), top to bottom. */
function fullWidthRules(ink: InkPage, from: number, to: number): { y0: number; y1: number }[] {
  const rules: { y0: number; y1: number }[] = [];
  for (let y = from; y < to; y += ink.mmPerPx) {
    let full = true;
    for (let x = 28.3; x <= 183.7 && full; x += 0.5) full = ink.dark(x, y);
    if (!full) continue;
    const last = rules[rules.length - 1];
    if (last && y - last.y1 <= ink.mmPerPx * 1.5) last.y1 = y + ink.mmPerPx;
    else rules.push({ y0: y, y1: y + ink.mmPerPx });
  }
  return rules;
}

describe('会议纪要 on paper', () => {
  test('over several pages: page numbers at the outer edge in 4号, 28 × 22 on the grid, the 版记 at the bottom of the last page', async () => {
    const pdf = await openProof(app.page, 'minutes');
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);

    // Page 2 is all 正文: 22 lines, full ones of 28 characters from 28 mm to 184 mm, the first at the top margin.
    const page2 = bodyLines(pages[1]!);
    expect(page2).toHaveLength(22);
    const lengths = page2.map((l) => Array.from(lineText(l)).length);
    expect(Math.max(...lengths)).toBe(28);
    const full = page2.filter((l) => Array.from(lineText(l)).length === 28);
    expect(full.length).toBeGreaterThanOrEqual(15);
    for (const l of full) {
      expect(within(l[0]!.x0, 28)).toBe(true);
      expect(within(l[l.length - 1]!.x1, 210 - 26)).toBe(true);
    }
    const top = Math.min(...page2[0]!.map((w) => w.y0));
    expect(top).toBeGreaterThanOrEqual(37);
    expect(top).toBeLessThan(37 + LINE_MM / 2);
    const bodyHeight = height(page2[5]!);

    const measured: string[] = [];
    for (const p of pages) {
      const num = pageNumberOf(p);
      expect(num?.n).toBe(p.number);
      // Odd pages: its right end one character in from the text block's right edge (184 mm); even: its left start one in from 28 mm.
      const x = p.number % 2 ? num!.box.x1 : num!.box.x0;
      const target = p.number % 2 ? 210 - 26 - CHAR_14PT : 28 + CHAR_14PT;
      measured.push(`p${p.number} ${p.number % 2 ? 'right end' : 'left start'} ${x.toFixed(2)} (want ${target.toFixed(2)})`);
      expect(within(x, target), measured.join('; ')).toBe(true);
      expect(num!.box.y0).toBeGreaterThan(TEXT_BOTTOM);
      // 4号 (14pt) against the 3号 (16pt) 正文: the same face's boxes in that ratio.
      const numLine = textLines(p.words).find((l) => /^[—-]\s*\d+\s*[—-]$/.test(lineText(l)))!;
      expect(height(numLine) / bodyHeight).toBeCloseTo(14 / 16, 1);
    }
    console.log(`page numbers: ${measured.join('; ')}`);

    // The 版记 on the last page: three rules the width of the text block, the last ending at 262 mm,
    // the first and last (0.35 mm) thicker than the one between 抄送 and 印发 (0.25 mm).
    const last = pages[pages.length - 1]!;
    const ink = pdfInk(pdf, 300)[pages.length - 1]!;
    const rules = fullWidthRules(ink, 150, TEXT_BOTTOM + 3);
    expect(rules).toHaveLength(3);
    const [first, middle, bottom] = rules as [{ y0: number; y1: number }, { y0: number; y1: number }, { y0: number; y1: number }];
    console.log(`版记 rules (mm): ${rules.map((r) => `${r.y0.toFixed(2)}–${r.y1.toFixed(2)}`).join(', ')}`);
    expect(within(bottom.y1, TEXT_BOTTOM)).toBe(true);
    expect(middle.y1 - middle.y0).toBeLessThan(first.y1 - first.y0);
    expect(middle.y1 - middle.y0).toBeLessThan(bottom.y1 - bottom.y0);
    const ruleBox = ink.boxIn({ x0: 0, y0: bottom.y0, x1: 210, y1: bottom.y1 })!;
    expect(within(ruleBox.x0, 28) && within(ruleBox.x1, 184)).toBe(true);
    // Between the rules: 抄送 (wrapped, aligned after the colon) above the middle rule, 印发 below it.
    const lines = textLines(last.words);
    const copy = lines.find((l) => lineText(l).startsWith('抄送：'))!;
    expect(copy[0]!.y0).toBeGreaterThan(first.y1);
    expect(within(copy[0]!.x0, 28 + CHAR_14PT)).toBe(true);
    const issued = lines.find((l) => lineText(l).endsWith('2026年11月26日印发'))!;
    expect(issued[0]!.y0).toBeGreaterThan(middle.y1);
    expect(Math.max(...issued.map((w) => w.y1))).toBeLessThan(bottom.y0);
    expect(within(issued[0]!.x0, 28 + CHAR_14PT)).toBe(true);
    expect(within(issued[issued.length - 1]!.x1, 184 - CHAR_14PT)).toBe(true);
  });

  test('short minutes: one page, the 版记 at its bottom', async () => {
    const pdf = await openProof(app.page, 'minutes-short');
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(1);
    expect(within(pageNumberOf(pages[0]!)!.box.x1, 210 - 26 - CHAR_14PT)).toBe(true);
    const rules = fullWidthRules(pdfInk(pdf, 300)[0]!, 150, TEXT_BOTTOM + 3);
    expect(rules).toHaveLength(3);
    expect(within(rules[2]!.y1, TEXT_BOTTOM)).toBe(true);
    expect(textLines(pages[0]!.words).some((l) => lineText(l).endsWith('印发'))).toBe(true);
  });
});

describe('签到表 on paper', () => {
  test('签名 at least 40 mm between its rules; 备注 phrases whole', async () => {
    const pdf = await openProof(app.page, 'sign-in');
    const pages = pdfPages(pdf);
    const ink = pdfInk(pdf, 300);
    const head = pages[0]!.words.find((w) => w.text === '签名')!;
    expect(head).toBeDefined();
    // Across the header row at the middle of its words: the nearest ink either side of 签名 is its column's rules.
    const y = (head.y0 + head.y1) / 2;
    const rulesX: number[] = [];
    for (let x = 27; x < 186; x += ink[0]!.mmPerPx) if (ink[0]!.dark(x, y)) rulesX.push(x);
    const left = Math.max(...rulesX.filter((x) => x < head.x0 - 0.2));
    const right = Math.min(...rulesX.filter((x) => x > head.x1 + 0.2));
    expect(Number.isFinite(left) && Number.isFinite(right)).toBe(true);
    console.log(`签名 column: ${left.toFixed(2)}–${right.toFixed(2)} mm = ${(right - left).toFixed(2)} mm`);
    expect(right - left).toBeGreaterThanOrEqual(40);
    // 备注: 请假 and its reason in parentheses each start a line; 由王五 / （副主任） / 代会 each whole.
    const all = pages.flatMap((p) => textLines(p.words).map((l) => l.map((w) => w.text)));
    const texts = pages.flatMap((p) => p.words.map((w) => w.text));
    for (const phrase of ['（出差）', '由王五', '（副主任）', '代会']) expect(texts.some((t) => t === phrase || t.endsWith(phrase)), `${phrase} in ${JSON.stringify(all)}`).toBe(true);
  });
});
