import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRedheadDocx } from '../../../../renderer/features/outgoing/redhead-docx';
import { lineText, pageNumberOf, pdfInk, pdfPages, textLines, type Box, type PdfPage, type Word } from '../../../e2e/pdf-geometry';
import { convertWithLibreOffice, sofficeSkipReason } from '../../soffice';
import { REDHEAD_UNIT, SERIES_BANFA, SERIES_FA, noticeRecord, requestRecord } from './redhead-fixtures';

// The 红头 .docx (issue #16) opened by LibreOffice Writer, converted to PDF and measured: words from
// pdftotext -bbox, rules and the red of the 版头 from pdftoppm pictures, in mm from the page's
// top-left corner. GB/T 9704-2012: 版心 from 28 mm to 184 mm across and 37 mm to 262 mm down.

const skip = sofficeSkipReason();
if (skip) console.warn(`红头 DOCX round trip skipped: ${skip}`);

const LINE_MM = (28.95 * 25.4) / 72;
const CHAR_MM = 156 / 28;
const CHAR_14PT_MM = (14 * 25.4) / 72;
const TOLERANCE = 0.6;
/** GB/T 9704 §5.1: 误差不超过 1 mm. */
const MM = 1;
const LEFT = 28;
const RIGHT = 184;
const MIDDLE = (LEFT + RIGHT) / 2;

/** 30 full lines of one character. */
const FILLER = '会'.repeat(28 * 30);

/** The red pixels of page `n` (pdftoppm in colour at 100 dpi), their bounding box inside `region`. */
function redBox(pdf: string, n: number, region: Box): Box | null {
  const dir = mkdtempSync(join(tmpdir(), 'wenshu-red-'));
  const dpi = 100;
  execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(n), '-l', String(n), pdf, join(dir, 'p')]);
  const buf = readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.ppm'))!));
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString('latin1'))!;
  const w = Number(header[1]);
  const data = buf.subarray(header[0].length);
  const mm = 25.4 / dpi;
  let box: Box | null = null;
  for (let y = Math.floor(region.y0 / mm); y < Math.ceil(region.y1 / mm); y++) {
    for (let x = Math.floor(region.x0 / mm); x < Math.ceil(region.x1 / mm); x++) {
      const i = (y * w + x) * 3;
      if (data[i]! > 180 && data[i + 1]! < 100 && data[i + 2]! < 100) {
        box = box
          ? { x0: Math.min(box.x0, x * mm), y0: Math.min(box.y0, y * mm), x1: Math.max(box.x1, (x + 1) * mm), y1: Math.max(box.y1, (y + 1) * mm) }
          : { x0: x * mm, y0: y * mm, x1: (x + 1) * mm, y1: (y + 1) * mm };
      }
    }
  }
  return box;
}

const top = (l: readonly Word[]) => Math.min(...l.map((w) => w.y0));
const bottom = (l: readonly Word[]) => Math.max(...l.map((w) => w.y1));
const centre = (l: readonly Word[]) => (l[0]!.x0 + l[l.length - 1]!.x1) / 2;

function line(p: PdfPage, test: (text: string) => boolean): Word[] {
  const found = textLines(p.words).find((l) => test(lineText(l)));
  if (!found) throw new Error(`no such line on page ${p.number}: ${textLines(p.words).map(lineText).join(' | ')}`);
  return found;
}

/** Black rules across the 版心 (rows of ink at least 150 mm long), as [top, bottom] in mm. */
function rules(pdf: string, page: number, y0: number, y1: number): [number, number][] {
  const ink = pdfInk(pdf, 200)[page - 1]!;
  const out: [number, number][] = [];
  for (let y = y0; y < y1; y += ink.mmPerPx) {
    let n = 0;
    for (let x = LEFT - 1; x < RIGHT + 1; x += ink.mmPerPx) if (ink.dark(x, y)) n++;
    if (n * ink.mmPerPx < 150) continue;
    const last = out[out.length - 1];
    if (last && y - last[1] <= ink.mmPerPx * 1.5) last[1] = y + ink.mmPerPx;
    else out.push([y, y + ink.mmPerPx]);
  }
  return out;
}

