import { describe, expect, test } from 'vitest';
import { verifyAuditChain } from '../../../renderer/db/audit';
import { z } from 'zod';
import { defineCommand } from '../../../renderer/db/commands/define';
import { runCommand } from '../../../renderer/db/commands/execute';
import { WenshuDB } from '../../../renderer/db/database';
import { takeNextSerial } from '../../../renderer/db/numbering';
import type { Actor } from '../../../renderer/db/types';
import { freshDb, setUpOffice } from './helpers';

/** One numbered save the way every register does it: a command (number + record + audit in one transaction). */
const numbered = defineCommand({
  name: 'test.numbered',
  input: z.object({ series: z.string(), year: z.number(), fail: z.boolean() }),
  permission: null,
  tables: ['counters'],
  run: async ({ db, put, audit }, { series, year, fail }) => {
    const n = await takeNextSerial(db, series, year, { put });
    audit({ action: '测试登记', entityType: '测试', entityId: String(n), summary: `收〔${year}〕${n}` });
    if (fail) throw new Error('保存失败');
    return n;
  },
});

async function saveNumbered(db: WenshuDB, actor: Actor, year: number, fail = false, series = '收文'): Promise<number> {
  return runCommand(db, actor, numbered, { series, year, fail });
}

describe('gap-free numbering', () => {
  test('two windows (two connections) saving at the same moment never get the same number', async () => {
    const first = freshDb();
    const admin = await setUpOffice(first);
    const second = new WenshuDB(first.name);
    await second.open();
    const perWindow = 40;
    const results = await Promise.all([
      ...Array.from({ length: perWindow }, () => saveNumbered(first, admin, 2026)),
      ...Array.from({ length: perWindow }, () => saveNumbered(second, admin, 2026)),
    ]);
    const sorted = [...results].sort((a, b) => a - b);
    expect(new Set(results).size).toBe(perWindow * 2);
    expect(sorted).toEqual(Array.from({ length: perWindow * 2 }, (_, i) => i + 1));
    // The audit chain written concurrently from both connections is still one unbroken chain.
    expect(await verifyAuditChain(first)).toMatchObject({ ok: true, count: 2 + perWindow * 2 });
    second.close();
  });

  test('a failed save hands its number back: no gap', async () => {
    const db = freshDb();
    const admin = await setUpOffice(db);
    expect(await saveNumbered(db, admin, 2026)).toBe(1);
    await expect(saveNumbered(db, admin, 2026, true)).rejects.toThrow('保存失败');
    expect(await saveNumbered(db, admin, 2026)).toBe(2);
  });

  test('each year and series counts from 1', async () => {
    const db = freshDb();
    const admin = await setUpOffice(db);
    expect(await saveNumbered(db, admin, 2026)).toBe(1);
    expect(await saveNumbered(db, admin, 2027)).toBe(1);
    expect(await saveNumbered(db, admin, 2026)).toBe(2);
    expect(await saveNumbered(db, admin, 2026, false, '纪要')).toBe(1);
  });
});
