import { describe, expect, test, vi } from 'vitest';
import { WenshuDB } from '../../../renderer/db/database';
import { incomingProjection } from '../../../renderer/db/incoming/incoming-index';
import { actOnIncoming, incomingYears, listIncoming, registerIncoming } from '../../../renderer/db/repositories/incoming';
import type { Actor } from '../../../renderer/db/types';
import type { Registration } from '../../../shared/domain/incoming-types';
import { staffedOffice } from './helpers';
import { baseRegistration } from '../../fixtures/filing';

// Issue #18: the 收文 register as it opens (no filter, newest first) is read from the [year+seq]
// index while the projection is not in memory. Its answer must be the projection's, row for row,
// masked for each reader's need to know exactly as the projection path masks it.

const TODAY = '2026-11-23';
const base: Registration = baseRegistration;

/** 63 收文 over two years, every 7th 秘密 (one of them passed round to `reader`, who may then see it). */
async function seededRegister() {
  const office = await staffedOffice();
  const { db, clerk, reader } = office;
  const secret: string[] = [];
  for (let i = 0; i < 63; i++) {
    const lastYear = i < 6;
    const classified = i % 7 === 3;
    const r = await registerIncoming(db, clerk, {
      ...base,
      receivedDate: lastYear ? `2025-12-${String(10 + i).padStart(2, '0')}` : '2026-11-20',
      docNumber: `县财发〔${lastYear ? 2025 : 2026}〕${100 + i}号`,
      title: `第${i}件 关于${classified ? '涉密事项' : '日常工作'}的通知`,
      urgency: i % 5 === 0 ? '特急' : '普通',
      ...(classified ? { classification: '秘密' as const, copyNumber: String(i).padStart(6, '0') } : {}),
    });
    if (classified) secret.push(r.id);
  }
  // Through to 承办 three weeks ago (overdue by TODAY), then passed round to the reader.
  const now = new Date('2026-11-02T02:00:00Z');
  const { dept } = office;
  await actOnIncoming(db, clerk, secret[4]!, { type: '初审' }, now);
  await actOnIncoming(db, clerk, secret[4]!, { type: '拟办', text: '拟请办公室牵头办理' }, now);
  await actOnIncoming(db, clerk, secret[4]!, { type: '批示', leader: '王主任', text: '同意', at: now.toISOString(), oral: false }, now);
  await actOnIncoming(db, clerk, secret[4]!, { type: '承办', host: { id: dept.id, name: dept.name }, cooperating: [], deadline: { kind: 'workdays', days: 3 } }, now);
  await actOnIncoming(db, clerk, secret[4]!, { type: '传阅', readers: [{ userId: reader.id, name: reader.displayName }] }, now);
  return { ...office, secret };
}

type Page = Awaited<ReturnType<typeof listIncoming>>;

/** Page `n` (of 50) of the default view on a fresh connection, where the projection is not loaded. */
async function fromIndex(name: string, actor: Actor, offset: number): Promise<Page> {
  const cold = new WenshuDB(name);
  const current = vi.spyOn(incomingProjection(cold), 'current');
  const page = await listIncoming(cold, actor, { offset, limit: 50, sort: { field: 'serial', direction: 'descend' } }, TODAY);
  // The index path it is meant to test, not the projection's (which would pass trivially).
  expect(current).not.toHaveBeenCalled();
  cold.close();
  return page;
}

/** The same page from the projection (loaded first by a filtered query). */
async function fromProjection(name: string, actor: Actor, offset: number): Promise<Page> {
  const warm = new WenshuDB(name);
  await listIncoming(warm, actor, { state: '已登记', offset: 0, limit: 1 }, TODAY);
  expect(incomingProjection(warm).isLoaded()).toBe(true);
  const page = await listIncoming(warm, actor, { offset, limit: 50, sort: { field: 'serial', direction: 'descend' } }, TODAY);
  warm.close();
  return page;
}

