import { formatClassificationMark } from '@shared/domain/enums';
import type { OutgoingRecord } from '@shared/domain/outgoing-types';
import { TEXT_BLOCK_MM } from './page-geometry';
import { paperDate, paperDayOf } from './print-format';
import { textWidthEm } from './register-layout';

// 发文稿纸 (发文处理笺, DOMAIN.md §10) on ONE A4 page, whatever the record holds: what each row says
// and the type size it prints in. Pure (no React, no font), so the print and the tests compute the
// same figures. The slip's height is estimated at each step of the type (四号, 小四, 五号, 小五: the
// rows' text, labels and opinions alike) from the characters' widths (CJK 1 em; register-layout.ts
// textWidthEm errs wide), and the largest step whose estimate fits the 225 mm text block is used.
// The three opinion boxes (签发, 会签, 核稿) keep room to sign by hand and share what is left.

/** 全角空格: the separator a Chinese form uses between items on one line. */
export const SP = '\u3000';

export interface SlipStep {
  /** Type size of labels, values and opinions (pt). */
  pt: number;
  /** Line height (times the size). */
  lineHeight: number;
  /** Vertical padding of a table cell (mm). */
  cellPadMm: number;
  /** Vertical padding of an opinion box (mm). */
  boxPadMm: number;
}

/** 四号 14, 小四 12, 五号 10.5, 小五 9 pt: the slip takes the largest that fits. */
export const SLIP_STEPS: readonly SlipStep[] = [
  { pt: 14, lineHeight: 1.4, cellPadMm: 1.6, boxPadMm: 2 },
  { pt: 12, lineHeight: 1.4, cellPadMm: 1.3, boxPadMm: 1.6 },
  { pt: 10.5, lineHeight: 1.35, cellPadMm: 1, boxPadMm: 1.2 },
  { pt: 9, lineHeight: 1.3, cellPadMm: 0.7, boxPadMm: 0.8 },
];

const PT_MM = 25.4 / 72;
const BLOCK = TEXT_BLOCK_MM.portrait.width;
/** The column the slip fills (print-styles .ws-slip: 225 mm less a little so rounding never spills a page). */
export const SLIP_COLUMN_MM = 223;
/** What an estimate may use of it: a line the estimate missed (a 、 moved to the next line) still fits. */
export const SLIP_BUDGET_MM = 217;

/** The table's columns (mm): label | value | label | value | label | value. */
export const SLIP_COLUMNS_MM = [23, 40, 23, 30, 23, 17] as const;
export const LABEL_MM = SLIP_COLUMNS_MM[0];
/** Horizontal padding of a table cell and of an opinion box's body (mm). */
const CELL_PAD_X = 1.5;
const BOX_PAD_X = 3;
/** A 1 px rule. */
const RULE_MM = 0.27;

/** Room to sign by hand in an opinion box with nothing recorded (mm). */
export const SIGN_ROOM_MM = { signoff: 24, countersignUnit: 12, review: 16 } as const;
/** The opinion boxes' least heights with text recorded: a line of text, the signer's line and room for a signature. */
const BOX_MIN_MM = 16;

export type SlipRecord = Pick<
  OutgoingRecord,
  | 'title'
  | 'mainTo'
  | 'copyTo'
  | 'classification'
  | 'secrecyTerm'
  | 'urgency'
  | 'draftingUnit'
  | 'drafter'
  | 'countersignUnits'
  | 'attachments'
  | 'printCopies'
  | 'disclosure'
  | 'docNumber'
  | 'review'
  | 'countersigns'
  | 'signoff'
  | 'printing'
  | 'createdAt'
>;

/** One 会签 unit as printed: its 意见 and signer when recorded. */
export interface CountersignLine {
  unit: string;
  text: string;
  /** "王五 2026年11月21日", or blanks to sign and date by hand. */
  sign: string;
  recorded: boolean;
}

