// 发文字号 (DOMAIN.md §2): 机关代字 + 〔year〕 + sequence + 号, e.g. 国办发〔2012〕10号.
// People type the brackets however their keyboard allows — [2012] (2012) （2012） 【2012】 — so
// we normalise to the six-cornered 〔〕, drop spaces, leading zeros and 第, and add a missing 号.
// Anything we cannot read is kept exactly as typed (trimmed): a real document with an odd number
// must still be registrable, under the number it actually bears.

export interface ParsedDocNumber {
  /** 机关代字, e.g. 国办发 */
  agencyCode: string;
  year: number;
  /** 发文顺序号 */
  seq: number;
}

export interface NormalizedDocNumber {
  normalized: string;
  parsed: ParsedDocNumber | null;
}

const OPEN = '[(（〔【［〖';
const CLOSE = '\\])）〕】］〗';
const DOC_NUMBER = new RegExp(`^([^${OPEN}${CLOSE}]+)[${OPEN}](\\d{4})[${CLOSE}]第?(\\d+)号?$`);

// Years a real 发文字号 can bear; outside this the "year" is a typo and we keep the text as typed.
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;
const MAX_SEQ_DIGITS = 9;

/** Full-width digits (from a Chinese IME) to ASCII, and every kind of space removed. */
function compact(input: string): string {
  return input
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/\s+/g, '');
}

export function formatDocNumber({ agencyCode, year, seq }: ParsedDocNumber): string {
  return `${agencyCode}〔${year}〕${seq}号`;
}

export function parseDocNumber(input: string): ParsedDocNumber | null {
  const m = DOC_NUMBER.exec(compact(input));
  if (!m) return null;
  const [, agencyCode = '', yearText = '', seqText = ''] = m;
  const year = Number(yearText);
  const seqDigits = seqText.replace(/^0+/, '');
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  if (seqDigits === '' || seqDigits.length > MAX_SEQ_DIGITS) return null; // 0号 is not a number anyone issues
  return { agencyCode, year, seq: Number(seqDigits) };
}

/** '国办发[2012]010号' → { normalized: '国办发〔2012〕10号', parsed: {国办发, 2012, 10} }. */
export function normalizeDocNumber(input: string): NormalizedDocNumber {
  const parsed = parseDocNumber(input);
  return parsed ? { normalized: formatDocNumber(parsed), parsed } : { normalized: input.trim(), parsed: null };
}
