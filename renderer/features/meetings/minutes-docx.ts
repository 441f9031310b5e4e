import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentAttributeNamespaces,
  DocumentGridType,
  Footer,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  FrameAnchorType,
  FrameWrap,
  HorizontalPositionAlign,
  Tab,
  TabStopType,
  TextRun,
  VerticalPositionAlign,
  type IRunOptions,
} from 'docx';
import type { MeetingRecord } from '@shared/domain/meeting-types';
import { minutesTextLines, type MinutesPrintContent, type MinutesText } from '../../print/minutes-text';

// 会议纪要 as a Word file (导出 Word), for offices that edit or archive minutes as .docx. Same words
// as the print (minutesTextLines) and the same GB/T 9704 page: A4, margins 37/26/35/28 mm, a
// 156 × 225 mm text block of 22 lines × 28 characters of 3号仿宋, "— N —" page numbers in 4号宋体.
//
// 28 × 22 in every program: the document grid is "lines" (linePitch 28.95pt, so 22 lines fill the
// 225 mm block) and every run is set 0.25pt tighter (w:spacing -5), so a 3号 character takes
// 15.75pt and 28 of them fill the 156 mm line (29 would not) in Word, WPS and LibreOffice alike.
// Not "linesAndChars": LibreOffice 7.4 snaps each CJK character to whole grid cells, and a 16pt
// character in the 15.79pt cell 28 characters need takes two cells (14 a line, measured).
// Widow control is off: the text fills every line of the grid, as on the print.
//
// Fonts: every run names its face for ascii, hAnsi and eastAsia (Word picks the eastAsia face for
// Chinese, WPS sometimes the ascii one), and the font table gives each face a fallback (w:altName)
// with the GB2312 charset, so a PC without 仿宋_GB2312 or 方正小标宋简体 still shows 仿宋 / 宋体
// rather than a Latin face.

/** Font names as Word and WPS know them on a Chinese Windows PC. */
export const DOCX_FONTS = {
  body: '仿宋_GB2312',
  title: '方正小标宋简体',
  label: '黑体',
  pageNumber: '宋体',
} as const;

/** Fallback (w:altName) and PANOSE of each face, for the font table. */
const FONT_TABLE: readonly { name: string; altName: string; panose?: string; family: string; pitch: string }[] = [
  { name: DOCX_FONTS.body, altName: '仿宋', panose: '02010609030101010101', family: 'modern', pitch: 'fixed' },
  { name: DOCX_FONTS.title, altName: '宋体', panose: '02000000000000000000', family: 'auto', pitch: 'variable' },
  { name: DOCX_FONTS.label, altName: 'SimHei', panose: '02010609060101010101', family: 'modern', pitch: 'fixed' },
  { name: DOCX_FONTS.pageNumber, altName: 'SimSun', panose: '02010600030101010101', family: 'auto', pitch: 'variable' },
];

/** Red of the 版头 (纪要标志 and rule). */
const RED = 'FF0000';

const mmToTwip = (mm: number) => Math.round((mm / 25.4) * 1440);

/** A4 in twips. */
export const A4_TWIPS = { width: 11906, height: 16838 } as const;
/** GB/T 9704 margins in twips: top 37, right 26, bottom 35, left 28 mm. */
export const GBT9704_MARGINS_TWIPS = { top: mmToTwip(37), right: mmToTwip(26), bottom: mmToTwip(35), left: mmToTwip(28) } as const;

const TEXT_WIDTH = A4_TWIPS.width - GBT9704_MARGINS_TWIPS.left - GBT9704_MARGINS_TWIPS.right;
/** 28.95pt: 22 lines in the 225 mm text block. */
export const LINE_TWIPS = 579;
/** 3号 = 16pt, in half-points. */
const BODY_SIZE = 32;
/** 2号 = 22pt. */
const TITLE_SIZE = 44;
/** 4号 = 14pt. */
const PAGE_NUMBER_SIZE = 28;
/** 28 characters a line: the pitch of one character (twips). */
const CHAR_PITCH = TEXT_WIDTH / 28;
/** Character spacing of every run (twentieths of a point): 16pt − 0.25pt = 15.75pt, 28 × 15.75 = 441pt ≤ 442.25pt. */
export const CHAR_SPACING = -5;
const chars = (n: number) => Math.round(n * CHAR_PITCH);
/** One 4号 (14pt) character, the 页码's and the 版记's indent. */
const CHAR_14PT = 280;

const face = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });

function run(text: string, font: string = DOCX_FONTS.body, extra: Omit<IRunOptions, 'text' | 'font'> = {}): TextRun {
  return new TextRun({ text, font: face(font), size: BODY_SIZE, characterSpacing: CHAR_SPACING, ...extra });
}

const exact = { line: LINE_TWIPS, lineRule: LineRuleType.EXACT } as const;

