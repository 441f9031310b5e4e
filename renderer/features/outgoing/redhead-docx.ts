import { AlignmentType, BorderStyle, Document, HighlightColor, LineRuleType, Paragraph, Tab, TabStopType, TextRun } from 'docx';
import { formatChineseDate, isIsoDate, toLocalIsoDate, type IsoDate } from '@shared/domain/dates';
import { defaultSecrecyTerm, formatClassificationMark } from '@shared/domain/enums';
import type { Disclosure, DocNumberSeries, OutgoingRecord } from '@shared/domain/outgoing-types';
import {
  BODY_SIZE,
  CHAR_SPACING,
  DOCX_FONTS,
  FONT_TABLE,
  LINE_TWIPS,
  OFF_GRID_STYLE,
  RED,
  TEXT_WIDTH,
  TITLE_SIZE,
  BASE_FONTS,
  blankLine,
  chars,
  exact,
  face,
  gbt9704Section,
  gbt9704Styles,
  ems,
  imprintFrames,
  mmToTwip,
  packDocx,
  run,
  watermarkHeaders,
} from '../../ui/gbt9704-docx';

// The 红头 Word file of a 发文 (GB/T 9704-2012 §7), on the page the 纪要 export uses
// (ui/gbt9704-docx.ts: A4, 版心 156 × 225 mm, 22 lines × 28 characters of 3号仿宋, "— N —").
// Every element in the standard's order and place:
//   版头 (§7.2): 份号, 密级和保密期限, 紧急程度 stacked from the first line, flush left; the
//   发文机关标志 red and centred, its top 35 mm below the top of the 版心; 发文字号 two lines under it,
//   centred (上行文: left one character in, 签发人 right one character in); the red rule 4 mm under
//   the 发文字号 across the 版心.
//   主体 (§7.3): 标题 two lines under the rule, 主送机关, 正文, 附件说明, 发文机关署名 and 成文日期
//   with room for the 印章, 附注.
//   版记 (§7.4): 抄送, 印发机关 and 印发日期 between the rules at the foot of the last page.

/** 公开属性 as printed in the 附注 place (国办 practice for 政府信息公开). */
export const DISCLOSURE_NOTES: Readonly<Record<Disclosure, string>> = {
  主动公开: '（此件公开发布）',
  依申请公开: '（此件依申请公开）',
  不予公开: '（此件不予公开）',
};

export interface RedheadDocxOptions {
  /** The office's name: 印发机关 of the 版记 unless printedBy names another. */
  unitName: string;
  /** 印发机关 (版记); default unitName. */
  printedBy?: string;
  /** 印发日期 (版记); default the day of 印制, else the 成文日期, else left blank. */
  printedOn?: IsoDate;
  /** 份号 of this copy (1–6 digits, printed as 6: 000001); none → no 份号 line. */
  copyNumber?: string;
  /** Classified: who exported it and when, in grey in every page's header (watermarkHeaders). */
  watermark?: string;
}

/**
 * 发文机关标志 size: 初号 (42pt), smaller when the mark would not fit the 版心 on one line (the
 * standard asks only that it be 醒目、美观、庄重).
 */
function markSizeHalfPoints(mark: string): number {
  const widthPt = TEXT_WIDTH / 20;
  const fit = Math.floor((widthPt * 0.95) / Math.max(1, ems(mark)));
  return 2 * Math.max(22, Math.min(42, fit));
}


/** A blank in the Word file where a value is not known yet (fills in by hand). */
const BLANK = '\u3000\u3000';

function docNumberText(record: OutgoingRecord, series: DocNumberSeries): string {
  if (record.docNumber) return record.docNumber;
  // Before 登记 the 文号 is not taken: the series' pattern with its number left blank.
  return series.pattern.replace('YYYY', String(record.draftYear)).replace(/N+/, BLANK);
}

