import Dexie, { type Table } from 'dexie';
import { readLargeRow } from './at-rest/encryption-middleware';
import type { WenshuDB } from './database';
import { TextScan } from './text-scan';
import type { ProjectionDeltaRecord, ProjectionRecord } from './types';

// An in-memory projection of a register (id + the few fields lists filter and sort on + the
// normalised searchable text). DESIGN.md "measured facts": scanning such a projection in memory
// is ~100× faster than any IndexedDB query at 100,000 rows, and one persisted record loads in
// ~100 ms. Writes append a small delta row in the same transaction as the record and its audit
// entry; deltas are folded into the base off the hot path. Every query first applies deltas it
// has not seen, so a second window's writes show up too.
//
// A projection's entries have a shape version (`version`, 1 when absent on a stored row): when a
// register's entry gains a field, its version goes up and a stored base of an older version is
// not used but rebuilt from the table once (and its older deltas dropped), as after a migration.

export interface ProjectionEntry {
  id: string;
}

const COMPACT_AFTER = 2000;

/** The entries a delta row carries: one, or a bulk import's batch (none for a removal). */
function deltaEntries(d: ProjectionDeltaRecord): unknown[] {
  if (d.removed) return [];
  return d.entries ?? [d.entry];
}

/** Starts `work` on a fresh task (no liveQuery zone); failures are only logged: it is a cache. */
function outsideLiveQuery(work: () => Promise<unknown>): void {
  setTimeout(() => {
    work().catch((e: unknown) => console.warn('projection upkeep failed', e));
  }, 0);
}

/** A tiny record beside the (large) base, saying up to which delta the base is folded. */
function metaKey(name: string): string {
  return `${name}:meta`;
}

/**
 * Writes Dexie has seen to each database's projection rows (this window's, and other windows' by
 * its BroadcastChannel): a count per database name. A projection that caught up after the last
 * such write, a moment ago, has nothing to read (issue #18: the catch-up read was a third of a
 * 13 ms search). This is the very signal that re-runs a live list after a write, so a list is no
 * staler than before; the catch-up still reads at least every CATCH_UP_AT_LEAST ms in case a
 * signal was lost (a channel closed by the browser's back-forward cache, say).
 */
const projectionWrites = new Map<string, number>();
const CATCH_UP_AT_LEAST = 1000;
let listening = false;

function projectionWritesOf(dbName: string): number {
  if (!listening) {
    listening = true;
    Dexie.on('storagemutated', (parts: Record<string, unknown>) => {
      for (const key of Object.keys(parts)) {
        const m = /^idb:\/\/(.*)\/(projections|projectionDeltas)\//.exec(key);
        if (m) projectionWrites.set(m[1]!, (projectionWrites.get(m[1]!) ?? 0) + 1);
        // Anything else than a table's part ("all" after the page came back from the cache): every database.
        else if (!key.startsWith('idb://')) for (const name of projectionWrites.keys()) projectionWrites.set(name, (projectionWrites.get(name) ?? 0) + 1);
      }
    });
  }
  if (!projectionWrites.has(dbName)) projectionWrites.set(dbName, 0);
  return projectionWrites.get(dbName)!;
}

export class LiveProjection<E extends ProjectionEntry> {
  /** projectionWritesOf() and the time when the last catch-up began that read every delta up to then. */
  private caughtUp: { writes: number; at: number } | null = null;
  private entries = new Map<string, E>();
  private lastDeltaId = 0;
  private loading: Promise<void> | null = null;
  private loaded = false;
  private compacting = false;
  /** The entries' search texts joined per block (text-scan.ts), kept in step with `entries`. */
  private readonly scan: TextScan<E> | null;

  constructor(
    private readonly db: WenshuDB,
    readonly name: string,
    /** The register the projection mirrors. */
    private readonly source: Table,
    /** Builds every entry from the source table, for the first load after a migration or restore. */
    private readonly rebuild: (db: WenshuDB) => Promise<E[]>,
    /** The entries' shape version: a stored base of another version is rebuilt. */
    readonly version = 1,
    /**
     * The entry's normalised search text for `containing`: a needle (no whitespace) must match
     * it iff it matches the entry's `text` or its `publicText`.
     */
    searchText?: (e: E) => string,
  ) {
    this.scan = searchText ? new TextScan(searchText) : null;
  }

  /**
   * The current entries whose search text contains `needle` (normalised), in the entries' order:
   * what a scan of every entry finds, in a fraction of its time. Call right after `current()`
   * resolved (it reads what that loaded, without waiting).
   */
  containing(needle: string): E[] {
    if (!this.scan) throw new Error(`projection ${this.name} keeps no search text`);
    return this.scan.containing(needle, this.entries);
  }

  /** True once the base is in memory (queries then cost milliseconds). */
  isLoaded(): boolean {
    return this.loaded;
  }

