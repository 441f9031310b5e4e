import type { AuditHead } from '../audit';
import { BackupFileError } from '@shared/backup-format';
import { CHAIN_TABLES, ChainFrames, parseRowsFrame, RowsWriter, type RowsWriterOptions, type RowsWritten, type TableDesc } from './restore-rows';
import type { FromRowsWorker, ToRowsWorker } from './restore-rows-protocol';

/** Where a restore's rows frames go, in order: a RowsWriter in place, or RowsWriters in Web Workers. */
export interface RowsSink {
  /** One rows frame's UTF-8 JSON (handed over: the caller no longer uses the bytes). */
  frame(json: Uint8Array): Promise<void>;
  /** Every row so far written. */
  drain(): Promise<void>;
  /** Every row written, and the verdict. */
  end(head: AuditHead): Promise<RowsWritten>;
  /** Ends the work (workers are terminated: whatever they had not committed is not written). */
  close(): void;
}

/** The rows written on this thread (no Worker: unit tests in Node; an older backup's schema). */
export function inPlaceRows(options: RowsWriterOptions): RowsSink {
  const writer = new RowsWriter(options);
  return {
    frame: (json) => writer.frame(json),
    drain: () => writer.drain(),
    end: (head) => writer.end(head),
    close: () => undefined,
  };
}

/**
 * How many workers parse, seal and write side by side. Two: the machines are 2-core, and the main
 * thread is left little but reading, decrypting and the audit chain (see restore-rows.ts).
 */
export const ROWS_WORKERS = 2;
/** Frames handed to each worker and not yet batched there: enough to keep it busy, few enough to bound memory. */
const FRAMES_IN_FLIGHT = 3;

interface RowsWorker {
  worker: Worker;
  inFlight: Promise<unknown>[];
  /** The next message id. */
  next(): number;
  call(m: Extract<ToRowsWorker, { type: 'frame' | 'drain' | 'end' }>, transfer?: Transferable[]): Promise<FromRowsWorker>;
}

/**
 * The rows parsed, sealed and written by ROWS_WORKERS workers (restore-rows.worker.ts), each
 * given every other frame; the audit chain checked here, in file order, from the frames of its
 * tables. Null when no worker can be started here (no Worker, or one that fails to start: the
 * caller writes in place). The workers open the new database `dbName` and seal with `dataKey`
 * (the key this window holds already), wiped here once posted.
 */
export async function workerRows(o: { dbName: string; dataKey: Uint8Array; tableNames: string[]; sealed: TableDesc[]; onRows: (table: string, n: number) => void; check: () => void }): Promise<RowsSink | null> {
  if (typeof Worker === 'undefined') {
    o.dataKey.fill(0);
    return null;
  }
  let failure: Error | null = null;
  const pending = new Set<{ reject: (e: Error) => void }>();
  const fail = (e: Error) => {
    failure ??= e;
    for (const p of pending) p.reject(failure);
    pending.clear();
  };
  const workers: RowsWorker[] = [];
  const starts: Promise<void>[] = [];
  try {
    for (let n = 0; n < ROWS_WORKERS; n++) {
      const worker = new Worker(new URL('./restore-rows.worker.ts', import.meta.url), { type: 'module', name: `restore-rows-${n}` });
      let nextId = 1;
      const waiting = new Map<number, { resolve: (m: FromRowsWorker) => void; reject: (e: Error) => void }>();
      let ready: { resolve: () => void; reject: (e: Error) => void } | null = null;
      starts.push(
        new Promise<void>((resolve, reject) => {
          ready = { resolve, reject };
          pending.add(ready);
        }),
      );
      worker.onmessage = (e: MessageEvent<FromRowsWorker>) => {
        const m = e.data;
        if (m.type === 'ready') ready?.resolve();
        else if (m.type === 'rows') o.onRows(m.table, m.n);
        else if (m.type === 'error') fail(m.name === 'BackupFileError' ? new BackupFileError(m.message) : Object.assign(new Error(m.message), { name: m.name }));
        else {
          const w = waiting.get(m.id);
          waiting.delete(m.id);
          if (w) pending.delete(w);
          w?.resolve(m);
        }
      };
      worker.onerror = (e) => {
        e.preventDefault();
        fail(new Error(`恢复数据的后台线程出错：${e.message || '未知错误'}`));
      };
      worker.postMessage({ type: 'init', dbName: o.dbName, dataKey: o.dataKey, tableNames: o.tableNames, sealed: o.sealed } satisfies ToRowsWorker);
      workers.push({
        worker,
        inFlight: [],
        next: () => nextId++,
        call: (m, transfer = []) => {
          if (failure) return Promise.reject(failure);
          return new Promise((resolve, reject) => {
            const w = { resolve, reject };
            waiting.set(m.id, w);
            pending.add(w);
            worker.postMessage(m, transfer);
          });
        },
      });
    }
    await Promise.all(starts);
  } catch {
    // Not started (blocked, or no module workers here): the rows are written in place instead.
    for (const w of workers) w.worker.terminate();
    return null;
  } finally {
    o.dataKey.fill(0);
  }
  const chain = new ChainFrames();
  let turn = 0;
  const closeAll = () => {
    for (const w of workers) w.worker.terminate();
    fail(new Error('恢复已结束'));
  };
  return {
    async frame(json) {
      o.check();
      if (failure) throw failure;
      // Which table, from the frame's opening; the chain's tables (and any frame not written as
      // backup.ts writes them) are parsed here too. The worker refuses a frame of another table.
      let table = tableAtStart(json, o.tableNames);
      if (table === null || CHAIN_TABLES.includes(table)) {
        const parsed = parseRowsFrame(json, o.tableNames);
        table = parsed.table;
        chain.feed(table, parsed.rows);
      }
      const w = workers[turn++ % workers.length]!;
      const p = w.call({ type: 'frame', id: w.next(), json, table }, [json.buffer]);
      p.catch(() => undefined); // reported when awaited
      w.inFlight.push(p);
      while (w.inFlight.length > FRAMES_IN_FLIGHT) await w.inFlight.shift();
    },
    async drain() {
      await Promise.all(workers.map((w) => w.call({ type: 'drain', id: w.next() })));
      for (const w of workers) w.inFlight.length = 0;
    },
    async end(head) {
      const replies = await Promise.all(workers.map((w) => w.call({ type: 'end', id: w.next(), head })));
      const seen: Record<string, number> = {};
      for (const m of replies) {
        if (m.type !== 'ended') throw new Error('restore worker: unexpected reply');
        for (const [t, n] of Object.entries(m.written.seen)) seen[t] = (seen[t] ?? 0) + n;
      }
      return { seen, ...chain.verdict(head) };
    },
    close: closeAll,
  };
}

const te = new TextEncoder();
const openings = new Map<string, Uint8Array>();

/** The table a rows frame names at its very start, as backup.ts writes it (`{"kind":"rows","table":"x",`), or null. */
function tableAtStart(json: Uint8Array, tableNames: readonly string[]): string | null {
  for (const name of tableNames) {
    let opening = openings.get(name);
    if (!opening) {
      opening = te.encode(`{"kind":"rows","table":${JSON.stringify(name)},`);
      openings.set(name, opening);
    }
    if (json.length >= opening.length && opening.every((b, i) => json[i] === b)) return name;
  }
  return null;
}