/** A blank to sign on, then the date to write: the line under an opinion nobody has recorded yet. */
export const SIGN_BLANKS = `${SP.repeat(5)}年${SP}${SP}月${SP}${SP}日`;

/** Everything the slip prints, as text. */
export interface SlipContent {
  title: string;
  mark: string;
  signoff: { text: string; sign: string };
  countersigns: CountersignLine[];
  review: { text: string; sign: string };
  draftingUnit: string;
  drafter: string;
  docTitle: string;
  mainTo: string;
  copyTo: string;
  classification: string;
  urgency: string;
  copies: string;
  /** 份号 of the printed copies (classified, after 印制), e.g. 000001—000003. */
  copyNumbers: string;
  attachments: string;
  docNumber: string;
  disclosure: string;
}

function range(numbers: readonly string[]): string {
  if (numbers.length === 0) return '';
  return numbers.length === 1 ? numbers[0]! : `${numbers[0]}—${numbers[numbers.length - 1]}`;
}

export function slipContent(record: SlipRecord, unitName: string): SlipContent {
  const mark = formatClassificationMark({ level: record.classification, term: record.secrecyTerm ?? null });
  const countersigns = record.countersignUnits.map((u): CountersignLine => {
    // The latest 意见 of the unit (a unit asked again after 退回修改 signs again).
    const c = [...record.countersigns].reverse().find((x) => x.unit.id === u.id);
    return c
      ? { unit: u.name, text: c.text, sign: `${c.signer}${SP}${paperDate(c.date)}`, recorded: true }
      : { unit: u.name, text: '', sign: `会签人：${SIGN_BLANKS}`, recorded: false };
  });
  const s = record.signoff;
  const r = record.review;
  return {
    title: `${unitName}发文稿纸`,
    mark,
    signoff: s ? { text: s.text, sign: `签发人：${s.signer}${SP}${paperDate(s.date)}` } : { text: '', sign: `签发人：${SIGN_BLANKS}` },
    countersigns,
    review: r ? { text: r.text, sign: `核稿人：${r.reviewer.name}${SP}${paperDayOf(r.at)}` } : { text: '', sign: `核稿人：${SIGN_BLANKS}` },
    draftingUnit: record.draftingUnit.name,
    drafter: `${record.drafter.name}${SP}${paperDayOf(record.createdAt)}`,
    docTitle: record.title,
    mainTo: record.mainTo.join('、'),
    copyTo: record.copyTo.join('、'),
    classification: mark || record.classification,
    urgency: record.urgency,
    copies: `${record.printing?.copies ?? record.printCopies}份`,
    copyNumbers: range(record.printing?.copyNumbers ?? []),
    attachments: record.attachments ?? '',
    docNumber: record.docNumber ?? '',
    disclosure: record.disclosure,
  };
}

/** Lines `text` takes in a box `widthMm` wide at `pt` (each paragraph at least one). */
export function textLinesIn(text: string, widthMm: number, pt: number): number {
  const perLine = Math.max(1, Math.floor(widthMm / (pt * PT_MM)));
  return text.split('\n').reduce((n, p) => n + Math.max(1, Math.ceil(textWidthEm(p) / perLine)), 0);
}

/** The title: 2号 (22 pt) on at most two lines, else 小二 (18 pt); its height with its margins (mm). */
export function slipTitleType(title: string): { pt: number; heightMm: number } {
  for (const pt of [22, 18]) {
    // 0.05 em letter spacing (print-styles .ws-slip-title).
    const lines = textLinesIn(title, BLOCK / 1.05, pt);
    if (lines <= 2 || pt === 18) return { pt, heightMm: lines * pt * 1.3 * PT_MM + 6 };
  }
  throw new Error('unreachable');
}

export interface SlipBoxHeights {
  signoff: number;
  countersign: number;
  review: number;
}

