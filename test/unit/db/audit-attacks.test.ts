import { describe, expect, test } from 'vitest';
import { memorySink } from '../../fixtures/memory-sink';
import {
  AUDIT_HEAD_KEY,
  ANCHOR_HEAD_ID,
  AuditTamperedError,
  auditAlarm,
  checkAuditIntegrity,
  externalAnchorSettled,
  hashAuditEntry,
  recordPendingAudit,
  registerExternalAuditAnchor,
  TAMPERED_MESSAGE,
  verifyAuditChain,
  type AuditHead,
  type ExternalAuditAnchor,
} from '../../../renderer/db/audit';
import { writeBackup } from '../../../renderer/db/backup/backup';
import { openBackup, restoreBackup } from '../../../renderer/db/backup/restore';
import { WenshuDB } from '../../../renderer/db/database';
import { acknowledgeAuditGap, verifyAuditLog } from '../../../renderer/db/repositories/audit-log';
import { login } from '../../../renderer/db/repositories/auth';
import { saveDepartment } from '../../../renderer/db/repositories/settings';
import type { Actor, AuditEntry } from '../../../renderer/db/types';
import { PermissionError } from '../../../shared/domain/permissions';
import { addUser, freshDb, passwordOf, setUpOffice } from './helpers';

// Issue #12, attacks A and B, tried as an attacker would: rows of the audit log are deleted or
// edited in the database behind the app's back (here through Dexie, as someone with the files
// and, worse, the key would), then the app is used as usual. Each attack must be reported every
// time, refuse further writes, never reuse a seq, and never be papered over by a restore.

const T0 = new Date('2026-12-01T01:00:00Z');

async function office() {
  const db = freshDb();
  const admin = await setUpOffice(db);
  const auditor = await addUser(db, admin, 'shenji', ['安全审计员']);
  for (let i = 0; i < 6; i++) await saveDepartment(db, admin, { code: `D${i}`, name: `科室${i}` });
  return { db, admin, auditor };
}

async function rows(db: WenshuDB): Promise<AuditEntry[]> {
  return db.auditLog.orderBy('seq').toArray();
}

async function lastSeq(db: WenshuDB): Promise<number> {
  return (await db.auditLog.orderBy('seq').last())?.seq ?? 0;
}

/** Attack A: delete the last n rows by key, the way one would in the IndexedDB files. */
async function cutTail(db: WenshuDB, n: number): Promise<{ head: number; cutFrom: number }> {
  const head = await lastSeq(db);
  await db.auditLog.bulkDelete(Array.from({ length: n }, (_, i) => head - i));
  return { head, cutFrom: head - n + 1 };
}

function memoryAnchor(): ExternalAuditAnchor & { head: AuditHead | null; fail: boolean; writes: number } {
  const a = {
    head: null as AuditHead | null,
    fail: false,
    writes: 0,
    async read() {
      return a.head;
    },
    async write(h: AuditHead) {
      if (a.fail) throw new Error('磁盘已满');
      a.writes += 1;
      a.head = { ...h };
    },
  };
  return a;
}

