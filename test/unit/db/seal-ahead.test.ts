import Dexie from 'dexie';
import { describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import { presealRows, readRowsOpenedAsync, SEAL_AHEAD_FROM, SEALED } from '../../../renderer/db/at-rest/encryption-middleware';
import { verifyAuditChain } from '../../../renderer/db/audit';
import { CommandCancelledError, defineCommand } from '../../../renderer/db/commands/define';
import { runCommand } from '../../../renderer/db/commands/execute';
import type { WenshuDB } from '../../../renderer/db/database';
import { createIncomingInBulk, type BulkIncomingItem } from '../../../renderer/db/repositories/incoming';
import type { Registration } from '../../../shared/domain/incoming-types';
import { baseRegistration } from '../../fixtures/filing';
import { staffedOffice } from './helpers';

// Bulk writes sealed ahead with WebCrypto (issue #18): the bulk import's records, their change-log
// rows and its audit entries are sealed before their write, and the at-rest middleware stores
// those seals instead of running its synchronous cipher. What reaches the files must be exactly
// what the middleware would have stored, and nothing outside the sealer may pass a row through.

const TITLE = '关于预先加密批量写入的测试通知';
const base: Registration = { ...baseRegistration, receivedDate: '2025-03-01', docNumber: '', title: TITLE };

/** 90 rows: batches of 40 go through the sealing ahead (40, 40, then 10 sealed in the write). */
function items(): BulkIncomingItem[] {
  return Array.from({ length: 90 }, (_, i) => ({
    legacyNumber: `旧-${i + 1}`,
    registration: {
      ...base,
      receivedDate: `2025-0${1 + (i % 9)}-1${i % 10}`,
      docNumber: `县财发〔2025〕${i + 1}号`,
      title: `${TITLE}（${i + 1}）`,
      ...(i % 30 === 7 ? { classification: '秘密' as const, copyNumber: String(i).padStart(6, '0') } : {}),
    },
  }));
}

const batchesOf40 = defineCommand({
  name: 'test.bulkIncomingSealedAhead',
  input: z.object({ items: z.custom<BulkIncomingItem[]>((v) => Array.isArray(v)) }),
  permission: 'incoming.process',
  tables: ['incoming', 'counters', 'projectionDeltas', 'carriers'],
  run: (ctx, { items: list }) => createIncomingInBulk(ctx, list, '收〔YYYY〕NNNN', { batchSize: 40 }),
});

async function rawAll(db: WenshuDB, store: string): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const req = db.backendDB().transaction(store, 'readonly').objectStore(store).getAll();
    req.onsuccess = () => resolve(req.result as Record<string, unknown>[]);
    req.onerror = () => reject(req.error ?? new Error('read failed'));
  });
}

const visible = (rows: unknown) => JSON.stringify(rows, (_k, v: unknown) => (v instanceof Uint8Array ? '<bytes>' : v));

