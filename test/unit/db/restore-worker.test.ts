import { afterEach, describe, expect, test, vi } from 'vitest';
import { isSealed } from '../../../renderer/db/at-rest/encryption-middleware';
import { verifyAuditChain } from '../../../renderer/db/audit';
import { LOCAL_TABLES, writeBackup } from '../../../renderer/db/backup/backup';
import { openBackup, RESTORE_CANCELLED, restoreBackup } from '../../../renderer/db/backup/restore';
import { ROWS_WORKERS } from '../../../renderer/db/backup/restore-rows-sink';
import { WenshuDB } from '../../../renderer/db/database';
import { readPointer } from '../../../renderer/db/pointer';
import { attachmentChunksOf } from '../../../renderer/db/repositories/attachments';
import { registerIncoming } from '../../../renderer/db/repositories/incoming';
import { saveDepartment } from '../../../renderer/db/repositories/settings';
import { send } from '../../../renderer/db/commands/client';
import type { Actor } from '../../../renderer/db/types';
import type { AttachmentMeta } from '../../../shared/domain/attachment-types';
import { collect, pdfFile } from '../../fixtures/attachment-files';
import { installInThreadWorker } from '../../fixtures/in-thread-worker';
import { memorySink } from '../../fixtures/memory-sink';
import { addUser, familyNames, freshDb, setUpOffice } from './helpers';

// Issue #18: where a Worker exists (the app, the bench, E2E) a restore's rows are parsed, checked
// and sealed in restore-rows.worker.ts and added by the main thread. Here that worker runs on this
// thread behind a Worker stand-in that clones every message (test/fixtures/in-thread-worker.ts),
// so the protocol, the sealing in the worker and the failures crossing it are tested in Node too.

const PASS = '备份口令-2026-冬';
const T = new Date('2026-11-23T02:00:00Z');

const safetyFile = () => ({ sink: memorySink(), finish: async () => 'memory://safety.wsbak' });

async function dump(db: WenshuDB, skip: readonly string[] = []): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) if (!skip.includes(t.name)) out[t.name] = await t.orderBy(':id').toArray();
  return out;
}

/** An office with 收文 (a blind index), departments and an attached scan; its backup file. */
async function source(): Promise<{ db: WenshuDB; file: Uint8Array }> {
  const db = freshDb();
  const admin = await setUpOffice(db);
  for (let i = 0; i < 5; i++) await saveDepartment(db, admin, { code: `D${i}`, name: `备份里的机构${i}` });
  const clerk = await addUser(db, admin, 'clerk', ['秘书']);
  for (let i = 0; i < 12; i++) {
    const doc = await registerIncoming(db, clerk, {
      receivedDate: '2026-11-20', fromUnit: '县财政局', docNumber: `县财发〔2026〕${i + 1}号`, title: `关于做好年终财务决算工作的通知${i}`, docType: '通知',
      classification: '非密', copies: 1, pages: 3, urgency: '普通', signedBy: '张秘书', handling: '办件',
    });
    if (i === 0) await send(db, clerk, 'attachment.add', { ownerKind: 'incoming', ownerId: doc.id, role: '原件扫描件', file: pdfFile('县财发〔2026〕1号.pdf', 2_500_000, 3) }, T);
  }
  const sink = memorySink();
  await writeBackup(db, admin, PASS, sink, T);
  return { db, file: sink.bytes() };
}

async function target(): Promise<{ db: WenshuDB; admin: Actor }> {
  const db = freshDb();
  const admin = await setUpOffice(db);
  await saveDepartment(db, admin, { code: 'XX', name: '原有机构' });
  return { db, admin };
}

let worker: ReturnType<typeof installInThreadWorker> | null = null;
afterEach(() => {
  worker?.restore();
  worker = null;
  vi.restoreAllMocks();
});

