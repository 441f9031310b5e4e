import { describe, expect, test } from 'vitest';
import { send } from '../../../renderer/db/commands/client';
import { getPhrases, savePhrases } from '../../../renderer/db/repositories/phrases';
import { getSetting } from '../../../renderer/db/repositories/settings';
import { DEFAULT_PHRASES } from '../../../shared/domain/phrases';
import { staffedOffice } from './helpers';

// 常用意见 (phrases.save) and the 其他机构 list (settings.save 'unitDirectory'): audited writes.

describe('常用意见', () => {
  test('each user saves their own phrases of one kind, audited; others keep theirs', async () => {
    const { db, clerk, reader } = await staffedOffice();
    const saved = await savePhrases(db, clerk, { kind: '拟办', phrases: ['请财政科阅处', '请财政科阅处', '呈王县长阅示'] });
    expect(saved.拟办).toEqual(['请财政科阅处', '呈王县长阅示']);
    expect(saved.批示).toEqual(DEFAULT_PHRASES.批示);
    expect((await getPhrases(db, clerk)).拟办).toEqual(['请财政科阅处', '呈王县长阅示']);
    expect(await getPhrases(db, reader)).toEqual(DEFAULT_PHRASES);
    const last = await db.auditLog.orderBy('seq').last();
    expect(last).toMatchObject({ action: '修改常用意见', summary: 'clerk 的拟办常用意见：2 条' });
  });

  test('bad input is refused with the field named and nothing changes', async () => {
    const { db, clerk } = await staffedOffice();
    const before = await db.auditLog.count();
    await expect(savePhrases(db, clerk, { kind: '批示', phrases: ['长'.repeat(201)] })).rejects.toMatchObject({ message: '每条常用意见不能超过 200 个字' });
    expect(await getPhrases(db, clerk)).toEqual(DEFAULT_PHRASES);
    expect(await db.auditLog.count()).toBe(before);
  });
});

describe('其他机构 (机构名录)', () => {
  test('the 秘书 adds a unit through settings.save, audited; a reader may not', async () => {
    const { db, clerk, reader } = await staffedOffice();
    await send(db, clerk, 'settings.save', { key: 'unitDirectory', value: { names: ['县住建局', ' 县财政局'] } });
    expect((await getSetting(db, 'unitDirectory')).names).toEqual(['县住建局', '县财政局']);
    expect(await db.auditLog.orderBy('seq').last()).toMatchObject({ action: '修改机构名录', summary: '其他机构：县住建局、县财政局' });
    await expect(send(db, reader, 'settings.save', { key: 'unitDirectory', value: { names: [] } })).rejects.toThrow();
    expect((await getSetting(db, 'unitDirectory')).names).toEqual(['县住建局', '县财政局']);
  });
});
