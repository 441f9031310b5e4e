import { describe, expect, test, vi } from 'vitest';
import { carrierProjection } from '../../../renderer/db/carriers/carrier-index';
import { WenshuDB } from '../../../renderer/db/database';
import { IntegrityError } from '../../../renderer/db/at-rest/keyring';
import { listCarriers } from '../../../renderer/db/repositories/carriers';
import { readRowsOpenedAsync } from '../../../renderer/db/at-rest/encryption-middleware';
import { writeBackup } from '../../../renderer/db/backup/backup';
import { memorySink } from '../../fixtures/memory-sink';
import type { Actor } from '../../../renderer/db/types';
import type { CarrierRecord } from '../../../shared/domain/carrier-types';
import { bareCarrier } from '../../fixtures/carriers';
import { personRef, staffedOffice } from './helpers';

// Issue #18: the 涉密载体台账 as it opens (first page, no filter, newest 编号 first) is read from
// the [year+seq] index (schema v14) while the projection is not in memory. Its answer must be the
// projection's, row for row, masked for each reader as the projection path masks it; the index
// keys are computed from the 编号 below the records (at-rest derivedIndexes) and checked on read.

const TODAY = '2026-11-23';

/**
 * 70 carriers: 2025's 载〔2025〕0001–0008, 2026's 载〔2026〕0001–0058 (the reader knows every 5th),
 * two PCs' equal numbers 载〔2026〕B-0058 and C-0058, 载〔2026〕C-0057, and one 编号 of another
 * form (no year and number: it sorts last). Written straight to the table: the projection is
 * built from it on first use, as after an upgrade or a restore.
 */
async function seededLedger() {
  const office = await staffedOffice();
  const { db, reader } = office;
  const records: CarrierRecord[] = [];
  for (let i = 1; i <= 8; i++) records.push(bareCarrier(`c25-${i}`, `载〔2025〕${String(i).padStart(4, '0')}`, { secrecyStart: '2025-03-01' }));
  for (let i = 1; i <= 58; i++) {
    records.push(bareCarrier(`c26-${i}`, `载〔2026〕${String(i).padStart(4, '0')}`, i % 5 === 0 ? { knowers: [personRef(reader)] } : {}));
  }
  records.push(bareCarrier('c26-B58', '载〔2026〕B-0058'), bareCarrier('c26-C58', '载〔2026〕C-0058', { knowers: [personRef(reader)] }), bareCarrier('c26-C57', '载〔2026〕C-0057'));
  records.push(bareCarrier('c-odd', '临时登记-1'));
  await db.carriers.bulkAdd(records);
  return office;
}

type Page = Awaited<ReturnType<typeof listCarriers>>;

async function fromIndex(name: string, actor: Actor, limit: number): Promise<Page> {
  const cold = new WenshuDB(name);
  const current = vi.spyOn(carrierProjection(cold), 'current');
  const page = await listCarriers(cold, actor, { offset: 0, limit }, TODAY);
  // The index path it is meant to test, not the projection's (which would pass trivially).
  expect(current).not.toHaveBeenCalled();
  cold.close();
  return page;
}

async function fromProjection(name: string, actor: Actor, limit: number): Promise<Page> {
  const warm = new WenshuDB(name);
  await listCarriers(warm, actor, { state: '在库', offset: 0, limit: 1 }, TODAY);
  expect(carrierProjection(warm).isLoaded()).toBe(true);
  const page = await listCarriers(warm, actor, { offset: 0, limit }, TODAY);
  warm.close();
  return page;
}