describe('restore through the rows worker', { timeout: 120_000 }, () => {
  test('every row comes back equal, sealed in the new database as the middleware seals it; the scan too', async () => {
    const src = await source();
    const t = await target();
    worker = installInThreadWorker();
    const result = await restoreBackup(t.db, t.admin, await openBackup(src.file, PASS), PASS, safetyFile(), T);
    expect(worker.started()).toBe(ROWS_WORKERS);
    const restored = new WenshuDB(result.database);
    // Read back through the middleware: a row sealed with another binding or format would refuse.
    const skip = ['auditLog', 'settings', 'auditSegments', 'attachmentChunks', 'projections', 'projectionDeltas', ...LOCAL_TABLES];
    expect(await dump(restored, skip)).toEqual(await dump(src.db, skip));
    expect((await restored.auditLog.toArray()).slice(0, -1)).toEqual(await src.db.auditLog.toArray());
    expect((await verifyAuditChain(restored)).ok).toBe(true);
    const [file] = (await restored.attachments.toArray()) as AttachmentMeta[];
    expect(await collect(attachmentChunksOf(restored, file!.id))).toEqual(await collect(attachmentChunksOf(src.db, file!.id)));
    // As stored: sealed (the worker's WebCrypto), the blind index a keyed hash, nothing readable.
    const raw = await new Promise<unknown[]>((resolve) => {
      const req = restored.backendDB().transaction('incoming').objectStore('incoming').getAll();
      req.onsuccess = () => resolve(req.result as unknown[]);
    });
    expect(raw).toHaveLength(12);
    for (const r of raw) {
      expect(isSealed(r)).toBe(true);
      expect(String((r as { duplicateKey: unknown }).duplicateKey)).toMatch(/^b:[0-9a-f]{40}$/);
      expect(JSON.stringify(r)).not.toContain('决算');
    }
    expect(await familyNames(t.db.name)).toEqual([result.database]);
  });

  test('an add refused in a worker stops the restore: the current data, the pointer and the family unchanged', async () => {
    const src = await source();
    const t = await target();
    const before = await dump(t.db);
    worker = installInThreadWorker();
    const add = IDBObjectStore.prototype.add;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      if (this.name === 'incoming' && this.transaction.db.name.startsWith(`${t.db.name}~`)) throw new Error('磁盘已满');
      return add.apply(this, args);
    });
    await expect(restoreBackup(t.db, t.admin, await openBackup(src.file, PASS), PASS, safetyFile(), T)).rejects.toThrow('磁盘已满');
    expect(worker.started()).toBe(ROWS_WORKERS);
    expect(await dump(t.db)).toEqual(before);
    expect(await readPointer(t.db.name)).toBe(t.db.name);
    expect(await familyNames(t.db.name)).toEqual([t.db.name]);
  });

  test('取消 while the worker seals: nothing changes', async () => {
    const src = await source();
    const t = await target();
    const before = await dump(t.db);
    worker = installInThreadWorker();
    const controller = new AbortController();
    const run = restoreBackup(t.db, t.admin, await openBackup(src.file, PASS), PASS, safetyFile(), T, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.stage.startsWith('写入') && p.done > 0) controller.abort();
      },
    });
    await expect(run).rejects.toThrow(RESTORE_CANCELLED);
    expect(await dump(t.db)).toEqual(before);
    expect(await readPointer(t.db.name)).toBe(t.db.name);
    expect(await familyNames(t.db.name)).toEqual([t.db.name]);
  });

  test('a worker that cannot start (blocked): the rows are written in place, the restore completes', async () => {
    const src = await source();
    const t = await target();
    let tried = 0;
    vi.stubGlobal(
      'Worker',
      class {
        onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null;
        onmessage: unknown = null;
        constructor() {
          tried += 1;
          setTimeout(() => this.onerror?.({ message: 'blocked by CSP', preventDefault: () => undefined }));
        }
        postMessage(): void {}
        terminate(): void {}
      },
    );
    worker = { started: () => tried, restore: () => vi.unstubAllGlobals() };
    const result = await restoreBackup(t.db, t.admin, await openBackup(src.file, PASS), PASS, safetyFile(), T);
    expect(tried).toBe(ROWS_WORKERS);
    const restored = new WenshuDB(result.database);
    expect(await restored.incoming.count()).toBe(12);
    expect((await verifyAuditChain(restored)).ok).toBe(true);
  });
});
