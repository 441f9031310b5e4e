import {
  AlignmentType,
  BorderStyle,
  DocumentAttributeNamespaces,
  DocumentGridType,
  Footer,
  Header,
  FrameAnchorType,
  FrameWrap,
  HorizontalPositionAlign,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  TabStopType,
  TextRun,
  VerticalPositionAlign,
  type Document,
  type IRunOptions,
  type ISectionOptions,
  type IStylesOptions,
} from 'docx';
// fflate to rewrite one part of the packed file (docx has no paragraph option for w:snapToGrid).
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

// The GB/T 9704-2012 page as a Word file, shared by every .docx the app writes (会议纪要, 红头发文):
// A4, margins 37/26/35/28 mm, a 156 × 225 mm text block of 22 lines × 28 characters of 3号仿宋,
// "— N —" page numbers in 4号宋体, the 版记 at the bottom of the last page.
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
  /** 楷体 (签发人's name, second-level headings); only documents that use it list it. */
  kai: '楷体_GB2312',
} as const;

export interface FontTableEntry {
  name: string;
  altName: string;
  panose?: string;
  family: string;
  pitch: string;
}

/** Fallback (w:altName) and PANOSE of each face, for the font table. */
export const FONT_TABLE: Readonly<Record<keyof typeof DOCX_FONTS, FontTableEntry>> = {
  body: { name: DOCX_FONTS.body, altName: '仿宋', panose: '02010609030101010101', family: 'modern', pitch: 'fixed' },
  title: { name: DOCX_FONTS.title, altName: '宋体', panose: '02000000000000000000', family: 'auto', pitch: 'variable' },
  label: { name: DOCX_FONTS.label, altName: 'SimHei', panose: '02010609060101010101', family: 'modern', pitch: 'fixed' },
  pageNumber: { name: DOCX_FONTS.pageNumber, altName: 'SimSun', panose: '02010600030101010101', family: 'auto', pitch: 'variable' },
  kai: { name: DOCX_FONTS.kai, altName: '楷体', panose: '02010609030101010101', family: 'modern', pitch: 'fixed' },
};

/** The faces of the 纪要 (and of every GB/T 9704 file): 仿宋, 小标宋, 黑体, 宋体. */
export const BASE_FONTS: readonly FontTableEntry[] = [FONT_TABLE.body, FONT_TABLE.title, FONT_TABLE.label, FONT_TABLE.pageNumber];

/** Red of the 版头 (发文机关标志 / 纪要标志 and the rule under it). */
export const RED = 'FF0000';

export const mmToTwip = (mm: number) => Math.round((mm / 25.4) * 1440);

/** A4 in twips. */
export const A4_TWIPS = { width: 11906, height: 16838 } as const;
/** GB/T 9704 margins in twips: top 37, right 26, bottom 35, left 28 mm. */
export const GBT9704_MARGINS_TWIPS = { top: mmToTwip(37), right: mmToTwip(26), bottom: mmToTwip(35), left: mmToTwip(28) } as const;

/** Width of the text block (156 mm) in twips. */
export const TEXT_WIDTH = A4_TWIPS.width - GBT9704_MARGINS_TWIPS.left - GBT9704_MARGINS_TWIPS.right;
/** 28.95pt: 22 lines in the 225 mm text block. */
export const LINE_TWIPS = 579;
/** 3号 = 16pt, in half-points. */
export const BODY_SIZE = 32;
/** 2号 = 22pt. */
export const TITLE_SIZE = 44;
/** 4号 = 14pt. */
export const SMALL_SIZE = 28;
/** 28 characters a line: the pitch of one character (twips). */
export const CHAR_PITCH = TEXT_WIDTH / 28;
/** Character spacing of every run (twentieths of a point): 16pt − 0.25pt = 15.75pt, 28 × 15.75 = 441pt ≤ 442.25pt. */
export const CHAR_SPACING = -5;
/** n characters of the 28-a-line grid, in twips. */
export const chars = (n: number) => Math.round(n * CHAR_PITCH);
/** One 4号 (14pt) character, the 页码's and the 版记's indent. */
export const CHAR_14PT = 280;

export const face = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });

/** A 3号 run (仿宋 unless named), 0.25pt tighter like every run of the grid. */
export function run(text: string, font: string = DOCX_FONTS.body, extra: Omit<IRunOptions, 'text' | 'font'> = {}): TextRun {
  return new TextRun({ text, font: face(font), size: BODY_SIZE, characterSpacing: CHAR_SPACING, ...extra });
}

/** One line of the grid, exactly. */
export const exact = { line: LINE_TWIPS, lineRule: LineRuleType.EXACT } as const;

/** A 正文 paragraph: 3号仿宋, justified, first line indented two characters. */
export function bodyParagraph(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.BOTH,
    widowControl: false,
    spacing: exact,
    indent: { firstLine: chars(2), firstLineChars: 200 },
    children: [run(text)],
  });
}

/** An empty line of the grid (GB/T 9704's 空一行). */
export const blankLine = () => new Paragraph({ spacing: exact, children: [] });

