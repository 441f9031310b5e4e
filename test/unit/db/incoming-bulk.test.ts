import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { verifyAuditChain } from '../../../renderer/db/audit';
import { CommandCancelledError, defineCommand } from '../../../renderer/db/commands/define';
import { runCommand } from '../../../renderer/db/commands/execute';
import type { WenshuDB } from '../../../renderer/db/database';
import { createIncomingInBulk, importIncoming, listIncoming, registerIncoming, type BulkIncomingItem } from '../../../renderer/db/repositories/incoming';
import type { Registration } from '../../../shared/domain/incoming-types';
import { compactProjection, LiveProjection } from '../../../renderer/db/projection';
import { INCOMING_PROJECTION, INCOMING_PROJECTION_VERSION } from '../../../renderer/db/incoming/incoming-index';
import { staffedOffice } from './helpers';
import { baseRegistration } from '../../fixtures/filing';

// The bulk write path of the legacy import (issue #18): createIncomingInBulk through the
// incoming.import command, checked against the one-by-one registration it replaces.

const base: Registration = { ...baseRegistration, receivedDate: '2025-03-01', docNumber: '' };

/** 12 rows over two years, out of date order, two of them 秘密 (one of 2 份: two carriers). */
function rows() {
  const dates = ['2025-03-04', '2024-11-02', '2025-01-15', '2024-12-30', '2025-03-04', '2024-11-02', '2025-02-01', '2025-06-30', '2024-10-01', '2025-01-15', '2025-04-01', '2024-12-01'];
  return dates.map((receivedDate, i) => ({
    rowNumber: i + 2,
    legacyNumber: `旧-${i + 1}`,
    registration: {
      ...base,
      receivedDate,
      docNumber: `县财发〔${receivedDate.slice(0, 4)}〕${i + 1}号`,
      title: `${base.title}（${i + 1}）`,
      ...(i === 3 ? { classification: '秘密' as const, copyNumber: '000007', copies: 2 } : {}),
      ...(i === 8 ? { classification: '秘密' as const, copyNumber: '000001' } : {}),
    },
  }));
}

/** The bulk path with tiny batches (so a dozen rows cross several), as a command of its own. */
const smallBatches = defineCommand({
  name: 'test.bulkIncoming',
  input: z.object({ items: z.custom<BulkIncomingItem[]>((v) => Array.isArray(v)), failAt: z.number().optional() }),
  permission: 'incoming.process',
  tables: ['incoming', 'counters', 'projectionDeltas', 'carriers'],
  run: (ctx, { items, failAt }) =>
    createIncomingInBulk(ctx, items, '收〔YYYY〕NNNN', {
      batchSize: 3,
      shape: (r, i) => {
        if (i === failAt) throw new Error('写入中途出错');
        return r;
      },
    }),
});

async function snapshot(db: WenshuDB) {
  return {
    incoming: await db.incoming.count(),
    carriers: await db.carriers.count(),
    counters: await db.counters.toArray(),
    audit: await db.auditLog.count(),
    changeLog: await db.changeLog.count(),
    deltas: await db.projectionDeltas.count(),
  };
}