  /**
   * How many records the register holds, without loading the base when it is not in memory yet:
   * the meta row's size plus the records added since (deltas marked `created`). Counting a table
   * of 100,000 encrypted rows costs IndexedDB ~130–250 ms; this costs a few. A base without a
   * recorded size (written before sizes were kept) falls back to counting.
   */
  async size(): Promise<number> {
    if (this.loaded) return (await this.current()).size;
    const { meta, added } = await this.db.transaction('r', [this.db.projections, this.db.projectionDeltas], async () => {
      const meta = await this.db.projections.get(metaKey(this.name));
      if (meta?.size === undefined) return { meta, added: 0 };
      // By key above the base's mark: a seek past the deltas already folded (and deleted: after a
      // bulk seed, 20,000 deleted rows in the 'projection' index cost ~100 ms to step over).
      const grown = await this.db.projectionDeltas
        .where('id')
        .above(meta.lastDeltaId)
        .filter((d) => d.created === true && d.projection === this.name)
        .toArray();
      const gone = await this.db.projectionDeltas
        .where('id')
        .above(meta.lastDeltaId)
        .filter((d) => !!d.removed && d.projection === this.name)
        .toArray();
      return { meta, added: grown.reduce((n, d) => n + deltaEntries(d).length, 0) - gone.reduce((n, d) => n + d.removed!.length, 0) };
    });
    return meta?.size === undefined ? this.source.count() : meta.size + added;
  }

  /** Starts loading in the background (e.g. while the first page is read from an index). */
  warm(): void {
    this.loading ??= this.startLoad();
    this.loading.catch(() => undefined); // reported by the next query that awaits it
  }

  private startLoad(): Promise<void> {
    return this.load().then(
      () => {
        this.loaded = true;
        // Join the search text now, off the query that loaded it, rather than in the first search.
        if (this.scan) setTimeout(() => this.scan?.prepare(this.entries), 0);
      },
      (e: unknown) => {
        this.loading = null; // the next query tries again
        throw e;
      },
    );
  }

  /** All current entries (loads and catches up first). */
  async current(): Promise<Map<string, E>> {
    this.loading ??= this.startLoad();
    await this.loading;
    await this.catchUp();
    return this.entries;
  }

  private async load(): Promise<void> {
    // One large row: read and opened outside Dexie, with WebCrypto (renderer/db/at-rest).
    const base = (await readLargeRow(this.db, this.db.keyring, 'projections', this.name)) as ProjectionRecord | undefined;
    if (base && (base.version ?? 1) === this.version) {
      this.entries = new Map((base.entries as E[]).map((e) => [e.id, e]));
      // The scan is joined again from the new entries on the next search (~40 ms at 100,000).
      this.scan?.invalidate();
      this.lastDeltaId = base.lastDeltaId;
      return;
    }
    // No base yet (or one of an older shape): build it from the table once, in a read transaction
    // so the entries and the delta high-water mark agree, then persist it.
    const { entries, lastDeltaId } = await this.db.transaction('r', [this.source, this.db.projectionDeltas], async () => {
      const built = await this.rebuild(this.db);
      const last = await this.db.projectionDeltas.orderBy('id').last();
      return { entries: built, lastDeltaId: last?.id ?? 0 };
    });
    for (const e of entries) this.entries.set(e.id, e);
    this.scan?.invalidate();
    this.lastDeltaId = lastDeltaId;
    // Queries often run inside a read-only liveQuery, where no write may start: persisting the
    // base is a cache write, so it runs on its own, outside that context.
    const version = this.version;
    outsideLiveQuery(() =>
      this.db.transaction('rw', [this.db.projections, this.db.projectionDeltas], async () => {
        // Another window may have built (and compacted) it meanwhile: never overwrite a newer base.
        const meta = await this.db.projections.get(metaKey(this.name));
        if (meta && (meta.version ?? 1) === version) return;
        await this.db.projections.bulkPut([
          { key: this.name, entries, lastDeltaId, version },
          { key: metaKey(this.name), entries: [], lastDeltaId, size: entries.length, version },
        ]);
        // Deltas up to the mark are in the entries just built; an older shape's must never be folded in.
        const stale = await this.db.projectionDeltas.where('projection').equals(this.name).filter((d) => (d.id ?? 0) <= lastDeltaId).primaryKeys();
        await this.db.projectionDeltas.bulkDelete(stale);
      }),
    );
  }

  private async catchUp(): Promise<void> {
    const writes = projectionWritesOf(this.db.name);
    const at = performance.now();
    if (this.caughtUp && this.caughtUp.writes === writes && at - this.caughtUp.at < CATCH_UP_AT_LEAST) return;
    await this.readDeltas();
    // Counted before the read: a write signalled while it ran is read by the next catch-up.
    this.caughtUp = { writes, at };
  }

