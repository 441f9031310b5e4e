import { describe, expect, test } from 'vitest';
import { normalizeForSearch } from '../../../../shared/domain/search-text';

describe('search normalisation', () => {
  test('traditional and simplified characters match each other', () => {
    expect(normalizeForSearch('機關效能建設年')).toBe(normalizeForSearch('机关效能建设年'));
    expect(normalizeForSearch('關於開展機關作風整頓的通知')).toContain(normalizeForSearch('作风整顿'));
  });

  test('brackets, widths, case and spaces do not matter', () => {
    const stored = normalizeForSearch('县财发〔2026〕12号');
    for (const typed of ['县财发[2026]12号', '县财发（2026）12号', '县财发(2026) 12号', '县财发【2026】12号', '县财发［２０２６］１２号']) {
      expect(stored).toContain(normalizeForSearch(typed));
    }
    expect(normalizeForSearch('ABC Ｄｅｆ')).toBe('abcdef');
  });
});