function dateText(date: IsoDate | undefined): string {
  return date && isIsoDate(date) ? formatChineseDate(date) : `${BLANK}${BLANK}年${BLANK}月${BLANK}日`;
}

function printedOnDate(record: OutgoingRecord, options: RedheadDocxOptions): IsoDate | undefined {
  if (options.printedOn) return options.printedOn;
  if (record.printing) return toLocalIsoDate(new Date(record.printing.at));
  return record.writtenDate ?? record.signoff?.date;
}

/** 份号: six digits (GB/T 9704 §7.2.1). */
function copyNumberText(copyNumber: string): string {
  const digits = copyNumber.trim();
  if (!/^\d{1,6}$/.test(digits)) throw new RangeError(`份号应为 6 位数字：${copyNumber}`);
  return digits.padStart(6, '0');
}

const CN_NUMERAL = '[一二三四五六七八九十]+';
const LEVEL1 = new RegExp(`^${CN_NUMERAL}、`);
const LEVEL2 = new RegExp(`^（${CN_NUMERAL}）`);

/**
 * A 正文 paragraph. Headings of the first two levels in their faces (§7.3.3): "一、" 黑体, "（一）"
 * 楷体 — the heading sentence (to its first 。) when text follows it in the same paragraph.
 * `keepNext` on the last paragraph before the 署名 (see signatureParagraphs).
 */
function textParagraph(text: string, keepNext: boolean): Paragraph {
  const face = LEVEL1.test(text) ? DOCX_FONTS.label : LEVEL2.test(text) ? DOCX_FONTS.kai : null;
  const stop = text.indexOf('。');
  const head = face && stop >= 0 ? text.slice(0, stop + 1) : text;
  const rest = text.slice(head.length);
  return new Paragraph({
    alignment: AlignmentType.BOTH,
    widowControl: false,
    keepNext,
    spacing: exact,
    indent: { firstLine: chars(2), firstLineChars: 200 },
    children: [run(head, face ?? DOCX_FONTS.body), ...(rest ? [run(rest)] : [])],
  });
}

/** 附件说明 (§7.3.4): one line per attachment, numbered when more than one, no end punctuation. */
function attachmentParagraphs(attachments: string | undefined): Paragraph[] {
  const names = (attachments ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^\d+\s*[.．、]\s*/, '').replace(/[。；;，,.、]+$/, ''))
    .filter(Boolean);
  if (!names.length) return [];
  const numbered = names.length > 1;
  // A wrapped name aligns with the first character of the name above ("附件：" is three characters,
  // "1." one).
  const nameAt = 2 + 3 + (numbered ? 1 : 0);
  return [
    blankLine(),
    ...names.map(
      (name, i) =>
        new Paragraph({
          alignment: AlignmentType.BOTH,
          widowControl: false,
          keepNext: i === names.length - 1,
          spacing: exact,
          indent: { left: chars(nameAt), hanging: chars(i === 0 ? nameAt - 2 : numbered ? 1 : 0) },
          children: [run(`${i === 0 ? '附件：' : ''}${numbered ? `${i + 1}.` : ''}${name}`)],
        }),
    ),
  ];
}

/**
 * Blank lines between the 正文 (or 附件说明) and the 发文机关署名. §7.3.5.1: the 印章's top within
 * one line of the text above, the seal pressing down on 署名 and 成文日期 so that they sit a little
 * below its centre. A 4.2–4.5 cm seal is about four lines: two blank lines, then 署名 and 日期.
 * They keep with the line of text before them (keepNext), so the seal never stands on a page of
 * its own (§7.3.5.5 asks for the 印章 to follow the text).
 */
export const SEAL_BLANK_LINES = 2;

/**
 * 发文机关署名 and 成文日期 of a sealed 公文 (§7.3.5.1): the date four characters in from the right,
 * the 署名 centred over it. Both are centred on one tab stop at the date's middle (digits reckoned
 * half a character), so they stay centred on each other whatever the fonts make of the date's
 * width (Word adds a little space between digits and 年月日, LibreOffice's fallback digits are
 * wider: the date then ends a little nearer the edge); a 署名 too long for that centre moves both
 * left until it ends one character in.
 */
