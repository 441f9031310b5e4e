import { describe, expect, test } from 'vitest';
import { GENESIS_HASH, hashAuditEntry, verifyAuditChain, queryAudit } from '../../../renderer/db/audit';
import { saveDepartment, saveUnitInfo } from '../../../renderer/db/repositories/settings';
import { writeWithAudit } from '../../../renderer/db/write';
import { freshDb, setUpOffice } from './helpers';

async function seeded() {
  const db = freshDb();
  const admin = await setUpOffice(db);
  await saveDepartment(db, admin, { code: 'BGS', name: '办公室' });
  await saveDepartment(db, admin, { code: 'CWK', name: '财务科' });
  await saveUnitInfo(db, admin, { name: '测试县人民政府办公室（改）', fondsCode: 'Z109' });
  return { db, admin };
}

describe('audit log (全程留痕)', () => {
  test('every change writes a chained entry, and an untouched chain verifies', async () => {
    const { db } = await seeded();
    const entries = await db.auditLog.orderBy('seq').toArray();
    expect(entries.map((e) => e.action)).toEqual(['系统初始化', '新增用户', '新增机构', '新增机构', '修改单位信息']);
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
    for (const e of entries) {
      const { hash, ...rest } = e;
      expect(hashAuditEntry(rest)).toBe(hash);
    }
    const v = await verifyAuditChain(db);
    expect(v).toEqual({ ok: true, count: 5, headHash: entries[4]!.hash, gaps: [], segments: [] });
  });

  test('an edited summary is named as the first broken entry', async () => {
    const { db } = await seeded();
    await db.auditLog.put({ ...(await db.auditLog.get(3))!, summary: 'BGS 改过的名字' });
    const v = await verifyAuditChain(db);
    expect(v).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    if (!v.ok) expect(v.reason).toContain('被修改');
  });

  test('an entry recomputed after editing still breaks the link to the next one', async () => {
    const { db } = await seeded();
    const e = (await db.auditLog.get(2))!;
    const { hash: _h, ...rest } = { ...e, summary: '伪造' };
    await db.auditLog.put({ ...rest, hash: hashAuditEntry(rest) });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBrokenSeq: 3 });
  });

  test('a deleted entry in the middle is named', async () => {
    const { db } = await seeded();
    await db.auditLog.delete(2);
    const v = await verifyAuditChain(db);
    expect(v).toMatchObject({ ok: false, firstBrokenSeq: 2 });
    if (!v.ok) expect(v.reason).toContain('缺失');
  });

  test('a cut-off tail is detected through the stored head', async () => {
    const { db } = await seeded();
    await db.auditLog.delete(5);
    const v = await verifyAuditChain(db);
    expect(v).toMatchObject({ ok: false, firstBrokenSeq: 5 });
  });

  test('a deleted tail together with the stored head is still detected; so is an emptied log', async () => {
    const { db } = await seeded();
    await db.auditLog.delete(5);
    await db.settings.delete('auditHead');
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBrokenSeq: 1 });
  });

  test('verifying while another window appends is not a false alarm', async () => {
    const { db, admin } = await seeded();
    const other = new (await import('../../../renderer/db/database')).WenshuDB(db.name);
    const writes = Promise.all(Array.from({ length: 30 }, (_, i) => saveDepartment(other, admin, { code: `P${i}`, name: `并发${i}` })));
    const results = await Promise.all([verifyAuditChain(db), verifyAuditChain(db), writes.then(() => verifyAuditChain(db))]);
    for (const r of results) expect(r.ok).toBe(true);
    expect(results[2]!.count).toBe(35);
    other.close();
  });

  test('a failing change leaves neither the change nor an audit entry', async () => {
    const { db, admin } = await seeded();
    const before = await db.auditLog.count();
    await expect(
      writeWithAudit(db, admin, [db.departments], async (audit) => {
        await db.departments.add({ id: 'x', code: 'ZZZ', name: '半截', disabled: false });
        audit({ action: '新增机构', entityType: '机构', entityId: 'x', summary: '半截' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.auditLog.count()).toBe(before);
    expect(await db.departments.get('x')).toBeUndefined();
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  test('a write that reports no audit entry is refused', async () => {
    const { db, admin } = await seeded();
    await expect(
      writeWithAudit(db, admin, [db.departments], async () => {
        await db.departments.add({ id: 'y', code: 'YYY', name: '无痕', disabled: false });
      }),
    ).rejects.toThrow('审计');
    expect(await db.departments.get('y')).toBeUndefined();
  });

  test('queries filter by user, action and local date, newest first', async () => {
    const { db } = await seeded();
    const all = await queryAudit(db, { offset: 0, limit: 50 });
    expect(all.total).toBe(5);
    expect(all.rows[0]!.seq).toBe(5);
    const depts = await queryAudit(db, { action: '新增机构', offset: 0, limit: 50 });
    expect(depts.rows.map((r) => r.seq)).toEqual([4, 3]);
    const byNobody = await queryAudit(db, { actorName: 'nobody', offset: 0, limit: 50 });
    expect(byNobody.total).toBe(0);
    const d = new Date((await db.auditLog.get(1))!.time);
    const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    expect((await queryAudit(db, { from: day, to: day, offset: 0, limit: 50 })).total).toBeGreaterThanOrEqual(1);
    expect((await queryAudit(db, { from: '2000-01-01', to: '2000-01-02', offset: 0, limit: 50 })).total).toBe(0);
    const page2 = await queryAudit(db, { offset: 2, limit: 2 });
    expect(page2.rows.map((r) => r.seq)).toEqual([3, 2]);
  });
});

describe('审计日志 repository (安全审计员 only)', { timeout: 60_000 }, () => {
  test('only the 安全审计员 may read or verify; a verification is itself recorded', async () => {
    const { db, admin } = await seeded();
    const { addUser } = await import('./helpers');
    const { readAuditLog, verifyAuditLog, auditFilterOptions } = await import('../../../renderer/db/repositories/audit-log');
    const { PermissionError } = await import('../../../shared/domain/permissions');
    const auditor = await addUser(db, admin, 'shenji', ['安全审计员']);
    const clerk = await addUser(db, admin, 'clerk', ['秘书']);
    for (const actor of [admin, clerk]) {
      await expect(readAuditLog(db, actor, { offset: 0, limit: 10 })).rejects.toBeInstanceOf(PermissionError);
      await expect(verifyAuditLog(db, actor)).rejects.toBeInstanceOf(PermissionError);
      await expect(auditFilterOptions(db, actor)).rejects.toBeInstanceOf(PermissionError);
    }
    const before = await db.auditLog.count();
    expect(await verifyAuditLog(db, auditor)).toMatchObject({ ok: true, count: before });
    const last = await db.auditLog.orderBy('seq').last();
    expect(last).toMatchObject({ actorName: 'shenji', action: '校验审计日志', summary: `通过，共 ${before} 条` });
    expect((await readAuditLog(db, auditor, { offset: 0, limit: 1 })).rows[0]!.action).toBe('校验审计日志');
  });
});
