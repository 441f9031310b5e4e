import { describe, expect, it } from 'vitest';
import { buildMinutesDocx } from '../../../../renderer/features/meetings/minutes-docx';
import { lineText, pageNumberOf, pdfPages, textLines, type PdfPage, type Word } from '../../../e2e/pdf-geometry';
import { MEETING_UNIT, issuedMeeting, issuedMinutes } from '../../../component/print/meeting-fixtures';
import { convertWithLibreOffice, sofficeSkipReason } from '../../soffice';

// The 纪要 .docx opened by LibreOffice Writer (issue #15: it laid the text out at ~18 characters a
// line over 3 pages). Converted to PDF by soffice and measured with pdftotext -bbox: 28 characters
// a line, 22 lines a page, the text block where GB/T 9704 puts it, page numbers at the outer edge.

const skip = sofficeSkipReason();
if (skip) console.warn(`minutes DOCX round trip skipped: ${skip}`);

/** One character of 16pt, the grid's line pitch (28.95pt), one of 14pt, in mm. */
const LINE_MM = (28.95 * 25.4) / 72;
const CHAR_14PT_MM = (14 * 25.4) / 72;
const TOLERANCE = 0.6;

/** 30 full lines of one character: a paragraph whose every line but the first (indented) is full. */
const FILLER = '会'.repeat(28 * 30);

function bodyLines(p: PdfPage): Word[][] {
  return textLines(p.words).filter((l) => /^会+$/.test(lineText(l)));
}

describe.skipIf(skip)('纪要 DOCX in LibreOffice Writer', () => {
  it('28 characters a line, 22 lines a page, margins 37/28 mm, odd page numbers right and even left, the 版记 at the end', async () => {
    const minutes = { ...issuedMinutes(), copyTo: ['县财政局', '县住建局'] };
    minutes.paragraphs = [...minutes.paragraphs, FILLER];
    const pdf = convertWithLibreOffice(await buildMinutesDocx(issuedMeeting(), minutes, MEETING_UNIT), 'minutes.docx');
    const pages = pdfPages(pdf);
    // The fixture's 版头 and text take page 1; the filler fills page 2 and spills onto page 3.
    expect(pages).toHaveLength(3);

    // Every line of the filler but its last: exactly 28 characters (the first, indented two, 26).
    const filler = pages.flatMap(bodyLines);
    const full = filler.filter((l) => Array.from(lineText(l)).length !== 26).slice(0, -1);
    expect(full.length).toBeGreaterThan(22);
    for (const l of full) expect(Array.from(lineText(l)).length).toBe(28);
    expect(filler.map((l) => Array.from(lineText(l)).length).reduce((a, b) => a + b, 0)).toBe(FILLER.length);

    // Page 2 is a full page: 22 lines at the grid's pitch, its first at the top margin (37 mm, the
    // glyph a little below the line's top) and the left margin (28 mm), its last inside 262 mm.
    const page2 = bodyLines(pages[1]!);
    expect(page2).toHaveLength(22);
    const first = page2[0]!;
    expect(first[0]!.x0).toBeGreaterThan(28 - TOLERANCE);
    expect(first[0]!.x0).toBeLessThan(28 + TOLERANCE);
    expect(first[0]!.y0).toBeGreaterThan(37);
    expect(first[0]!.y0).toBeLessThan(37 + LINE_MM / 2);
    const last = page2[21]!;
    expect(last[last.length - 1]!.x1).toBeLessThan(210 - 26 + TOLERANCE);
    expect(Math.max(...last.map((w) => w.y1))).toBeLessThan(297 - 35);
    expect(last[0]!.y0 - first[0]!.y0).toBeCloseTo(21 * LINE_MM, 0);

    // "— N —" one 4号 character in from the outer edge: odd pages right, even pages left.
    for (const p of pages) {
      const num = pageNumberOf(p);
      expect(num?.n).toBe(p.number);
      expect(Math.abs(p.number % 2 ? num!.box.x1 - (210 - 26 - CHAR_14PT_MM) : num!.box.x0 - (28 + CHAR_14PT_MM))).toBeLessThan(TOLERANCE);
      expect(num!.box.y0).toBeGreaterThan(297 - 35);
    }

    // The 版记 on the last page, after the attendance lines: 抄送, then 印发机关 and 印发日期.
    const lastLines = textLines(pages[2]!.words).map(lineText);
    const copy = lastLines.indexOf('抄送：县财政局，县住建局。');
    expect(copy).toBeGreaterThan(lastLines.findIndex((t) => t.startsWith('列席：')));
    expect(lastLines[copy + 1]).toBe(`${MEETING_UNIT}2026年11月25日印发`);
  }, 120_000);
});