function signatureParagraphs(issuerName: string, date: string): Paragraph[] {
  const dateMid = TEXT_WIDTH - chars(4) - chars(ems(date)) / 2;
  const centre = Math.round(Math.min(dateMid, TEXT_WIDTH - chars(1) - chars(ems(issuerName)) / 2));
  const line = (text: string, keepNext: boolean) =>
    new Paragraph({
      spacing: exact,
      keepNext,
      tabStops: [{ type: TabStopType.CENTER, position: centre }],
      children: [new TextRun({ children: [new Tab(), text], font: face(DOCX_FONTS.body), size: BODY_SIZE, characterSpacing: CHAR_SPACING })],
    });
  const blank = () => new Paragraph({ spacing: exact, keepNext: true, children: [] });
  return [...Array.from({ length: SEAL_BLANK_LINES }, blank), line(issuerName, true), line(date, false)];
}

/** 附注 (§7.3.6): 公开属性 and the record's 附注, each in parentheses, two characters in. */
function noteParagraphs(record: OutgoingRecord): Paragraph[] {
  const remark = record.remark?.trim();
  const notes = [
    DISCLOSURE_NOTES[record.disclosure],
    ...(remark ? [/^[（(].*[）)]$/.test(remark) ? remark : `（${remark}）`] : []),
  ];
  return notes.map(
    (n) =>
      new Paragraph({
        alignment: AlignmentType.BOTH,
        widowControl: false,
        spacing: exact,
        indent: { left: chars(2) },
        children: [run(n)],
      }),
  );
}

