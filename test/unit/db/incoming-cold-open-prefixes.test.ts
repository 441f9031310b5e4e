import { describe, expect, test, vi } from 'vitest';
import { WenshuDB } from '../../../renderer/db/database';
import { incomingProjection } from '../../../renderer/db/incoming/incoming-index';
import { importIncoming, listIncoming, saveNumberingSettings } from '../../../renderer/db/repositories/incoming';
import type { Actor } from '../../../renderer/db/types';
import { DEFAULT_INCOMING_PATTERN } from '../../../shared/domain/numbering';
import { baseRegistration } from '../../fixtures/filing';
import { staffedOffice } from './helpers';

// Issue #20: records of two PCs of one office (prefixes B and C) in one register share year and
// serial (收〔2026〕B-0028 and C-0028). The register as it opens, read from the [year+seq] index
// while the projection is not loaded, must still be the projection's page, row for row, in the
// list's order (equal serials side by side by prefix), on every page, however the index orders
// the equal keys (by random id).

const TODAY = '2026-11-23';
const T = new Date(2026, 10, 23, 10, 0);

/** 2025: B 1–10; 2026: B 1–60 and C 1–45 (imported while this PC's prefix was C, as a 迁移包 would bring them). */
async function twoPrefixRegister() {
  const office = await staffedOffice();
  const { db, admin, clerk } = office;
  const rows = (year: number, n: number, tag: string) =>
    Array.from({ length: n }, (_, i) => ({
      rowNumber: i + 2,
      registration: {
        ...baseRegistration,
        receivedDate: `${year}-0${1 + (i % 9)}-1${i % 10}`,
        docNumber: `县${tag}发〔${year}〕${i + 1}号`,
        title: `${tag} 第${i}件`,
        ...(i % 7 === 3 ? { classification: '秘密' as const, copyNumber: String(i + 1).padStart(6, '0') } : {}),
      },
    }));
  const prefix = (seriesPrefix: string) => saveNumberingSettings(db, admin, { incomingPattern: DEFAULT_INCOMING_PATTERN, seriesPrefix }, T);
  await prefix('B');
  await importIncoming(db, clerk, rows(2025, 10, '财'), T);
  await importIncoming(db, clerk, rows(2026, 60, '教'), T);
  await prefix('C');
  await importIncoming(db, clerk, rows(2026, 45, '农'), T);
  return office;
}

type Page = Awaited<ReturnType<typeof listIncoming>>;

async function fromIndex(name: string, actor: Actor, offset: number): Promise<Page> {
  const cold = new WenshuDB(name);
  const current = vi.spyOn(incomingProjection(cold), 'current');
  const page = await listIncoming(cold, actor, { offset, limit: 50, sort: { field: 'serial', direction: 'descend' } }, TODAY);
  expect(current).not.toHaveBeenCalled();
  cold.close();
  return page;
}

async function fromProjection(name: string, actor: Actor, offset: number): Promise<Page> {
  const warm = new WenshuDB(name);
  await listIncoming(warm, actor, { state: '已登记', offset: 0, limit: 1 }, TODAY);
  expect(incomingProjection(warm).isLoaded()).toBe(true);
  const page = await listIncoming(warm, actor, { offset, limit: 50, sort: { field: 'serial', direction: 'descend' } }, TODAY);
  warm.close();
  return page;
}

describe('收文 register cold open with two PCs’ prefixes', () => {
  test('every page is the projection’s, equal serials side by side by prefix, split across pages the same way', async () => {
    const { db, clerk, outsider } = await twoPrefixRegister();
    for (const actor of [clerk, outsider]) {
      const pages: Page[] = [];
      for (const offset of [0, 50, 100]) {
        const cold = await fromIndex(db.name, actor, offset);
        expect(cold).toEqual(await fromProjection(db.name, actor, offset));
        expect(cold.total).toBe(115);
        pages.push(cold);
      }
      const serials = pages.flatMap((p) => p.rows.map((r) => r.serial));
      expect(serials).toHaveLength(115);
      expect(new Set(serials).size).toBe(115);
      // B alone above 45, then C before B for each serial both hold; 2025 last.
      expect(serials.slice(0, 2)).toEqual(['收〔2026〕B-0060', '收〔2026〕B-0059']);
      expect(serials.slice(14, 18)).toEqual(['收〔2026〕B-0046', '收〔2026〕C-0045', '收〔2026〕B-0045', '收〔2026〕C-0044']);
      // Serial 28 is split by the page boundary (C on page 1, B on page 2), serial 3 by the next.
      expect(pages[0]!.rows[49]!.serial).toBe('收〔2026〕C-0028');
      expect(pages[1]!.rows[0]!.serial).toBe('收〔2026〕B-0028');
      expect(pages[1]!.rows[49]!.serial).toBe('收〔2026〕C-0003');
      expect(pages[2]!.rows[0]!.serial).toBe('收〔2026〕B-0003');
      expect(serials.slice(-2)).toEqual(['收〔2025〕B-0002', '收〔2025〕B-0001']);
    }
  });

  test('a page that starts on a serial both PCs hold: the newest serial is C’s and B’s at once', async () => {
    const { db, admin, clerk } = await staffedOffice();
    const rows = (n: number, tag: string) =>
      Array.from({ length: n }, (_, i) => ({ rowNumber: i + 2, registration: { ...baseRegistration, receivedDate: '2026-03-01', docNumber: `县${tag}发〔2026〕${i + 1}号` } }));
    for (const p of ['B', 'C']) {
      await saveNumberingSettings(db, admin, { incomingPattern: DEFAULT_INCOMING_PATTERN, seriesPrefix: p }, T);
      await importIncoming(db, clerk, rows(30, p), T);
    }
    for (const offset of [0, 50]) {
      const cold = await fromIndex(db.name, clerk, offset);
      expect(cold).toEqual(await fromProjection(db.name, clerk, offset));
    }
    const first = await fromIndex(db.name, clerk, 0);
    expect(first.rows.slice(0, 3).map((r) => r.serial)).toEqual(['收〔2026〕C-0030', '收〔2026〕B-0030', '收〔2026〕C-0029']);
    expect(first.rows[49]!.serial).toBe('收〔2026〕B-0006');
  });
});
