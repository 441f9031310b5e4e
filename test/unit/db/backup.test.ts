import Dexie from 'dexie';
import { memorySink } from '../../fixtures/memory-sink';
import { collect, pdfFile } from '../../fixtures/attachment-files';
import { attachmentChunksOf } from '../../../renderer/db/repositories/attachments';
import type { AttachmentMeta } from '../../../shared/domain/attachment-types';
import { describe, expect, test, vi } from 'vitest';
import { verifyAuditChain } from '../../../renderer/db/audit';
import { DERIVED_TABLES, LOCAL_TABLES, writeBackup } from '../../../renderer/db/backup/backup';
import { AT_REST_KEY_MAP, AT_REST_STATE_KEY } from '../../../renderer/db/at-rest/session';
import { sha256 } from '@noble/hashes/sha2.js';
import { BackupFileError, concat, encodeTrailer, parseBackup, storedKeyFor } from '@shared/backup-format';
import { getBackupSettings, saveBackupSchedule } from '../../../renderer/db/backup/backup-settings';
import { openBackup, restoreBackup } from '../../../renderer/db/backup/restore';
import { WenshuDB } from '../../../renderer/db/database';
import { completeSetup, login } from '../../../renderer/db/repositories/auth';
import { saveCalendarOverride } from '../../../renderer/db/repositories/calendar';
import { registerCarrier, startInventorySession } from '../../../renderer/db/repositories/carriers';
import { fileRecords } from '../../../renderer/db/repositories/filing';
import { importIncoming, listIncoming, registerIncoming } from '../../../renderer/db/repositories/incoming';
import { createMeetingRecord, issueMeetingMinutes, saveMinutes, savePerson } from '../../../renderer/db/repositories/meetings';
import { saveDepartment } from '../../../renderer/db/repositories/settings';
import { createManualTask } from '../../../renderer/db/repositories/supervision';
import { send } from '../../../renderer/db/commands/client';
import { toActor } from '../../../renderer/db/repositories/users';
import type { Actor } from '../../../renderer/db/types';
import { CURRENT_SCHEMA_VERSION } from '../../../renderer/db/schema';
import { readPointer } from '../../../renderer/db/pointer';
import { ADMIN_PASSWORD, carrierOffice, familyNames, freshDb, passwordOf, setUpOffice } from './helpers';

// 备份 and 恢复 (issue #6): every table round-trips exactly; a wrong passphrase, one flipped byte,
// a cut-short file and a file from a newer version are each refused and leave the data as it was.

const PASS = '备份口令-2026-冬';
const T = new Date('2026-11-23T02:00:00Z');


/** A safety file in memory; `onFinish` runs when it is finished (to check what happened before). */
function safetyFile(onFinish: () => Promise<void> = async () => undefined) {
  const sink = memorySink();
  return { sink, finish: async () => (await onFinish(), 'memory://safety.wsbak'), bytes: () => sink.bytes() };
}

/** Every table of `db`, each as an array in primary-key order. */
async function dump(db: WenshuDB): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) out[t.name] = await t.orderBy(':id').toArray();
  return out;
}

/** A legacy Excel register of one row, as the import wizard sends it. */
const LEGACY_FILE = { sha256: 'ab'.repeat(32), name: '2026年收文登记簿.xlsx' };
const LEGACY_ROW = {
  rowNumber: 2,
  legacyNumber: '1',
  registration: {
    receivedDate: '2026-06-01', fromUnit: '县水利局', docNumber: '县水发〔2026〕5号', title: '关于召开防汛工作会议的通知', docType: '通知',
    classification: '非密', copies: 1, pages: 2, urgency: '普通', signedBy: '张秘书', handling: '办件',
  },
} as const;

