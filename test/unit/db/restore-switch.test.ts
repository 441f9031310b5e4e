import { describe, expect, test } from 'vitest';
import { checkAuditIntegrity, externalAnchorSettled, registerExternalAuditAnchor, type AuditHead, type ExternalAuditAnchor } from '../../../renderer/db/audit';
import { writeBackup } from '../../../renderer/db/backup/backup';
import { openBackup, RESTORE_CANCELLED, restoreBackup } from '../../../renderer/db/backup/restore';
import { WenshuDB } from '../../../renderer/db/database';
import { appDatabaseName, loadAppDatabaseName, readPointer, removeFamilyLeftovers, writePointer } from '../../../renderer/db/pointer';
import { saveDepartment } from '../../../renderer/db/repositories/settings';
import type { Actor } from '../../../renderer/db/types';
import { memorySink } from '../../fixtures/memory-sink';
import { familyNames, freshDb, setUpOffice } from './helpers';

// Issue #18: a restore writes into a new database and switches a pointer to it. Whatever stops it
// before the switch (取消 at any stage, a crash) leaves the current data and the pointer as they
// were; a database of the family the pointer does not name is removed at the next start; the
// external audit anchor ends consistent with whichever database is current.

const PASS = '备份口令-2026-冬';
const T = new Date('2026-11-23T02:00:00Z');

function safetyFile() {
  return { sink: memorySink(), finish: async () => 'memory://safety.wsbak' };
}

async function office(): Promise<{ db: WenshuDB; admin: Actor }> {
  const db = freshDb();
  const admin = await setUpOffice(db);
  return { db, admin };
}

async function dump(db: WenshuDB): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) out[t.name] = await t.orderBy(':id').toArray();
  return JSON.stringify(out);
}

async function backupOf(db: WenshuDB, admin: Actor): Promise<Uint8Array> {
  const sink = memorySink();
  await writeBackup(db, admin, PASS, sink, T);
  return sink.bytes();
}

/** An anchor file in memory, as the desktop's main keeps it. */
function memoryAnchor(): ExternalAuditAnchor & { head: AuditHead | null } {
  const a = {
    head: null as AuditHead | null,
    read: async () => a.head,
    write: async (h: AuditHead) => {
      a.head = { seq: h.seq, hash: h.hash };
    },
  };
  return a;
}

describe('restore is all or nothing by the switch', { timeout: 120_000 }, () => {
  test.each(['写入', '校验审计日志', '备份当前数据'])('取消 during “%s”: the current data and the pointer unchanged, the new database dropped', async (stage) => {
    const source = await office();
    for (let i = 0; i < 3; i++) await saveDepartment(source.db, source.admin, { code: `S${i}`, name: `备份里的机构${i}` });
    const file = await backupOf(source.db, source.admin);
    const { db, admin } = await office();
    await saveDepartment(db, admin, { code: 'XX', name: '原有机构' });
    const before = await dump(db);
    const controller = new AbortController();
    const stages: string[] = [];
    const restoring = restoreBackup(db, admin, await openBackup(file, PASS), PASS, safetyFile(), T, {
      signal: controller.signal,
      onProgress: (p) => {
        stages.push(p.stage);
        if (p.stage.startsWith(stage)) controller.abort();
      },
    });
    await expect(restoring).rejects.toThrow(RESTORE_CANCELLED);
    expect(stages.some((s) => s.startsWith(stage))).toBe(true);
    expect(stages).not.toContain('切换到恢复的数据');
    expect(await dump(db)).toBe(before);
    expect(await readPointer(db.name)).toBe(db.name);
    expect(await familyNames(db.name)).toEqual([db.name]);
    // And the office goes on working.
    await saveDepartment(db, admin, { code: 'YY', name: '取消之后' });
  });

  test('progress counts every row of the backup, ending at the total', async () => {
    const { db, admin } = await office();
    const file = await backupOf(db, admin);
    const opened = await openBackup(file, PASS);
    const total = Object.values(opened.manifest.counts).reduce((a, b) => a + b, 0);
    let last = { done: 0, total: 0, stage: '' };
    await restoreBackup(db, admin, opened, PASS, safetyFile(), T, { onProgress: (p) => (last = p) });
    expect(last).toMatchObject({ done: total, total, stage: '切换到恢复的数据', unit: '条' });
  });

  test('a database of the family the pointer does not name is removed at the next start, whichever side of the switch a crash fell', async () => {
    const { db } = await office();
    // A crash before the switch: the new database is there, the pointer still names the old one.
    const cut = new WenshuDB(`${db.name}~cut-short`);
    await cut.open();
    cut.close();
    expect(await familyNames(db.name)).toEqual([db.name, `${db.name}~cut-short`].sort());
    expect(await removeFamilyLeftovers(db.name)).toEqual([`${db.name}~cut-short`]);
    expect(await familyNames(db.name)).toEqual([db.name]);
    expect(await readPointer(db.name)).toBe(db.name);
    // A crash after the switch, before the old database was deleted: the old one goes.
    const next = new WenshuDB(`${db.name}~switched`);
    await next.open();
    next.close();
    await writePointer(next.name);
    db.close();
    expect(await loadAppDatabaseName(db.name)).toBe(next.name);
    expect(appDatabaseName(db.name)).toBe(next.name);
    await expect.poll(() => familyNames(db.name)).toEqual([next.name]);
  });

  test('no pointer: the family’s own name (every installation from before keeps working)', async () => {
    expect(await readPointer('wenshu-never-restored')).toBe('wenshu-never-restored');
    // A pointer naming another family is not followed.
    await writePointer('wenshu-other~x');
    expect(await readPointer('wenshu-never-restored')).toBe('wenshu-never-restored');
  });
});

describe('the external audit anchor follows the database that is current', { timeout: 120_000 }, () => {
  for (const kind of ['kept', 'sealed'] as const) {
    test(`(${kind} log) written after the switch, and caught up at the next check when a crash came between switch and anchor`, async () => {
      const source = kind === 'kept' ? null : await office();
      const { db, admin } = await office();
      const anchor = memoryAnchor();
      registerExternalAuditAnchor(db.name, anchor);
      try {
        await saveDepartment(db, admin, { code: 'A1', name: '锚定' });
        await externalAnchorSettled(db.name);
        const oldHead = anchor.head!;
        expect(oldHead.seq).toBeGreaterThan(0);
        const file = source ? await backupOf(source.db, source.admin) : await backupOf(db, admin);
        if (!source) await saveDepartment(db, admin, { code: 'A2', name: '备份之后' });
        await externalAnchorSettled(db.name);
        const replacedHead = anchor.head!;
        const result = await restoreBackup(db, admin, await openBackup(file, PASS), PASS, safetyFile(), T);
        const restored = new WenshuDB(result.database);
        const head = (await restored.settings.get('auditHead'))!.value as AuditHead;
        // The anchor names the new database's head once the restore returns.
        expect(anchor.head).toEqual({ seq: head.seq, hash: head.hash });
        const entry = (await restored.auditLog.get(head.seq))!;
        expect(entry.details).toMatchObject({ auditLog: kind });

        // As if the power went between the switch and the anchor write: the file still names the
        // replaced head. The new database explains it (kept in its log, or sealed in it): no alarm,
        // and the file is brought up to date.
        anchor.head = replacedHead;
        expect(await checkAuditIntegrity(restored, anchor)).toEqual({ ok: true });
        await externalAnchorSettled(restored.name);
        expect(anchor.head).toEqual({ seq: head.seq, hash: head.hash });
      } finally {
        registerExternalAuditAnchor(db.name, null);
      }
    });
  }
});
