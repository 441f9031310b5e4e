import { describe, expect, test } from 'vitest';
import { AdoptUnanswered, adoptOwnRecords, planAdopt } from '../../../../renderer/db/lan/adopt';
import { RuleError } from '../../../../shared/domain/rule-error';
import { CURSOR_KEY, PULLED_TABLES, readCursor } from '../../../../renderer/db/lan/pull';
import { newIncomingRecord } from '../../../../shared/domain/incoming';
import { ADOPT_BATCH, ADOPT_BATCH_BYTES } from '../../../../shared/domain/lan-adopt';
import type { ServerRow } from '../../../../shared/domain/lan-protocol';
import { freshDb, setUpOffice } from '../helpers';

// 交本机记录 in batches (renderer/db/lan/adopt.ts), against a stand-in server that takes each row
// as it is: 取消 stops between batches, what went is marked, the next run sends only the rest, and
// the pull starts again from 0 once anything went.

const REG = { receivedDate: '2026-03-02', fromUnit: '县民政局', docNumber: '', docType: '通知', classification: '非密', copies: 1, pages: 2, urgency: '普通', signedBy: '张秘书', handling: '阅件' } as const;

async function pcWith(count: number, extra: object = {}) {
  const db = freshDb();
  const admin = await setUpOffice(db);
  const rows = Array.from({ length: count }, (_, i) =>
    newIncomingRecord({ ...REG, title: `本机第${i + 1}件`, ...extra }, { id: `own-${String(i).padStart(4, '0')}`, seq: i + 1, serial: `收〔2026〕${String(i + 1).padStart(4, '0')}`, by: { id: admin.id, name: '张秘书' }, now: new Date('2026-03-02T02:00:00Z'), via: '登记' }),
  );
  await db.incoming.bulkPut(rows);
  await db.lanSync.put({ key: CURSOR_KEY, cursor: 77, scope: 'zhang', tables: PULLED_TABLES() });
  return db;
}

describe('交本机记录 in batches', () => {
  test(`取消 stops after the batch under way (${ADOPT_BATCH} a batch); the next run sends the rest only; the pull restarts from 0`, async () => {
    const db = await pcWith(ADOPT_BATCH * 2 + 50);
    const batches: number[] = [];
    const server = async ({ items }: { items: { tbl: string; row: unknown }[] }): Promise<ServerRow[]> => {
      batches.push(items.length);
      return items.map(({ tbl, row }) => ({ tbl, row, version: 1 }));
    };
    const stop = new AbortController();
    const first = await adoptOwnRecords(db, await planAdopt(db), server, {
      signal: stop.signal,
      onProgress: (p) => {
        if (p.done > 0) stop.abort();
      },
    });
    expect(first).toEqual({ sent: ADOPT_BATCH, renumbered: [], cancelled: true });
    expect(batches).toEqual([ADOPT_BATCH]);
    expect(await readCursor(db)).toEqual({ cursor: 0, scope: 'zhang' });

    const rest = await planAdopt(db);
    expect(rest.incoming).toHaveLength(ADOPT_BATCH + 50);
    // Oldest first: the first batch took 0001…0200.
    expect(rest.incoming[0]!.serial).toBe(`收〔2026〕${String(ADOPT_BATCH + 1).padStart(4, '0')}`);
    expect(rest.highest).toEqual([{ series: '收文', year: 2026, seq: ADOPT_BATCH * 2 + 50 }]);
    const second = await adoptOwnRecords(db, rest, server);
    expect(second).toMatchObject({ sent: ADOPT_BATCH + 50, cancelled: false });
    expect(batches).toEqual([ADOPT_BATCH, ADOPT_BATCH, 50]);
    expect((await planAdopt(db)).incoming).toEqual([]);
  });

  test('a batch stays under the server’s request limit: records with long text go in more, smaller batches', async () => {
    // ~30 KB each (10,000 汉字 of 摘要): 200 of them would be 6 MB.
    const db = await pcWith(50, { summary: '关于做好年终各项工作的通知要求'.repeat(700) });
    const sizes: number[] = [];
    await adoptOwnRecords(db, await planAdopt(db), async ({ items }) => {
      sizes.push(new TextEncoder().encode(JSON.stringify(items)).length);
      return items.map(({ tbl, row }) => ({ tbl, row, version: 1 }));
    });
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...sizes)).toBeLessThan(ADOPT_BATCH_BYTES + 1000);
    expect((await planAdopt(db)).incoming).toEqual([]);
  });

  test('a refusal stops the run at its batch; nothing of that batch is marked; a batch without an answer restarts the pull (the server may have it)', async () => {
    const db = await pcWith(3);
    const refused = adoptOwnRecords(db, await planAdopt(db), async () => {
      throw new RuleError('收〔2026〕0002：本局域网最高密级为“内部”');
    });
    await expect(refused).rejects.toThrow('收〔2026〕0002');
    expect((await planAdopt(db)).incoming).toHaveLength(3);
    expect((await readCursor(db)).cursor).toBe(77);
    const lost = adoptOwnRecords(db, await planAdopt(db), async () => {
      throw new AdoptUnanswered('服务器暂不可达');
    });
    await expect(lost).rejects.toThrow('服务器暂不可达');
    expect((await planAdopt(db)).incoming).toHaveLength(3);
    expect((await readCursor(db)).cursor).toBe(0);
  });

  test('the counters are raised past the numbers of records that stay here too (a 秘密 收文 keeps 0004)', async () => {
    const db = await pcWith(3);
    await db.incoming.put(newIncomingRecord({ ...REG, title: '本机的秘密件', classification: '秘密' }, { id: 'own-secret', seq: 4, serial: '收〔2026〕0004', by: { id: 'u', name: '张秘书' }, now: new Date('2026-03-02T02:00:00Z'), via: '登记' }));
    const plan = await planAdopt(db);
    expect(plan.incoming).toHaveLength(3);
    expect(plan.staying).toEqual([{ number: '收〔2026〕0004', why: expect.stringContaining('秘密') }]);
    expect(plan.highest).toEqual([{ series: '收文', year: 2026, seq: 4 }]);
  });
});