/** An office with something in every table. */
async function busyOffice() {
  const o = await carrierOffice();
  const { db, admin, clerk, baomi } = o;
  await login(db, 'clerk', 'wrong-password', T); // loginThrottle
  await saveCalendarOverride(db, admin, { date: '2026-12-26', kind: 'workday', note: '调休上班' }, T);
  const doc = await registerIncoming(db, clerk, {
    receivedDate: '2026-11-20', fromUnit: '县财政局', docNumber: '县财发〔2026〕12号', title: '关于做好年终财务决算工作的通知', docType: '通知',
    classification: '非密', copies: 1, pages: 3, urgency: '普通', signedBy: '张秘书', handling: '办件',
  });
  // Its scan (attachments, attachmentChunks; issue #17).
  await send(db, clerk, 'attachment.add', { ownerKind: 'incoming', ownerId: doc.id, role: '原件扫描件', file: pdfFile('县财发〔2026〕12号.pdf', 1500, 5) }, T);
  await registerCarrier(db, baomi, o.carrierInput);
  await startInventorySession(db, baomi, { kind: '存放位置', location: '机要室 1 号保密柜' });
  const person = await savePerson(db, clerk, { name: '王局长', unit: '县财政局', title: '局长' });
  const m = await createMeetingRecord(db, clerk, {
    name: '县政府第12次常务会议', meetingType: '常务会议', startAt: '2026-11-23 09:00', location: '第一会议室', host: '张县长', recorder: '王秘书',
    classification: '非密', topics: ['年终决算'], invitees: [{ personId: person.id, name: person.name, unit: person.unit, title: person.title, role: '出席' }],
  }, T);
  await saveMinutes(db, clerk, m.id, { title: '县政府常务会议纪要', paragraphs: ['会议听取了汇报。'], decisions: [{ id: 'd1', content: '县财政局起草决算报告', unit: '县财政局', person: '王局长', deadline: { kind: 'workdays', days: 5 } }] }, T);
  await issueMeetingMinutes(db, clerk, m.id, T);
  await fileRecords(db, clerk, 2026, [{ kind: '纪要', recordId: m.id, orgCode: 'BGS', retention: '永久' }], T); // archive
  await createManualTask(db, clerk, { content: '口头交办事项', unit: '办公室', person: '李四', dueDate: '2026-12-01', assignedBy: '王主任' }, T);
  await send(db, clerk, 'supervision.issueReport', { kind: '周报', anchor: '2026-11-23' }, T); // bulletins
  // 发文 and a 文号 in its 台账 (outgoing, docNumbers).
  await send(db, clerk, 'outgoing.saveSeries', { series: [{ id: 's-fa', code: '县政办发', pattern: '县政办发〔YYYY〕N号', issuerMark: '测试县人民政府办公室文件', issuerName: '测试县人民政府办公室' }] }, T);
  await send(db, clerk, 'outgoing.draft', { draft: {
    title: '关于做好冬季安全生产工作的通知', docType: '通知', direction: '下行文', seriesId: 's-fa', mainTo: ['各乡镇人民政府'], copyTo: [], classification: '非密',
    urgency: '普通', draftingUnit: { id: o.dept.id, name: o.dept.name }, drafter: { userId: clerk.id, name: clerk.displayName }, countersignUnits: [], printCopies: 2, disclosure: '主动公开',
  } }, T);
  await send(db, clerk, 'outgoing.reserveNumber', { seriesId: 's-fa', year: 2026, reason: '留给联合发文' }, T);
  // A legacy register file imported (importedFiles; issue #20).
  await importIncoming(db, clerk, [LEGACY_ROW], T, {}, LEGACY_FILE);
  // Opening the register builds and persists its search projection (a cache write of its own).
  await listIncoming(db, clerk, { offset: 0, limit: 10 }, '2026-11-23');
  await vi.waitFor(async () => expect(await db.projections.count()).toBeGreaterThan(0));
  // A LAN seat's machinery (this PC's, never in a backup): a cursor, a queued command, a refusal.
  await db.lanSync.put({ key: 'cursor', cursor: 7, scope: 'abc' });
  await db.lanVersions.put({ key: 'v:incoming:r1', version: 3 });
  await db.lanOutbox.add({ call: { clientId: 'c-1234567', name: 'incoming.act', input: {} }, recordId: 'r1', before: null, label: '收〔2026〕0001', at: '2026-11-23T00:00:00Z', accountId: clerk.id });
  await db.lanConflicts.put({ clientId: 'c-7654321', recordId: 'r1', label: '收〔2026〕0001', message: '已被他人处理：…', at: '2026-11-23T00:00:00Z', accountId: clerk.id });
  // Empty on a sound office: pending login events are folded at the next append; segments come
  // only from a restore (tested on their own in audit-attacks.test.ts).
  for (const t of db.tables) if (!['pendingAudit', 'auditSegments'].includes(t.name)) expect(await t.count(), `table ${t.name} seeded`).toBeGreaterThan(0);
  return o;
}

