import { describe, expect, it } from 'vitest';
import {
  CARRIER_TYPES,
  CLASSIFICATIONS,
  DOC_TYPES,
  RETENTION_CODES,
  RETENTION_PERIODS,
  TELEGRAM_URGENCIES,
  URGENCIES,
  carrierTypeSchema,
  classificationRank,
  classificationSchema,
  defaultSecrecyTerm,
  docTypeSchema,
  formatClassificationMark,
  isClassified,
  isOneOf,
  requiresCopyNumber,
  retentionCode,
  retentionPeriodFromCode,
  retentionPeriodSchema,
  secrecyTermSchema,
  urgencySchema,
} from '../../../../shared/domain/enums';

describe('vocabularies (DOMAIN.md §1)', () => {
  it('lists the 15 文种 of 条例 §8 plus 其他', () => {
    expect(DOC_TYPES).toHaveLength(16);
    expect(DOC_TYPES).toEqual(
      expect.arrayContaining(['决议', '决定', '命令', '公报', '公告', '通告', '意见', '通知', '通报', '报告', '请示', '批复', '议案', '函', '纪要']),
    );
    expect(DOC_TYPES[DOC_TYPES.length - 1]).toBe('其他');
  });

  it('lists 密级 in ascending order', () => {
    expect(CLASSIFICATIONS).toEqual(['非密', '内部', '秘密', '机密', '绝密']);
    expect(CLASSIFICATIONS.map(classificationRank)).toEqual([0, 1, 2, 3, 4]);
    expect(classificationRank('机密')).toBeGreaterThan(classificationRank('秘密'));
  });

  it('lists 紧急程度, 保管期限 and 载体类型', () => {
    expect(URGENCIES).toEqual(['普通', '加急', '特急']);
    expect(TELEGRAM_URGENCIES).toEqual(['平急', '加急', '特急', '特提']);
    expect(RETENTION_PERIODS).toEqual(['永久', '定期30年', '定期10年']);
    expect(CARRIER_TYPES).toEqual(['纸质文件', '光盘', 'U盘/移动硬盘', '计算机硬盘', '磁带', '其他']);
  });

  it('has zod schemas that accept the vocabulary and nothing else', () => {
    expect(docTypeSchema.safeParse('通知').success).toBe(true);
    expect(docTypeSchema.safeParse('通知书').success).toBe(false);
    expect(classificationSchema.safeParse('绝密').success).toBe(true);
    expect(classificationSchema.safeParse('TOP SECRET').error?.issues[0]?.message).toBe('请选择密级');
    expect(urgencySchema.safeParse('特提').success).toBe(false); // telegram scale only
    expect(retentionPeriodSchema.safeParse('定期30年').success).toBe(true);
    expect(retentionPeriodSchema.safeParse('长期').success).toBe(false); // the pre-2006 term is not used
    expect(carrierTypeSchema.safeParse('U盘/移动硬盘').success).toBe(true);
  });

  it('isOneOf narrows stored values', () => {
    expect(isOneOf(CLASSIFICATIONS, '机密')).toBe(true);
    expect(isOneOf(CLASSIFICATIONS, '机要')).toBe(false);
    expect(isOneOf(CLASSIFICATIONS, 3)).toBe(false);
  });
});

describe('classification rules', () => {
  it('only 秘密 and above are state secrets', () => {
    expect(CLASSIFICATIONS.filter(isClassified)).toEqual(['秘密', '机密', '绝密']);
  });

  it('绝密 and 机密 copies carry a 份号', () => {
    expect(CLASSIFICATIONS.filter(requiresCopyNumber)).toEqual(['机密', '绝密']);
  });

  it('defaults the 保密期限 by level', () => {
    expect(defaultSecrecyTerm('绝密')).toEqual({ kind: 'years', years: 30 });
    expect(defaultSecrecyTerm('机密')).toEqual({ kind: 'years', years: 20 });
    expect(defaultSecrecyTerm('秘密')).toEqual({ kind: 'years', years: 10 });
    expect(defaultSecrecyTerm('内部')).toBeNull();
    expect(defaultSecrecyTerm('非密')).toBeNull();
  });
});