  private async readDeltas(): Promise<void> {
    // Another window's compaction may have deleted deltas this one never read: if the base moved
    // past what this window holds, reload it first.
    // Meta and deltas in one read: a compaction in between could otherwise hide entries.
    const { meta, deltas } = await this.db.transaction('r', [this.db.projections, this.db.projectionDeltas], async () => ({
      meta: await this.db.projections.get(metaKey(this.name)),
      deltas: await this.db.projectionDeltas.where('id').above(this.lastDeltaId).toArray(),
    }));
    let fresh = deltas;
    if (meta && meta.lastDeltaId > this.lastDeltaId) {
      await this.load();
      fresh = await this.db.projectionDeltas.where('id').above(this.lastDeltaId).toArray();
    }
    let pending = 0;
    // A bulk import's batch row stands for thousands of records: fold it in at once.
    let batch = false;
    for (const d of fresh) {
      this.lastDeltaId = Math.max(this.lastDeltaId, d.id ?? 0);
      if (d.projection !== this.name) continue;
      if (d.entries && !d.quiet) batch = true;
      if (d.removed) {
        for (const id of d.removed) this.entries.delete(id);
        this.scan?.invalidate();
        pending += d.removed.length;
      }
      for (const e of deltaEntries(d) as E[]) {
        this.entries.set(e.id, e);
        // A registration is searchable at once: its block is joined again on the next search.
        this.scan?.set(e);
        pending += 1;
      }
    }
    if (pending > 0 || fresh.length > 0) outsideLiveQuery(() => this.maybeCompact(batch));
  }

  /** Folds deltas into the base once there are many, in its own transaction after the fact. */
  private async maybeCompact(now = false): Promise<void> {
    if (this.compacting) return;
    const count = await this.db.projectionDeltas.where('projection').equals(this.name).count();
    if (count < COMPACT_AFTER && !now) return;
    this.compacting = true;
    try {
      await compactProjection(this.db, this.name);
    } finally {
      this.compacting = false;
    }
  }
}

/** Writes one entry's new state. Call inside the transaction that changes the record. */
/** `created`: the record was just added (not replaced), so a cold list's total grows by one. */
export async function writeProjectionDelta<E extends ProjectionEntry>(db: WenshuDB, name: string, entry: E, created: boolean): Promise<void> {
  await db.projectionDeltas.add({ projection: name, entry, ...(created ? { created: true as const } : {}) });
}

/** The new entries of records that changed (not added), as ONE delta row (a LAN seat's pull). Inside the transaction that changes them. */
export async function writeProjectionUpdates<E extends ProjectionEntry>(db: WenshuDB, name: string, entries: readonly E[]): Promise<void> {
  if (entries.length) await db.projectionDeltas.add({ projection: name, entries: [...entries], quiet: true });
}

/** Records that left the register on this PC (a LAN seat's pull): their entries are dropped. Inside the transaction that removes them. */
export async function writeProjectionRemoval(db: WenshuDB, name: string, ids: readonly string[]): Promise<void> {
  if (ids.length) await db.projectionDeltas.add({ projection: name, removed: [...ids] });
}

/** The entries of records a bulk import added, as ONE delta row (inside the import's transaction). */
export async function writeProjectionBatch<E extends ProjectionEntry>(db: WenshuDB, name: string, entries: readonly E[], opts: { quiet?: boolean } = {}): Promise<void> {
  if (entries.length) await db.projectionDeltas.add({ projection: name, entries: [...entries], created: true, ...(opts.quiet ? { quiet: true as const } : {}) });
}

export async function compactProjection(db: WenshuDB, name: string): Promise<void> {
  await db.transaction('rw', [db.projections, db.projectionDeltas], async () => {
    const base = await db.projections.get(name);
    if (!base) return; // nothing to fold into yet: the next load rebuilds from the table
    const deltas = await db.projectionDeltas.where('projection').equals(name).toArray();
    if (deltas.length === 0) return;
    const map = new Map<string, unknown>();
    for (const e of base.entries as ProjectionEntry[]) map.set(e.id, e);
    let last = base.lastDeltaId;
    for (const d of deltas) {
      // Up to the base's mark a delta is already in it (and may be of an older shape).
      if ((d.id ?? 0) <= base.lastDeltaId) continue;
      for (const e of deltaEntries(d) as ProjectionEntry[]) map.set(e.id, e);
      for (const id of d.removed ?? []) map.delete(id);
      last = Math.max(last, d.id ?? 0);
    }
    // The base keeps its shape version: folding does not make an older base current.
    const version = base.version !== undefined ? { version: base.version } : {};
    await db.projections.bulkPut([
      { key: name, entries: [...map.values()], lastDeltaId: last, ...version },
      { key: metaKey(name), entries: [], lastDeltaId: last, size: map.size, ...version },
    ]);
    await db.projectionDeltas.bulkDelete(deltas.map((d) => d.id!));
  });
}

const live = new WeakMap<WenshuDB, Map<string, LiveProjection<ProjectionEntry>>>();

export function liveProjection<E extends ProjectionEntry>(
  db: WenshuDB,
  name: string,
  source: Table,
  rebuild: (db: WenshuDB) => Promise<E[]>,
  version = 1,
  searchText?: (e: E) => string,
): LiveProjection<E> {
  let byName = live.get(db);
  if (!byName) {
    byName = new Map();
    live.set(db, byName);
  }
  let p = byName.get(name);
  if (!p) {
    p = new LiveProjection<E>(db, name, source, rebuild, version, searchText) as unknown as LiveProjection<ProjectionEntry>;
    byName.set(name, p);
  }
  return p as unknown as LiveProjection<E>;
}