/** word/fontTable.xml naming each face with its fallback; pass to packDocx. */
export function fontTableXml(fonts: readonly FontTableEntry[] = BASE_FONTS): string {
  const entries = fonts
    .map(
      (f) =>
        `<w:font w:name="${f.name}"><w:altName w:val="${f.altName}"/>${f.panose ? `<w:panose1 w:val="${f.panose}"/>` : ''}` +
        `<w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    // The namespace name as docx writes it in every other part (an identifier, never fetched).
    `<w:fonts xmlns:w="${DocumentAttributeNamespaces.w}">${entries}</w:fonts>`
  );
}

/** A 0.35 mm (1pt, w:sz 8) or 0.25 mm (0.75pt, w:sz 6) black rule. */
export const rule = (size: 8 | 6) => ({ style: BorderStyle.SINGLE, size, color: '000000', space: 1 });

export interface ImprintText {
  /** 抄送 units as printed ('县财政局，县住建局。'), or null when none. */
  copyTo: string | null;
  /** 印发机关 */
  printedBy: string;
  /** '2026年7月1日印发' */
  printedOn: string;
}

/**
 * 版记 (GB/T 9704 §7.4): paragraphs in one frame aligned to the bottom of the text block of the
 * page its anchor is on — the last page — the width of the text block, 4号仿宋: 抄送 (when there is
 * one) then 印发机关 left and 印发日期 right, one character in; rules 0.35 mm first and last,
 * 0.25 mm between. A frame (w:framePr), not a floating table: LibreOffice keeps a frame's bottom
 * alignment and lays a floating table inline.
 */
export function imprintParagraphs(imprint: ImprintText): Paragraph[] {
  const frame = {
    type: 'alignment' as const,
    alignment: { x: HorizontalPositionAlign.LEFT, y: VerticalPositionAlign.BOTTOM },
    anchor: { horizontal: FrameAnchorType.MARGIN, vertical: FrameAnchorType.MARGIN },
    width: TEXT_WIDTH,
    wrap: FrameWrap.NOT_BESIDE,
  };
  const small = (text: string) => new TextRun({ text, font: face(DOCX_FONTS.body), size: SMALL_SIZE });
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
      children: [small(imprint.printedBy), new TextRun({ children: [new Tab(), imprint.printedOn], font: face(DOCX_FONTS.body), size: SMALL_SIZE })],
    }),
  );
  return out;
}

/** Height of the text block (225 mm) in twips. */
export const TEXT_HEIGHT = A4_TWIPS.height - GBT9704_MARGINS_TWIPS.top - GBT9704_MARGINS_TWIPS.bottom;

/** Width of a text in characters of its size: CJK one, ASCII half. */
export function ems(text: string): number {
  let n = 0;
  for (const ch of text) n += ch.charCodeAt(0) < 0x80 ? 0.5 : 1;
  return n;
}

/**
 * The 版记 as two frames, for LibreOffice: it keeps a single framed paragraph at the bottom of the
 * text block with its rules, but two consecutive framed paragraphs whose borders differ (抄送 with
 * its 0.25 mm rule under it, 印发 with the 0.35 mm one) it lays inline, without rules (measured
 * with LibreOffice 7.4; imprintParagraphs, the 纪要's, has that fault when there is a 抄送).
 * So 印发机关 and 印发日期 are one frame at the bottom of the text block (0.35 mm rule under it,
 * and over it when there is no 抄送), and 抄送 a frame of its own placed just above it (0.35 mm over,
 * 0.25 mm under), its height reckoned from its length: 4号 characters, 26 a line after "抄送："
 * on the first and aligned after the colon on the next. Between the two frames a 1pt
 * paragraph off the grid: LibreOffice 7.4 also lays inline a framed paragraph followed directly by
 * another frame.
 */
export function imprintFrames(imprint: ImprintText): Paragraph[] {
  const base = {
    anchor: { horizontal: FrameAnchorType.MARGIN, vertical: FrameAnchorType.MARGIN },
    width: TEXT_WIDTH,
    wrap: FrameWrap.NOT_BESIDE,
  };
  const small = (text: string) => new TextRun({ text, font: face(DOCX_FONTS.body), size: SMALL_SIZE });
  // A rule and its 1pt distance, in twips: 1pt + 1pt (0.35 mm), 0.75pt + 1pt (0.25 mm).
  const thick = 40;
  const thin = 35;
  const issueHeight = LINE_TWIPS + thick + (imprint.copyTo ? 0 : thick);
  const issue = new Paragraph({
    frame: { ...base, type: 'alignment', alignment: { x: HorizontalPositionAlign.LEFT, y: VerticalPositionAlign.BOTTOM } },
    spacing: exact,
    indent: { left: CHAR_14PT, right: CHAR_14PT },
    // Tab stops count from the frame's left edge, not from the indent: 印发日期 ends one character in.
    tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - CHAR_14PT }],
    border: { ...(imprint.copyTo ? {} : { top: rule(8) }), bottom: rule(8) },
    children: [small(imprint.printedBy), new TextRun({ children: [new Tab(), imprint.printedOn], font: face(DOCX_FONTS.body), size: SMALL_SIZE })],
  });
  if (!imprint.copyTo) return [issue];
  const first = Math.floor((TEXT_WIDTH - CHAR_14PT * 2) / CHAR_14PT) - 3;
  const next = Math.floor((TEXT_WIDTH - CHAR_14PT * 5) / CHAR_14PT);
  const lines = 1 + Math.max(0, Math.ceil((ems(imprint.copyTo) - first) / next));
  const copyHeight = lines * LINE_TWIPS + thick + thin;
  const copy = new Paragraph({
    frame: { ...base, type: 'absolute', position: { x: 0, y: TEXT_HEIGHT - issueHeight - copyHeight } },
    spacing: exact,
    indent: { left: CHAR_14PT * 4, right: CHAR_14PT, hanging: CHAR_14PT * 3 },
    border: { top: rule(8), bottom: rule(6) },
    children: [small('抄送：'), small(imprint.copyTo)],
  });
  const between = new Paragraph({ style: OFF_GRID_STYLE, spacing: { line: 20, lineRule: LineRuleType.EXACT }, children: [] });
  return [copy, between, issue];
}

/** "— N —" at the outer edge one character in: odd pages right, even pages left (GB/T 9704 §7.5). */
export function pageNumberFooter(side: 'odd' | 'even'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: CHAR_14PT } : { left: CHAR_14PT },
        spacing: { line: 240, lineRule: LineRuleType.AUTO },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: face(DOCX_FONTS.pageNumber), size: SMALL_SIZE })],
      }),
    ],
  });
}

/** Document styles: 3号仿宋 on exact grid lines, Chinese as the East Asian language. */
export function gbt9704Styles(): IStylesOptions {
  return {
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
  };
}

/** The section's page: A4, GB/T 9704 margins, the 22-line grid, "— N —" footers odd and even. */
export function gbt9704Section(): Pick<ISectionOptions, 'properties' | 'footers'> {
  return {
    properties: {
      page: {
        size: { width: A4_TWIPS.width, height: A4_TWIPS.height },
        // The page number's top 7 mm under the text block: its line (~6.5 mm) ends ~21.5 mm above the edge.
        margin: { ...GBT9704_MARGINS_TWIPS, header: mmToTwip(15), footer: mmToTwip(21.5) },
      },
      grid: { type: DocumentGridType.LINES, linePitch: LINE_TWIPS },
    },
    footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
  };
}

/**
 * Classified content: who exported it and when (watermarkText), repeated in grey in the header of
 * every page, odd and even (with even/odd headers on, an even page without its own header has none).
 * A header line, not Word's diagonal VML watermark, because WPS and Word both keep a header but
 * treat the VML shape differently.
 */
export function watermarkHeaders(watermark: string | undefined): Pick<ISectionOptions, 'headers'> {
  if (!watermark) return {};
  const header = () =>
    new Header({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ text: `${watermark}  ${watermark}`, font: face(DOCX_FONTS.body), size: 21, color: 'A6A6A6' })],
        }),
      ],
    });
  return { headers: { default: header(), even: header() } };
}

/**
 * Style id of a paragraph that does not snap to the line grid (w:snapToGrid 0): lines in a font
 * larger than 3号 (发文机关标志, 2号 标题). LibreOffice rounds every such line up to whole grid lines
 * (a 2号 title line took two, 20.4 mm), even at an exact line height; Word keeps the exact height.
 * Off the grid both keep it. docx has no paragraph option for it: packDocx turns this style
 * reference into the element.
 */
export const OFF_GRID_STYLE = 'WenshuOffGrid';

const OFF_GRID_RE = new RegExp(`<w:pStyle w:val="${OFF_GRID_STYLE}"/>((?:(?!</w:pPr>)[\\s\\S])*?)<w:spacing `, 'g');

/** document.xml with each OFF_GRID_STYLE reference replaced by w:snapToGrid 0 (its place: before w:spacing). */
export function writeOffGrid(xml: string): string {
  const out = xml.replace(OFF_GRID_RE, '$1<w:snapToGrid w:val="0"/><w:spacing ');
  if (out.includes(`"${OFF_GRID_STYLE}"`)) throw new Error(`${OFF_GRID_STYLE}: a paragraph without spacing`);
  return out;
}

/**
 * A Document as a .docx file's bytes, with the font table of `fonts`. Works in the renderer, in
 * jsdom and in node (no Blob, no Buffer needed by the caller).
 */
export async function packDocx(doc: Document, fonts: readonly FontTableEntry[] = BASE_FONTS): Promise<Uint8Array> {
  const bytes = new Uint8Array(await Packer.toArrayBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml(fonts) }]));
  const files = unzipSync(bytes);
  const xml = strFromU8(files['word/document.xml']!);
  if (!xml.includes(`"${OFF_GRID_STYLE}"`)) return bytes;
  files['word/document.xml'] = strToU8(writeOffGrid(xml));
  return zipSync(files);
}
