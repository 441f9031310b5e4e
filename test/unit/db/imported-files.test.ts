import { describe, expect, test } from 'vitest';
import { formatLocalDateTime } from '../../../shared/domain/dates';
import { alreadyImportedMessage, importedCountsText } from '../../../shared/domain/imported-files';
import { importIdentityKeys } from '../../../shared/domain/incoming-import-identity';
import type { Registration } from '../../../shared/domain/incoming-types';
import { verifyAuditChain } from '../../../renderer/db/audit';
import { SEALED } from '../../../renderer/db/at-rest/encryption-middleware';
import { CommandCancelledError } from '../../../renderer/db/commands/define';
import { runCommand } from '../../../renderer/db/commands/execute';
import type { WenshuDB } from '../../../renderer/db/database';
import { identityFieldsOf, toIndexEntry } from '../../../renderer/db/incoming/incoming-index';
import { findImportedFile, importedExcelFile } from '../../../renderer/db/repositories/imported-files';
import { importIncoming, importIncomingCommand, registerIncoming, repeatedImportRows, type ImportRow } from '../../../renderer/db/repositories/incoming';
import { baseRegistration } from '../../fixtures/filing';
import { addApprovedUser, staffedOffice } from './helpers';

// Idempotent legacy import (issue #20): the same Excel file imported twice is refused the second
// time with when and by whom, nothing written; rows of another file already in the register are
// found (same 原编号 in the same year with the same day or title, or the same document) and not
// imported again; a cancelled import records nothing.

const T = new Date('2026-12-06T06:32:00Z');
const FILE = { sha256: 'a1'.repeat(32), name: '2026年收文登记簿.xlsx' };
const OTHER_FILE = { sha256: 'b2'.repeat(32), name: '2026年收文登记簿（全年）.xlsx' };

const reg = (i: number, over: Partial<Registration> = {}): Registration => ({
  ...baseRegistration,
  receivedDate: `2026-03-${String(i).padStart(2, '0')}`,
  docNumber: `县财发〔2026〕${i}号`,
  title: `关于第${i}项工作的通知`,
  ...over,
});
const row = (i: number, over: Partial<ImportRow> = {}): ImportRow => ({ rowNumber: i + 1, legacyNumber: String(i).padStart(4, '0'), registration: reg(i), ...over });

async function office() {
  const o = await staffedOffice();
  const zhang = await addApprovedUser(o.db, o.admin, { username: 'zhangws', displayName: '张文书', password: 'Wenshu#2026zw', roles: ['秘书'] });
  return { ...o, zhang };
}

async function snapshot(db: WenshuDB) {
  return {
    incoming: await db.incoming.count(),
    carriers: await db.carriers.count(),
    counters: await db.counters.toArray(),
    audit: await db.auditLog.count(),
    changeLog: await db.changeLog.count(),
    deltas: await db.projectionDeltas.count(),
    importedFiles: await db.importedFiles.toArray(),
  };
}

