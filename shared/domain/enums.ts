import { z } from 'zod';
import { formatChineseDate, isoDateSchema, type IsoDate } from './dates';
import { singleLineText } from './text';

// The shared vocabulary of DOMAIN.md §1. The Chinese terms are the stored values as well as the
// labels: registers are read by people, exports by people, and a code table would be one more
// thing to get wrong.

/** 文种 (条例 §8, 15 kinds) plus 其他 for material that is not an official document. */
export const DOC_TYPES = [
  '决议',
  '决定',
  '命令', // also written 令
  '公报',
  '公告',
  '通告',
  '意见',
  '通知',
  '通报',
  '报告',
  '请示',
  '批复',
  '议案',
  '函',
  '纪要',
  '其他',
] as const;
export type DocType = (typeof DOC_TYPES)[number];
export const docTypeSchema = z.enum(DOC_TYPES, { error: '请选择文种' });

/** 密级, ascending. 内部 is not a state secret but common practice, so it sits between 非密 and 秘密. */
export const CLASSIFICATIONS = ['非密', '内部', '秘密', '机密', '绝密'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
export const classificationSchema = z.enum(CLASSIFICATIONS, { error: '请选择密级' });

/** 0 for 非密 … 4 for 绝密: compare levels with this, never with string order. */
export function classificationRank(level: Classification): number {
  return CLASSIFICATIONS.indexOf(level);
}

// A set, not two ranks: a register's search asks isClassified of every entry it finds.
const CLASSIFIED_LEVELS: ReadonlySet<Classification> = new Set(CLASSIFICATIONS.filter((c) => classificationRank(c) >= classificationRank('秘密')));

/** True for state secrets (秘密, 机密, 绝密): these go in the 涉密载体台账 and follow 保密法. */
export function isClassified(level: Classification): boolean {
  return CLASSIFIED_LEVELS.has(level);
}

/** 绝密 and 机密 copies always carry a 份号 (DOMAIN.md §2). */
export function requiresCopyNumber(level: Classification): boolean {
  return classificationRank(level) >= classificationRank('机密');
}

/**
 * 保密期限: a number of years, a 解密时间 (date), a 解密条件 (text), or 长期.
 * Absent (null) on a classified item means "unmarked": the statutory default applies.
 */
export type SecrecyTerm =
  | { kind: 'years'; years: number }
  | { kind: 'date'; date: IsoDate }
  | { kind: 'condition'; condition: string }
  | { kind: 'long' };

export const secrecyTermSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('years'),
    years: z.number({ error: '请输入年数' }).int('请输入整数年').min(1, '至少 1 年').max(99, '不能超过 99 年'),
  }),
  z.object({ kind: z.literal('date'), date: isoDateSchema }),
  z.object({
    kind: z.literal('condition'),
    condition: singleLineText().min(1, '请填写解密条件').max(100, '解密条件不能超过 100 个字'),
  }),
  z.object({ kind: z.literal('long') }),
]) satisfies z.ZodType<SecrecyTerm>;

/** Statutory 保密期限 when none is marked (保密法): 绝密 30年, 机密 20年, 秘密 10年. */
export function defaultSecrecyTerm(level: Classification): { kind: 'years'; years: 30 | 20 | 10 } | null {
  switch (level) {
    case '绝密':
      return { kind: 'years', years: 30 };
    case '机密':
      return { kind: 'years', years: 20 };
    case '秘密':
      return { kind: 'years', years: 10 };
    default:
      return null;
  }
}

/**
 * The 密级 marking as printed: '机密★20年', '绝密★长期', '机密★2031年6月30日', '秘密★<解密条件>'.
 * A classified item with no term prints the level alone (an unmarked term means the default);
 * 内部 prints '内部' (no term: not a state secret); 非密 prints nothing.
 */
export function formatClassificationMark(mark: { level: Classification; term?: SecrecyTerm | null }): string {
  const { level, term } = mark;
  if (level === '非密') return '';
  if (!isClassified(level) || !term) return level;
  switch (term.kind) {
    case 'years':
      if (!Number.isInteger(term.years) || term.years < 1) throw new RangeError(`保密期限年数无效：${term.years}`);
      return `${level}★${term.years}年`;
    case 'date':
      return `${level}★${formatChineseDate(term.date)}`;
    case 'condition':
      return `${level}★${term.condition.trim()}`;
    case 'long':
      return `${level}★长期`;
  }
}

/** 紧急程度 of documents; 普通 means no marking. */
export const URGENCIES = ['普通', '加急', '特急'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const urgencySchema = z.enum(URGENCIES, { error: '请选择紧急程度' });

/** 紧急程度 of 电报 (telegrams), which have their own scale. */
export const TELEGRAM_URGENCIES = ['平急', '加急', '特急', '特提'] as const;
export type TelegramUrgency = (typeof TELEGRAM_URGENCIES)[number];

/** 保管期限 (DA/T 22-2015) and the code used in the 档号. */
export const RETENTION_PERIODS = ['永久', '定期30年', '定期10年'] as const;
export type RetentionPeriod = (typeof RETENTION_PERIODS)[number];
export const retentionPeriodSchema = z.enum(RETENTION_PERIODS, { error: '请选择保管期限' });

export const RETENTION_CODES = { 永久: 'Y', 定期30年: 'D30', 定期10年: 'D10' } as const satisfies Record<
  RetentionPeriod,
  string
>;
export type RetentionCode = (typeof RETENTION_CODES)[RetentionPeriod];

export function retentionCode(period: RetentionPeriod): RetentionCode {
  return RETENTION_CODES[period];
}

/** The period a 档号 code stands for; null for anything else (e.g. a mistyped import). */
export function retentionPeriodFromCode(code: string): RetentionPeriod | null {
  return RETENTION_PERIODS.find((p) => RETENTION_CODES[p] === code) ?? null;
}

/** 载体类型 of a classified carrier. */
export const CARRIER_TYPES = ['纸质文件', '光盘', 'U盘/移动硬盘', '计算机硬盘', '磁带', '其他'] as const;
export type CarrierType = (typeof CARRIER_TYPES)[number];
export const carrierTypeSchema = z.enum(CARRIER_TYPES, { error: '请选择载体类型' });

/** Type guard for values read back from storage or an import file. */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