describe('收文 register cold open: the first page from the index', () => {
  test('is identical to the projection’s for every reader (rows, order, masking, total), on both pages', async () => {
    const { db, clerk, reader, outsider, officer, secret } = await seededRegister();
    for (const actor of [clerk, reader, outsider, officer]) {
      for (const offset of [0, 50]) {
        const cold = await fromIndex(db.name, actor, offset);
        expect(cold).toEqual(await fromProjection(db.name, actor, offset));
        expect(cold.total).toBe(63);
        expect(cold.rows).toHaveLength(offset === 0 ? 50 : 13);
      }
    }
    // Newest first, across the year boundary.
    const first = await fromIndex(db.name, outsider, 0);
    expect(first.rows[0]!.serial).toBe('收〔2026〕0057');
    const last = await fromIndex(db.name, outsider, 50);
    expect(last.rows.map((r) => r.serial).slice(-6)).toEqual(['收〔2025〕0006', '收〔2025〕0005', '收〔2025〕0004', '收〔2025〕0003', '收〔2025〕0002', '收〔2025〕0001']);
    // Need to know: the outsider sees the 秘密 records masked; the reader the one passed to them; the 秘书 all.
    const rowsOf = async (a: Actor) => [...(await fromIndex(db.name, a, 0)).rows, ...(await fromIndex(db.name, a, 50)).rows];
    const outsiderRows = await rowsOf(outsider);
    const masked = outsiderRows.filter((r) => r.masked);
    expect(masked.map((r) => r.id).sort()).toEqual([...secret].sort());
    expect(masked.every((r) => r.title === '【涉密】' && r.fromUnit === '' && r.docNumber === '' && r.secrecyTerm === undefined)).toBe(true);
    expect(outsiderRows.filter((r) => !r.masked).every((r) => r.title.startsWith('第'))).toBe(true);
    const readerRows = await rowsOf(reader);
    expect(readerRows.filter((r) => r.masked)).toHaveLength(secret.length - 1);
    expect(readerRows.find((r) => r.id === secret[4])).toMatchObject({ masked: false, title: expect.stringContaining('涉密事项'), hostDeptName: '办公室', overdue: true });
    expect(outsiderRows.find((r) => r.id === secret[4])).toMatchObject({ masked: true, overdue: true });
    expect(outsiderRows.find((r) => r.id === secret[4])!.hostDeptName).toBeUndefined();
    expect((await rowsOf(clerk)).some((r) => r.masked)).toBe(false);
  });

  test('counts records added after the projection was stored, and refuses a reader without rights', async () => {
    const { db, clerk, admin } = await seededRegister();
    await fromProjection(db.name, clerk, 0); // loads, and stores the base
    await expect.poll(async () => (await db.projections.get('incoming:meta'))?.size).toBe(63);
    await registerIncoming(db, clerk, { ...base, docNumber: '县财发〔2026〕900号', title: '基数之后登记的' });
    const cold = await fromIndex(db.name, clerk, 0);
    expect(cold).toEqual(await fromProjection(db.name, clerk, 0));
    expect(cold.total).toBe(64);
    expect(cold.rows[0]!.title).toBe('基数之后登记的');
    // The 系统管理员 reads no records (三员分立): refused on the index path too, nothing returned.
    const fresh = new WenshuDB(db.name);
    await expect(listIncoming(fresh, admin, { offset: 0, limit: 50 }, TODAY)).rejects.toThrow('没有权限');
    fresh.close();
  });

  test('a year just begun (fewer than a page this year) gives the same page, across the year boundary', async () => {
    const { db, clerk, outsider } = await staffedOffice();
    for (let i = 0; i < 53; i++) {
      const lastYear = i < 45;
      await registerIncoming(db, clerk, {
        ...base,
        receivedDate: lastYear ? '2025-12-20' : '2026-01-05',
        docNumber: `县财发〔${lastYear ? 2025 : 2026}〕${200 + i}号`,
        title: `第${i}件`,
        ...(i % 9 === 4 ? { classification: '机密' as const, copyNumber: String(i).padStart(6, '0') } : {}),
      });
    }
    for (const actor of [clerk, outsider]) {
      const cold = await fromIndex(db.name, actor, 0);
      expect(cold).toEqual(await fromProjection(db.name, actor, 0));
      expect(cold.rows.map((r) => r.serial).slice(7, 9)).toEqual(['收〔2026〕0001', '收〔2025〕0045']);
    }
  });

  test('the 年度 choices beside it come from the index too, the same as from the projection', async () => {
    const { db, clerk } = await seededRegister();
    const cold = new WenshuDB(db.name);
    const current = vi.spyOn(incomingProjection(cold), 'current');
    expect(await incomingYears(cold)).toEqual([2026, 2025]);
    expect(current).not.toHaveBeenCalled();
    await listIncoming(cold, clerk, { state: '已登记', offset: 0, limit: 1 }, TODAY);
    expect(await incomingYears(cold)).toEqual([2026, 2025]);
    expect(current).toHaveBeenCalled();
    cold.close();
    const empty = new WenshuDB('incoming-cold-open-empty');
    expect(await incomingYears(empty)).toEqual([]);
    empty.close();
  });
});