describe('bulk writes sealed ahead', () => {
  test('the bulk import stores its records, change-log rows and audit entries sealed ahead, as the middleware would (read back by both ciphers)', async () => {
    expect(SEAL_AHEAD_FROM).toBeLessThanOrEqual(40);
    const { db, clerk } = await staffedOffice();
    const changeLogBefore = await db.changeLog.count();
    const seal = vi.spyOn(db.keyring, 'seal');
    const sealAsync = vi.spyOn(db.keyring, 'sealAsync');
    const done = await runCommand(db, clerk, batchesOf40, { items: items() });
    // 90 records, 90 change-log rows, 90+ audit entries: the two full batches (80 records, their log
    // rows, their audit entries) went through WebCrypto; the synchronous cipher sealed the last
    // batch of 10, the few carriers, counters, search deltas and the audit head.
    expect(sealAsync.mock.calls.length).toBeGreaterThanOrEqual(3 * 80);
    expect(seal.mock.calls.length).toBeLessThan(60);
    seal.mockRestore();
    sealAsync.mockRestore();

    // Nothing readable in the files.
    for (const store of ['incoming', 'changeLog', 'auditLog']) {
      const raw = await rawAll(db, store);
      expect(raw.every((r) => SEALED in r)).toBe(true);
      expect(visible(raw)).not.toContain(TITLE);
    }
    // Read back through the middleware (synchronous cipher, its binding) and with WebCrypto.
    const byId = new Map(done.map((r) => [r.id, r]));
    const read = await db.incoming.bulkGet(done.map((r) => r.id));
    expect(read).toEqual(done);
    expect(await readRowsOpenedAsync(db, db.keyring, 'incoming', done.map((r) => r.id))).toEqual(done);
    // The change-log rows: one per record, its after-image the record, under the one command.
    const log = (await db.changeLog.toArray()).slice(changeLogBefore);
    const logged = log.filter((r) => r.entity === 'incoming');
    expect(logged).toHaveLength(90);
    expect(new Set(log.map((r) => r.commandId)).size).toBe(1);
    for (const r of logged) {
      expect(r).toMatchObject({ command: 'test.bulkIncomingSealedAhead', operation: 'put', actorId: clerk.id });
      expect(r.after).toEqual(byId.get(r.entityId as string));
    }
    expect(log.filter((r) => r.entity === 'carriers')).toHaveLength(3);
    // Audit entries chained and verified; one per record.
    expect((await db.auditLog.where('action').equals('导入收文').toArray()).map((e) => e.entityId).sort()).toEqual(done.map((r) => r.id).sort());
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  test('a cancel after the first batch (the next one being sealed) writes nothing', async () => {
    const { db, clerk } = await staffedOffice();
    const count = async () => [await db.incoming.count(), await db.changeLog.count(), await db.auditLog.count(), await db.carriers.count()];
    const before = await count();
    const controller = new AbortController();
    const run = runCommand(db, clerk, batchesOf40, { items: items() }, new Date(), { signal: controller.signal, progress: () => controller.abort() });
    await expect(run).rejects.toBeInstanceOf(CommandCancelledError);
    expect(await count()).toEqual(before);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  test('only the very object sealed ahead, once, for its table, key ring and transaction, is stored as sealed ahead', async () => {
    const a = await staffedOffice();
    const b = await staffedOffice();
    const settings = (db: WenshuDB) => ({ name: 'settings', schema: db.core.table('settings').schema });
    const row = (key: string, value: string) => ({ key, value });
    /** Seals `rows` ahead with `by`'s key ring for `table`, then runs `write`, in one transaction of `db`. */
    const inOne = (db: WenshuDB, by: WenshuDB, table: { name: string; schema: ReturnType<typeof settings>['schema'] }, rows: object[], write: () => Promise<unknown>) =>
      db.transaction('rw', db.settings, async () => {
        await Dexie.waitFor(presealRows(by.keyring, table, rows, Dexie.currentTransaction!.idbtrans));
        await write();
      });

    // A copy of a sealed-ahead row (equal, another object) is sealed in its write.
    const original = row('t-copy', '原文');
    const seal = vi.spyOn(a.db.keyring, 'seal');
    await inOne(a.db, a.db, settings(a.db), [original], () => a.db.settings.put({ ...original }));
    expect(seal).toHaveBeenCalledTimes(1);

    // The sealed-ahead object is stored without the cipher; written again after a change, it is
    // sealed again (taken once), so the change is what is stored.
    seal.mockClear();
    await inOne(a.db, a.db, settings(a.db), [original], async () => {
      await a.db.settings.put(original);
      expect(seal).toHaveBeenCalledTimes(0);
      original.value = '改后';
      await a.db.settings.put(original);
      expect(seal).toHaveBeenCalledTimes(1);
    });
    expect((await a.db.settings.get('t-copy'))?.value).toBe('改后');

    // Sealed ahead in a transaction that ended unwritten (a cancelled import), changed, written in
    // the next: sealed again, the change stored.
    const late = row('t-late', '旧内容');
    await a.db.transaction('rw', a.db.settings, () => Dexie.waitFor(presealRows(a.db.keyring, settings(a.db), [late], Dexie.currentTransaction!.idbtrans)));
    late.value = '新内容';
    seal.mockClear();
    await a.db.settings.put(late);
    expect(seal).toHaveBeenCalledTimes(1);
    expect((await a.db.settings.get('t-late'))?.value).toBe('新内容');
    seal.mockRestore();

    // Sealed ahead by another database's key ring: sealed again by this one (else it would not open here).
    const other = row('t-other', '别的库');
    await inOne(b.db, a.db, settings(a.db), [other], () => b.db.settings.put(other));
    expect((await b.db.settings.get('t-other'))?.value).toBe('别的库');

    // Sealed ahead for another table: sealed again for this one (the binding names the table).
    const stray = row('t-stray', '别的表');
    await inOne(a.db, a.db, { name: 'incoming', schema: a.db.core.table('incoming').schema }, [stray], () => a.db.settings.put(stray));
    expect((await a.db.settings.get('t-stray'))?.value).toBe('别的表');

    // In the files: sealed, the text unreadable.
    const raw = (await rawAll(a.db, 'settings')).filter((r) => String(r.key).startsWith('t-'));
    expect(raw).toHaveLength(3);
    expect(raw.every((r) => SEALED in r)).toBe(true);
    expect(visible(raw)).not.toMatch(/原文|改后|内容|别的表/);
  });
});
