import { describe, expect, test } from 'vitest';
import { verifyAuditChain } from '../../../renderer/db/audit';
import { WenshuDB } from '../../../renderer/db/database';
import { takeNextSerial } from '../../../renderer/db/numbering';
import { writeWithAudit } from '../../../renderer/db/write';
import { freshDb, setUpOffice } from './helpers';

/** Saves one numbered record the way every register will: number + record + audit in one transaction. */
async function saveNumbered(db: WenshuDB, actor: { id: string; username: string }, year: number, fail = false): Promise<number> {
  return writeWithAudit(db, actor, [db.counters], async (audit) => {
    const n = await takeNextSerial(db, '收文', year);
    audit({ action: '测试登记', entityType: '测试', entityId: String(n), summary: `收〔${year}〕${n}` });
    if (fail) throw new Error('保存失败');
    return n;
  });
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
    const other = await writeWithAudit(db, admin, [db.counters], async (audit) => {
      const n = await takeNextSerial(db, '纪要', 2026);
      audit({ action: '测试', entityType: '测试', entityId: 'm', summary: '' });
      return n;
    });
    expect(other).toBe(1);
  });
});