/** The Document (before packing). */
export function redheadDocxDocument(record: OutgoingRecord, series: DocNumberSeries, options: RedheadDocxOptions): Document {
  // 份号, 密级和保密期限, 紧急程度: flush left from the first line, in this order (§7.2.1–7.2.3).
  const secrecy = formatClassificationMark({
    level: record.classification,
    term: record.secrecyTerm ?? defaultSecrecyTerm(record.classification),
  });
  const topLines = [
    ...(options.copyNumber ? [run(copyNumberText(options.copyNumber))] : []),
    ...(secrecy ? [run(secrecy, DOCX_FONTS.label)] : []),
    ...(record.urgency !== '普通' ? [run(record.urgency, DOCX_FONTS.label)] : []),
  ].map((r) => new Paragraph({ spacing: exact, children: [r] }));
  // One line even when there is nothing to mark, so the 版头 measures from the same place.
  if (!topLines.length) topLines.push(blankLine());

  // 发文机关标志 (§7.2.4): "居中排布，上边缘至版心上边缘为35mm" — for every 行文方向 (the 80 mm of
  // 上行文 was GB/T 9704-1999's and is gone from 2012). The glyph sits in the middle of its exact line
  // (LibreOffice; measured 0.2 mm off), a line only 1.1 × the size so that a program placing it
  // otherwise in the line moves it by 0.7 mm at most.
  const markSize = markSizeHalfPoints(series.issuerMark);
  const markLine = Math.round(markSize * 10 * 1.1);
  const markBefore = mmToTwip(35) - topLines.length * LINE_TWIPS - (markLine - markSize * 10) / 2;
  const mark = new Paragraph({
    style: OFF_GRID_STYLE,
    alignment: AlignmentType.CENTER,
    spacing: { before: Math.max(0, Math.round(markBefore)), line: markLine, lineRule: LineRuleType.EXACT },
    children: [new TextRun({ text: series.issuerMark, font: face(DOCX_FONTS.title), size: markSize, color: RED })],
  });

  // 发文字号 two lines under the mark (§7.2.5), centred; 上行文: left one character in, on the line
  // of the 签发人 (§7.2.6: "签发人：" 仿宋, the name 楷体, right one character in). The red rule
  // (§7.2.7) is the paragraph's bottom border, across the 版心 (tabs, not indents, keep it full
  // width), 4 mm under the characters: the line's 6.5pt under the glyph plus 5pt.
  const number = docNumberText(record, series);
  const redRule = { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 5 } };
  const numberLine =
    record.direction === '上行文'
      ? new Paragraph({
          spacing: exact,
          tabStops: [
            { type: TabStopType.LEFT, position: chars(1) },
            { type: TabStopType.RIGHT, position: TEXT_WIDTH - chars(1) },
          ],
          border: redRule,
          children: [
            new TextRun({ children: [new Tab(), number, new Tab(), '签发人：'], font: face(DOCX_FONTS.body), size: BODY_SIZE }),
            run(record.signoff?.signer ?? BLANK, DOCX_FONTS.kai),
          ],
        })
      : new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact, border: redRule, children: [run(number)] });

  // 标题 two lines under the rule, centred, 2号小标宋 (§7.3.1); 主送机关 one line under it, flush
  // left, ending in a full-width colon (§7.3.2); the 正文 on the next line (§7.3.3).
  const title = new Paragraph({
    style: OFF_GRID_STYLE,
    alignment: AlignmentType.CENTER,
    spacing: exact,
    children: [new TextRun({ text: record.title, font: face(DOCX_FONTS.title), size: TITLE_SIZE })],
  });
  const mainTo = record.mainTo.map((u) => u.trim()).filter(Boolean);
  const addressee = new Paragraph({
    alignment: AlignmentType.BOTH,
    widowControl: false,
    spacing: exact,
    children: [run(`${mainTo.join('，')}：`)],
  });
  const bodyTexts = (record.body ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  // No 正文 in the app: a highlighted place the drafter pastes it into (the first page must show 正文).
  const attachments = attachmentParagraphs(record.attachments);
  const bodyLast = attachments.length === 0;
  const body = bodyTexts.length
    ? bodyTexts.map((t, i) => textParagraph(t, bodyLast && i === bodyTexts.length - 1))
    : [
        new Paragraph({
          keepNext: bodyLast,
          spacing: exact,
          indent: { firstLine: chars(2), firstLineChars: 200 },
          children: [run('【正文】', DOCX_FONTS.body, { highlight: HighlightColor.YELLOW })],
        }),
      ];

  const printedBy = options.printedBy?.trim() || options.unitName;
  const copyTo = record.copyTo.map((u) => u.trim()).filter(Boolean);
  const printedOn = printedOnDate(record, options);

  return new Document({
    creator: '文枢',
    title: [record.docNumber, record.title].filter(Boolean).join(' '),
    evenAndOddHeaderAndFooters: true,
    styles: gbt9704Styles(),
    sections: [
      {
        ...gbt9704Section(),
        ...watermarkHeaders(options.watermark),
        children: [
          ...topLines,
          mark,
          blankLine(),
          blankLine(),
          numberLine,
          blankLine(),
          blankLine(),
          title,
          blankLine(),
          addressee,
          ...body,
          ...attachments,
          ...signatureParagraphs(series.issuerName, dateText(record.writtenDate ?? record.signoff?.date)),
          ...noteParagraphs(record),
          ...imprintFrames({
            copyTo: copyTo.length ? `${copyTo.join('，')}。` : null,
            printedBy,
            printedOn: `${dateText(printedOn)}印发`,
          }),
        ],
      },
    ],
  });
}

/** The 红头 .docx of a 发文, as bytes (renderer, jsdom and node alike). */
export async function buildRedheadDocx(record: OutgoingRecord, series: DocNumberSeries, options: RedheadDocxOptions): Promise<Uint8Array> {
  return packDocx(redheadDocxDocument(record, series, options), [...BASE_FONTS, FONT_TABLE.kai]);
}
