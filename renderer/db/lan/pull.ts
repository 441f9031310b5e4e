import type { IncomingRecord } from '@shared/domain/incoming-types';
import { INCOMING_REGISTER } from '@shared/domain/registers';
import type { PulledChange, PullPage } from '@shared/domain/lan-protocol';
import type { WenshuDB } from '../database';
import { INCOMING_PROJECTION, toIndexEntry } from '../incoming/incoming-index';
import { writeProjectionDelta, writeProjectionRemoval } from '../projection';
import type { LanSyncRow } from './seat-types';

// A seat's pull (issue #19): the server's change log since this PC's cursor, already filtered by
// need to know (electron/server/pull.ts), written into the local database. A system operation, like
// restore: the server authorized, validated and audited each change, so the rows are applied as
// they are, without local audit entries or change-log rows, each page in one transaction with the
// cursor, so a page is in or out as a whole.

export type { PulledChange, PullPage };

/** Tables a seat takes from the server, with the search projection each keeps. */
const PULLED: Record<string, { projection: string; entry: (row: never) => { id: string } }> = {
  [INCOMING_REGISTER.table]: { projection: INCOMING_PROJECTION, entry: (row: IncomingRecord) => toIndexEntry(row) },
};

export const CURSOR_KEY = 'cursor';
export const versionKey = (tbl: string, id: string) => `v:${tbl}:${id}`;

export async function readCursor(db: WenshuDB): Promise<{ cursor: number; scope: string }> {
  const row = (await db.lanSync.get(CURSOR_KEY)) as Extract<LanSyncRow, { key: 'cursor' }> | undefined;
  return row ? { cursor: row.cursor, scope: row.scope } : { cursor: 0, scope: '' };
}

/** The server's version of a pulled record (the base of a change sent later), if pulled. */
export async function serverVersion(db: WenshuDB, tbl: string, id: string): Promise<number | undefined> {
  const row = (await db.lanSync.get(versionKey(tbl, id))) as { version?: number } | undefined;
  return row?.version;
}

/**
 * Writes one page: a put replaces the record (and its search entry), a remove takes it off this
 * PC. Records with a command still waiting in the outbox are left as they are here: the server's
 * answer to that command brings them back.
 */
export async function applyPulledPage(db: WenshuDB, page: PullPage): Promise<void> {
  const tables = [...new Set(page.changes.map((c) => c.tbl).filter((t) => t in PULLED))];
  await db.transaction('rw', [...tables.map((t) => db.table(t)), db.projectionDeltas, db.lanSync, db.lanOutbox], async () => {
    const waiting = new Set((await db.lanOutbox.toArray()).map((o) => o.recordId));
    const removed = new Map<string, string[]>();
    for (const c of page.changes) {
      const kept = PULLED[c.tbl];
      if (!kept || waiting.has(c.id)) continue;
      const table = db.table(c.tbl);
      const existed = (await table.where(':id').equals(c.id).count()) > 0;
      if (c.kind === 'put') {
        await table.put(c.row);
        await writeProjectionDelta(db, kept.projection, kept.entry(c.row as never), !existed);
        await db.lanSync.put({ key: versionKey(c.tbl, c.id), version: c.version });
      } else if (existed) {
        await table.delete(c.id);
        await db.lanSync.delete(versionKey(c.tbl, c.id));
        removed.set(kept.projection, [...(removed.get(kept.projection) ?? []), c.id]);
      }
    }
    for (const [projection, ids] of removed) await writeProjectionRemoval(db, projection, ids);
    await db.lanSync.put({ key: CURSOR_KEY, cursor: page.cursor, scope: page.scope });
  });
}

/**
 * Restarts the pull from the beginning: the user's scope changed (another person signed in on this
 * PC, or their roles changed), so every record is answered again, as put or as remove.
 */
export async function resetCursor(db: WenshuDB, scope: string): Promise<void> {
  await db.lanSync.put({ key: CURSOR_KEY, cursor: 0, scope });
}

/** An account of the office as the server lists it for people pickers (names only). */
export interface OfficeAccount {
  id: string;
  username: string;
  displayName: string;
}

export const ACCOUNTS_KEY = 'accounts';

/** Keeps the office's accounts (承办人, 传阅 pick from them, as well as from this PC's own). */
export async function saveOfficeAccounts(db: WenshuDB, accounts: readonly OfficeAccount[]): Promise<void> {
  const clean = accounts.filter((a) => typeof a?.id === 'string' && typeof a.username === 'string' && typeof a.displayName === 'string').map((a) => ({ id: a.id, username: a.username, displayName: a.displayName }));
  await db.lanSync.put({ key: ACCOUNTS_KEY, accounts: clean });
}

/** The office's accounts last listed by the server (none on a standalone PC). */
export async function officeAccounts(db: WenshuDB): Promise<OfficeAccount[]> {
  // A database opened at an older version (migration tests) has no lanSync yet.
  if (!db.tables.some((t) => t.name === 'lanSync')) return [];
  const row = (await db.lanSync.get(ACCOUNTS_KEY)) as { accounts?: OfficeAccount[] } | undefined;
  return row?.accounts ?? [];
}