describe('attack A: cutting the end of the audit log', { timeout: 120_000 }, () => {
  test('delete the last 5 rows: verification fails twice in a row, the next write is refused, no seq is reused', async () => {
    const { db, admin, auditor } = await office();
    const before = await rows(db);
    const { head, cutFrom } = await cutTail(db, 5);

    for (const attempt of [1, 2]) {
      const v = await verifyAuditLog(db, auditor, T0);
      expect(v.ok, `check ${attempt}`).toBe(false);
      if (!v.ok) {
        expect(v.firstBrokenSeq).toBe(cutFrom);
        expect(v.reason).toContain('末尾缺失');
        expect(v.canAcknowledge).toBe(true);
      }
    }
    // Each check is recorded, waiting (appends are refused) to join the chain after a 确认断档.
    expect(await db.pendingAudit.count()).toBe(2);

    const error = await saveDepartment(db, admin, { code: 'X1', name: '篡改之后' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditTamperedError);
    expect((error as Error).message).toBe(TAMPERED_MESSAGE);
    expect(TAMPERED_MESSAGE).toBe('审计日志被截断或改动，已停止写入；请安全审计员核查');
    // Nothing appended, the refused change not made, no seq re-used.
    expect(await rows(db)).toEqual(before.slice(0, -5));
    expect(await db.departments.where('code').equals('X1').count()).toBe(0);
    expect(await lastSeq(db)).toBe(cutFrom - 1);
    expect(((await db.settings.get(AUDIT_HEAD_KEY))?.value as AuditHead).seq).toBe(head);
    // The banner's alarm is up, and the sign-in check says the same.
    expect(auditAlarm(db.name).join()).toContain('日志末尾缺失');
    expect(await checkAuditIntegrity(db)).toMatchObject({ ok: false });
  });

  test('delete the head record: reported, and writes are refused', async () => {
    const { db, admin, auditor } = await office();
    await db.settings.delete(AUDIT_HEAD_KEY);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBrokenSeq: 1 });
    const integrity = await checkAuditIntegrity(db);
    expect(integrity.ok).toBe(false);
    if (!integrity.ok) expect(integrity.problems.join()).toContain('链尾记录缺失');
    await expect(saveDepartment(db, admin, { code: 'X2', name: '无链尾' })).rejects.toBeInstanceOf(AuditTamperedError);
    expect((await verifyAuditLog(db, auditor, T0)).ok).toBe(false);
  });

  test('delete the tail together with the head: reported', async () => {
    const { db, admin } = await office();
    await cutTail(db, 3);
    await db.settings.delete(AUDIT_HEAD_KEY);
    expect((await verifyAuditChain(db)).ok).toBe(false);
    // The anchor row still remembers the real end.
    const integrity = await checkAuditIntegrity(db);
    expect(integrity.ok).toBe(false);
    await expect(saveDepartment(db, admin, { code: 'X3', name: '无链尾' })).rejects.toBeInstanceOf(AuditTamperedError);
  });

  test('delete everything (every row, the head and the anchor row) after setup: reported, no new chain is started', async () => {
    const { db, admin, auditor } = await office();
    await db.auditLog.clear();
    await db.settings.delete(AUDIT_HEAD_KEY);
    await db.auditAnchor.clear();
    const v = await verifyAuditChain(db);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.reason).toContain('均已被删除');
    expect((await checkAuditIntegrity(db)).ok).toBe(false);
    await expect(saveDepartment(db, admin, { code: 'X4', name: '清空之后' })).rejects.toBeInstanceOf(AuditTamperedError);
    expect(await db.auditLog.count()).toBe(0);
    expect((await verifyAuditLog(db, auditor, T0)).ok).toBe(false);
  });

  test('edit a middle row (even with its hash recomputed): reported at that entry', async () => {
    const { db } = await office();
    const e = (await db.auditLog.get(4))!;
    await db.auditLog.put({ ...e, summary: '改过的摘要' });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBrokenSeq: 4 });
    const { hash: _h, ...rest } = { ...e, summary: '改过的摘要' };
    await db.auditLog.put({ ...rest, hash: hashAuditEntry(rest) });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBrokenSeq: 5 });
  });

  test('an inserted row after the head is reported', async () => {
    const { db, admin } = await office();
    const last = (await db.auditLog.orderBy('seq').last())!;
    const base = { ...last, seq: last.seq + 1, prevHash: last.hash, summary: '伪造的一条' };
    const { hash: _h, ...rest } = base;
    await db.auditLog.add({ ...rest, hash: hashAuditEntry(rest) });
    await expect(saveDepartment(db, admin, { code: 'X5', name: '之后' })).rejects.toBeInstanceOf(AuditTamperedError);
  });
});