/** The restored office's 秘书 (clerk), to read the registers as they came back. */
async function busyActor(db: WenshuDB): Promise<Actor> {
  return toActor((await db.users.where('usernameKey').equals('clerk').first())!);
}

/** A new PC: set up afresh (the person restoring needs an administrator account). */
async function freshInstall(): Promise<{ db: WenshuDB; admin: Actor }> {
  const db = freshDb();
  return { db, admin: await setUpOffice(db) };
}

// argon2id at 64 MiB per key derivation: seconds per test on a loaded 2-core machine.
describe('backup and restore', { timeout: 60_000 }, () => {
  test('every table comes back deep-equal; the restore is the next entry of the restored audit chain', async () => {
    const { db, admin } = await busyOffice();
    const before = await dump(db);
    const sink = memorySink();
    const manifest = await writeBackup(db, admin, PASS, sink, T);
    expect(manifest.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    // Everything but the search caches, which are rebuilt from the records.
    expect(manifest.counts).toEqual(Object.fromEntries(Object.entries(before).filter(([k]) => !DERIVED_TABLES.includes(k) && !LOCAL_TABLES.includes(k)).map(([k, v]) => [k, v.length])));
    expect(manifest.auditHead.seq).toBe(before.auditLog!.length);
    const file = sink.bytes();
    // Nothing readable without the passphrase.
    expect(new TextDecoder().decode(file)).not.toContain('县财政局');

    const target = await freshInstall();
    const opened = await openBackup(file, PASS);
    expect(opened.manifest).toEqual(manifest);
    // The safety copy is complete before anything is replaced.
    const safety = safetyFile(async () => expect(await target.db.users.count()).toBe(1));
    const result = await restoreBackup(target.db, target.admin, opened, PASS, safety, T);
    expect(result.safetyPath).toBe('memory://safety.wsbak');
    expect(result.counts).toEqual({ ...manifest.counts, projections: 0, projectionDeltas: 0 });
    // The app's data now lives in the new database the pointer names; the replaced one is gone.
    expect(await readPointer(target.db.name)).toBe(result.database);
    expect(await familyNames(target.db.name)).toEqual([result.database]);
    const restored = new WenshuDB(result.database);

    const after = await dump(restored);
    for (const name of Object.keys(before)) {
      // The log and settings are checked below; anchors, waiting events and sealed segments are the target PC's own.
      // Attachment chunks are sealed again under this PC's key (fresh nonces): compared in plain below.
      if (['auditLog', 'settings', 'auditSegments', 'attachmentChunks', ...LOCAL_TABLES].includes(name)) continue;
      expect(after[name], name).toEqual(DERIVED_TABLES.includes(name) ? [] : before[name]);
    }
    expect(after.attachmentChunks!.map((c) => (c as { attachmentId: string; n: number }).n)).toEqual(before.attachmentChunks!.map((c) => (c as { n: number }).n));
    for (const a of after.attachments as AttachmentMeta[]) expect(await collect(attachmentChunksOf(restored, a.id)), a.name).toEqual(await collect(attachmentChunksOf(db, a.id)));
    // The register's search is rebuilt from the restored records.
    const search = await listIncoming(restored, (await busyActor(restored)), { search: '决算', offset: 0, limit: 10 }, '2026-11-23');
    expect(search.rows.map((r) => r.serial)).toEqual(['收〔2026〕0001']);
    expect(after.auditLog!.slice(0, -1)).toEqual(before.auditLog);
    expect(after.auditLog!.at(-1)).toMatchObject({ action: '恢复备份', seq: before.auditLog!.length + 1 });
    const own = (s: unknown) => !['auditHead', AT_REST_STATE_KEY, AT_REST_KEY_MAP].includes((s as { key: string }).key);
    expect(after.settings!.filter(own)).toEqual(before.settings!.filter(own));
    expect((await verifyAuditChain(restored)).ok).toBe(true);
    // The record of imported files came back with the rest: the same legacy file is still refused.
    await expect(importIncoming(restored, await busyActor(restored), [LEGACY_ROW], T, {}, LEGACY_FILE)).rejects.toThrow(/^此文件已于 .+ 由 .+ 导入（收文 1 件），未重复导入$/);

    // Restored on another installation (another data key): everyone signs in with the password
    // they had when the backup was made, and gets a key slot for this installation's key.
    restored.keyring.lock();
    expect((await login(restored, 'clerk', passwordOf('clerk'), T)).ok).toBe(true);
    const slot = (await restored.users.where('usernameKey').equals('clerk').first())!.keySlot!;
    expect(slot.keyId).toBe(restored.keyring.keyId());
    restored.keyring.lock();
    expect((await login(restored, 'clerk', passwordOf('clerk'), T)).ok).toBe(true);
    expect((await login(restored, 'clerk', 'Wrong#Password1', T)).ok).toBe(false);

    // The safety backup holds what the fresh install had before.
    const safe = await openBackup(safety.bytes(), PASS);
    expect(safe.manifest.counts.users).toBe(1);
  });

  test('a backup made by a schema v1 database is migrated on restore', async () => {
    const name = `wenshu-v1-${Math.random().toString(36).slice(2)}`;
    const old = new WenshuDB(name, 1);
    const admin = toActor(await completeSetup(old, { unitName: '迁移测试办', fondsCode: 'Z001', username: 'admin', password: ADMIN_PASSWORD, passwordConfirm: ADMIN_PASSWORD }, T));
    await saveDepartment(old, admin, { code: 'BGS', name: '办公室' });
    const before = await dump(old);
    const sink = memorySink();
    const manifest = await writeBackup(old, admin, PASS, sink, T);
    expect(manifest.schemaVersion).toBe(1);
    expect(Object.keys(manifest.counts).sort()).toEqual(['auditLog', 'calendarOverrides', 'counters', 'departments', 'loginThrottle', 'settings', 'users']);
    old.close();
    await Dexie.delete(name);

    const target = await freshInstall();
    const result = await restoreBackup(target.db, target.admin, await openBackup(sink.bytes(), PASS), PASS, safetyFile(), T);
    const restored = new WenshuDB(result.database);
    const after = await dump(restored);
    for (const t of ['users', 'departments', 'counters', 'calendarOverrides', 'loginThrottle']) expect(after[t], t).toEqual(before[t]);
    // Tables v1 did not have are there, empty; the chain holds.
    for (const t of ['incoming', 'carriers', 'meetings', 'tasks', 'people']) expect(after[t], t).toEqual([]);
    expect((await verifyAuditChain(restored)).ok).toBe(true);
    expect(await restored.users.get(admin.id)).toMatchObject({ username: 'admin' });
    expect(restored.verno).toBe(CURRENT_SCHEMA_VERSION);
  });
});

describe('this PC keeps its own backup schedule', { timeout: 60_000 }, () => {
  test('the schedule (with the scheduled-backup key) is never in a backup, and survives a restore', async () => {
    const { db, admin } = await busyOffice();
    await saveBackupSchedule(db, admin, { intervalDays: 1, keep: 3, passphrase: '旧电脑的定时口令' }, T);
    const sink = memorySink();
    await writeBackup(db, admin, PASS, sink, T);
    const target = await freshInstall();
    const mine = await saveBackupSchedule(target.db, target.admin, { intervalDays: 2, keep: 9, passphrase: '新电脑的定时口令' }, T);
    const result = await restoreBackup(target.db, target.admin, await openBackup(sink.bytes(), PASS), PASS, safetyFile(), T);
    const restored = new WenshuDB(result.database);
    expect((await getBackupSettings(restored)).scheduledKey).toEqual(mine.scheduledKey);
    expect((await getBackupSettings(restored)).keep).toBe(9);
  });
});

describe('refused backups leave the data exactly as it was', { timeout: 60_000 }, () => {
  async function attempt(file: Uint8Array, passphrase: string): Promise<{ error: unknown; unchanged: boolean }> {
    const target = await freshInstall();
    await saveDepartment(target.db, target.admin, { code: 'XX', name: '原有机构' });
    const before = await dump(target.db);
    let error: unknown = null;
    try {
      await restoreBackup(target.db, target.admin, await openBackup(file, passphrase), passphrase, safetyFile(), T);
    } catch (e) {
      error = e;
    }
    const after = await dump(target.db);
    // The pointer still names the current database, and no other database of its family is left.
    const pointerKept = (await readPointer(target.db.name)) === target.db.name && JSON.stringify(await familyNames(target.db.name)) === JSON.stringify([target.db.name]);
    return { error, unchanged: JSON.stringify(after) === JSON.stringify(before) && pointerKept };
  }

  async function backupFile(): Promise<Uint8Array> {
    const { db, admin } = await busyOffice();
    const sink = memorySink();
    await writeBackup(db, admin, PASS, sink, T);
    return sink.bytes();
  }

  test('a wrong passphrase', async () => {
    const r = await attempt(await backupFile(), '不是这个口令-123');
    expect(r.error).toBeInstanceOf(BackupFileError);
    expect((r.error as Error).message).toBe('口令不正确，无法打开此备份');
    expect(r.unchanged).toBe(true);
  });

  test('one flipped byte anywhere: in the header, a frame, or the checksum', async () => {
    const file = await backupFile();
    for (const at of [20, Math.floor(file.length / 2), file.length - 5]) {
      const bad = file.slice();
      bad[at]! ^= 0x01;
      const r = await attempt(bad, PASS);
      expect((r.error as Error).message, `byte ${at}`).toBe('备份文件已损坏或被改动（校验值不符），不能恢复');
      expect(r.unchanged).toBe(true);
    }
  });

  test('a truncated file', async () => {
    const file = await backupFile();
    for (const keep of [file.length - 1, Math.floor(file.length / 2), 30]) {
      const r = await attempt(file.slice(0, keep), PASS);
      expect((r.error as Error).message, `kept ${keep}`).toMatch(/截断|损坏/);
      expect(r.unchanged).toBe(true);
    }
  });

  test('frames swapped and the checksum recomputed (a deliberate edit): the frame order is bound into the encryption', async () => {
    const file = await backupFile();
    const parsed = parseBackup(file);
    expect(parsed.frames.length).toBeGreaterThan(4);
    const [a, b] = [parsed.frames[1]!, parsed.frames[2]!];
    // Frames are length-prefixed: swap the two whole frames (prefix included).
    const body = concat([file.subarray(0, a.start - 4), file.subarray(b.start - 4, b.end), file.subarray(a.start - 4, a.end), file.subarray(b.end, parsed.frames.at(-1)!.end)]);
    const forged = concat([body, encodeTrailer(sha256(body))]);
    const r = await attempt(forged, PASS);
    expect((r.error as Error).message).toBe('备份文件已损坏或被改动（校验值不符），不能恢复');
    expect(r.unchanged).toBe(true);
  });

  test('a failure while writing the tables (the 3rd table refuses its rows) leaves everything as it was, without an audit entry', async () => {
    const file = await backupFile();
    const target = await freshInstall();
    await saveDepartment(target.db, target.admin, { code: 'XX', name: '原有机构' });
    const before = await dump(target.db);
    const third = target.db.tables[2]!.name;
    // The disk refuses rows of that table in the restore's new database.
    const add = IDBObjectStore.prototype.add;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      if (this.name === third && this.transaction.db.name.startsWith(`${target.db.name}~`)) throw new Error('磁盘已满');
      return add.apply(this, args);
    });
    await expect(restoreBackup(target.db, target.admin, await openBackup(file, PASS), PASS, safetyFile(), T)).rejects.toThrow('磁盘已满');
    spy.mockRestore();
    expect(await dump(target.db)).toEqual(before);
    expect(await readPointer(target.db.name)).toBe(target.db.name);
    expect(await familyNames(target.db.name)).toEqual([target.db.name]);
  });

  test('a safety copy that cannot be finished stops the restore before anything is replaced', async () => {
    const file = await backupFile();
    const target = await freshInstall();
    const before = await dump(target.db);
    const safety = { sink: memorySink(), finish: async (): Promise<string> => Promise.reject(new Error('备份文件夹不存在或无法访问')) };
    await expect(restoreBackup(target.db, target.admin, await openBackup(file, PASS), PASS, safety, T)).rejects.toThrow('备份文件夹不存在');
    expect(await dump(target.db)).toEqual(before);
  });

  test('a frame from another file under the same key (two scheduled backups) cannot be spliced in', async () => {
    const { db, admin } = await busyOffice();
    const key = await storedKeyFor(PASS);
    const one = memorySink();
    await writeBackup(db, admin, key, one, T);
    await saveDepartment(db, admin, { code: 'ZZ', name: '后来的机构' });
    const two = memorySink();
    await writeBackup(db, admin, key, two, T);
    const [a, b] = [one.bytes(), two.bytes()];
    const pa = parseBackup(a);
    const pb = parseBackup(b);
    // File two with its frame 1 replaced by file one's frame 1, checksum recomputed.
    const body = concat([b.subarray(0, pb.frames[1]!.start - 4), a.subarray(pa.frames[1]!.start - 4, pa.frames[1]!.end), b.subarray(pb.frames[1]!.end, pb.frames.at(-1)!.end)]);
    const r = await attempt(concat([body, encodeTrailer(sha256(body))]), PASS);
    expect((r.error as Error).message).toBe('备份文件已损坏或被改动（校验值不符），不能恢复');
    expect(r.unchanged).toBe(true);
  });

  test('a header asking for an absurd key derivation (or a short salt) is refused before any work', async () => {
    const file = await backupFile();
    const parsed = parseBackup(file);
    const headerEnd = parsed.frames[0]!.start - 4;
    for (const kdf of [{ memorySize: 64 * 1024 * 1024 }, { iterations: 1_000_000 }, { salt: 'AAAA' }]) {
      const header = new TextEncoder().encode(JSON.stringify({ ...parsed.header, kdf: { ...parsed.header.kdf, ...kdf } }));
      const len = new Uint8Array(4);
      new DataView(len.buffer).setUint32(0, header.length, false);
      const body = concat([file.subarray(0, 8), len, header, file.subarray(headerEnd, parsed.frames.at(-1)!.end)]);
      const r = await attempt(concat([body, encodeTrailer(sha256(body))]), PASS);
      expect((r.error as Error).message, JSON.stringify(kdf)).toBe('这不是文枢备份文件');
      expect(r.unchanged).toBe(true);
    }
  });

  test('a file from a newer schema version', async () => {
    // A database one version ahead of this program: the same tables, a higher version number.
    const name = `wenshu-future-${Math.random().toString(36).slice(2)}`;
    const future = new WenshuDB(name);
    future.version(CURRENT_SCHEMA_VERSION + 1).stores({});
    const admin = toActor(await completeSetup(future, { unitName: '未来办', fondsCode: 'Z001', username: 'admin', password: ADMIN_PASSWORD, passwordConfirm: ADMIN_PASSWORD }, T));
    const sink = memorySink();
    await writeBackup(future, admin, PASS, sink, T);
    future.close();
    await Dexie.delete(name);
    const r = await attempt(sink.bytes(), PASS);
    expect((r.error as Error).message).toContain('请先升级文枢再恢复');
    expect(r.unchanged).toBe(true);
  });

  test('a file that is not a backup, and a passphrase too short to back up with', async () => {
    const r = await attempt(new TextEncoder().encode('PK\u0003\u0004 this is a zip'), PASS);
    expect((r.error as Error).message).toBe('这不是文枢备份文件');
    expect(r.unchanged).toBe(true);
    const { db, admin } = await freshInstall();
    await expect(writeBackup(db, admin, 'short', memorySink(), T)).rejects.toThrow('备份口令至少 8 个字符');
  });

  test('only a 系统管理员 backs up and restores', async () => {
    const { db, clerk } = await carrierOffice();
    await expect(writeBackup(db, clerk, PASS, memorySink(), T)).rejects.toThrow('没有权限');
  });
});
