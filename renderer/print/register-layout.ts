import { REGISTER_COLUMNS, registerCellText, type RegisterColumnKey, type RegisterLine } from '@shared/domain/incoming-register';
import { TEXT_BLOCK_MM } from './page-geometry';

// Column widths of the 收文登记簿 (A4 landscape): pure, so the print, the column chooser and the
// tests compute the same figures. Every column gets at least the width its longest content needs at
// the sheet's font size (a number or a date never wraps: its width comes from the printed rows);
// the free-text columns (标题, 来文单位, 来文字号, 承办单位, 签收人) wrap, start from a floor of a few
// characters and share what is left so that rows need the fewest lines (no one column makes the
// rows tall), and the widths always add up to the text block exactly. When
// the chosen set does not fit at 五号 (10.5pt) the sheet steps down to 小五 (9pt); when it does not
// fit even then, it is not printed (the chooser says by how much it is too wide).

/** Font sizes the register may print in, largest first: 五号, then 小五. */
export const REGISTER_FONT_STEPS_PT = [10.5, 9] as const;
export type RegisterFontPt = (typeof REGISTER_FONT_STEPS_PT)[number];

/** Left and right cell padding in mm at each font size. */
const PADDING_MM: Record<RegisterFontPt, number> = { 10.5: 0.8, 9: 0.5 };
/** A cell's share of the 1px rules between columns (collapsed borders), in mm. */
const RULE_MM = 0.27;
/** Room a no-wrap cell keeps beyond its measured text, in em: fonts differ a little between PCs. */
const SAFETY_EM = 0.15;

const PT_TO_MM = 25.4 / 72;

/**
 * What the columns share: the text block less the table's own left rule (1px, drawn outside the
 * columns), so rules and all are exactly the block's 267 mm and the right rule is never clipped.
 */
export const REGISTER_COLUMNS_MM = TEXT_BLOCK_MM.landscape.width - 0.3;

interface ColumnMetrics {
  /** Wraps inside its cell (free text) or never (numbers, dates, short words). */
  wrap: boolean;
  /** The narrowest it may be, in em (2.3: a header of two characters, or four on two lines, with room to spare). */
  floorEm: number;
  /** A wrapping column's minimum is its content up to this many em (no cap for a no-wrap column). */
  capEm: number;
  /** Its share of the width left over (free text only). */
  weight: number;
}

const nowrap = (floorEm = 2.3): ColumnMetrics => ({ wrap: false, floorEm, capEm: Infinity, weight: 0 });
const text = (floorEm: number, weight: number, capEm = floorEm): ColumnMetrics => ({ wrap: true, floorEm, capEm, weight });

const METRICS: Record<RegisterColumnKey, ColumnMetrics> = {
  index: nowrap(),
  serial: nowrap(),
  receivedDate: nowrap(),
  fromUnit: text(3, 2),
  docNumber: text(3, 2),
  title: text(6, 5),
  docType: nowrap(),
  // 机密★20年 on one line; a 解密条件 (up to 100 characters) or a date wraps.
  classification: text(2.3, 0, 5.3),
  copyNumber: nowrap(),
  copies: nowrap(),
  pages: nowrap(),
  urgency: nowrap(),
  writtenDate: nowrap(),
  // A name of up to 3 characters on one line; longer names (up to 20) wrap.
  signedBy: text(2.3, 0.5, 3),
  // "办件/" on the header's first line.
  handling: nowrap(2.6),
  hostDept: text(3, 2),
  dueDate: nowrap(),
  state: nowrap(),
  closedDate: nowrap(),
};

/** Whether a column wraps its text (the sheet sets white-space: nowrap on the others). */
export function registerColumnWraps(key: RegisterColumnKey): boolean {
  return METRICS[key].wrap;
}

/**
 * Width of one line of text in em, at the widths of the print fonts (仿宋 and the bundled Noto
 * Serif SC): CJK and full-width 1, ASCII digits 0.57, Latin letters up to 1.05. Errs wide.
 */
export function textWidthEm(s: string): number {
  let em = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x1100) em += 1;
    else if (c >= 0x30 && c <= 0x39) em += 0.57;
    else if (ch === 'W' || ch === 'M' || ch === 'm' || ch === 'w') em += 1.05;
    else if (c >= 0x41 && c <= 0x5a) em += 0.75;
    else if (c >= 0x61 && c <= 0x7a) em += 0.6;
    else if (c < 0x80) em += 0.4;
    else em += 0.8;
  }
  return em;
}

export interface RegisterColumnLayout {
  key: RegisterColumnKey;
  label: string;
  /** Width in mm, rules and padding included. */
  mm: number;
  wrap: boolean;
}

export type RegisterLayout =
  | { fits: true; fontPt: RegisterFontPt; paddingMm: number; columns: RegisterColumnLayout[] }
  /** Too wide even at the smallest font: `needMm` at that size against `availableMm`. */
  | { fits: false; fontPt: RegisterFontPt; needMm: number; availableMm: number };

interface ColumnNeed {
  /** The least it may have (mm). */
  min: number;
  /** Its longest content on one line (mm); a wrapping column never needs more. */
  full: number;
}