export interface SlipLayout {
  step: SlipStep;
  titlePt: number;
  /** Estimated height of the whole slip (mm) at this step. */
  heightMm: number;
  /** Each opinion box's least height (mm): its text, its signer's line, room to sign. */
  boxMinMm: SlipBoxHeights;
  /** Whether the estimate fits SLIP_BUDGET_MM (false: the smallest step, and it may run onto a second page). */
  fits: boolean;
}

/** Estimated heights at one step. */
export function estimateSlip(content: SlipContent, step: SlipStep): Omit<SlipLayout, 'fits' | 'titlePt'> {
  const line = step.pt * step.lineHeight * PT_MM;
  const span = (from: number, to: number) => SLIP_COLUMNS_MM.slice(from, to).reduce((a, b) => a + b, 0) - 2 * CELL_PAD_X - RULE_MM;
  const cell = (text: string, width: number, extraLines = 0) => (textLinesIn(text, width, step.pt) + extraLines) * line;
  const row = (...cells: number[]) => Math.max(line, ...cells) + 2 * step.cellPadMm + RULE_MM;
  const full = span(1, 6);
  const table =
    row(cell(content.draftingUnit, full)) +
    row(cell(content.drafter, full)) +
    row(cell(content.docTitle, full)) +
    row(cell(content.mainTo, full)) +
    row(cell(content.copyTo, full)) +
    // 份号 prints under the copies at 0.8 of the size (.ws-outgoing-small).
    row(
      cell(content.classification, span(1, 2)),
      cell(content.urgency, span(3, 4)),
      cell(content.copies, span(5, 6)) + (content.copyNumbers ? textLinesIn(content.copyNumbers, span(5, 6), step.pt * 0.8) * step.pt * 0.8 * 1.2 * PT_MM : 0),
    ) +
    row(cell(content.attachments, full)) +
    row(cell(content.docNumber, span(1, 3)), cell('公开属性', span(3, 4)), cell(content.disclosure, span(4, 6)));

  const body = BLOCK - LABEL_MM - 2 * BOX_PAD_X - RULE_MM;
  const box = (text: string, blank: number) => {
    // Text, then the signer's line 1 mm below it.
    const inner = (text ? textLinesIn(text, body, step.pt) * line : 0) + line + 1;
    return Math.max(inner + 2 * step.boxPadMm + RULE_MM, text ? BOX_MIN_MM : blank);
  };
  // Each unit: its 意见 and the signer's line; a unit with nothing recorded keeps room to sign
  // (.ws-outgoing-countersign--blank); 1 mm between units.
  const countersignInner = content.countersigns.reduce((h, c) => {
    const text = (textLinesIn(`${c.unit}：${c.text}`, body, step.pt) + 1) * line;
    return h + (c.recorded ? text : Math.max(text, SIGN_ROOM_MM.countersignUnit)) + 1;
  }, 0);
  const boxMinMm: SlipBoxHeights = {
    signoff: box(content.signoff.text, SIGN_ROOM_MM.signoff),
    countersign: Math.max(countersignInner + 2 * step.boxPadMm + RULE_MM, BOX_MIN_MM),
    review: box(content.review.text, SIGN_ROOM_MM.review),
  };
  const head = (content.mark ? 14 * 1.4 * PT_MM : 0) + slipTitleType(content.title).heightMm;
  return { step, heightMm: head + boxMinMm.signoff + boxMinMm.countersign + boxMinMm.review + table, boxMinMm };
}

/** The largest step whose estimate fits the page; else the smallest (the slip then may run onto a second page). */
export function slipLayout(content: SlipContent): SlipLayout {
  const titlePt = slipTitleType(content.title).pt;
  let last: Omit<SlipLayout, 'fits' | 'titlePt'> | null = null;
  for (const step of SLIP_STEPS) {
    last = estimateSlip(content, step);
    if (last.heightMm <= SLIP_BUDGET_MM) return { ...last, titlePt, fits: true };
  }
  return { ...last!, titlePt, fits: false };
}
