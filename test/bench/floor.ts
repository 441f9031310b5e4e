import Dexie from 'dexie';
import type { BenchFigure } from './bench-page';

// The floor every bulk write is compared with (issue #18): what IndexedDB itself takes to bulkAdd
// rows of a register's size with as many indexes, on this machine, in this run — no encryption, no
// change log, no audit. A restore or an import can approach it, never beat it.

const ROWS = 50_000;
const BATCH = 2_000;

/** Rows of ~1 KB with 5 indexed fields (the audit log's count), made in memory first. */
function rows(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < ROWS; i++) {
    out.push({
      id: `floor-${String(i).padStart(8, '0')}`,
      at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      kind: `k${i % 17}`,
      owner: `u${i % 97}`,
      seq: i,
      // ~1 KB of text that compresses as records do (not one repeated character).
      body: Array.from({ length: 40 }, (_, k) => `第${i}条记录第${k}段`).join(''),
    });
  }
  return out;
}

/** The measured floor, in rows/s, as a figure marked `floor` (the bench prints others against it). */
export async function measureFloor(): Promise<BenchFigure> {
  const name = `bench-floor-${Date.now()}`;
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' });
  db.version(1).stores({ rows: 'id, at, kind, owner, seq' });
  await db.open();
  const data = rows();
  const t0 = performance.now();
  for (let i = 0; i < data.length; i += BATCH) await db.table('rows').bulkAdd(data.slice(i, i + BATCH));
  const ms = performance.now() - t0;
  db.close();
  await Dexie.delete(name);
  return { name: `floor: IndexedDB bulkAdd, 5 indexes, ~1 KB rows (${ROWS}, no encryption)`, value: ROWS / (ms / 1000), unit: 'rows/s', floor: true };
}
