// Which IndexedDB database holds the app's data (issue #18). A restore writes the backup into a NEW
// database and then switches this pointer in one strict write: a power cut at any moment leaves
// either the old data or the new one current, never a mix. The pointer lives in a tiny database of
// its own (not localStorage: it must be durable, and ordered with the IndexedDB writes before it).
// No pointer: the family's own name (`wenshu`), so every installation from before keeps working.
//
// A family is a base name and every database named `<base>~<id>` made by restores of it. Any
// member the pointer does not name is a leftover (a restore cut short, or the data a restore
// replaced) and is deleted at the next start.

const POINTER_DB = 'wenshu-pointer';
const STORE = 'pointers';
/** Separates a family's base name from a restored database's id. */
const FAMILY_SEPARATOR = '~';

/** The family a database name belongs to. */
export function familyOf(name: string): string {
  const i = name.indexOf(FAMILY_SEPARATOR);
  return i < 0 ? name : name.slice(0, i);
}

/** A fresh member of the family of `name` (a restore's target). */
export function newFamilyMember(name: string): string {
  return `${familyOf(name)}${FAMILY_SEPARATOR}${crypto.randomUUID()}`;
}

function idb(): IDBFactory {
  return globalThis.indexedDB;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

let opened: Promise<IDBDatabase> | null = null;

function openPointerDb(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = idb().open(POINTER_DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'family' });
    req.onsuccess = () => {
      const db = req.result;
      // Never in the way of anyone (a test deleting every database, say): reopened when needed.
      db.onversionchange = () => {
        db.close();
        opened = null;
      };
      resolve(db);
    };
    req.onerror = () => {
      opened = null;
      reject(req.error ?? new Error('IndexedDB open failed'));
    };
  });
  return opened;
}

/** The database the family's pointer names (the family's own name when there is none). */
export async function readPointer(family: string): Promise<string> {
  const db = await openPointerDb();
  const row = await request(db.transaction(STORE, 'readonly').objectStore(STORE).get(family) as IDBRequest<{ current?: unknown } | undefined>);
  return typeof row?.current === 'string' && familyOf(row.current) === family ? row.current : family;
}

/** Points the family at `current`: one strict write, on disk before it resolves. */
export async function writePointer(current: string): Promise<void> {
  const db = await openPointerDb();
  const tx = db.transaction(STORE, 'readwrite', { durability: 'strict' });
  tx.objectStore(STORE).put({ family: familyOf(current), current });
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
  });
}

/** The lock a restore of the family holds while it writes (leftover removal keeps off it). */
function restoreLockName(family: string): string {
  return `wenshu-restore:${family}`;
}

function locks(): LockManager | undefined {
  return (globalThis.navigator as Navigator | undefined)?.locks;
}

/** Runs `work` holding the family's restore lock (where the platform has Web Locks). */
export async function holdingRestoreLock<T>(family: string, work: () => Promise<T>): Promise<T> {
  const l = locks();
  return l ? ((await l.request(restoreLockName(family), work)) as T) : work();
}

/** Databases being written by a restore in this window (no Web Locks in tests: kept off here too). */
export const restoresInProgress = new Set<string>();

/**
 * Deletes every member of the family the pointer does not name: a restore cut short (its new
 * database, sealed under this PC's key) or the data a finished restore replaced. Skipped while a
 * restore of the family runs in any window. Returns the names deleted.
 */
export async function removeFamilyLeftovers(family: string): Promise<string[]> {
  const l = locks();
  if (!l) return sweepFamilyLeftovers(family);
  return (await l.request(restoreLockName(family), { ifAvailable: true }, (lock) => (lock ? sweepFamilyLeftovers(family) : []))) as string[];
}

/** removeFamilyLeftovers for the holder of the family's restore lock (a restore, right after its switch). */
export async function sweepFamilyLeftovers(family: string): Promise<string[]> {
  const current = await readPointer(family);
  const names = (await idb().databases()).map((d) => d.name).filter((n): n is string => !!n);
  const left = names.filter((n) => familyOf(n) === family && n !== current && !restoresInProgress.has(n));
  for (const n of left) await request(idb().deleteDatabase(n) as IDBRequest<unknown>);
  return left;
}

let appName: string | null = null;

/**
 * Read once at start, before the app renders (renderer/main.tsx): which database the app opens.
 * Leftovers are removed after, without holding up the start.
 */
export async function loadAppDatabaseName(family: string): Promise<string> {
  try {
    appName = await readPointer(family);
  } catch {
    // No IndexedDB for the pointer (it would fail for the data too): the family's own name.
    appName = family;
  }
  void removeFamilyLeftovers(family).catch(() => undefined);
  return appName;
}

/** The database the app uses (its family's name until loadAppDatabaseName has run). */
export function appDatabaseName(family: string): string {
  return appName && familyOf(appName) === family ? appName : family;
}
