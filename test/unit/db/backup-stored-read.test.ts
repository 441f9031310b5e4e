import { describe, expect, test } from 'vitest';
import { ATTACHMENT_CHUNKS_TABLE, BACKUP_SETTINGS_KEY, DERIVED_TABLES, LOCAL_TABLES, ROWS_PER_READ, writeBackup, type BackupFrame } from '../../../renderer/db/backup/backup';
import { decodeFrame, importStoredKey, parseBackup, storedKeyFor, type StoredBackupKey } from '@shared/backup-format';
import { saveBackupSchedule } from '../../../renderer/db/backup/backup-settings';
import { openBackup, restoreBackup } from '../../../renderer/db/backup/restore';
import { SEALED, withMember } from '../../../renderer/db/at-rest/encryption-middleware';
import { IntegrityError } from '../../../renderer/db/at-rest/keyring';
import { WenshuDB } from '../../../renderer/db/database';
import { login } from '../../../renderer/db/repositories/auth';
import { registerIncoming } from '../../../renderer/db/repositories/incoming';
import { memorySink } from '../../fixtures/memory-sink';
import { freshDb, setUpOffice, staffedOffice } from './helpers';

// Issue #18: a backup reads the stored (sealed) rows below the at-rest middleware, in its own read
// transaction, and opens them with WebCrypto into their JSON without parsing them. The file must
// carry exactly what a read through the middleware gives (what the backup wrote before): every
// table, auto-incremented keys put back, the blind-indexed 收文, the backup schedule left out, and a
// changed row in the files still refused.

const PASS = '备份口令-stored-read-2026';
const T = new Date('2026-11-23T02:00:00Z');

let key: Promise<StoredBackupKey> | null = null;
/** One scheduled-backup key for every backup here (argon2id once). */
const storedKey = () => (key ??= storedKeyFor(PASS));

/** What the backup carries of `db`, read through Dexie (the middleware opens each row): each table in key order. */
async function throughMiddleware(db: WenshuDB): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) {
    if (DERIVED_TABLES.includes(t.name) || LOCAL_TABLES.includes(t.name) || t.name === ATTACHMENT_CHUNKS_TABLE) continue;
    const rows = (await t.orderBy(':id').toArray()) as Record<string, unknown>[];
    out[t.name] = JSON.parse(JSON.stringify(t.name === 'settings' ? rows.filter((r) => r.key !== BACKUP_SETTINGS_KEY) : rows)) as unknown[];
  }
  return out;
}

/** The rows frames of a backup file, each table's rows in file order. */
async function rowsInFile(bytes: Uint8Array): Promise<Record<string, unknown[]>> {
  const parsed = parseBackup(bytes);
  const k = await importStoredKey(await storedKey());
  const out: Record<string, unknown[]> = {};
  for (let i = 1; i < parsed.frames.length - 1; i++) {
    const f = await decodeFrame<BackupFrame>(bytes, parsed, k, i);
    if (f.kind === 'rows') (out[f.table] ??= []).push(...f.rows);
  }
  return out;
}

async function backupOf(db: WenshuDB, admin: Parameters<typeof writeBackup>[1]): Promise<Uint8Array> {
  const sink = memorySink();
  await writeBackup(db, admin, await storedKey(), sink, T);
  return sink.bytes();
}

function rawPut(db: WenshuDB, store: string, row: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.backendDB().transaction(store, 'readwrite');
    tx.objectStore(store).put(row);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('write failed'));
  });
}

function rawGet(db: WenshuDB, store: string, key: string | number): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = db.backendDB().transaction(store, 'readonly').objectStore(store).get(key);
    req.onsuccess = () => resolve(req.result as Record<string, unknown>);
    req.onerror = () => reject(req.error ?? new Error('read failed'));
  });
}

const REGISTRATION = {
  receivedDate: '2026-11-20', fromUnit: '县财政局', docNumber: '县财发〔2026〕12号', title: '关于做好年终财务决算工作的通知', docType: '通知',
  classification: '非密', copies: 1, pages: 3, urgency: '普通', signedBy: '张秘书', handling: '办件',
} as const;

/** An office with rows of every kind the reader must handle. */
async function office() {
  const o = await staffedOffice();
  const { db, admin, clerk } = o;
  // 收文: sealed, with a blind index (duplicateKey) and a `seq` field inside (nested in its change-log row).
  await registerIncoming(db, clerk, REGISTRATION);
  await registerIncoming(db, clerk, { ...REGISTRATION, docNumber: '县财发〔2026〕13号', title: '关于“年终”决算的\\补充"通知"' });
  // A row whose JSON is deflated at rest (≥ 2,048 bytes).
  await db.departments.add({ id: 'dept-long', code: 'JG', name: `机关${'科室'.repeat(1500)}`, disabled: false });
  // A plain table's row, and the schedule that must stay on this PC.
  await login(db, 'clerk', 'wrong-password', T);
  await saveBackupSchedule(db, admin, { intervalDays: 1, keep: 3, passphrase: '定时备份口令-2026' }, T);
  // The change log (an auto-incremented key, outside the seal) across several reads.
  const logged = (await db.changeLog.toArray()).map(({ seq: _seq, ...row }) => row);
  expect(logged.length).toBeGreaterThan(0);
  const clones = Array.from({ length: ROWS_PER_READ + 40 }, (_, i) => structuredClone(logged[i % logged.length]!));
  await db.changeLog.bulkAdd(clones as never[]);
  expect(db.changeLog.schema.primKey.auto).toBe(true);
  return o;
}