function columnNeeds(columns: readonly RegisterColumnKey[], lines: readonly RegisterLine[], fontPt: RegisterFontPt): ColumnNeed[] {
  const emMm = fontPt * PT_TO_MM;
  const overhead = 2 * PADDING_MM[fontPt] + RULE_MM;
  return columns.map((key) => {
    const m = METRICS[key];
    let longest = 0;
    lines.forEach((line, i) => {
      longest = Math.max(longest, textWidthEm(registerCellText(key, line, i)));
    });
    const em = Math.min(Math.max(longest + SAFETY_EM, m.floorEm), m.capEm);
    return { min: em * emMm + overhead, full: Math.max(em, longest + SAFETY_EM) * emMm + overhead };
  });
}

/** The minimum width in mm of each column at `fontPt`, for these rows. */
export function registerMinimumWidths(columns: readonly RegisterColumnKey[], lines: readonly RegisterLine[], fontPt: RegisterFontPt): number[] {
  return columnNeeds(columns, lines, fontPt).map((n) => n.min);
}

/**
 * Shares `rest` mm among the wrapping columns so rows are as short as they can be: the fewest lines
 * L such that every free-text column holds its longest text in L lines (never under its minimum);
 * then, cheapest first, columns whose text fits on one line with what is left get that; the rest
 * goes by the columns' weights (标题 most).
 */
function shareRest(columns: readonly RegisterColumnKey[], needs: readonly ColumnNeed[], rest: number, overhead: number): number[] {
  const widths = needs.map((n) => n.min);
  const wrapping = columns.map((k, i) => (METRICS[k].wrap ? i : -1)).filter((i) => i >= 0);
  if (wrapping.length === 0) {
    // Nothing free-text chosen: every column grows in proportion to its width.
    const total = widths.reduce((a, b) => a + b, 0);
    return widths.map((w) => w + (rest * w) / total);
  }
  const room = wrapping.reduce((a, i) => a + needs[i]!.min, 0) + rest;
  const inLines = (i: number, lines: number) => Math.max(needs[i]!.min, (needs[i]!.full - overhead) / lines + overhead);
  let lines = 1;
  while (wrapping.reduce((a, i) => a + inLines(i, lines), 0) > room) lines++;
  for (const i of wrapping) widths[i] = inLines(i, lines);
  let left = room - wrapping.reduce((a, i) => a + widths[i]!, 0);
  for (const i of [...wrapping].sort((a, b) => needs[a]!.full - widths[a]! - (needs[b]!.full - widths[b]!))) {
    const more = needs[i]!.full - widths[i]!;
    if (more > 0 && more <= left) {
      widths[i] = needs[i]!.full;
      left -= more;
    }
  }
  const weighted = wrapping.map((i) => METRICS[columns[i]!].weight);
  // Only weightless columns chosen (密级): they share alike.
  const weights = weighted.some((w) => w > 0) ? weighted : weighted.map(() => 1);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  wrapping.forEach((i, j) => (widths[i] = widths[i]! + (left * weights[j]!) / totalWeight));
  return widths;
}

/**
 * The widths of the chosen columns (in the given order) for these rows: the largest font at which
 * every column gets its minimum, the rest shared by the free-text columns; the widths add up to
 * `blockMm` (the landscape text block) exactly.
 */
export function registerLayout(
  columns: readonly RegisterColumnKey[],
  lines: readonly RegisterLine[],
  blockMm: number = REGISTER_COLUMNS_MM,
): RegisterLayout {
  // The print page asks three times per render (sheet, chooser, tool bar) for the same rows: one
  // entry of memory saves measuring every cell again.
  const key = `${columns.join(',')}|${blockMm}`;
  if (lastLayout && lastLayout.lines === lines && lastLayout.key === key) return lastLayout.layout;
  const layout = computeLayout(columns, lines, blockMm);
  lastLayout = { lines, key, layout };
  return layout;
}

let lastLayout: { lines: readonly RegisterLine[]; key: string; layout: RegisterLayout } | null = null;

function computeLayout(columns: readonly RegisterColumnKey[], lines: readonly RegisterLine[], blockMm: number): RegisterLayout {
  let needMm = 0;
  for (const fontPt of REGISTER_FONT_STEPS_PT) {
    const needs = columnNeeds(columns, lines, fontPt);
    needMm = needs.reduce((a, n) => a + n.min, 0);
    if (needMm > blockMm) continue;
    const widths = shareRest(columns, needs, blockMm - needMm, 2 * PADDING_MM[fontPt] + RULE_MM);
    // Rounding never pushes the sum past the block: the last column takes what is left.
    const rounded = widths.map((w) => Math.floor(w * 100) / 100);
    rounded[rounded.length - 1] = Math.round((blockMm - rounded.slice(0, -1).reduce((a, b) => a + b, 0)) * 100) / 100;
    return {
      fits: true,
      fontPt,
      paddingMm: PADDING_MM[fontPt],
      columns: columns.map((key, i) => ({ key, label: REGISTER_COLUMNS[key].label, mm: rounded[i]!, wrap: METRICS[key].wrap })),
    };
  }
  return { fits: false, fontPt: REGISTER_FONT_STEPS_PT[REGISTER_FONT_STEPS_PT.length - 1]!, needMm, availableMm: blockMm };
}

/** What the chooser says when the set does not fit; null when it does. */
export function registerFitProblem(layout: RegisterLayout): string | null {
  if (layout.fits) return null;
  const over = Math.ceil(layout.needMm - layout.availableMm);
  return `所选的列在 A4 横向页面上放不下：即使用小五号字也宽出约 ${over} 毫米，请减少几列后再打印。`;
}
