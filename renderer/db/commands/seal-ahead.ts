import Dexie from 'dexie';
import { presealRows, SEAL_AHEAD_FROM } from '../at-rest/encryption-middleware';
import type { WenshuDB } from '../database';
import { changeLogRowsAhead } from './change-log';

/**
 * Starts sealing `rows` for a bulk write into `table` inside the current transaction (issue #18):
 * the rows and the change-log rows the write will bring (one per row, made now with the content
 * the change-log middleware gives them), with WebCrypto, in parallel and off the main thread. The
 * write of these rows — once the returned promise, awaited through Dexie.waitFor, has settled —
 * stores exactly what the middleware would have sealed (encryption-middleware.ts presealRows).
 * The promise runs outside the transaction, so a bulk command can seal its next batch while the
 * current one is written. A row changed before its write would store its old content: the rows
 * must not change once given here. Fewer than SEAL_AHEAD_FROM rows, or no transaction: nothing.
 */
export function startSealing(db: WenshuDB, table: string, rows: readonly unknown[]): Promise<void> {
  const trans = Dexie.currentTransaction;
  if (!trans || rows.length < SEAL_AHEAD_FROM) return Promise.resolve();
  const target = { name: table, schema: db.core.table(table).schema };
  const logRows = db.tables.some((t) => t.name === 'changeLog') ? changeLogRowsAhead(trans.idbtrans, target, rows) : [];
  const logTable = logRows.length ? { name: 'changeLog', schema: db.core.table('changeLog').schema } : null;
  const sealing = Dexie.ignoreTransaction(() => Promise.all([presealRows(db.keyring, target, rows, trans.idbtrans), logTable ? presealRows(db.keyring, logTable, logRows, trans.idbtrans) : undefined]).then(() => undefined));
  // Awaited later (or never, when the command fails first): not an unhandled rejection meanwhile.
  sealing.catch(() => undefined);
  return sealing;
}

/** Seals `rows` (and their change-log rows) before their write into `table`, which must follow at once; rows already sealed ahead are left as they are. */
export async function sealAhead(db: WenshuDB, table: string, rows: readonly unknown[]): Promise<void> {
  await Dexie.waitFor(startSealing(db, table, rows));
}
