// Register-number patterns (DOMAIN.md §2): 收文编号 '收〔2026〕0001', 纪要编号 '第3期'. The pattern
// is an office setting; the serial itself comes from a gap-free per-year counter in the DB.
//
// Placeholders: every 'YYYY' is the year; the single run of 'N' is the serial, zero-padded to the
// run's length ('NNNN' → 0001; a lone 'N' → no padding). A serial longer than the run is printed in
// full, never truncated: a register that reaches 10000 must not wrap to 0000.

export const DEFAULT_INCOMING_PATTERN = '收〔YYYY〕NNNN';
export const DEFAULT_MINUTES_PATTERN = '第N期';

const PATTERN_MAX_CHARS = 40;
const SERIAL_RUN = /N+/g;

/** Why `pattern` cannot be used, in words for the settings form; null when it is fine. */
export function validatePattern(pattern: string): string | null {
  if (pattern.trim() === '') return '请输入编号格式';
  if (Array.from(pattern).length > PATTERN_MAX_CHARS) return `编号格式不能超过 ${PATTERN_MAX_CHARS} 个字`;
  const runs = pattern.match(SERIAL_RUN)?.length ?? 0;
  if (runs === 0) return '编号格式中要用连续的 N 表示序号的位置，如 收〔YYYY〕NNNN';
  if (runs > 1) return '编号格式中只能有一处连续的 N（序号的位置）';
  return null;
}

/** The register number for serial `n` of `year`, e.g. ('收〔YYYY〕NNNN', 2026, 1) → '收〔2026〕0001'. */
export function formatSerial(pattern: string, year: number, n: number): string {
  return formatRegisterNumber(pattern, year, n, '');
}

// --- 本机编号前缀 (issue #20) -----------------------------------------------------------------------
// An office that keeps several standalone PCs gives each one a series prefix (设置 → 编号规则), so
// their 收文, 载体, 督办 and 纪要 numbers never collide when records move between them in a 迁移包:
// 收〔2026〕B-0001 on PC B, 收〔2026〕C-0001 on PC C. The prefix and a hyphen go right before the
// serial run (第B-3期 for 纪要), and each prefix counts on its own counter (`收文@B`), gap-free.
// No prefix (the default): today's numbers, today's counters.

const PREFIX_RULE = /^[A-Z0-9]{1,3}$/;

/** The prefix as typed, made canonical: spaces dropped, full-width letters and digits made ASCII, upper case. */
export function normalizeSeriesPrefix(raw: string | undefined): string {
  return (raw ?? '')
    .replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

/** Why a (normalised) prefix cannot be used, in words for the settings form; null when it is fine ('' = none). */
export function validateSeriesPrefix(prefix: string): string | null {
  if (prefix === '' || PREFIX_RULE.test(prefix)) return null;
  return '本机编号前缀为 1–3 位大写字母或数字，如 B';
}

/** The counter series of `series` on a PC with `prefix`: '收文' + 'B' → '收文@B'; no prefix → the series itself. */
export function seriesWithPrefix(series: string, prefix: string): string {
  return prefix ? `${series}@${prefix}` : series;
}

/**
 * The register number for serial `n` of `year` in the series of `prefix`:
 * ('收〔YYYY〕NNNN', 2026, 1, 'B') → '收〔2026〕B-0001'; ('第N期', 2026, 3, 'B') → '第B-3期'.
 */
export function formatRegisterNumber(pattern: string, year: number, n: number, prefix: string): string {
  const problem = validatePattern(pattern) ?? validateSeriesPrefix(prefix);
  if (problem) throw new Error(problem);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`年度无效：${year}`);
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`序号必须是正整数：${n}`);
  const lead = prefix ? `${prefix}-` : '';
  return pattern
    .replace(SERIAL_RUN, (run) => lead + String(n).padStart(run.length, '0'))
    .replaceAll('YYYY', String(year));
}

/**
 * The prefix a formatted number carries before its serial `seq` ('' when none): the last run of
 * 1–3 capitals or digits that stands alone (not the tail of a longer run) and is followed by '-'
 * and the digits of `seq`. '收〔2026〕B-0001', 1 → 'B'; 'BGS-2026-008', 8 → '' (BGS is followed by
 * the year, not the serial).
 */
export function prefixOfNumber(text: string, seq: number): string {
  let found = '';
  for (const m of text.matchAll(/(?<![A-Z0-9])([A-Z0-9]{1,3})-(\d+)(?!\d)/g)) if (Number(m[2]) === seq) found = m[1]!;
  return found;
}

/** A number of the fixed patterns '载〔YYYY〕NNNN' / '督〔YYYY〕NNNN', prefixed or not → its parts; null for any other. */
export function parseBracketNumber(serial: string): { year: number; prefix: string; seq: number } | null {
  const m = /〔(\d{4})〕(?:([A-Z0-9]{1,3})-)?(\d+)$/.exec(serial);
  return m ? { year: Number(m[1]), prefix: m[2] ?? '', seq: Number(m[3]) } : null;
}

/** 份号 (copy number): six digits, '000001'. */
export function formatCopyNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1 || n > 999_999) throw new RangeError(`份号应为 1–999999 的整数：${n}`);
  return String(n).padStart(6, '0');
}

/**
 * Every number series of the office, in one place: its counter key and its pattern (the default
 * when the pattern is a setting). A new register (发文) adds its series here.
 */
export const SERIES_PATTERNS = {
  /** 收文编号; the pattern is the 'numbering' setting. */
  收文: { series: '收文', pattern: DEFAULT_INCOMING_PATTERN, setting: 'numbering' },
  /** 涉密载体编号. */
  载体: { series: '载体', pattern: '载〔YYYY〕NNNN', setting: null },
  /** 载体 print copies (打印份号), 'YYYY-000001'. */
  载体打印: { series: '载体打印', pattern: 'YYYY-NNNNNN', setting: null },
  /** Copies of a classified record's attachment (printed or saved, issue #17): 打印份号 '附2026-000001'. */
  附件打印: { series: '附件打印', pattern: '附YYYY-NNNNNN', setting: null },
  /** 纪要编号, counted per 会议类型 per year; the pattern is the 'meetings' setting. */
  纪要: { series: '纪要', pattern: DEFAULT_MINUTES_PATTERN, setting: 'meetings' },
  /** 督办编号. */
  督办: { series: '督办', pattern: '督〔YYYY〕NNNN', setting: null },
  /**
   * 发文字号, one counter per series (机关代字) per year: `发文:<seriesId>`; each series' pattern is
   * the setting 'outgoingSeries' (this one is the example the settings form shows).
   */
  发文: { series: '发文', pattern: '县政办发〔YYYY〕N号', setting: 'outgoingSeries' },
  /** 督办通报 期号, one series for 周报 and 月报, per year of issue: 第3期. */
  督办通报: { series: '督办通报', pattern: '第N期', setting: null },
} as const satisfies Record<string, { series: string; pattern: string; setting: string | null }>;

/**
 * The series that take a register number through takeRegisterNumber (renderer/db/numbering.ts) and
 * so carry this PC's prefix: 收文, 载体, 督办, and each 会议类型's 纪要 (minutesSeries). 发文 (its 机关代字
 * already tell series apart), 打印份号 and 督办通报期号 are numbered as before, without a prefix.
 */
export type RegisterSeries = '收文' | '载体' | '督办' | `纪要:${string}`;

/** The counter series of a 会议类型's 纪要 (each type numbers its own 期). */
export function minutesSeries(meetingType: string): `纪要:${string}` {
  return `${SERIES_PATTERNS.纪要.series}:${meetingType}`;
}
