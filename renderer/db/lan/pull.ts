import type { IncomingRecord } from '@shared/domain/incoming-types';
import { INCOMING_REGISTER, MEETINGS_REGISTER, TASKS_REGISTER } from '@shared/domain/registers';
import type { PulledChange, PullPage } from '@shared/domain/lan-protocol';
import type { Classification } from '@shared/domain/enums';
import { DEFAULT_LAN_MAX_CLASSIFICATION } from '@shared/domain/lan-scope';
import type { Table } from 'dexie';
import type { WenshuDB } from '../database';
import { INCOMING_PROJECTION, toIndexEntry } from '../incoming/incoming-index';
import { compactProjection, writeProjectionBatch, writeProjectionRemoval, writeProjectionUpdates } from '../projection';
import { sealAhead } from '../commands/seal-ahead';
import type { LanSyncRow } from './seat-types';

// A seat's pull (issue #19): the server's change log since this PC's cursor, already filtered by
// need to know (electron/server/pull.ts), written into the local database. A system operation, like
// restore: the server authorized, validated and audited each change, so the rows are applied as
// they are, without local audit entries or change-log rows, each page in one transaction with the
// cursor, so a page is in or out as a whole.

export type { PulledChange, PullPage };

/**
 * Tables a seat takes from the server: the search projection each keeps (none for 督办), and what
 * its number (unique: a clash with a record of this PC's own is listed, not written) is called.
 */
const PULLED: Record<string, { projection: { name: string; entry: (row: never) => { id: string } } | null; numbered: string | null }> = {
  [INCOMING_REGISTER.table]: { projection: { name: INCOMING_PROJECTION, entry: (row: IncomingRecord) => toIndexEntry(row) }, numbered: '收文' },
  [TASKS_REGISTER.table]: { projection: null, numbered: '督办事项' },
  // A 纪要's number is unique within its 会议类型 and year, not kept unique here: nothing to clash.
  [MEETINGS_REGISTER.table]: { projection: null, numbered: null },
};

export const CURSOR_KEY = 'cursor';
export const SETTINGS_KEY = 'settings';
export const PAIRED_KEY = 'paired';

/** The LAN's 最高密级 as the server last said it (the server's default until it has). */
export async function lanMaxClassification(db: WenshuDB): Promise<Classification> {
  const row = (await db.lanSync.get(SETTINGS_KEY)) as { maxClassification?: Classification } | undefined;
  return row?.maxClassification ?? DEFAULT_LAN_MAX_CLASSIFICATION;
}

/**
 * Marks this PC as a seat or not, as main's pairing says at each sign-in (the mark is this PC's and
 * never in a backup: after a restore, the first sign-in puts it back).
 */
export async function markSeatPc(db: WenshuDB, paired: boolean, now = new Date()): Promise<void> {
  if (paired === (await isSeatPc(db))) return;
  if (paired) await db.lanSync.put({ key: PAIRED_KEY, since: now.toISOString() });
  else await db.lanSync.delete(PAIRED_KEY);
}

/** Whether this PC is a seat of the office LAN (its 收文 are the server's: nobody numbers them here). */
export async function isSeatPc(db: WenshuDB): Promise<boolean> {
  if (!db.tables.some((t) => t.name === 'lanSync')) return false;
  return (await db.lanSync.get(PAIRED_KEY)) !== undefined;
}
export const versionKey = (tbl: string, id: string) => `v:${tbl}:${id}`;

/**
 * After a whole pull from 0 (a new seat, another person, other roles, or the server restored from
 * a whole-office backup): records this PC holds as the server's (a version row) that the pull did
 * not answer at all are not on the server any more (done after the backup it was restored from):
 * they go, as a remove would take them, unless a change of this PC's waits for them in the outbox.
 * Without this the server would hand their numbers out again and the seat list them as clashes.
 */
export async function sweepUnanswered(db: WenshuDB, last: PullPage, answered: ReadonlySet<string>): Promise<number> {
  const waiting = new Set((await db.lanOutbox.toArray()).map((r) => r.recordId));
  const removes: PulledChange[] = [];
  for (const { key } of await db.lanVersions.where('key').startsWith('v:').toArray()) {
    const [, tbl, id] = /^v:([^:]+):(.+)$/.exec(key) ?? [];
    if (!tbl || !id || answered.has(`${tbl}:${id}`) || waiting.has(id)) continue;
    removes.push({ kind: 'remove', tbl, id });
  }
  if (removes.length > 0) await applyPulledPage(db, { ...last, changes: removes, more: false });
  return removes.length;
}