describe('legacy import: the same file twice', () => {
  test('the second import of the file is refused before anything is written, naming the day, time and person of the first', async () => {
    const { db, zhang, clerk } = await office();
    const done = await importIncoming(db, zhang, [row(1), row(2), row(3)], T, {}, FILE);
    expect(done).toHaveLength(3);
    const recorded = await findImportedFile(db, FILE.sha256, 'excel');
    expect(recorded).toEqual({
      sha256: FILE.sha256,
      kind: 'excel',
      at: T.toISOString(),
      byId: zhang.id,
      byName: '张文书',
      fileName: FILE.name,
      counts: { 收文: 3 },
      summary: '收文 3 件',
      commandId: expect.any(String),
    });
    // Sealed at rest like every row: only the key (hash, kind) and the time index are readable in the files.
    const raw = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const req = db.backendDB().transaction('importedFiles', 'readonly').objectStore('importedFiles').get([FILE.sha256, 'excel']);
      req.onsuccess = () => resolve(req.result as Record<string, unknown>);
      req.onerror = () => reject(req.error ?? new Error('read failed'));
    });
    expect(raw[SEALED]).toBeInstanceOf(Uint8Array);
    expect(Object.keys(raw).sort()).toEqual([SEALED, 'at', 'kind', 'sha256'].sort());
    expect(JSON.stringify(raw)).not.toMatch(/张文书|登记簿|收文 3 件/);
    // Written by the import command itself (its change-log rows share the id), audited with the hash.
    const log = await db.changeLog.where('entity').equals('importedFiles').toArray();
    expect(log).toHaveLength(1);
    expect(log[0]!.commandId).toBe(recorded!.commandId);
    expect((await db.changeLog.where('commandId').equals(recorded!.commandId).toArray()).filter((r) => r.entity === 'incoming')).toHaveLength(3);
    const entry = (await db.auditLog.toArray()).find((e) => e.action === '导入登记簿文件');
    expect(entry).toMatchObject({ entityType: '导入文件', entityId: FILE.sha256, actorId: zhang.id });
    expect(entry!.summary).toContain('2026年收文登记簿.xlsx（收文 3 件');

    const before = await snapshot(db);
    const message = `此文件已于 ${formatLocalDateTime(T)} 由 张文书 导入（收文 3 件），未重复导入`;
    expect(message).toMatch(/^此文件已于 2026-12-06 \d\d:32 由 张文书 导入（收文 3 件），未重复导入$/);
    // Another secretary, another day, the rows edited in the file or not: the file is the same bytes.
    await expect(importIncoming(db, clerk, [row(1), row(2), row(3)], new Date(), {}, FILE)).rejects.toThrow(message);
    await expect(importIncoming(db, clerk, [row(4)], new Date(), {}, { ...FILE, name: '改名后的副本.xlsx' })).rejects.toThrow(message);
    expect(await snapshot(db)).toEqual(before);
    // The wizard's file step asks the same question.
    expect(await importedExcelFile(db, clerk, FILE.sha256)).toEqual(recorded);
    expect(alreadyImportedMessage(recorded!)).toBe(message);
    expect(await importedExcelFile(db, clerk, OTHER_FILE.sha256)).toBeUndefined();
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  test('two windows: a file imported between the check before the transaction and the transaction is refused inside it', async () => {
    const { db, zhang, clerk } = await office();
    // The other window's import lands after this one's prepare() passed (as if the two clicked at once).
    const racing = {
      ...importIncomingCommand,
      prepare: async (...args: Parameters<NonNullable<typeof importIncomingCommand.prepare>>) => {
        const prepared = await importIncomingCommand.prepare!(...args);
        await importIncoming(db, zhang, [row(1)], T, {}, FILE);
        return prepared;
      },
    };
    const before = await db.incoming.count();
    await expect(runCommand(db, clerk, racing, { rows: [row(2)], file: FILE }, new Date())).rejects.toThrow('此文件已于');
    expect(await db.incoming.count()).toBe(before + 1);
    expect(await db.importedFiles.count()).toBe(1);
  });

  test('a cancelled import records no file (the same file then imports); neither does a refused one', async () => {
    const { db, zhang } = await office();
    const before = await snapshot(db);
    const controller = new AbortController();
    // Cancelled once every row is written, just before the file would be recorded.
    const run = importIncoming(db, zhang, [row(1), row(2)], T, { signal: controller.signal, progress: () => controller.abort() }, FILE);
    await expect(run).rejects.toBeInstanceOf(CommandCancelledError);
    expect(await snapshot(db)).toEqual(before);
    // A row the register refuses: nothing written, no record.
    await expect(importIncoming(db, zhang, [row(1), row(2, { registration: reg(2, { title: '' }) })], T, {}, FILE)).rejects.toThrow('第 3 行');
    expect(await snapshot(db)).toEqual(before);
    expect(await importIncoming(db, zhang, [row(1), row(2)], T, {}, FILE)).toHaveLength(2);
    expect(await db.importedFiles.count()).toBe(1);
  });

  test('the import without a file (the bench seed) records none', async () => {
    const { db, zhang } = await office();
    await importIncoming(db, zhang, [row(1)], T);
    expect(await db.importedFiles.count()).toBe(0);
  });
});

