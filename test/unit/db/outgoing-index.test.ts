import { describe, expect, test } from 'vitest';
import { filterOutgoing, toOutgoingIndexEntry } from '../../../renderer/db/outgoing/outgoing-index';
import type { Role } from '../../../shared/domain/permissions';
import { makeOutgoingRecords } from '../../fixtures/outgoing';

// The 发文 list's projection (renderer/db/outgoing/outgoing-index.ts): a page is the same slice
// of the newest-first order whether it is picked out of the hits or cut from all of them sorted.

const entries = makeOutgoingRecords(3000, 5).records.map(toOutgoingIndexEntry);
const clerk: { id: string; roles: Role[] } = { id: 'u-sec', roles: ['秘书'] };
const outsider: { id: string; roles: Role[] } = { id: 'u-x', roles: ['工作人员'] };

describe('the 发文 list projection', () => {
  test('every page, near and far, is the slice of the full newest-first order', () => {
    const all = [...entries].sort((a, b) => (a.order < b.order ? 1 : -1)).map((e) => e.id);
    for (const [offset, limit] of [[0, 20], [20, 20], [40, 50], [300, 100], [2900, 200], [0, 3000]] as const) {
      const page = filterOutgoing(entries, { offset, limit }, clerk);
      expect(page.total).toBe(3000);
      expect(page.ids).toEqual(all.slice(offset, offset + limit));
    }
  });

  test('filters and search; a classified 发文 outside the need to know matches on its 文号 only', () => {
    const secret = entries.find((e) => e.classification === '机密' && e.docNumber)!;
    const word = secret.text.split('\n')[0]!.slice(2, 8);
    expect(filterOutgoing([secret], { text: word, offset: 0, limit: 10 }, clerk).ids).toEqual([secret.id]);
    expect(filterOutgoing([secret], { text: word, offset: 0, limit: 10 }, outsider).ids).toEqual([]);
    expect(filterOutgoing([secret], { text: secret.docNumber!, offset: 0, limit: 10 }, outsider).ids).toEqual([secret.id]);
    const year = filterOutgoing(entries, { year: 2024, state: '已核发', offset: 0, limit: 5000 }, clerk);
    expect(year.total).toBeGreaterThan(0);
    expect(year.ids.every((id) => entries.find((e) => e.id === id)!.year === 2024)).toBe(true);
  });
});
