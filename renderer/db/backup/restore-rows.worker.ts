/// <reference lib="webworker" />
import { Keyring } from '../at-rest/keyring';
import { addRaw, RowsWriter } from './restore-rows';
import type { FromRowsWorker, ToRowsWorker } from './restore-rows-protocol';

// A restore's rows worker (issue #18): parses the rows frames the main thread has read and
// decrypted, seals every row under this PC's data key and adds it to the new database itself
// (IndexedDB is open to workers of the same origin); restore-rows-sink.ts runs two side by side and
// checks the audit chain on the main thread. The data key arrives by postMessage from the window
// that holds it (keyring.ts: it is in this renderer's memory from sign-in; a dedicated worker runs
// in the same renderer and is reached by no one else) and is wiped when the work ends. Nothing here
// touches the network or any database but the one named in `init`, which must exist already.

type Scope = Pick<DedicatedWorkerGlobalScope, 'postMessage'> & { onmessage: ((e: MessageEvent<ToRowsWorker>) => unknown) | null };

function openDatabase(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    // No version: the database restore.ts created, as it is.
    const req = indexedDB.open(name);
    req.onupgradeneeded = () => {
      req.transaction?.abort();
      reject(new Error(`恢复的数据库 ${name} 不存在`));
    };
    req.onsuccess = () => {
      const db = req.result;
      // A restore that is dropped deletes the database: never block that.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'));
  });
}

/** The worker's side, on `scope` (this worker's global; a unit test hands in one of its own). */
export function serveRows(scope: Scope): void {
  const post = (m: FromRowsWorker) => scope.postMessage(m);
  let writer: RowsWriter | null = null;
  let idb: IDBDatabase | null = null;
  const keyring = new Keyring();
  // Messages are handled strictly in order (each handler is async: the next waits for the last).
  let queue: Promise<void> = Promise.resolve();
  let failed = false;

  async function handle(m: ToRowsWorker): Promise<void> {
    if (m.type === 'init') {
      keyring.unlock(m.dataKey);
      m.dataKey.fill(0);
      const db = await openDatabase(m.dbName);
      idb = db;
      writer = new RowsWriter({
        write: (table, rows) => addRaw(db, table, rows),
        keyring,
        tableNames: m.tableNames,
        sealed: m.sealed,
        // Checked on the main thread, which sees every frame in order (this worker sees some).
        checkChain: false,
        onRows: (table, n) => post({ type: 'rows', table, n }),
      });
      post({ type: 'ready' });
      return;
    }
    if (!writer) throw new Error('restore worker: not initialised');
    if (m.type === 'frame') {
      await writer.frame(m.json, m.table);
      post({ type: 'ack', id: m.id });
    } else if (m.type === 'drain') {
      await writer.drain();
      post({ type: 'ack', id: m.id });
    } else {
      const written = await writer.end(m.head);
      idb?.close();
      keyring.lock();
      post({ type: 'ended', id: m.id, written });
    }
  }

  scope.onmessage = (e: MessageEvent<ToRowsWorker>) => {
    const m = e.data;
    queue = queue.then(async () => {
      if (failed) return;
      try {
        await handle(m);
      } catch (error) {
        // The first failure ends the work: nothing after it is sealed or written.
        failed = true;
        keyring.lock();
        idb?.close();
        const err = error instanceof Error ? error : new Error(String(error));
        post({ type: 'error', name: err.name, message: err.message });
      }
    });
  };
}

if (typeof DedicatedWorkerGlobalScope !== 'undefined' && self instanceof DedicatedWorkerGlobalScope) serveRows(self);
