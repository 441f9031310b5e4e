import { formatSerial, SERIES_PATTERNS } from './numbering';

// The code on a carrier's QR label, and reading it back in a 清点. A USB barcode scanner is a
// keyboard that types what the code holds and then Enter; scanners type ASCII reliably but not
// Chinese characters (each keyboard layout and IME mangles them differently), so the label code
// is ASCII — 'ZT2026-0001' for 载〔2026〕0001 — and is printed in plain text beside the code for
// a person to type when a label will not scan.

/** 涉密载体编号 pattern: one series per year, gap-free, from the numbering service. */
export const CARRIER_PATTERN = SERIES_PATTERNS.载体.pattern;

const SERIAL = /^载〔(\d{4})〕(\d+)$/;
const CODE = /^ZT(\d{4})-?(\d+)$/;

/** '载〔2026〕0001' → 'ZT2026-0001'; null for anything not a carrier 编号. */
export function carrierLabelCode(serial: string): string | null {
  const m = SERIAL.exec(serial);
  return m ? `ZT${m[1]}-${m[2]}` : null;
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
  const n = Number(m[2]);
  // A smudged or mistyped label (year 0999, serial 0000 …) names no carrier: not an error.
  if (year < 1949 || year > 2999 || !Number.isSafeInteger(n) || n < 1) return null;
  return formatSerial(CARRIER_PATTERN, year, n);
}