/** The 版头 as every 红头 has it: the red 标志 35 mm down and centred, the red rule 4 mm under the 发文字号. */
function expectMastHead(pdf: string, p: PdfPage, markText: string, numberLine: Word[]) {
  const markLine = line(p, (t) => t === markText);
  const mark = redBox(pdf, 1, { x0: 0, x1: 210, y0: top(markLine) - 2, y1: bottom(markLine) + 1 })!;
  expect(mark).not.toBeNull();
  // Its upper edge (the ink of the characters) 35 mm below the top of the 版心 (37 mm).
  expect(Math.abs(mark.y0 - (37 + 35))).toBeLessThan(MM);
  expect(Math.abs((mark.x0 + mark.x1) / 2 - MIDDLE)).toBeLessThan(MM);
  // Two lines between the 标志 and the 发文字号.
  expect(top(numberLine) - bottom(markLine)).toBeGreaterThan(2 * LINE_MM - MM);
  expect(top(numberLine) - bottom(markLine)).toBeLessThan(3 * LINE_MM);
  // The red rule: the width of the 版心, 4 mm under the characters of the 发文字号.
  const rule = redBox(pdf, 1, { x0: 0, x1: 210, y0: bottom(numberLine), y1: bottom(numberLine) + 12 })!;
  expect(rule).not.toBeNull();
  expect(Math.abs(rule.x0 - LEFT)).toBeLessThan(TOLERANCE);
  expect(Math.abs(rule.x1 - RIGHT)).toBeLessThan(TOLERANCE);
  expect(rule.y1 - rule.y0).toBeLessThan(1);
  const numberInk = pdfInk(pdf, 300)[0]!.boxIn({ x0: LEFT, x1: RIGHT, y0: top(numberLine), y1: bottom(numberLine) })!;
  expect(Math.abs(rule.y0 - numberInk.y1 - 4)).toBeLessThan(MM);
  return { rule };
}

function expectPageNumbers(pages: PdfPage[]) {
  for (const p of pages) {
    const num = pageNumberOf(p);
    expect(num?.n).toBe(p.number);
    expect(Math.abs(p.number % 2 ? num!.box.x1 - (RIGHT - CHAR_14PT_MM) : num!.box.x0 - (LEFT + CHAR_14PT_MM))).toBeLessThan(TOLERANCE);
    expect(num!.box.y0).toBeGreaterThan(297 - 35);
  }
}

