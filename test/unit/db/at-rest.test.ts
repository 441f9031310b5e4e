import { describe, expect, test } from 'vitest';
import { readLargeRow, SEALED } from '../../../renderer/db/at-rest/encryption-middleware';
import { IntegrityError, LockedError } from '../../../renderer/db/at-rest/keyring';
import { sealExistingRows } from '../../../renderer/db/at-rest/migrate';
import { AT_REST_ESCROW_KEY, AT_REST_STATE_KEY, FILES_CHANGED } from '../../../renderer/db/at-rest/session';
import type { WenshuDB } from '../../../renderer/db/database';
import { login } from '../../../renderer/db/repositories/auth';
import { checkDuplicate, getIncoming, listIncoming, registerIncoming } from '../../../renderer/db/repositories/incoming';
import { draftOutgoing, getOutgoing, reserveDocNumber, saveOutgoingSeries } from '../../../renderer/db/repositories/outgoing';
import type { Registration } from '../../../shared/domain/incoming-types';
import { ADMIN_PASSWORD, OFFICER, passwordOf, staffedOffice } from './helpers';

// Encryption at rest, tried as someone holding a copy of the profile's IndexedDB files would:
// read them, edit them, put rows of their own in them.

const SECRET: Registration = {
  receivedDate: '2026-11-20',
  fromUnit: '县国家安全局',
  docNumber: '县安发〔2026〕7号',
  title: '关于绝密演习方案的通报',
  docType: '通报',
  classification: '机密',
  secrecyTerm: { kind: 'years', years: 20 },
  copyNumber: '000003',
  copies: 1,
  pages: 4,
  urgency: '特急',
  signedBy: '张秘书',
  handling: '办件',
  summary: '演习代号雷霆行动',
} as Registration;

/** Every store's rows exactly as IndexedDB holds them: what a copy of the files gives away. */
async function rawStores(db: WenshuDB): Promise<Record<string, Record<string, unknown>[]>> {
  const idb = db.backendDB();
  const names = [...idb.objectStoreNames];
  const tx = idb.transaction(names, 'readonly');
  const out: Record<string, Record<string, unknown>[]> = {};
  await Promise.all(
    names.map(
      (n) =>
        new Promise<void>((resolve, reject) => {
          const req = tx.objectStore(n).getAll();
          req.onsuccess = () => {
            out[n] = req.result as Record<string, unknown>[];
            resolve();
          };
          req.onerror = () => reject(req.error ?? new Error('read failed'));
        }),
    ),
  );
  return out;
}

function visibleText(rows: Record<string, Record<string, unknown>[]>): string {
  // Ciphertext bytes are not text: only what a person (or grep) could read counts.
  return JSON.stringify(rows, (_k, v: unknown) => (v instanceof Uint8Array ? '<bytes>' : v));
}

async function rawPut(db: WenshuDB, store: string, row: Record<string, unknown>): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const tx = db.backendDB().transaction(store, 'readwrite');
    tx.objectStore(store).put(row);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('write failed'));
  });
}

async function rawGet(db: WenshuDB, store: string, key: IDBValidKey): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = db.backendDB().transaction(store, 'readonly').objectStore(store).get(key);
    req.onsuccess = () => resolve(req.result as Record<string, unknown>);
    req.onerror = () => reject(req.error ?? new Error('read failed'));
  });
}

