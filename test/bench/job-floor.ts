// What bare IndexedDB takes for the very rows a job moves (issue #18), beside the job itself: the
// floor of floor.ts is one synthetic table; a job's own floor is its own rows — their number,
// their stored size (sealed), the tables' real indexes — read or written with nothing else: no
// Dexie, no cipher, no JSON, no audit chain. A job can approach its own floor, never beat it, so a
// goal below it cannot be met by any code above IndexedDB on this machine.

/** Rows per read page and per write transaction (the backup reads 250 a page; the writes batch 4,000). */
const READ_PAGE = 2_000;
const WRITE_BATCH = 4_000;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function openRaw(name: string, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = upgrade ? indexedDB.open(name, 1) : indexedDB.open(name);
    if (upgrade) req.onupgradeneeded = () => upgrade(req.result);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error(`cannot open ${name}`));
  });
}

interface StoreShape {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }[];
}

/** One table's stored rows, as IndexedDB holds them, with their keys (for a table without a key path). */
interface StoredTable {
  shape: StoreShape;
  rows: unknown[];
  keys: IDBValidKey[];
}

/** Every stored row of database `name`, read table by table in getAll pages of one read transaction; and how long the read took. */
export async function bareRead(name: string, skip: ReadonlySet<string> = new Set()): Promise<{ tables: StoredTable[]; rows: number; ms: number }> {
  const db = await openRaw(name);
  const names = [...db.objectStoreNames].filter((n) => !skip.has(n));
  const t0 = performance.now();
  const tx = db.transaction(names, 'readonly');
  const tables: StoredTable[] = [];
  let count = 0;
  for (const n of names) {
    const store = tx.objectStore(n);
    const shape: StoreShape = {
      name: n,
      keyPath: store.keyPath,
      autoIncrement: store.autoIncrement,
      indexes: [...store.indexNames].map((i) => {
        const index = store.index(i);
        return { name: i, keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
      }),
    };
    const rows: unknown[] = [];
    const keys: IDBValidKey[] = [];
    let after: IDBValidKey | null = null;
    for (;;) {
      const range: IDBKeyRange | null = after === null ? null : IDBKeyRange.lowerBound(after, true);
      const [page, pageKeys]: [unknown[], IDBValidKey[]] = await Promise.all([request(store.getAll(range, READ_PAGE)), request(store.getAllKeys(range, READ_PAGE))]);
      rows.push(...page);
      keys.push(...pageKeys);
      if (page.length < READ_PAGE) break;
      after = pageKeys[pageKeys.length - 1]!;
    }
    count += rows.length;
    tables.push({ shape, rows, keys });
  }
  const ms = performance.now() - t0;
  db.close();
  return { tables, rows: count, ms };
}

/**
 * `tables` written into a new database of the same stores and indexes, in batches of WRITE_BATCH
 * rows a transaction (strict durability, as the app writes), every request issued at once; and how
 * long the writes took. The database is left (the bench's profile is thrown away): deleting it
 * would keep IndexedDB compacting while the next figure is measured.
 */
export async function bareWrite(tables: readonly StoredTable[]): Promise<{ rows: number; ms: number }> {
  const name = `bench-job-floor-${Date.now()}`;
  const db = await openRaw(name, (d) => {
    for (const { shape } of tables) {
      const store = d.createObjectStore(shape.name, { keyPath: shape.keyPath, autoIncrement: shape.autoIncrement });
      for (const i of shape.indexes) store.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
    }
  });
  let count = 0;
  const t0 = performance.now();
  for (const { shape, rows, keys } of tables) {
    for (let at = 0; at < rows.length; at += WRITE_BATCH) {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(shape.name, 'readwrite', { durability: 'strict' });
        const store = tx.objectStore(shape.name);
        const end = Math.min(rows.length, at + WRITE_BATCH);
        // A key path (even an auto-incremented one) is in the stored row; otherwise the key goes beside it.
        for (let i = at; i < end; i++) store.add(rows[i], shape.keyPath === null ? keys[i] : undefined);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('bare write failed'));
        tx.onabort = () => reject(tx.error ?? new Error('bare write aborted'));
      });
    }
    count += rows.length;
  }
  const ms = performance.now() - t0;
  db.close();
  return { rows: count, ms };
}
