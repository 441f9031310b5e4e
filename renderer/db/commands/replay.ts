import type { Table } from 'dexie';
import type { WenshuDB } from '../database';
import type { ChangeLogRow } from './change-log';

/**
 * Applies change-log rows (in seq order) to another database: the seam sync will use. A system
 * operation, like restore: the rows were authorized, validated and audited where they were made,
 * so they are applied as they are, in one transaction, without new change-log rows.
 */
export async function applyChangeLog(db: WenshuDB, rows: readonly ChangeLogRow[]): Promise<void> {
  const ordered = [...rows].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const entities = [...new Set(ordered.map((r) => r.entity))];
  if (entities.length === 0) return;
  await db.transaction('rw', entities.map((e) => db.table(e)), async () => {
    for (const r of ordered) {
      const table = db.table(r.entity) as Table<unknown, unknown>;
      if (r.operation === 'delete') await table.delete(r.entityId);
      else await table.put(r.after);
    }
  });
}