describe('encryption at rest', () => {
  test('the files hold no classified text, no names and no roles; the app still reads everything', async () => {
    const { db, clerk } = await staffedOffice();
    const rec = await registerIncoming(db, clerk, SECRET);
    const text = visibleText(await rawStores(db));
    for (const secret of [SECRET.title, SECRET.fromUnit, SECRET.docNumber, SECRET.summary!, '雷霆', '秘书', '系统管理员', '工作人员']) {
      expect(text, secret).not.toContain(secret);
    }
    // Through the app, with the key open, the record is whole.
    expect((await getIncoming(db, clerk, rec.id))!.record).toMatchObject({ title: SECRET.title, fromUnit: SECRET.fromUnit });
    const raw = await rawGet(db, 'incoming', rec.id);
    expect(raw[SEALED]).toBeInstanceOf(Uint8Array);
    expect(raw.title).toBeUndefined();
  });

  test('a 发文 and its 文号台账 rows: the files hold its 文号, state and dates (index keys), never its title, units, names or reasons', async () => {
    const { db, clerk, dept } = await staffedOffice();
    await saveOutgoingSeries(db, clerk, [{ id: 's-fa', code: '县政办发', pattern: '县政办发〔YYYY〕N号', issuerMark: '测试县人民政府办公室文件', issuerName: '测试县人民政府办公室' }]);
    const { id } = await draftOutgoing(db, clerk, {
      title: '关于雷霆行动经费的请示', docType: '请示', direction: '上行文', seriesId: 's-fa', mainTo: ['县国家安全局'], copyTo: [], classification: '机密',
      urgency: '特急', draftingUnit: { id: dept.id, name: dept.name }, drafter: { userId: clerk.id, name: '张秘书' }, countersignUnits: [], printCopies: 1, disclosure: '不予公开',
    });
    await reserveDocNumber(db, clerk, { seriesId: 's-fa', year: 2026, reason: '留给县国家安全局联合发文' });
    const text = visibleText(await rawStores(db));
    for (const secret of ['雷霆', '县国家安全局', '张秘书', '联合发文']) expect(text, secret).not.toContain(secret);
    expect((await rawGet(db, 'outgoing', id))[SEALED]).toBeInstanceOf(Uint8Array);
    expect((await rawGet(db, 'docNumbers', 's-fa|2026|1'))[SEALED]).toBeInstanceOf(Uint8Array);
    expect((await getOutgoing(db, clerk, id))!.record.title).toBe('关于雷霆行动经费的请示');
  });

  test('the duplicate check still finds the same 来文单位 + 来文字号 through a keyed index value', async () => {
    const { db, clerk } = await staffedOffice();
    const first = await registerIncoming(db, clerk, SECRET);
    const raw = await rawGet(db, 'incoming', first.id);
    expect(String(raw.duplicateKey)).toMatch(/^b:[0-9a-f]{40}$/);
    expect(await checkDuplicate(db, clerk, SECRET.fromUnit, '县安发[2026]7号')).toMatchObject({ serial: first.serial });
  });

  test('a user row edited in the files (roles, or another account’s password and key slot) is refused at sign-in', async () => {
    const { db, clerk, reader } = await staffedOffice();
    // The reader copies their own readable credential fields over the clerk's: the reader's
    // password would unwrap the key, but the clerk's row no longer authenticates.
    const readerRow = await rawGet(db, 'users', reader.id);
    const clerkRow = await rawGet(db, 'users', clerk.id);
    await rawPut(db, 'users', { ...clerkRow, passwordHash: readerRow.passwordHash, keySlot: readerRow.keySlot });
    db.keyring.lock();
    const r = await login(db, 'clerk', passwordOf('reader'));
    expect(r).toMatchObject({ ok: false, message: FILES_CHANGED });
    expect(db.keyring.isUnlocked()).toBe(false);
  });

  test('a readable user row written into the files (every role) is refused', async () => {
    const { db, reader } = await staffedOffice();
    const readerRow = await rawGet(db, 'users', reader.id);
    await rawPut(db, 'users', {
      id: reader.id, usernameKey: 'reader', username: 'reader', displayName: 'reader', roles: ['秘书', '安全保密管理员'],
      passwordHash: readerRow.passwordHash, keySlot: readerRow.keySlot, disabled: false, mustChangePassword: false, createdAt: '', updatedAt: '',
    });
    db.keyring.lock();
    expect(await login(db, 'reader', passwordOf('reader'))).toMatchObject({ ok: false, message: FILES_CHANGED });
  });

  test('a register’s search projection is sealed like any row, opened with WebCrypto, and refused when edited', async () => {
    const { db, clerk } = await staffedOffice();
    await registerIncoming(db, clerk, SECRET);
    const base = { key: 'incoming', entries: [{ id: 'x', text: SECRET.title }], lastDeltaId: 0 };
    await db.projections.put(base);
    expect(visibleText(await rawStores(db))).not.toContain(SECRET.title);
    // The large-row path (WebCrypto, outside transactions) opens what the middleware sealed.
    expect(await readLargeRow(db, db.keyring, 'projections', 'incoming')).toEqual(base);
    const raw = await rawGet(db, 'projections', 'incoming');
    const sealed = raw[SEALED] as Uint8Array;
    sealed[sealed.length - 1] = sealed[sealed.length - 1]! ^ 1;
    await rawPut(db, 'projections', { ...raw, [SEALED]: sealed });
    await expect(readLargeRow(db, db.keyring, 'projections', 'incoming')).rejects.toBeInstanceOf(IntegrityError);
    await expect(db.projections.get('incoming')).rejects.toBeInstanceOf(IntegrityError);
    // A readable row put in its place is refused too (the installation is fully sealed).
    await rawPut(db, 'projections', base);
    await expect(readLargeRow(db, db.keyring, 'projections', 'incoming')).rejects.toBeInstanceOf(IntegrityError);
  });

  test('signed out, nothing can be written and reads wait for the next sign-in', async () => {
    const { db, clerk } = await staffedOffice();
    const rec = await registerIncoming(db, clerk, SECRET);
    db.keyring.lock();
    await expect(db.incoming.put({ ...rec, title: '改' })).rejects.toBeInstanceOf(LockedError);
    let read: unknown = 'pending';
    const waiting = db.incoming.get(rec.id).then((v) => (read = v));
    await new Promise((r) => setTimeout(r, 30));
    expect(read).toBe('pending');
    expect((await login(db, 'clerk', passwordOf('clerk'))).ok).toBe(true);
    await waiting;
    expect(read).toMatchObject({ title: SECRET.title });
  });

  test('an installation from before encryption at rest is sealed at the first sign-in, resumably, and every account gets its slot', async () => {
    const { db, clerk } = await staffedOffice();
    for (let i = 0; i < 30; i++) await registerIncoming(db, clerk, { ...SECRET, docNumber: `县安发〔2026〕${i + 10}号` });
    await makeLegacy(db);
    expect(visibleText(await rawStores(db))).toContain(SECRET.title);

    // The administrator signs in first: a new key, the state says 'migrating', the others wait in escrow.
    const first = await login(db, 'admin', ADMIN_PASSWORD);
    expect(first).toMatchObject({ ok: true, sealing: true });
    expect((await rawGet(db, 'settings', AT_REST_ESCROW_KEY)).value).toBeDefined();
    // Switched off half-way: one batch, then abort.
    const ctrl = new AbortController();
    let batches = 0;
    expect(await sealExistingRows(db, () => (++batches >= 1 ? ctrl.abort() : undefined), ctrl.signal)).toBe('cancelled');
    db.keyring.lock();
    // The next sign-in (another account, from escrow) carries on where it stopped and finishes.
    expect((await login(db, 'clerk', passwordOf('clerk'))).ok).toBe(true);
    expect(await sealExistingRows(db)).toBe('done');
    const text = visibleText(await rawStores(db));
    expect(text).not.toContain(SECRET.title);
    expect(text).not.toContain(SECRET.fromUnit);
    expect((await db.settings.get(AT_REST_STATE_KEY))?.value).toMatchObject({ state: 'done' });
    expect(await listIncoming(db, clerk, { offset: 0, limit: 100 }, '2026-12-01')).toMatchObject({ total: 30 });
    // The remaining enabled accounts sign in; then the escrow is gone.
    for (const u of ['reader', 'outsider', OFFICER]) {
      const p = passwordOf(u);
      db.keyring.lock();
      expect((await login(db, u, p)).ok).toBe(true);
    }
    expect(await rawGet(db, 'settings', AT_REST_ESCROW_KEY)).toBeUndefined();
    expect(db.keyring.strict).toBe(true);
  });
});

/** Turns a sealed installation back into one from before the update: every row readable, no slots, no key. */
async function makeLegacy(db: WenshuDB): Promise<void> {
  const plain: Record<string, Record<string, unknown>[]> = {};
  for (const t of db.tables) {
    if (t.name === 'projections' || t.name === 'projectionDeltas') continue;
    plain[t.name] = (await t.toArray()) as Record<string, unknown>[];
  }
  const idb = db.backendDB();
  const names = Object.keys(plain);
  await new Promise<void>((resolve, reject) => {
    const tx = idb.transaction([...names, 'projections', 'projectionDeltas'], 'readwrite');
    tx.objectStore('projections').clear();
    tx.objectStore('projectionDeltas').clear();
    for (const n of names) {
      const store = tx.objectStore(n);
      store.clear();
      for (const row of plain[n]!) {
        if (n === 'settings' && row.key === AT_REST_STATE_KEY) continue;
        const { keySlot: _slot, ...rest } = row;
        store.put(n === 'users' ? rest : row);
      }
    }
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('write failed'));
  });
  db.keyring.lock();
  db.keyring.strict = false;
}