/** The tables this app pulls, as the cursor row records them. */
export const PULLED_TABLES = () => Object.keys(PULLED).sort().join(',');

/**
 * Where the pull stands. A cursor taken by an app that pulled other tables (before 督办 were
 * pulled, say) passed their changes by: the pull starts again from 0, so they are answered.
 */
export async function readCursor(db: WenshuDB): Promise<{ cursor: number; scope: string }> {
  const row = (await db.lanSync.get(CURSOR_KEY)) as Extract<LanSyncRow, { key: 'cursor' }> | undefined;
  if (!row || (row.tables ?? INCOMING_REGISTER.table) !== PULLED_TABLES()) return { cursor: 0, scope: row?.scope ?? '' };
  return { cursor: row.cursor, scope: row.scope };
}

/** The server's version of a pulled record (the base of a change sent later), if pulled. */
export async function serverVersion(db: WenshuDB, tbl: string, id: string): Promise<number | undefined> {
  const row = await db.lanVersions.get(versionKey(tbl, id));
  return row?.version;
}

/**
 * A pull from 0 into tables that held nothing when it began (a new seat's first pull): what a page
 * finds there is what earlier pages of this pull wrote, so it is known without reading (a lookup
 * of each id cost a first pull of 100,000 收文 ~7 s). Records of this PC's own are never in them.
 */
export interface FreshPull {
  tables: ReadonlySet<string>;
  /** `${tbl}:${id}` of every record this pull has written and not removed. */
  written: Set<string>;
}

/** The tables a pull from 0 may treat as fresh (empty now), for applyPulledPage. */
export async function freshPull(db: WenshuDB): Promise<FreshPull> {
  const tables = new Set<string>();
  for (const tbl of Object.keys(PULLED)) if ((await db.table(tbl).limit(1).primaryKeys()).length === 0) tables.add(tbl);
  return { tables, written: new Set() };
}

/**
 * Writes one page: a put replaces the record (and its search entry), a remove takes it off this
 * PC; in bulk (a new seat's first pull is 100,000 收文), sealed ahead with WebCrypto. Records with
 * a command still waiting in the outbox are left as they are here: the server's answer to that
 * command brings them back. A record of this PC's own holding a 收文编号 the server gave another
 * (registered here before pairing) is never overwritten: the clash is listed instead.
 */
