import { describe, expect, test } from 'vitest';
import { readIndexOpenedAsync, readRowsOpenedAsync, SEALED } from '../../../renderer/db/at-rest/encryption-middleware';
import { IntegrityError } from '../../../renderer/db/at-rest/keyring';
import type { WenshuDB } from '../../../renderer/db/database';
import { bareCarrier } from '../../fixtures/carriers';
import { staffedOffice } from './helpers';

// The WebCrypto readers (a list's page, a report's rows, the 台账's cold first page) open stored
// rows below the middleware: they must give what a read through it gives, and refuse what it
// refuses. Since #18 they run the middleware's own TableCodec (decodeAsync): these are the attacks
// on the files a read must catch, tried through them.

function stored(db: WenshuDB, table: string, key: IDBValidKey): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = db.backendDB().transaction(table).objectStore(table).get(key);
    req.onsuccess = () => resolve(req.result as Record<string, unknown>);
    req.onerror = () => reject(req.error);
  });
}

function putStored(db: WenshuDB, table: string, row: Record<string, unknown>): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.backendDB().transaction(table, 'readwrite');
    tx.objectStore(table).put(row);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

async function ledger() {
  const office = await staffedOffice();
  await office.db.carriers.bulkAdd([bareCarrier('c1', '载〔2026〕0001'), bareCarrier('c2', '载〔2026〕0002'), bareCarrier('c3', '载〔2026〕0003')]);
  return office;
}

describe('rows opened with WebCrypto below the middleware', () => {
  test('give exactly the rows a read through the middleware gives, missing ones undefined, in the order asked', async () => {
    const { db } = await ledger();
    const viaDexie = await db.carriers.bulkGet(['c3', 'nope', 'c1']);
    expect(await readRowsOpenedAsync(db, db.keyring, 'carriers', ['c3', 'nope', 'c1'])).toEqual(viaDexie);
    const byIndex = await readIndexOpenedAsync(db, db.keyring, 'carriers', '[year+seq]', [IDBKeyRange.bound([2026, 2], [2026, 3])]);
    expect(byIndex).toEqual(await db.carriers.bulkGet(['c2', 'c3']));
    // Derived index keys stay below: the row read is the row written.
    expect(byIndex[0]).not.toHaveProperty('seq');
  });

  test('a changed readable index key, a ciphertext moved to another row, or a readable row slipped in: refused as the middleware refuses them', async () => {
    const { db } = await ledger();
    const one = await stored(db, 'carriers', 'c1');
    const two = await stored(db, 'carriers', 'c2');

    // 1. The state index key edited in the files (在库 → 已销毁): bound by the seal.
    await putStored(db, 'carriers', { ...one, state: '已销毁' });
    await expect(db.carriers.get('c1')).rejects.toBeInstanceOf(IntegrityError);
    await expect(readRowsOpenedAsync(db, db.keyring, 'carriers', ['c1'])).rejects.toBeInstanceOf(IntegrityError);

    // 2. Row c2's ciphertext copied onto c3 (another row's content under c3's key).
    const three = await stored(db, 'carriers', 'c3');
    await putStored(db, 'carriers', { ...three, [SEALED]: two[SEALED] });
    await expect(readRowsOpenedAsync(db, db.keyring, 'carriers', ['c3'])).rejects.toBeInstanceOf(IntegrityError);
    await expect(readIndexOpenedAsync(db, db.keyring, 'carriers', '[year+seq]', [IDBKeyRange.only([2026, 3])])).rejects.toBeInstanceOf(IntegrityError);

    // 3. A readable row where only sealed ones may be (strict once every row is sealed).
    const { [SEALED]: _sealed, ...readableOnly } = two;
    await putStored(db, 'carriers', { ...readableOnly, ...bareCarrier('c2', '载〔2026〕0002') });
    expect(db.keyring.strict).toBe(true);
    await expect(db.carriers.get('c2')).rejects.toBeInstanceOf(IntegrityError);
    await expect(readRowsOpenedAsync(db, db.keyring, 'carriers', ['c2'])).rejects.toBeInstanceOf(IntegrityError);
  });

  test('rows the policy keeps readable (a public setting) come back as they are, as through the middleware', async () => {
    const { db } = await ledger();
    const viaDexie = await db.settings.get('unitInfo');
    expect(viaDexie).toBeDefined();
    expect(await readRowsOpenedAsync(db, db.keyring, 'settings', ['unitInfo'])).toEqual([viaDexie]);
  });
});