describe('formatClassificationMark', () => {
  it('prints years, 长期 and dates as in DOMAIN.md §1', () => {
    expect(formatClassificationMark({ level: '机密', term: { kind: 'years', years: 20 } })).toBe('机密★20年');
    expect(formatClassificationMark({ level: '秘密', term: { kind: 'years', years: 5 } })).toBe('秘密★5年');
    expect(formatClassificationMark({ level: '绝密', term: { kind: 'long' } })).toBe('绝密★长期');
    expect(formatClassificationMark({ level: '机密', term: { kind: 'date', date: '2031-06-30' } })).toBe('机密★2031年6月30日');
    expect(formatClassificationMark({ level: '秘密', term: { kind: 'date', date: '2030-01-05' } })).toBe('秘密★2030年1月5日');
  });

  it('prints a 解密条件 after the star', () => {
    expect(formatClassificationMark({ level: '秘密', term: { kind: 'condition', condition: ' 项目公布后 ' } })).toBe('秘密★项目公布后');
  });

  it('prints the level alone when the term is unmarked', () => {
    expect(formatClassificationMark({ level: '机密' })).toBe('机密');
    expect(formatClassificationMark({ level: '绝密', term: null })).toBe('绝密');
  });

  it('gives a default term that prints', () => {
    expect(formatClassificationMark({ level: '绝密', term: defaultSecrecyTerm('绝密') })).toBe('绝密★30年');
  });

  it('prints no term for 内部 and nothing for 非密', () => {
    expect(formatClassificationMark({ level: '内部', term: { kind: 'years', years: 5 } })).toBe('内部');
    expect(formatClassificationMark({ level: '非密' })).toBe('');
  });

  it('refuses a nonsense term', () => {
    expect(() => formatClassificationMark({ level: '机密', term: { kind: 'years', years: 0 } })).toThrow(RangeError);
    expect(() => formatClassificationMark({ level: '机密', term: { kind: 'date', date: '2031-06-31' } })).toThrow(RangeError);
  });
});

describe('secrecyTermSchema', () => {
  it('accepts each kind of term', () => {
    expect(secrecyTermSchema.parse({ kind: 'years', years: 10 })).toEqual({ kind: 'years', years: 10 });
    expect(secrecyTermSchema.parse({ kind: 'date', date: '2031-06-30' })).toEqual({ kind: 'date', date: '2031-06-30' });
    expect(secrecyTermSchema.parse({ kind: 'condition', condition: ' 公布后 ' })).toEqual({ kind: 'condition', condition: '公布后' });
    expect(secrecyTermSchema.parse({ kind: 'long' })).toEqual({ kind: 'long' });
  });

  it('rejects bad terms', () => {
    expect(secrecyTermSchema.safeParse({ kind: 'years', years: 0 }).success).toBe(false);
    expect(secrecyTermSchema.safeParse({ kind: 'years', years: 2.5 }).success).toBe(false);
    expect(secrecyTermSchema.safeParse({ kind: 'date', date: '2031-02-30' }).success).toBe(false);
    expect(secrecyTermSchema.safeParse({ kind: 'condition', condition: '  ' }).success).toBe(false);
    expect(secrecyTermSchema.safeParse({ kind: 'forever' }).success).toBe(false);
  });
});

describe('保管期限 codes', () => {
  it('maps periods to 档号 codes and back', () => {
    expect(RETENTION_CODES).toEqual({ 永久: 'Y', 定期30年: 'D30', 定期10年: 'D10' });
    expect(retentionCode('永久')).toBe('Y');
    expect(retentionCode('定期30年')).toBe('D30');
    expect(retentionCode('定期10年')).toBe('D10');
    for (const p of RETENTION_PERIODS) expect(retentionPeriodFromCode(retentionCode(p))).toBe(p);
    expect(retentionPeriodFromCode('C')).toBeNull();
    expect(retentionPeriodFromCode('y')).toBeNull();
  });
});