describe('收文 import: the bulk write path', () => {
  test('writes the search entries of a batch as one delta row, which a cold count, a load and the compaction all take in', async () => {
    const { db, clerk } = await staffedOffice();
    await registerIncoming(db, clerk, { ...base, receivedDate: '2025-01-02', docNumber: '县财发〔2025〕900号' });
    // The projection loaded and its base persisted, as after the register was first searched.
    expect((await listIncoming(db, clerk, { search: '决算', offset: 0, limit: 10 }, '2026-11-23')).total).toBe(1);
    await expect.poll(() => db.projections.count()).toBe(2);
    await compactProjection(db, INCOMING_PROJECTION);
    const deltasBefore = await db.projectionDeltas.count();
    const done = await runCommand(db, clerk, smallBatches, { items: rows().map((r) => ({ registration: r.registration })) });
    const batches = (await db.projectionDeltas.toArray()).slice(deltasBefore);
    // 12 records in batches of 3: four rows for the 收文, and the carriers' batches.
    expect(batches.filter((d) => d.projection === INCOMING_PROJECTION).map((d) => d.entries?.length)).toEqual([3, 3, 3, 3]);
    // A cold count (the first page's total before the projection loads) counts every entry.
    const cold = new LiveProjection(db, INCOMING_PROJECTION, db.incoming, async () => [], INCOMING_PROJECTION_VERSION);
    expect(await cold.size()).toBe(13);
    expect([...(await cold.current()).keys()].sort()).toEqual([...(await db.incoming.toCollection().primaryKeys())].sort());
    // The window that had it loaded sees them, and folds the batch rows in at once.
    expect((await listIncoming(db, clerk, { search: '决算', offset: 0, limit: 50 }, '2026-11-23')).total).toBe(13);
    await expect.poll(() => db.projectionDeltas.where('projection').equals(INCOMING_PROJECTION).count()).toBe(0);
    expect((await listIncoming(db, clerk, { search: done[5]!.serial, offset: 0, limit: 50 }, '2026-11-23')).total).toBe(1);
  });

  test('gives the numbers one-by-one registration would (oldest first, gap-free, after those taken), carriers numbered likewise', async () => {
    const now = new Date('2026-11-23T09:00:00Z');
    const one = await staffedOffice();
    const bulk = await staffedOffice();
    // Numbers already taken in both: the import continues after them.
    for (const o of [one, bulk]) await registerIncoming(o.db, o.clerk, { ...base, receivedDate: '2025-01-02', docNumber: '县财发〔2025〕900号' }, {}, now);
    const input = rows();
    const sorted = [...input].sort((a, b) => a.registration.receivedDate.localeCompare(b.registration.receivedDate) || a.rowNumber - b.rowNumber);
    const expected = [];
    for (const r of sorted) {
      const made = await registerIncoming(one.db, one.clerk, r.registration, {}, now);
      const carriers = await one.db.carriers.bulkGet(made.carrierIds ?? []);
      expected.push({ serial: made.serial, receivedDate: made.receivedDate, carriers: carriers.map((c) => [c!.serial, c!.copyNumber]) });
    }
    const done = await importIncoming(bulk.db, bulk.clerk, input, now);
    const got = [];
    for (const r of done) {
      const carriers = await bulk.db.carriers.bulkGet(r.carrierIds ?? []);
      got.push({ serial: r.serial, receivedDate: r.receivedDate, carriers: carriers.map((c) => [c!.serial, c!.copyNumber]) });
    }
    expect(got).toEqual(expected);
    expect(got.map((g) => g.serial).filter((s) => s.includes('2025'))[0]).toBe('收〔2025〕0002');
    expect(got.flatMap((g) => g.carriers)).toEqual([
      ['载〔2026〕0001', '000001'],
      ['载〔2026〕0002', '000007'],
      ['载〔2026〕0003', '000008'],
    ]);
    // The counters end where the one-by-one path leaves them.
    const counters = async (db: WenshuDB) => (await db.counters.toArray()).map((c) => [c.key, c.last]).sort();
    expect(await counters(bulk.db)).toEqual(await counters(one.db));
    // The records are found as registered ones are (their search entries were written).
    expect((await listIncoming(bulk.db, bulk.clerk, { search: '旧-5', offset: 0, limit: 10 }, '2026-11-23')).total).toBe(1);
    expect((await listIncoming(bulk.db, bulk.clerk, { offset: 0, limit: 50 }, '2026-11-23')).total).toBe(13);
  });

  test('one audit entry per record and per carrier, chained; change-log rows for every row written, under one command', async () => {
    const { db, clerk } = await staffedOffice();
    const before = await snapshot(db);
    const done = await importIncoming(db, clerk, rows());
    const entries = await db.auditLog.where('seq').above(0).toArray();
    const imported = entries.filter((e) => e.action === '导入收文');
    expect(imported.map((e) => e.entityId).sort()).toEqual(done.map((r) => r.id).sort());
    expect(imported.find((e) => e.entityId === done[0]!.id)!.summary).toContain(`原编号 ${done[0]!.legacyNumber}`);
    const carrierEntries = entries.filter((e) => e.action === '涉密载体登记');
    expect(carrierEntries).toHaveLength(3);
    // A classified 收文's title never reaches the log.
    expect(carrierEntries.every((e) => !e.summary.includes(base.title))).toBe(true);
    expect((await verifyAuditChain(db)).ok).toBe(true);

    const log = (await db.changeLog.toArray()).slice(before.changeLog);
    expect(new Set(log.map((r) => r.commandId)).size).toBe(1);
    expect(log.every((r) => r.command === 'incoming.import' && r.actorId === clerk.id)).toBe(true);
    const by = (entity: string) => log.filter((r) => r.entity === entity);
    expect(by('incoming').map((r) => r.entityId).sort()).toEqual(done.map((r) => r.id).sort());
    expect(by('incoming').find((r) => r.entityId === done[0]!.id)!.after).toEqual(done[0]);
    expect(by('carriers')).toHaveLength(3);
    // One counter put per year and one for the carriers (not one per number).
    expect(by('counters').map((r) => r.entityId).sort()).toEqual(['收文|2024', '收文|2025', `载体|${new Date().getFullYear()}`].sort());
  });

  test('a failure half-way (after batches were written) leaves nothing: records, carriers, counters, audit, change log, search entries', async () => {
    const { db, clerk } = await staffedOffice();
    await registerIncoming(db, clerk, { ...base, receivedDate: '2025-01-02', docNumber: '县财发〔2025〕900号' });
    const before = await snapshot(db);
    const items = rows().map((r) => ({ registration: r.registration }));
    await expect(runCommand(db, clerk, smallBatches, { items, failAt: 10 })).rejects.toThrow('写入中途出错');
    expect(await snapshot(db)).toEqual(before);
    // Without the failure the same command writes all (so the failure above was not early).
    const done = await runCommand(db, clerk, smallBatches, { items });
    expect(done).toHaveLength(12);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  test('a cancel half-way (the job aborted after the first batch) writes nothing, reports progress, and the next number is as before', async () => {
    const { db, clerk } = await staffedOffice();
    const before = await snapshot(db);
    const controller = new AbortController();
    const seen: [number, number][] = [];
    const items = rows().map((r) => ({ registration: r.registration }));
    const run = runCommand(db, clerk, smallBatches, { items }, new Date(), {
      signal: controller.signal,
      progress: (done, total) => {
        seen.push([done, total]);
        if (done >= 6) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(CommandCancelledError);
    await expect(run).rejects.toThrow('已取消，数据未作任何改动');
    expect(seen).toEqual([
      [3, 12],
      [6, 12],
    ]);
    expect(await snapshot(db)).toEqual(before);
    const next = await registerIncoming(db, clerk, { ...base, docNumber: '县财发〔2025〕901号' });
    expect(next.serial).toBe('收〔2025〕0001');
    // The import command itself honours a cancel given before it starts writing.
    const aborted = new AbortController();
    aborted.abort();
    await expect(importIncoming(db, clerk, rows(), new Date(), { signal: aborted.signal })).rejects.toBeInstanceOf(CommandCancelledError);
    expect(await db.incoming.count()).toBe(1);
  });
});
