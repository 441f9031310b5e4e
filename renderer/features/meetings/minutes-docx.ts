import { AlignmentType, BorderStyle, Document, LineRuleType, Paragraph, Tab, TabStopType, TextRun } from 'docx';
import type { MeetingRecord } from '@shared/domain/meeting-types';
import { minutesTextLines, type MinutesPrintContent } from '../../print/minutes-text';
import {
  BODY_SIZE,
  DOCX_FONTS,
  LINE_TWIPS,
  RED,
  TEXT_WIDTH,
  TITLE_SIZE,
  blankLine,
  bodyParagraph,
  chars,
  exact,
  face,
  gbt9704Section,
  gbt9704Styles,
  imprintParagraphs,
  mmToTwip,
  packDocx,
  run,
  watermarkHeaders,
} from '../../ui/gbt9704-docx';

// 会议纪要 as a Word file (导出 Word), for offices that edit or archive minutes as .docx. Same words
// as the print (minutesTextLines) and the same GB/T 9704 page (ui/gbt9704-docx.ts, shared with the
// 红头发文): A4, margins 37/26/35/28 mm, a 156 × 225 mm text block of 22 lines × 28 characters of
// 3号仿宋, "— N —" page numbers in 4号宋体, the 版记 at the bottom of the last page.

// The page's constants, where the 纪要's tests and callers have always found them.
export { A4_TWIPS, CHAR_SPACING, DOCX_FONTS, GBT9704_MARGINS_TWIPS, LINE_TWIPS } from '../../ui/gbt9704-docx';

export interface MinutesDocxOptions {
  /** A draft not yet issued: 草稿 at the top right, as on the print. */
  draft?: boolean;
  /**
   * Classified minutes: who exported them and when (watermarkText), repeated in grey in every
   * page's header. A header line, not Word's diagonal VML watermark, because WPS and Word both
   * keep a header and both let nobody lose it by re-saving.
   */
  watermark?: string;
  /** 印发机关 of the 版记 when the minutes name none; default the unit name. */
  printedBy?: string;
}

/** The Document (before packing): the same content as MinutesDocument. */
export function minutesDocxDocument(
  meeting: MeetingRecord,
  minutes: MinutesPrintContent,
  unitName: string,
  options: MinutesDocxOptions = {},
): Document {
  const text = minutesTextLines(meeting, minutes, options.printedBy || unitName);
  const rightTab = [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }];

  // 版头: 密级 (and 草稿) on line 1; the 纪要标志's top edge 35 mm below the text block's top.
  const marks = new Paragraph({
    spacing: exact,
    tabStops: rightTab,
    children: [
      ...(text.mark ? [run(text.mark, DOCX_FONTS.label)] : []),
      ...(options.draft ? [new TextRun({ children: [new Tab(), '草稿'], font: face(DOCX_FONTS.label), size: BODY_SIZE })] : []),
    ],
  });
  const titleLine = 660; // 33pt, exact: room for 22pt
  const title = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: mmToTwip(35) - LINE_TWIPS - (titleLine - TITLE_SIZE * 10) / 2, line: titleLine, lineRule: LineRuleType.EXACT },
    children: [new TextRun({ text: text.title, font: face(DOCX_FONTS.title), size: TITLE_SIZE, color: RED })],
  });
  const number = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { ...exact, before: mmToTwip(3) },
    children: [run(text.number)],
  });
  // The office one character in from the left, 成文日期 ending one character in from the right,
  // the red rule 4 mm under them across the text block.
  const issuer = new Paragraph({
    spacing: exact,
    indent: { left: chars(1) },
    tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - chars(1) }],
    border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 4 } },
    children: [run(unitName), new TextRun({ children: [new Tab(), text.date], font: face(DOCX_FONTS.body), size: BODY_SIZE })],
  });

  const body = [
    bodyParagraph(text.opening),
    ...text.paragraphs.map(bodyParagraph),
    ...(text.decisionsLead ? [bodyParagraph(text.decisionsLead)] : []),
    ...text.decisions.map(bodyParagraph),
  ];

  // 出席/请假/缺席/列席: a blank line, then two characters in; a wrapped line aligns after "出席：".
  const attendance = text.attendance.length
    ? [
        blankLine(),
        ...text.attendance.map(
          (line) =>
            new Paragraph({
              alignment: AlignmentType.BOTH,
              widowControl: false,
              spacing: exact,
              indent: { left: chars(5), hanging: chars(3) },
              children: [run(`${line.label}：`, DOCX_FONTS.label), run(line.text)],
            }),
        ),
      ]
    : [];

  return new Document({
    creator: '文枢',
    title: [text.title, minutes.number].filter(Boolean).join(' '),
    evenAndOddHeaderAndFooters: true,
    styles: gbt9704Styles(),
    sections: [
      {
        ...gbt9704Section(),
        ...watermarkHeaders(options.watermark),
        children: [marks, title, number, issuer, blankLine(), ...body, ...attendance, ...imprintParagraphs(text.imprint)],
      },
    ],
  });
}

/**
 * The 会议纪要 as a .docx file's bytes. Works in the renderer, in jsdom and in node (no Blob, no
 * Buffer needed by the caller).
 */
export async function buildMinutesDocx(
  meeting: MeetingRecord,
  minutes: MinutesPrintContent,
  unitName: string,
  options: MinutesDocxOptions = {},
): Promise<Uint8Array> {
  return packDocx(minutesDocxDocument(meeting, minutes, unitName, options));
}