describe.skipIf(skip)('红头 DOCX in LibreOffice Writer', () => {
  it('下行文 通知: 标志 and 发文字号 centred, the red rule, 标题 centred, 28 × 22, 署名 over 成文日期, the 版记 at the foot of the last page', async () => {
    const record = noticeRecord();
    record.body = `${record.body}\n${FILLER}`;
    const pdf = convertWithLibreOffice(await buildRedheadDocx(record, SERIES_BANFA, { unitName: REDHEAD_UNIT }), 'notice.docx');
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(3);
    const p1 = pages[0]!;

    // Nothing at the top left: not classified, not urgent.
    expect(p1.words.filter((w) => w.y1 < 70)).toEqual([]);
    const number = line(p1, (t) => t === '县政办发〔2026〕7号');
    expect(Math.abs(centre(number) - MIDDLE)).toBeLessThan(MM);
    const { rule } = expectMastHead(pdf, p1, '临川县人民政府办公室文件', number);

    // 标题 two lines under the rule, both its lines centred; 主送 one line under it, flush left.
    const title1 = line(p1, (t) => t.startsWith('临川县人民政府办公室关于'));
    const title2 = line(p1, (t) => t === '全生产大检查工作的通知');
    for (const l of [title1, title2]) expect(Math.abs(centre(l) - MIDDLE)).toBeLessThan(MM);
    expect(top(title1) - rule.y1).toBeGreaterThan(2 * LINE_MM);
    expect(top(title1) - rule.y1).toBeLessThan(2 * LINE_MM + 3);
    expect(top(title2) - top(title1)).toBeCloseTo(LINE_MM, 0);
    const addressee = line(p1, (t) => t === '各乡镇人民政府，县政府各部门：');
    expect(Math.abs(addressee[0]!.x0 - LEFT)).toBeLessThan(TOLERANCE);
    // One line between (LibreOffice puts the 主送 on its next grid line after the off-grid 标题:
    // 1.4 mm lower than Word's exact 2 lines, measured).
    expect(top(addressee) - top(title2)).toBeGreaterThan(2 * LINE_MM - TOLERANCE);
    expect(top(addressee) - top(title2)).toBeLessThan(3 * LINE_MM - MM);
    const first = line(p1, (t) => t.startsWith('为切实'));
    expect(Math.abs(first[0]!.x0 - (LEFT + 2 * CHAR_MM))).toBeLessThan(TOLERANCE);

    // The filler: 28 characters every full line; page 2 all 22 lines of it, from the top of the 版心.
    const fillerLines = pages.flatMap((p) => textLines(p.words).filter((l) => /^会+$/.test(lineText(l))));
    expect(fillerLines.map((l) => Array.from(lineText(l)).length).reduce((a, b) => a + b, 0)).toBe(FILLER.length);
    const full = fillerLines.filter((l) => Array.from(lineText(l)).length !== 26).slice(0, -1);
    expect(full.length).toBeGreaterThan(22);
    for (const l of full) expect(Array.from(lineText(l)).length).toBe(28);
    const page2 = textLines(pages[1]!.words).filter((l) => /^会+$/.test(lineText(l)));
    expect(page2).toHaveLength(22);
    expect(page2[0]![0]!.y0).toBeGreaterThan(37);
    expect(page2[0]![0]!.y0).toBeLessThan(37 + LINE_MM / 2);
    expect(page2[21]![0]!.y0 - page2[0]![0]!.y0).toBeCloseTo(21 * LINE_MM, 0);
    expect(Math.max(...page2[21]!.map((w) => w.y1))).toBeLessThan(297 - 35);

    // Last page: 附件说明 two characters in; 署名 and 成文日期 centred on each other (on the tab
    // stop at 145 mm); 附注 two characters in on the next line.
    const p3 = pages[2]!;
    expect(Math.abs(line(p3, (t) => t.startsWith('附件：1.'))[0]!.x0 - (LEFT + 2 * CHAR_MM))).toBeLessThan(TOLERANCE);
    const signature = line(p3, (t) => t === '临川县人民政府办公室');
    const date = line(p3, (t) => t === '2026年7月1日');
    expect(Math.abs(centre(signature) - 145)).toBeLessThan(MM);
    expect(Math.abs(centre(date) - 145)).toBeLessThan(MM);
    expect(top(date) - top(signature)).toBeCloseTo(LINE_MM, 0);
    const note = line(p3, (t) => t === '（此件公开发布）');
    expect(Math.abs(note[0]!.x0 - (LEFT + 2 * CHAR_MM))).toBeLessThan(TOLERANCE);
    expect(top(note) - top(date)).toBeCloseTo(LINE_MM, 0);

    // 版记 at the foot of the 版心: 抄送, then 印发机关 and 印发日期, one 4号 character in, between
    // three rules, the last on the 版心's lower edge (262 mm).
    const copy = line(p3, (t) => t.startsWith('抄送：'));
    const issue = line(p3, (t) => t.endsWith('印发'));
    expect(lineText(copy)).toBe('抄送：县委办公室，县人大常委会办公室，县政协办公室。');
    expect(lineText(issue)).toBe(`${REDHEAD_UNIT}2026年7月2日印发`);
    expect(Math.abs(copy[0]!.x0 - (LEFT + CHAR_14PT_MM))).toBeLessThan(TOLERANCE);
    expect(Math.abs(issue[0]!.x0 - (LEFT + CHAR_14PT_MM))).toBeLessThan(TOLERANCE);
    expect(Math.abs(issue[issue.length - 1]!.x1 - (RIGHT - CHAR_14PT_MM))).toBeLessThan(TOLERANCE);
    expect(top(issue) - top(copy)).toBeCloseTo(LINE_MM, 0);
    const lines = rules(pdf, 3, top(copy) - 6, 266);
    expect(lines).toHaveLength(3);
    expect(lines[0]![1]).toBeLessThan(top(copy));
    expect(lines[1]![0]).toBeGreaterThan(bottom(copy) - 1);
    expect(lines[1]![1]).toBeLessThan(top(issue) + 1);
    expect(Math.abs(lines[2]![1] - (297 - 35))).toBeLessThan(MM);

    expectPageNumbers(pages);
  }, 120_000);

  it('上行文 请示, 机密: 份号, 密级, 紧急程度 top left; 发文字号 left and 签发人 right on one line; the same 版头', async () => {
    const pdf = convertWithLibreOffice(await buildRedheadDocx(requestRecord(), SERIES_FA, { unitName: REDHEAD_UNIT, copyNumber: '3' }), 'request.docx');
    const pages = pdfPages(pdf);
    const p1 = pages[0]!;
    const stack = ['000003', '机密★20年', '特急'].map((t) => line(p1, (x) => x === t));
    stack.forEach((l, i) => {
      expect(Math.abs(l[0]!.x0 - LEFT)).toBeLessThan(TOLERANCE);
      expect(top(l) - 37).toBeGreaterThan(i * LINE_MM);
      expect(top(l) - 37).toBeLessThan((i + 0.5) * LINE_MM);
    });

    const number = line(p1, (t) => t.startsWith('县政发〔2026〕12号'));
    expect(lineText(number)).toBe('县政发〔2026〕12号签发人：王建国');
    expect(Math.abs(number[0]!.x0 - (LEFT + CHAR_MM))).toBeLessThan(TOLERANCE);
    expect(Math.abs(number[number.length - 1]!.x1 - (RIGHT - CHAR_MM))).toBeLessThan(TOLERANCE);
    const { rule } = expectMastHead(pdf, p1, '临川县人民政府文件', number);
    const title = line(p1, (t) => t.startsWith('临川县人民政府关于'));
    expect(Math.abs(centre(title) - MIDDLE)).toBeLessThan(MM);
    expect(top(title) - rule.y1).toBeGreaterThan(2 * LINE_MM);

    // The 正文 fills page 1 to its last line; its last line goes over with the 署名 (keep with next),
    // so the 印章 does not stand on a page without text.
    const last = pages[pages.length - 1]!;
    expect(pages).toHaveLength(2);
    const lastTexts = textLines(last.words).map(lineText);
    expect(lastTexts.indexOf('妥否，请批示。')).toBe(0);
    expect(lastTexts.indexOf('临川县人民政府')).toBe(1);
    // No 抄送: the 印发 line alone between two rules at the foot of the last page.
    const issue = line(last, (t) => t.endsWith('印发'));
    expect(lineText(issue)).toBe(`${REDHEAD_UNIT}2026年7月1日印发`);
    const lines = rules(pdf, pages.length, top(issue) - 6, 266);
    expect(lines).toHaveLength(2);
    expect(Math.abs(lines[1]![1] - (297 - 35))).toBeLessThan(MM);
    expect(textLines(last.words).map(lineText)).toContain('（此件不予公开）');
    expectPageNumbers(pages);
  }, 120_000);
});