export async function applyPulledPage(db: WenshuDB, page: PullPage, fresh?: FreshPull): Promise<void> {
  const tables = [...new Set(page.changes.map((c) => c.tbl).filter((t) => t in PULLED))];
  await db.transaction('rw', [...tables.map((t) => db.table(t)), db.projectionDeltas, db.lanSync, db.lanVersions, db.lanOutbox, db.lanConflicts, db.settings], async () => {
    // The office's 会议设置, as the server keeps them (saved there from any seat: Seat.saveMeetingSettings).
    if (page.meetingSettings && JSON.stringify((await db.settings.get('meetings'))?.value) !== JSON.stringify(page.meetingSettings)) {
      await db.settings.put({ key: 'meetings', value: page.meetingSettings });
    }
    const waiting = new Set((await db.lanOutbox.toArray()).map((o) => o.recordId));
    for (const tbl of tables) {
      const kept = PULLED[tbl]!;
      const table = db.table(tbl);
      const changes = page.changes.filter((c) => c.tbl === tbl && !waiting.has(c.id));
      // Point reads, not anyOf: over random ids that is one cursor seek per id into the growing
      // store (a first pull's lookup grew from 14 to 500 ms a page); a get of an absent id is
      // cheap. Present rows are opened, few but on a pull from 0 after a change of scope.
      const known = fresh?.tables.has(tbl) ? fresh.written : null;
      const found = known ? changes.map((c) => known.has(`${tbl}:${c.id}`)) : (await table.bulkGet(changes.map((c) => c.id))).map((r) => r !== undefined);
      const existing = new Set(changes.filter((_, i) => found[i]).map((c) => c.id));
      const puts = changes.filter((c): c is Extract<PulledChange, { kind: 'put' }> => c.kind === 'put');
      const clashes = kept.numbered ? await serialClashes(table, puts) : new Map<string, string>();
      // A clash listed earlier is settled once its record lands (this PC's own record handed over,
      // renumbered). Looked up first: a delete of every put's key cost a first pull ~5 s.
      const listed = new Set(await db.lanConflicts.where(':id').startsWith('clash:').primaryKeys());
      if (listed.size) await db.lanConflicts.bulkDelete(puts.filter((c) => !clashes.has(c.id) && listed.has(`clash:${c.id}`)).map((c) => `clash:${c.id}`));
      // Updates before new records: one that moves off a number frees it for a new one of the page.
      const accepted = puts.filter((c) => !clashes.has(c.id));
      const taken = [...accepted.filter((c) => existing.has(c.id)), ...accepted.filter((c) => !existing.has(c.id))];
      const rows = taken.map((c) => c.row);
      await sealAhead(db, tbl, rows);
      await table.bulkPut(rows);
      const projection = kept.projection;
      if (projection) {
        const entries = taken.map((c) => ({ created: !existing.has(c.id), entry: projection.entry(c.row as never) }));
        await writeProjectionBatch(db, projection.name, entries.filter((e) => e.created).map((e) => e.entry), { quiet: true });
        await writeProjectionUpdates(db, projection.name, entries.filter((e) => !e.created).map((e) => e.entry));
      }
      const versions = taken.map((c) => ({ key: versionKey(tbl, c.id), version: c.version }));
      await db.lanVersions.bulkPut(versions);
      const gone = changes.filter((c) => c.kind === 'remove' && existing.has(c.id)).map((c) => c.id);
      await table.bulkDelete(gone);
      for (const c of taken) known?.add(`${tbl}:${c.id}`);
      for (const id of gone) known?.delete(`${tbl}:${id}`);
      await db.lanVersions.bulkDelete(gone.map((id) => versionKey(tbl, id)));
      if (projection) await writeProjectionRemoval(db, projection.name, gone);
      const at = new Date().toISOString();
      await db.lanConflicts.bulkPut(
        [...clashes].map(([id, serial]) => ({ clientId: `clash:${id}`, recordId: id, label: serial, message: `本机另有一件单机登记的${kept.numbered}也编为 ${serial}，服务器上的这一件暂未同步到本机；请办理收文的人员点页首的“交本机记录”，把本机记录交到服务器（编号由服务器重排）后即可同步`, at, accountId: '' })),
      );
    }
    await db.lanSync.bulkPut([
      { key: CURSOR_KEY, cursor: page.cursor, scope: page.scope, tables: PULLED_TABLES() },
      { key: SETTINGS_KEY, maxClassification: page.maxClassification ?? DEFAULT_LAN_MAX_CLASSIFICATION },
    ]);
  });
}

/**
 * Puts whose number (收文编号, 督办编号) a different record of this PC holds: id → number. A holder
 * the same page moves to another number frees it (the page is written as a whole).
 */
async function serialClashes(table: Table, puts: readonly Extract<PulledChange, { kind: 'put' }>[]): Promise<Map<string, string>> {
  const serialOf = (c: Extract<PulledChange, { kind: 'put' }>) => (c.row as { serial: string }).serial;
  const wanted = new Map(puts.map((c) => [serialOf(c), c.id]));
  const moving = new Map(puts.map((c) => [c.id, serialOf(c)]));
  const holders = (await table.where('serial').anyOf([...wanted.keys()]).toArray()) as { id: string; serial: string }[];
  const out = new Map<string, string>();
  // A holder leaves its number only if its own move is written (not itself a clash): repeated
  // until nothing changes, as one refused move can keep another holder in place.
  for (let changed = true; changed; ) {
    changed = false;
    for (const h of holders) {
      const id = wanted.get(h.serial);
      const leaves = moving.has(h.id) && moving.get(h.id) !== h.serial && !out.has(h.id);
      if (id && id !== h.id && !leaves && !out.has(id)) {
        out.set(id, h.serial);
        changed = true;
      }
    }
  }
  return out;
}

/** Folds the search projections a pull wrote into their bases, once (after a pull of several pages). */
export async function foldPulledProjections(db: WenshuDB): Promise<void> {
  for (const { projection } of Object.values(PULLED)) if (projection) await compactProjection(db, projection.name);
}

/**
 * Restarts the pull from the beginning: the user's scope changed (another person signed in on this
 * PC, or their roles changed), so every record is answered again, as put or as remove.
 */
export async function resetCursor(db: WenshuDB, scope: string): Promise<void> {
  await db.lanSync.put({ key: CURSOR_KEY, cursor: 0, scope, tables: PULLED_TABLES() });
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