describe('涉密载体台账 cold open: the first page from the index', () => {
  test('is identical to the projection’s for every reader (rows, order, masking, total)', async () => {
    const { db, officer, reader, outsider } = await seededLedger();
    for (const actor of [officer, reader, outsider]) {
      for (const limit of [20, 50]) {
        const cold = await fromIndex(db.name, actor, limit);
        expect(cold).toEqual(await fromProjection(db.name, actor, limit));
        expect(cold.total).toBe(70);
        expect(cold.rows).toHaveLength(limit);
      }
    }
    // Newest first; two PCs' equal numbers side by side, by the 编号's text.
    const page = await fromIndex(db.name, officer, 20);
    expect(page.rows.slice(0, 5).map((r) => r.record.serial)).toEqual(['载〔2026〕C-0058', '载〔2026〕B-0058', '载〔2026〕0058', '载〔2026〕C-0057', '载〔2026〕0057']);
    // Masked for a reader outside the need to know, shown to one inside.
    const seen = await fromIndex(db.name, reader, 20);
    expect(seen.rows.filter((r) => r.canSeeContent).map((r) => r.record.serial)).toEqual(['载〔2026〕C-0058', '载〔2026〕0055', '载〔2026〕0050', '载〔2026〕0045']);
    expect(seen.rows.find((r) => r.record.serial === '载〔2026〕0057')).toMatchObject({ canSeeContent: false, record: { name: '【涉密】' } });
  });

  test('a year too young for a page, or a refused reader: the projection, or nothing', async () => {
    const office = await staffedOffice();
    const { db, officer, reader } = office;
    await db.carriers.bulkAdd([
      ...Array.from({ length: 30 }, (_, i) => bareCarrier(`a-${i}`, `载〔2025〕${String(i + 1).padStart(4, '0')}`)),
      ...Array.from({ length: 5 }, (_, i) => bareCarrier(`b-${i}`, `载〔2026〕${String(i + 1).padStart(4, '0')}`, { knowers: [personRef(reader)] })),
    ]);
    const cold = new WenshuDB(db.name);
    const page = await listCarriers(cold, officer, { offset: 0, limit: 20 }, TODAY);
    expect(carrierProjection(cold).isLoaded()).toBe(true);
    expect(page.rows.map((r) => r.record.serial).slice(0, 6)).toEqual(['载〔2026〕0005', '载〔2026〕0004', '载〔2026〕0003', '载〔2026〕0002', '载〔2026〕0001', '载〔2025〕0030']);
    cold.close();
    const disabled = { ...reader, id: 'u-nobody' };
    await expect(listCarriers(new WenshuDB(db.name), disabled, { offset: 0, limit: 20 }, TODAY)).rejects.toThrow();
  });

  test('stored rows carry year and sequence beside the seal; moving one is refused when read', async () => {
    const { db, officer, admin } = await seededLedger();
    // The index keys are in the stored row (the files), not in the record the app reads.
    const stored = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const req = db.backendDB().transaction('carriers').objectStore('carriers').get('c26-7');
      req.onsuccess = () => resolve(req.result as Record<string, unknown>);
      req.onerror = () => reject(req.error);
    });
    expect(stored).toMatchObject({ year: 2026, seq: 7, serial: '载〔2026〕0007' });
    const record = await db.carriers.get('c26-7');
    expect(record).not.toHaveProperty('seq');
    expect(record).toEqual(bareCarrier('c26-7', '载〔2026〕0007'));
    // An attacker moves 0007 to the top of the 台账 by editing its stored sequence number.
    await new Promise<void>((resolve, reject) => {
      const tx = db.backendDB().transaction('carriers', 'readwrite');
      tx.objectStore('carriers').put({ ...stored, seq: 99 });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    await expect(db.carriers.get('c26-7')).rejects.toBeInstanceOf(IntegrityError);
    await expect(readRowsOpenedAsync(db, db.keyring, 'carriers', ['c26-7'])).rejects.toBeInstanceOf(IntegrityError);
    // The cold first page reads it (it is now the "newest"): refused, not shown as 0099.
    await expect(listCarriers(new WenshuDB(db.name), officer, { offset: 0, limit: 1 }, TODAY)).rejects.toBeInstanceOf(IntegrityError);
    // A backup (which reads stored rows below the middleware) refuses it too.
    await expect(writeBackup(db, admin, 'Beifen#2026-kouling', memorySink(), new Date())).rejects.toBeInstanceOf(IntegrityError);
  });
});