describe('确认断档: the 安全审计员 acknowledges a break, and appends resume', { timeout: 120_000 }, () => {
  test('the gap is recorded exactly, seq continues after the highest ever, verification names it; a new cut still fails', async () => {
    const { db, admin, auditor } = await office();
    const { head, cutFrom } = await cutTail(db, 5);
    const survivor = (await db.auditLog.get(cutFrom - 1))!;
    await verifyAuditLog(db, auditor, T0); // one failed check, waiting in pendingAudit

    await expect(acknowledgeAuditGap(db, auditor, '   ')).rejects.toThrow('请填写确认断档的原因');
    await expect(acknowledgeAuditGap(db, admin, '管理员想抹掉')).rejects.toBeInstanceOf(PermissionError);
    const T1 = new Date('2026-12-01T02:00:00Z');
    await acknowledgeAuditGap(db, auditor, '机房断电后核查，确认为人为删除，已报保密办', T1);

    const ack = (await db.auditLog.get(head + 1))!;
    expect(ack).toMatchObject({ action: '确认断档', actorName: 'shenji', prevHash: survivor.hash });
    expect(ack.details).toMatchObject({ missingFrom: cutFrom, missingTo: head, expectedHead: { seq: head }, found: { seq: cutFrom - 1, hash: survivor.hash } });
    // The failed check that waited joins right after it, with its own time.
    expect(await db.auditLog.get(head + 2)).toMatchObject({ action: '校验审计日志', time: T0.toISOString() });
    expect(await db.pendingAudit.count()).toBe(0);
    // No seq in the cut range was ever re-used.
    expect(await db.auditLog.where('seq').between(cutFrom, head, true, true).count()).toBe(0);

    // Appends work again.
    await saveDepartment(db, admin, { code: 'OK1', name: '恢复之后' });
    expect(await lastSeq(db)).toBe(head + 3);
    expect(auditAlarm(db.name)).toEqual([]);

    const v = await verifyAuditChain(db);
    expect(v.ok).toBe(true);
    if (v.ok) {
      expect(v.gaps).toHaveLength(1);
      expect(v.gaps[0]).toMatchObject({ missingFrom: cutFrom, missingTo: head, by: 'shenji' });
    }
    const shown = await verifyAuditLog(db, auditor);
    expect(shown.ok).toBe(true);
    const recorded = (await db.auditLog.orderBy('seq').last())!;
    expect(recorded.summary).toMatch(new RegExp(`^通过（含 1 处经确认的断档：第 ${cutFrom}–${head} 条缺失，由 shenji 于 .+ 确认）`));

    // A new, unacknowledged cut fails again: the acknowledgment covers only its own gap.
    await cutTail(db, 2);
    expect((await verifyAuditLog(db, auditor)).ok).toBe(false);
    await expect(saveDepartment(db, admin, { code: 'X6', name: '再次截断' })).rejects.toBeInstanceOf(AuditTamperedError);
  });

  test('a cut log locks nobody out: the 安全审计员 signs in, the sign-in waits in pendingAudit and joins after the 确认断档', async () => {
    const { db, auditor } = await office();
    const { head } = await cutTail(db, 3);
    db.keyring.lock();
    const signedIn = await login(db, 'shenji', passwordOf('shenji'));
    expect(signedIn.ok).toBe(true);
    expect((await db.pendingAudit.toArray()).map((p) => p.action)).toEqual(['登录']);
    await acknowledgeAuditGap(db, auditor, '核查完毕');
    expect(await db.auditLog.get(head + 2)).toMatchObject({ action: '登录', actorName: 'shenji' });
    expect(await db.pendingAudit.count()).toBe(0);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  test('a forged acknowledgment (gap entry written by hand) does not verify', async () => {
    const { db } = await office();
    const { head, cutFrom } = await cutTail(db, 3);
    const survivor = (await db.auditLog.get(cutFrom - 1))!;
    // Claims a smaller gap than the one there is: the range must match the seq it jumps to.
    const base = { ...survivor, seq: head + 1, prevHash: survivor.hash, action: '确认断档', details: { kind: 'auditGap', missingFrom: cutFrom + 1, missingTo: head, reason: '伪造' } };
    const { hash: _h, ...rest } = base;
    await db.auditLog.add({ ...rest, hash: hashAuditEntry(rest) });
    await db.settings.put({ key: AUDIT_HEAD_KEY, value: { seq: head + 1, hash: hashAuditEntry(rest), anchored: true } });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBrokenSeq: cutFrom });
  });

  test('there is nothing to acknowledge on a sound log', async () => {
    const { db, auditor } = await office();
    await expect(acknowledgeAuditGap(db, auditor, '没事')).rejects.toThrow('没有需要确认的断档');
  });
});