describe('backup reads the stored rows (issue #18)', () => {
  test('the file carries every table exactly as a read through the middleware gives it, also after a restore (keys already inside the seal)', { timeout: 120_000 }, async () => {
    const { db, admin } = await office();
    const want = await throughMiddleware(db);
    expect(want.changeLog!.length).toBeGreaterThan(ROWS_PER_READ);
    expect((want.incoming as { duplicateKey?: unknown }[]).every((r) => typeof r.duplicateKey === 'string' && !r.duplicateKey.startsWith('b:'))).toBe(true);
    const file = await backupOf(db, admin);
    const got = await rowsInFile(file);
    // Tables with no rows have no frame.
    for (const [table, rows] of Object.entries(want)) expect(got[table] ?? [], table).toEqual(rows);
    expect(Object.keys(got).filter((t) => !(t in want))).toEqual([]);
    expect((got.settings as { key: string }[]).some((r) => r.key === BACKUP_SETTINGS_KEY)).toBe(false);
    expect((got.changeLog as { seq: number }[]).map((r) => r.seq)).toEqual((want.changeLog as { seq: number }[]).map((r) => r.seq));

    // Restored, its change-log rows are sealed with their key inside: backed up again, the same.
    const target = freshDb();
    const targetAdmin = await setUpOffice(target);
    const result = await restoreBackup(target, targetAdmin, await openBackup(file, PASS), PASS, { sink: memorySink(), finish: async () => 'memory://safety.wsbak' }, T);
    const restored = new WenshuDB(result.database);
    await restored.open();
    const again = await throughMiddleware(restored);
    expect(again.changeLog).toEqual(want.changeLog);
    const gotAgain = await rowsInFile(await backupOf(restored, admin));
    for (const [table, rows] of Object.entries(again)) expect(gotAgain[table] ?? [], table).toEqual(rows);
  });

  test('a changed row in the files is refused, as a read through the middleware refuses it', { timeout: 120_000 }, async () => {
    const { db, admin } = await office();
    expect(db.keyring.strict).toBe(true);
    const refused = async (store: string, key: string | number, change: (row: Record<string, unknown>) => unknown) => {
      const row = await rawGet(db, store, key);
      await rawPut(db, store, change(structuredClone(row)));
      await expect(db.table(store).get(key)).rejects.toThrow(IntegrityError);
      await expect(writeBackup(db, admin, await storedKey(), memorySink(), T), store).rejects.toThrow(IntegrityError);
      await rawPut(db, store, row);
    };
    const incoming = await db.incoming.toCollection().primaryKeys();
    // A readable field beside the seal (its binding), a byte of the seal, a readable row where only sealed ones may be.
    await refused('incoming', incoming[0]!, (r) => ({ ...r, state: '已办结' }));
    const seq = (await db.changeLog.toCollection().primaryKeys())[3]!;
    await refused('changeLog', seq, (r) => {
      const sealed = (r[SEALED] as Uint8Array).slice();
      sealed[sealed.length - 5]! ^= 0x01;
      return { ...r, [SEALED]: sealed };
    });
    const dept = (await db.departments.toArray())[0]!;
    await refused('departments', dept.id, () => ({ ...dept }));
    // The schedule is left out of the file, yet opened like every row: a changed one is refused too.
    await refused('settings', BACKUP_SETTINGS_KEY, (r) => {
      const sealed = (r[SEALED] as Uint8Array).slice();
      sealed[20]! ^= 0x80;
      return { ...r, [SEALED]: sealed };
    });
    // Everything put back: the backup goes through.
    expect(Object.keys(await rowsInFile(await backupOf(db, admin)))).toContain('incoming');
  });
});

describe('withMember: an auto-incremented key put back into a row\'s JSON', () => {
  const te = new TextEncoder();
  const td = new TextDecoder();
  /** What the backup wrote before: the row parsed, the key set, the row written again. */
  const old = (json: string, name: string, value: unknown) => {
    const row = JSON.parse(json) as unknown;
    if (row !== null && typeof row === 'object') (row as Record<string, unknown>)[name] = value;
    return JSON.stringify(row);
  };
  const cases: [string, string][] = [
    ['an empty row', '{}'],
    ['a row without it', '{"id":"a","n":1}'],
    ['nested under the same name', '{"after":{"year":2026,"seq":7},"list":[{"seq":1},[2,{"seq":3}]]}'],
    ['inside strings, escaped', '{"t":"\\"seq\\":5,","u":"{\\"seq\\":1}","v":"a\\\\","seq2":1}'],
    ['a longer name ending in it', '{"xseq":4,"seqx":5}'],
    ['already there, the same value', '{"a":1,"seq":12,"b":[1,{"c":"}"}]}'],
    ['already there, last', '{"a":{"b":"]"},"seq":12}'],
    ['already there, another value', '{"seq":99,"a":1}'],
    ['already there, another value, last', '{"a":{"seq":12},"seq":13}'],
    ['not an object', '[1,2]'],
    ['a string', '"seq"'],
  ];
  for (const [what, json] of cases) {
    test(what, () => {
      const out = td.decode(withMember(te.encode(json), 'seq', 12));
      // The same text as before, but where the value was already there (the same row, parsed the same).
      expect(JSON.parse(out)).toEqual(JSON.parse(old(json, 'seq', 12)));
      if (!json.includes('"seq":12')) expect(out).toBe(old(json, 'seq', 12));
    });
  }
});
