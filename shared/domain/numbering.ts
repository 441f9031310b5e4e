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
  const problem = validatePattern(pattern);
  if (problem) throw new Error(problem);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`年度无效：${year}`);
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`序号必须是正整数：${n}`);
  return pattern
    .replace(SERIAL_RUN, (run) => String(n).padStart(run.length, '0'))
    .replaceAll('YYYY', String(year));
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

/** The counter series of a 会议类型's 纪要 (each type numbers its own 期). */
export function minutesSeries(meetingType: string): string {
  return `${SERIES_PATTERNS.纪要.series}:${meetingType}`;
}
