import { normalizeDocNumber } from './doc-number';

// 从扫描件识别 (issue #17 §2): what the first page of a scanned 收文 with a text layer offers the
// registration form. Only offers: the secretary sees each one and takes it (采用) or not.
// Typical first page (GB/T 9704): 份号, 密级, 紧急程度, 发文机关标志 (…文件), 发文字号, 标题 (one to
// three lines), 主送机关 (ending in ：), 正文.

export interface ScanSuggestions {
  /** Possible 标题, most likely first (at most 5). */
  titles: string[];
  /** A 发文字号 found on the page, normalised (〔〕, no leading zeros); null when none. */
  docNumber: string | null;
}

/**
 * Radical code points a PDF's font often maps common characters to (the text then looks right but
 * compares wrong: 人 as U+2F08 ⼈, 民 as U+2EA0 ⺠). Kangxi radicals (U+2F00–U+2FD5) NFKC turns into
 * the characters; the supplement's simplified forms it leaves, so they are listed here.
 */
const RADICAL_SUPPLEMENT: Readonly<Record<string, string>> = {
  '\u2E9F': '母', '\u2EA0': '民', '\u2EC4': '西', '\u2EC5': '见', '\u2EC6': '角', '\u2EC9': '贝', '\u2ECB': '车',
  '\u2ED3': '长', '\u2ED4': '门', '\u2ED8': '青', '\u2ED9': '韦', '\u2EDA': '页', '\u2EDB': '风', '\u2EDC': '飞',
  '\u2EE2': '马', '\u2EE3': '骨', '\u2EE4': '鬼', '\u2EE5': '鱼', '\u2EE6': '鸟', '\u2EE7': '卤', '\u2EE8': '麦',
  '\u2EE9': '黄', '\u2EEA': '黾', '\u2EEC': '齐', '\u2EEE': '齿', '\u2EF0': '龙', '\u2EF3': '龟',
};

/**
 * A PDF text line as the office would type it: radicals as the characters, full-width digits as
 * digits. Only those: the full-width punctuation of a 标题 （）、，stays as written.
 */
export function cleanPdfText(line: string): string {
  return line
    .replace(/[\u2E80-\u2EFF]/g, (c) => RADICAL_SUPPLEMENT[c] ?? c)
    .replace(/[\u2F00-\u2FDF０-９]/g, (c) => c.normalize('NFKC'));
}

const OPEN = '[〔\\[(（【［〖]';
const CLOSE = '[〕\\])）】］〗]';
/** 机关代字〔年〕N号: the 代字 is Chinese (or Latin) letters right before the bracket. */
const DOC_NUMBER_IN_TEXT = new RegExp(`([\\u4e00-\\u9fa5A-Za-z]{1,16})\\s*${OPEN}\\s*([0-9０-９]{4})\\s*${CLOSE}\\s*第?\\s*([0-9０-９]{1,9})\\s*号`);

/** Lines that are never a 标题: 份号, 密级 and 紧急程度 marks, page numbers, dates, 签发人, 主送. */
function notTitle(line: string): boolean {
  return (
    line.length < 4 ||
    line.length > 80 ||
    /^[0-9０-９\s\-—－]+$/.test(line) ||
    /^(绝密|机密|秘密|内部)/.test(line) ||
    /^(特急|加急|特提|平急)/.test(line) ||
    /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/.test(line) ||
    /签发人/.test(line) ||
    // 发文机关标志 (某县人民政府办公室文件), not a 标题 (which says 关于…).
    (/文件$/.test(line) && !/关于/.test(line)) ||
    /[：:]$/.test(line) ||
    DOC_NUMBER_IN_TEXT.test(line)
  );
}

/** The 发文字号 in `text`, normalised, or null. */
export function findDocNumber(text: string): string | null {
  const m = DOC_NUMBER_IN_TEXT.exec(text);
  if (!m) return null;
  // Only the 代字 right before the bracket: "某县人民政府办公室 某政办发〔…" → 某政办发 (the space cut it).
  const { normalized, parsed } = normalizeDocNumber(`${m[1]}〔${m[2]}〕${m[3]}号`);
  return parsed ? normalized : null;
}

/** What the first page's lines (top to bottom) offer as 标题 and 来文字号. */
export function scanSuggestions(pageLines: readonly string[]): ScanSuggestions {
  const lines = pageLines.map((l) => cleanPdfText(l).replace(/\s+/g, ' ').trim()).filter(Boolean);
  let docNumber: string | null = null;
  let numberLine = -1;
  for (const [i, l] of lines.entries()) {
    docNumber = findDocNumber(l);
    if (docNumber) {
      numberLine = i;
      break;
    }
  }
  const titles: string[] = [];
  const offer = (t: string) => {
    const v = t.replace(/\s+/g, '');
    if (v && !titles.includes(v)) titles.push(v);
  };
  // The 标题 stands between the 发文字号 and the 主送机关: offered whole (its lines joined) first.
  const after = numberLine >= 0 ? lines.slice(numberLine + 1) : lines;
  const head: string[] = [];
  for (const l of after) {
    if (/[：:]$/.test(l) || head.length === 3) break;
    if (notTitle(l)) {
      if (head.length) break;
      continue;
    }
    head.push(l);
  }
  if (head.length > 1) offer(head.join(''));
  head.forEach(offer);
  // Then the first lines of the page as they come (a page with no 发文字号, or an odd layout), up to
  // the 主送机关: the 正文 below it is never a 标题.
  for (const l of lines) {
    if (titles.length >= 5 || /[：:]$/.test(l)) break;
    if (!notTitle(l)) offer(l);
  }
  return { titles: titles.slice(0, 5), docNumber };
}