/** A 正文 paragraph: 3号仿宋, justified, first line indented two characters. */
function bodyParagraph(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.BOTH,
    widowControl: false,
    spacing: exact,
    indent: { firstLine: chars(2), firstLineChars: 200 },
    children: [run(text)],
  });
}

const blankLine = () => new Paragraph({ spacing: exact, children: [] });

function fontTableXml(): string {
  const fonts = FONT_TABLE.map(
    (f) =>
      `<w:font w:name="${f.name}"><w:altName w:val="${f.altName}"/>${f.panose ? `<w:panose1 w:val="${f.panose}"/>` : ''}` +
      `<w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
  ).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    // The namespace name as docx writes it in every other part (an identifier, never fetched).
    `<w:fonts xmlns:w="${DocumentAttributeNamespaces.w}">${fonts}</w:fonts>`
  );
}

/** A 0.35 mm (1pt, w:sz 8) or 0.25 mm (0.75pt, w:sz 6) black rule. */
const rule = (size: 8 | 6) => ({ style: BorderStyle.SINGLE, size, color: '000000', space: 1 });

/**
 * 版记 (GB/T 9704 §7.4.2): paragraphs in one frame aligned to the bottom of the text block of the
 * page its anchor is on — the last page — the width of the text block, 4号仿宋: 抄送 (when there is
 * one) then 印发机关 left and 印发日期 right, one character in; rules 0.35 mm first and last,
 * 0.25 mm between. A frame (w:framePr), not a floating table: LibreOffice keeps a frame's bottom
 * alignment and lays a floating table inline.
 */
function imprintParagraphs(imprint: MinutesText['imprint']): Paragraph[] {
  const frame = {
    type: 'alignment' as const,
    alignment: { x: HorizontalPositionAlign.LEFT, y: VerticalPositionAlign.BOTTOM },
    anchor: { horizontal: FrameAnchorType.MARGIN, vertical: FrameAnchorType.MARGIN },
    width: TEXT_WIDTH,
    wrap: FrameWrap.NOT_BESIDE,
  };
  const small = (text: string) => new TextRun({ text, font: face(DOCX_FONTS.body), size: PAGE_NUMBER_SIZE });
  const out: Paragraph[] = [];
  if (imprint.copyTo) {
    out.push(
      new Paragraph({
        frame,
        spacing: exact,
        indent: { left: CHAR_14PT * 4, right: CHAR_14PT, hanging: CHAR_14PT * 3 },
        border: { top: rule(8), bottom: rule(6) },
        children: [small('抄送：'), small(imprint.copyTo)],
      }),
    );
  }
  out.push(
    new Paragraph({
      frame,
      spacing: exact,
      indent: { left: CHAR_14PT, right: CHAR_14PT },
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - CHAR_14PT * 2 }],
      border: { ...(imprint.copyTo ? {} : { top: rule(8) }), bottom: rule(8) },
      children: [small(imprint.printedBy), new TextRun({ children: [new Tab(), imprint.printedOn], font: face(DOCX_FONTS.body), size: PAGE_NUMBER_SIZE })],
    }),
  );
  return out;
}

/** "— N —" at the outer edge one character in: odd pages right, even pages left (GB/T 9704 §7.5). */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: CHAR_14PT } : { left: CHAR_14PT },
        spacing: { line: 240, lineRule: LineRuleType.AUTO },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: face(DOCX_FONTS.pageNumber), size: PAGE_NUMBER_SIZE })],
      }),
    ],
  });
}

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
    styles: {
      default: {
        document: {
          run: { font: face(DOCX_FONTS.body), size: BODY_SIZE, characterSpacing: CHAR_SPACING, language: { value: 'en-US', eastAsia: 'zh-CN' } },
          paragraph: { spacing: exact },
        },
      },
      // Normal named with its size: LibreOffice sizes the grid from this style, not from the defaults.
      paragraphStyles: [
        {
          id: 'Normal',
          name: 'Normal',
          quickFormat: true,
          run: { font: face(DOCX_FONTS.body), size: BODY_SIZE, characterSpacing: CHAR_SPACING },
          paragraph: { spacing: exact },
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4_TWIPS.width, height: A4_TWIPS.height },
            // The page number's top 7 mm under the text block: its line (~6.5 mm) ends ~21.5 mm above the edge.
            margin: { ...GBT9704_MARGINS_TWIPS, header: mmToTwip(15), footer: mmToTwip(21.5) },
          },
          grid: { type: DocumentGridType.LINES, linePitch: LINE_TWIPS },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        ...(options.watermark
          ? {
              headers: {
                default: new Header({
                  children: [
                    new Paragraph({
                      alignment: AlignmentType.CENTER,
                      children: [new TextRun({ text: `${options.watermark}  ${options.watermark}`, font: face(DOCX_FONTS.body), size: 21, color: 'A6A6A6' })],
                    }),
                  ],
                }),
              },
            }
          : {}),
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
  const doc = minutesDocxDocument(meeting, minutes, unitName, options);
  const bytes = await Packer.toArrayBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
  return new Uint8Array(bytes);
}