describe('legacy import: rows already in the register', () => {
  test('another file repeating rows: found by 原编号 in the year (with its day or title) or by the document itself, and not imported again', async () => {
    const { db, zhang, clerk } = await office();
    // By hand first: one 收文 registered at the desk.
    const byHand = await registerIncoming(db, clerk, reg(20, { title: '手工登记的来文' }), {}, T);
    const first = await importIncoming(db, zhang, [row(1), row(2), row(3), row(4, { legacyNumber: undefined })], T, {}, FILE);
    const serialOf = (i: number) => first.find((r) => r.title === `关于第${i}项工作的通知`)!.serial;

    const second: ImportRow[] = [
      // 1: the same row, the title corrected in the new file (原编号 + day).
      row(1, { rowNumber: 10, registration: reg(1, { title: '关于第1项工作的通知（更正）' }) }),
      // 2: the day corrected, the title the same (原编号 + title); 原编号 written without its zeros.
      row(2, { rowNumber: 11, legacyNumber: '2', registration: reg(2, { receivedDate: '2026-03-12' }) }),
      // 3: no 原编号 column in this file: the same day, unit, 文号 and title.
      row(3, { rowNumber: 12, legacyNumber: undefined, registration: { ...reg(3), docNumber: ' 县财发[2026]3号 ' } }),
      // 4: imported without 原编号, now with one: the document itself.
      row(4, { rowNumber: 13 }),
      // 5: 原编号 0001 again, another month and title (a register numbering each month from 1): new.
      row(5, { rowNumber: 14, legacyNumber: '0001' }),
      // 6: 原编号 0001 of another year: new.
      row(6, { rowNumber: 15, legacyNumber: '0001', registration: reg(1, { receivedDate: '2025-03-01' }) }),
      // 7: the 收文 registered by hand.
      row(20, { rowNumber: 16, legacyNumber: undefined, registration: reg(20, { title: '手工登记的来文' }) }),
    ];
    const repeated = await repeatedImportRows(db, zhang, second);
    expect(repeated.map((r) => [r.rowNumber, r.reason])).toEqual([
      [10, `已导入过（${serialOf(1)}）`],
      [11, `已导入过（${serialOf(2)}）`],
      [12, `已导入过（${serialOf(3)}）`],
      [13, `已导入过（${serialOf(4)}）`],
      [16, `登记簿中已有（${byHand.serial}）`],
    ]);
    expect(serialOf(1)).toMatch(/^收〔2026〕000\d$/);

    // The command refuses the repeated rows too (the register changed after the wizard's check): nothing written.
    const before = await snapshot(db);
    await expect(importIncoming(db, zhang, second, T, {}, OTHER_FILE)).rejects.toThrow(`第 10 行已导入过（${serialOf(1)}），共 5 行已在登记簿中，请重新选择文件核对后导入`);
    expect(await snapshot(db)).toEqual(before);
    // The new rows alone import (and the file is recorded).
    const fresh = second.filter((r) => !repeated.some((x) => x.rowNumber === r.rowNumber));
    expect((await importIncoming(db, zhang, fresh, T, {}, OTHER_FILE)).map((r) => r.legacyNumber)).toEqual(['0001', '0001']);
    expect(await repeatedImportRows(db, zhang, fresh)).toHaveLength(2);
  });

  test('identity keys read from the search entry are those of the record', () => {
    const record = { ...reg(7, { fromUnit: '县 财政局', summary: '第一段\n第二段' }), legacyNumber: '007', serial: '收〔2026〕0012' };
    const entry = toIndexEntry({ ...record, id: 'x', year: 2026, seq: 12, state: '已登记', duplicateKey: '', circulation: [], reminders: [], namedUserIds: [], history: [], createdAt: '', updatedAt: '' });
    expect(importIdentityKeys(identityFieldsOf(entry), true)).toEqual(importIdentityKeys(record));
    expect(importIdentityKeys({ ...record, legacyNumber: '7' })).toEqual(importIdentityKeys(record));
    expect(importIdentityKeys({ ...record, legacyNumber: undefined })).toHaveLength(1);
  });

  test('messages: counts and kinds', () => {
    expect(importedCountsText({ 收文: 1234, 载体: 2, 纪要: 0 })).toBe('收文 1,234 件、载体 2 件');
    expect(alreadyImportedMessage({ kind: '迁移包', at: T.toISOString(), byName: '李秘书', summary: '收文 5 件' })).toBe(`此迁移包已于 ${formatLocalDateTime(T)} 由 李秘书 导入（收文 5 件），未重复导入`);
  });
});
