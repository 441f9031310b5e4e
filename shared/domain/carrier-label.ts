import { formatRegisterNumber, SERIES_PATTERNS } from './numbering';

// The code on a carrier's QR label, and reading it back in a 清点. A USB barcode scanner is a
// keyboard that types what the code holds and then Enter; scanners type ASCII reliably but not
// Chinese characters (each keyboard layout and IME mangles them differently), so the label code
// is ASCII — 'ZT2026-0001' for 载〔2026〕0001 — and is printed in plain text beside the code for
// a person to type when a label will not scan.

/** 涉密载体编号 pattern: one series per year, gap-free, from the numbering service. */
export const CARRIER_PATTERN = SERIES_PATTERNS.载体.pattern;

// A PC's 本机编号前缀 (issue #20) rides along: 载〔2026〕B-0001 ⇄ 'ZT2026-B-0001'.
const SERIAL = /^载〔(\d{4})〕(?:([A-Z0-9]{1,3})-)?(\d+)$/;
const CODE = /^ZT(\d{4})-?(?:([A-Z0-9]{1,3})-)?(\d+)$/;

/** '载〔2026〕0001' → 'ZT2026-0001' ('载〔2026〕B-0001' → 'ZT2026-B-0001'); null for anything not a carrier 编号. */
export function carrierLabelCode(serial: string): string | null {
  const m = SERIAL.exec(serial);
  return m ? `ZT${m[1]}-${m[2] ? `${m[2]}-` : ''}${m[3]}` : null;
}

/**
 * What the 清点 box received → the carrier 编号 it names, or null. Accepts the label code in any
 * case with or without the hyphen (a scanner in caps lock sends 'zt2026-0001'), and the 编号
 * itself, typed or pasted, with stray spaces or full-width digits.
 */
export function serialFromScan(raw: string): string | null {
  const t = raw
    .replace(/[０-９Ａ-Ｚａ-ｚ－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
  const m = CODE.exec(t) ?? SERIAL.exec(t.replace(/[[［（(【〖]/g, '〔').replace(/[\]］）)】〗]/g, '〕'));
  if (!m) return null;
  const year = Number(m[1]);
  const n = Number(m[3]);
  // A smudged or mistyped label (year 0999, serial 0000 …) names no carrier: not an error.
  if (year < 1949 || year > 2999 || !Number.isSafeInteger(n) || n < 1) return null;
  return formatRegisterNumber(CARRIER_PATTERN, year, n, m[2] ?? '');
}

// --- label sheets (issue #15) ------------------------------------------------------------------
// The sheets a label can be printed on, in mm from the top-left corner of an A4 page. Plain paper
// keeps the original layout (2 × 7 boxes of 77×30 mm inside the text block, cut along dashed
// lines, the 打印份号 above them); the self-adhesive sheets fill the page edge to edge, so the
// print must put each label exactly on the sheet's die-cut cell. A printer's feed is never quite
// true: each printer gets its own offsets (a profile, saved in the setting 'labelPrinters').

export const LABEL_SHEET_IDS = ['plain-2x7', 'a4-3x8', 'a4-4x10'] as const;
export type LabelSheetId = (typeof LABEL_SHEET_IDS)[number];

export interface LabelSheet {
  id: LabelSheetId;
  /** How the office names it. */
  name: string;
  columns: number;
  rows: number;
  /** One label's size. */
  widthMm: number;
  heightMm: number;
  /** The first label's top-left corner on the page. */
  leftMm: number;
  topMm: number;
  /** Dashed cutting lines around each label (plain paper); die-cut sheets need none. */
  cutLines: boolean;
  /** Inner margin of a label, the QR's side, the text's size. */
  paddingMm: number;
  qrMm: number;
  textPt: number;
  codePt: number;
  /** Plain paper prints "编号：" and "密级：" before the values; a small sticker has no room for them. */
  fieldNames: boolean;
}

/** A4 portrait, mm. */
export const A4_WIDTH_MM = 210;
export const A4_HEIGHT_MM = 297;

function centred(columns: number, rows: number, w: number, h: number) {
  return { leftMm: (A4_WIDTH_MM - columns * w) / 2, topMm: (A4_HEIGHT_MM - rows * h) / 2 };
}

export const LABEL_SHEETS: Record<LabelSheetId, LabelSheet> = {
  // The GB/T 9704 text block is 156 mm wide from 28 mm; the 打印份号 line takes the first 6 mm.
  'plain-2x7': { id: 'plain-2x7', name: 'A4 普通纸 2×7（77×30 mm，沿虚线裁切）', columns: 2, rows: 7, widthMm: 77, heightMm: 30, leftMm: 28, topMm: 43, cutLines: true, paddingMm: 2, qrMm: 26, textPt: 9.5, codePt: 11, fieldNames: true },
  'a4-3x8': { id: 'a4-3x8', name: 'A4 不干胶 3×8（70×37 mm，每张 24 枚）', columns: 3, rows: 8, widthMm: 70, heightMm: 37, ...centred(3, 8, 70, 37), cutLines: false, paddingMm: 3, qrMm: 27, textPt: 9, codePt: 10, fieldNames: false },
  'a4-4x10': { id: 'a4-4x10', name: 'A4 不干胶 4×10（52.5×29.7 mm，每张 40 枚）', columns: 4, rows: 10, widthMm: 52.5, heightMm: 29.7, ...centred(4, 10, 52.5, 29.7), cutLines: false, paddingMm: 3, qrMm: 18, textPt: 7, codePt: 7.5, fieldNames: false },
};

export const DEFAULT_LABEL_SHEET: LabelSheetId = 'plain-2x7';

/** How far a printer profile may move the labels, mm, either way on each axis. */
export const LABEL_OFFSET_LIMIT_MM = 5;

export interface LabelOffset {
  xMm: number;
  yMm: number;
}

export const NO_OFFSET: LabelOffset = { xMm: 0, yMm: 0 };

export function labelsPerSheet(sheet: LabelSheet): number {
  return sheet.columns * sheet.rows;
}

/** Where label `index` (0-based, row by row) of a page lands on the paper, in mm, offset included. */
export function labelCell(sheet: LabelSheet, index: number, offset: LabelOffset = NO_OFFSET): { x0: number; y0: number; x1: number; y1: number } {
  const i = index % labelsPerSheet(sheet);
  const c = i % sheet.columns;
  const r = Math.floor(i / sheet.columns);
  const x0 = sheet.leftMm + c * sheet.widthMm + offset.xMm;
  const y0 = sheet.topMm + r * sheet.heightMm + offset.yMm;
  return { x0, y0, x1: x0 + sheet.widthMm, y1: y0 + sheet.heightMm };
}