describe('events from before sign-in (pendingAudit)', { timeout: 120_000 }, () => {
  test('are folded into the chain in order, each with its own time and actor, then removed', async () => {
    const { db, admin } = await office();
    const t = (m: number) => new Date(Date.UTC(2026, 11, 1, 1, m));
    await recordPendingAudit(db, { id: '', username: '（未登录）' }, { action: '登录失败', entityType: '用户', entityId: '', summary: '未知用户名：用户名不存在' }, t(1));
    await recordPendingAudit(db, { id: 'u1', username: 'clerk' }, { action: '登录失败', entityType: '用户', entityId: 'u1', summary: 'clerk：密码错误' }, t(2));
    await recordPendingAudit(db, { id: 'u1', username: 'clerk' }, { action: '登录被拒', entityType: '用户', entityId: 'u1', summary: 'clerk：锁定期间再次尝试' }, t(3));
    const before = await lastSeq(db);
    await saveDepartment(db, admin, { code: 'P1', name: '之后' });
    const added = await db.auditLog.where('seq').above(before).toArray();
    expect(added.map((e) => [e.seq, e.action, e.actorName, e.time])).toEqual([
      [before + 1, '登录失败', '（未登录）', t(1).toISOString()],
      [before + 2, '登录失败', 'clerk', t(2).toISOString()],
      [before + 3, '登录被拒', 'clerk', t(3).toISOString()],
      [before + 4, '新增机构', 'admin', added[3]!.time],
    ]);
    expect(await db.pendingAudit.count()).toBe(0);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  test('are kept (not lost, not folded) while appends are refused', async () => {
    const { db, admin } = await office();
    await cutTail(db, 1);
    await recordPendingAudit(db, { id: '', username: '（未登录）' }, { action: '登录失败', entityType: '用户', entityId: '', summary: 'x' }, T0);
    await expect(saveDepartment(db, admin, { code: 'P2', name: '之后' })).rejects.toBeInstanceOf(AuditTamperedError);
    expect(await db.pendingAudit.count()).toBe(1);
  });
});

describe('the second anchor outside the database (desktop: a sealed file)', { timeout: 120_000 }, () => {
  test('follows every append after the commit, and catches a cut whose head was forged to match', async () => {
    const { db, admin, auditor } = await office();
    const anchor = memoryAnchor();
    registerExternalAuditAnchor(db.name, anchor);
    try {
      await saveDepartment(db, admin, { code: 'E1', name: '锚点' });
      await externalAnchorSettled(db.name);
      const head = (await db.auditLog.orderBy('seq').last())!;
      expect(anchor.head).toEqual({ seq: head.seq, hash: head.hash });
      expect(await checkAuditIntegrity(db)).toEqual({ ok: true });

      // The strongest attacker: cuts 5 rows and rewrites the head and the anchor row to match.
      const { cutFrom } = await cutTail(db, 5);
      const survivor = (await db.auditLog.get(cutFrom - 1))!;
      await db.settings.put({ key: AUDIT_HEAD_KEY, value: { seq: survivor.seq, hash: survivor.hash, anchored: true } });
      await db.auditAnchor.put({ id: ANCHOR_HEAD_ID, seq: survivor.seq, hash: survivor.hash });
      expect((await verifyAuditChain(db)).ok).toBe(true); // the table alone cannot tell
      const integrity = await checkAuditIntegrity(db);
      expect(integrity.ok).toBe(false);
      if (!integrity.ok) expect(integrity.problems.join()).toContain(`外部审计锚点记录的链尾为第 ${head.seq} 条`);
      const v = await verifyAuditLog(db, auditor);
      expect(v).toMatchObject({ ok: false, canAcknowledge: true });
      // From the check on, writes are refused, and the file keeps what it remembers.
      await expect(saveDepartment(db, admin, { code: 'E2', name: '之后' })).rejects.toBeInstanceOf(AuditTamperedError);
      expect(anchor.head).toEqual({ seq: head.seq, hash: head.hash });

      // Acknowledged: the gap runs to the seq the sealed file remembered.
      await acknowledgeAuditGap(db, auditor, '外部锚点显示被截断，已核查');
      const ack = (await db.auditLog.where('action').equals('确认断档').first())!;
      expect(ack.seq).toBe(head.seq + 1);
      expect(ack.details).toMatchObject({ missingFrom: cutFrom, missingTo: head.seq, externalHead: { seq: head.seq } });
      await externalAnchorSettled(db.name);
      expect(await checkAuditIntegrity(db)).toEqual({ ok: true });
    } finally {
      registerExternalAuditAnchor(db.name, null);
    }
  });

  test('a write before any check (the sign-in entry) does not overwrite the file that remembers the cut end', async () => {
    const { db, admin } = await office();
    const anchor = memoryAnchor();
    registerExternalAuditAnchor(db.name, anchor);
    try {
      await saveDepartment(db, admin, { code: 'G1', name: '锚点' });
      await externalAnchorSettled(db.name);
      const remembered = anchor.head!;
      const { cutFrom } = await cutTail(db, 4);
      const survivor = (await db.auditLog.get(cutFrom - 1))!;
      await db.settings.put({ key: AUDIT_HEAD_KEY, value: { seq: survivor.seq, hash: survivor.hash, anchored: true } });
      await db.auditAnchor.put({ id: ANCHOR_HEAD_ID, seq: survivor.seq, hash: survivor.hash });
      // The table cannot tell, so this one is written; but the file is not moved back with it.
      await saveDepartment(db, admin, { code: 'G2', name: '登录之类' });
      await externalAnchorSettled(db.name);
      expect(anchor.head).toEqual(remembered);
      expect(auditAlarm(db.name).join()).toContain(`外部审计锚点记录的链尾为第 ${remembered.seq} 条`);
      await expect(saveDepartment(db, admin, { code: 'G3', name: '之后' })).rejects.toBeInstanceOf(AuditTamperedError);
      expect((await checkAuditIntegrity(db)).ok).toBe(false);
    } finally {
      registerExternalAuditAnchor(db.name, null);
    }
  });

  test('a deleted anchor file is reported; a failed write never blocks a save but is reported next check; a lagging file is caught up', async () => {
    const { db, admin } = await office();
    const anchor = memoryAnchor();
    registerExternalAuditAnchor(db.name, anchor);
    try {
      await saveDepartment(db, admin, { code: 'F1', name: '一' });
      await externalAnchorSettled(db.name);
      anchor.head = null;
      const gone = await checkAuditIntegrity(db);
      expect(gone.ok).toBe(false);
      if (!gone.ok) expect(gone.problems.join()).toContain('外部审计锚点文件缺失');

      await saveDepartment(db, admin, { code: 'F2', name: '二' });
      await externalAnchorSettled(db.name);
      expect(await checkAuditIntegrity(db)).toEqual({ ok: true });

      anchor.fail = true;
      await saveDepartment(db, admin, { code: 'F3', name: '三' }); // saved all the same
      await externalAnchorSettled(db.name);
      expect(await db.departments.where('code').equals('F3').count()).toBe(1);
      const failed = await checkAuditIntegrity(db);
      expect(failed.ok).toBe(false);
      if (!failed.ok) expect(failed.problems.join()).toContain('上次未能更新外部审计锚点：磁盘已满');

      // A write lost to a crash: the file lags behind a chain that still holds its head.
      anchor.fail = false;
      await saveDepartment(db, admin, { code: 'F4', name: '四' });
      await externalAnchorSettled(db.name);
      const older = (await db.auditLog.get((await lastSeq(db)) - 1))!;
      anchor.head = { seq: older.seq, hash: older.hash };
      expect(await checkAuditIntegrity(db)).toEqual({ ok: true });
      await externalAnchorSettled(db.name);
      expect(anchor.head.seq).toBe(await lastSeq(db));
    } finally {
      registerExternalAuditAnchor(db.name, null);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Attack B: a restore must never erase history.

const PASS = '备份口令-2026-冬';


function safetyFile() {
  const sink = memorySink();
  return { sink, finish: async () => 'memory://safety.wsbak' };
}

async function backUp(db: WenshuDB, admin: Actor): Promise<Uint8Array> {
  const sink = memorySink();
  await writeBackup(db, admin, PASS, sink, T0);
  return sink.bytes();
}

describe('attack B: a restore appends, it never rolls the audit log back', { timeout: 180_000 }, () => {
  test('back up, work, restore: every entry of both periods is there, in one chain, and the restore entry names both heads', async () => {
    const { db: current, admin, auditor } = await office();
    const file = await backUp(current, admin);
    const atBackup = await lastSeq(current);
    for (let i = 0; i < 4; i++) await saveDepartment(current, admin, { code: `W${i}`, name: `备份后${i}` });
    const beforeRestore = await rows(current);

    // The data now lives in the database the restore made (db/pointer.ts).
    const db = new WenshuDB((await restoreBackup(current, admin, await openBackup(file, PASS), PASS, safetyFile(), T0)).database);

    const after = await rows(db);
    expect(after.slice(0, beforeRestore.length)).toEqual(beforeRestore); // nothing removed, nothing re-numbered
    const restore = after[beforeRestore.length]!;
    expect(restore).toMatchObject({ seq: beforeRestore.length + 1, action: '恢复备份', prevHash: beforeRestore.at(-1)!.hash });
    expect(restore.details).toMatchObject({
      replacedAuditHead: { seq: beforeRestore.at(-1)!.seq, hash: beforeRestore.at(-1)!.hash },
      backupAuditHead: { seq: atBackup },
      auditLog: 'kept',
    });
    expect(restore.summary).toContain(`恢复前链尾第 ${beforeRestore.at(-1)!.seq} 条`);
    expect(restore.summary).toContain(`备份链尾第 ${atBackup} 条`);
    // The data is the backup's: the departments made after it are gone, their log entries are not.
    expect(await db.departments.where('code').equals('W0').count()).toBe(0);
    expect(after.filter((e) => e.summary.includes('备份后'))).toHaveLength(4);
    const v = await verifyAuditChain(db);
    expect(v).toMatchObject({ ok: true, count: after.length, segments: [] });
    expect((await verifyAuditLog(db, auditor)).ok).toBe(true);
    // Writing goes on after it.
    await saveDepartment(db, admin, { code: 'Z1', name: '恢复之后' });
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  test('restoring a backup of another database keeps the current log as a sealed segment that verifies on its own', async () => {
    const other = await office();
    await saveDepartment(other.db, other.admin, { code: 'O1', name: '他处' });
    const file = await backUp(other.db, other.admin);
    const otherLog = await rows(other.db);

    const { db: current, admin } = await office();
    await saveDepartment(current, admin, { code: 'H1', name: '本机之后' });
    const mine = await rows(current);
    const db = new WenshuDB((await restoreBackup(current, admin, await openBackup(file, PASS), PASS, safetyFile(), T0)).database);

    const after = await rows(db);
    expect(after.slice(0, otherLog.length)).toEqual(otherLog);
    const restore = after[otherLog.length]!;
    expect(restore.action).toBe('恢复备份');
    const sealed = (restore.details as { sealedSegment: { id: string; count: number; headSeq: number; headHash: string } }).sealedSegment;
    expect(sealed).toEqual({ id: expect.any(String), count: mine.length, headSeq: mine.at(-1)!.seq, headHash: mine.at(-1)!.hash });
    expect(restore.details).toMatchObject({ replacedAuditHead: { seq: mine.at(-1)!.seq, hash: mine.at(-1)!.hash }, backupAuditHead: { seq: otherLog.at(-1)!.seq }, auditLog: 'sealed' });
    // Every entry of this PC's own period is still there, in its segment, as it was.
    const kept = await db.auditSegments.where('segment').equals(sealed.id).sortBy('seq');
    expect(kept.map((r) => r.entry)).toEqual(mine);

    const v = await verifyAuditChain(db);
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.segments).toMatchObject([{ id: sealed.id, count: mine.length, headSeq: mine.at(-1)!.seq, sealedBySeq: restore.seq }]);
    // The accounts are now the backup's: its 安全审计员 verifies.
    expect((await verifyAuditLog(db, other.auditor)).ok).toBe(true);

    // The segment is sealed: cutting its end, or removing it, is reported.
    await db.auditSegments.delete([sealed.id, mine.at(-1)!.seq]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, segment: sealed.id });
    await db.auditSegments.where('segment').equals(sealed.id).delete();
    const gone = await verifyAuditChain(db);
    expect(gone.ok).toBe(false);
    if (!gone.ok) expect(gone.reason).toContain('已不存在');
  });

  test('a restore over a cut log is refused and changes nothing', async () => {
    const { db, admin } = await office();
    const file = await backUp(db, admin);
    await saveDepartment(db, admin, { code: 'R1', name: '备份后' });
    await cutTail(db, 2);
    const before = await rows(db);
    await expect(restoreBackup(db, admin, await openBackup(file, PASS), PASS, safetyFile(), T0)).rejects.toBeInstanceOf(AuditTamperedError);
    expect(await rows(db)).toEqual(before);
    expect(await db.departments.where('code').equals('R1').count()).toBe(1);
  });

  test('backups carry the sealed segments, and restoring such a backup elsewhere keeps them', async () => {
    const other = await office();
    const fileA = await backUp(other.db, other.admin);
    const { db: current, admin } = await office();
    const db = new WenshuDB((await restoreBackup(current, admin, await openBackup(fileA, PASS), PASS, safetyFile(), T0)).database); // seals this PC's log
    const segs = await db.auditSegments.count();
    expect(segs).toBeGreaterThan(0);
    const fileB = await backUp(db, other.admin); // the accounts are now the backup's
    const third = await office();
    const thirdDb = new WenshuDB((await restoreBackup(third.db, third.admin, await openBackup(fileB, PASS), PASS, safetyFile(), T0)).database);
    // Its own log sealed, plus the segment that came in the backup, row for row.
    const carried = await db.auditSegments.toArray();
    for (const r of carried) expect(await thirdDb.auditSegments.get([r.segment, r.seq])).toEqual(r);
    const v = await verifyAuditChain(thirdDb);
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.segments).toHaveLength(2);
  });
});
