import { describe, expect, test } from 'vitest';
import { DEFAULT_PHRASES, insertPhrase, phrasesInputSchema, phrasesKey, resolvePhrases } from '../../../../shared/domain/phrases';

describe('常用意见', () => {
  test('a user who never saved any gets the defaults of every kind', () => {
    expect(resolvePhrases(undefined)).toEqual(DEFAULT_PHRASES);
    expect(DEFAULT_PHRASES.批示).toContain('同意');
    expect(DEFAULT_PHRASES.办理结果).toContain('请按时限办结并反馈');
  });

  test('saved kinds replace the defaults (even with none); a damaged kind falls back to them', () => {
    const p = resolvePhrases({ 批示: [], 拟办: ['请财政科阅处'], 办理结果: 'not a list' });
    expect(p).toEqual({ 批示: [], 拟办: ['请财政科阅处'], 办理结果: DEFAULT_PHRASES.办理结果 });
  });

  test('input is cleaned, de-duplicated and bounded', () => {
    expect(phrasesInputSchema.parse({ kind: '拟办', phrases: [' 请财政科阅处 ', '请财政科阅处', '', '呈\u202e领导阅示'] })).toEqual({ kind: '拟办', phrases: ['请财政科阅处', '呈领导阅示'] });
    expect(phrasesInputSchema.safeParse({ kind: '拟办', phrases: ['长'.repeat(201)] }).error?.issues[0]?.message).toBe('每条常用意见不能超过 200 个字');
    expect(phrasesInputSchema.safeParse({ kind: '拟办', phrases: Array.from({ length: 51 }, (_, i) => `意见${i}`) }).error?.issues[0]?.message).toBe('每类常用意见最多 50 条');
    expect(phrasesInputSchema.safeParse({ kind: '签发', phrases: [] }).success).toBe(false);
  });

  test('inserting: alone in an empty box, after what is there with a comma unless it ends in punctuation', () => {
    expect(insertPhrase(undefined, '同意')).toBe('同意');
    expect(insertPhrase('  ', '同意')).toBe('同意');
    expect(insertPhrase('拟', '同意')).toBe('拟，同意');
    expect(insertPhrase('同意。', '请抓好落实')).toBe('同意。请抓好落实');
  });

  test('one settings row per user', () => {
    expect(phrasesKey('u1')).toBe('phrases:u1');
  });
});
