import Dexie from 'dexie';
import { AUDIT_HEAD_KEY, GENESIS_HASH, StreamedChainCheck, type AuditHead, type AuditVerification } from '../audit';
import { rowSealer, type CodecTable } from '../at-rest/encryption-middleware';
import type { Keyring } from '../at-rest/keyring';
import type { AuditEntry } from '../types';
import { BackupFileError } from '@shared/backup-format';

// The rows of a restore (issue #18), frame by frame into the new database: each rows frame's JSON
// parsed, its rows counted and (at this schema version) their audit chain checked as they go by,
// sealed under this PC's key exactly as the at-rest middleware stores them (rowSealer: the same
// fields, binding and format) and added straight to IndexedDB in large batches, outside any Dexie
// transaction. The same code runs in Web Workers (restore-rows.worker.ts) or, where there is no
// Worker (unit tests in Node, an older backup's schema), in place.
//
// Where the time goes (bench, 108k rows, main thread of the restore before the worker): IndexedDB's
// add (its structured clone and index keys) ~54 µs a row, the sealing ~90 µs (the row's binding
// and JSON ~53, WebCrypto's call and copies ~37), parsing and the chain ~25, garbage ~23; the main
// thread was busy 80% of the time. So the work is split over the cores: two workers parse, seal
// and write (restore-rows-sink.ts), the main thread reads and decrypts the file and checks the
// audit chain (now idle ~70% of the restore: the progress bar stays smooth). This moves work, it does not remove any: on a machine whose
// cores are all busy (bench, load ~11 on 2 cores, 108k rows, in place and workers alternately in
// one page) both took the same time (47.5 / 47.4 s against 49.7 / 44.8 s); the workers gain only
// where a core is free. `npm run bench -- --only=restore` prints that A/B.

/** What the codec needs of a table: a declared schema, as plain data (it crosses to the worker). */
export interface TableDesc {
  name: string;
  keyPath: string | string[] | null;
  auto: boolean;
  indexes: (string | string[] | null)[];
}

/** A Dexie table's schema as a TableDesc. */
export function tableDesc(t: { name: string; schema: { primKey: { keyPath?: string | string[] | null; auto?: boolean }; indexes: { keyPath?: string | string[] | null }[] } }): TableDesc {
  return { name: t.name, keyPath: t.schema.primKey.keyPath ?? null, auto: !!t.schema.primKey.auto, indexes: t.schema.indexes.map((i) => i.keyPath ?? null) };
}

/** The codec's view of a declared table (the current schema's: the rows are sealed as this version stores them). */
function codecTable(d: TableDesc): CodecTable {
  const kp = d.keyPath;
  const extractKey = (value: unknown) => {
    const v = value as object;
    return Array.isArray(kp) ? kp.map((k) => Dexie.getByKeyPath(v, k)) : kp === null ? undefined : Dexie.getByKeyPath(v, kp);
  };
  return {
    name: d.name,
    schema: {
      primaryKey: { keyPath: kp, autoIncrement: d.auto, extractKey },
      indexes: d.indexes.map((keyPath) => ({ keyPath })),
    },
  };
}

/** Rows per write transaction, and how many such transactions wait queued while the next batch is sealed. */
export const ROWS_BATCH = 4000;
const WRITES_AHEAD = 2;

export const INCOMPLETE = '备份文件内容不完整或已被改动，不能恢复';

/**
 * Rows added in one IndexedDB transaction (add: a key twice in the file is refused, as bulkAdd did).
 * Relaxed durability (no flush to disk at each commit) is safe here: these go into the NEW
 * database, which nothing names yet. Every one of them has completed before the restore goes on
 * (the workers' end() and drain() wait for their commits), then the switch writes this same
 * database in a strict transaction (WenshuDB's chromeTransactionDurability) and only after that
 * the pointer, strict too. A strict commit is flushed together with every commit before it on the
 * same database, whichever connection (a worker's or this thread's) made it: the backing store
 * logs commits in order. So when the pointer names the new database, all its rows are on disk; a
 * power cut before that leaves the old data current and an unnamed leftover, removed at the next
 * start.
 */
export function addRaw(idb: IDBDatabase, table: string, rows: readonly unknown[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(table, 'readwrite', { durability: 'relaxed' });
    const store = tx.objectStore(table);
    for (const row of rows) store.add(row);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
  });
}

export interface RowsWriterOptions {
  /**
   * Writes one batch of sealed rows into `table`, resolving once committed: addRaw on this
   * thread, or (in the worker) the main thread's addRaw, to which the batch is posted.
   */
  write: (table: string, rows: unknown[]) => Promise<void>;
  /** The new database's keyring (this PC's data key). */
  keyring: Keyring;
  /** The tables of the database written into: a frame of any other table is refused. */
  tableNames: readonly string[];
  /** The current schema's tables: their rows are sealed as this version stores them. */
  sealed: readonly TableDesc[];
  /** Rows of a table the current schema no longer has (an older backup): written by the caller. */
  other?: (table: string, rows: unknown[]) => Promise<void>;
  /** Whether the audit chain is checked as its entries go by (at this schema version). */
  checkChain: boolean;
  /** Rows handed to IndexedDB (progress). */
  onRows?: (table: string, n: number) => void;
  /** Throws when the restore was cancelled. */
  check?: () => void;
}

/** What the rows were: per table, and the audit chain's verdict. */
export interface RowsWritten {
  seen: Record<string, number>;
  /** null when not checked here (an older backup: checked after its migration). */
  chain: AuditVerification | null;
  /** Whether the settings' stored audit head is the one the backup recorded (checked with the chain). */
  storedHeadMatches: boolean;
}

const td = new TextDecoder();

/** The rows frame in `json`, parsed and checked for shape (a table of `tableNames`, and `expect` when given). */
export function parseRowsFrame(json: Uint8Array | string, tableNames: readonly string[], expect?: string): { table: string; rows: unknown[] } {
  let f: { kind?: unknown; table?: unknown; rows?: unknown };
  try {
    f = JSON.parse(typeof json === 'string' ? json : td.decode(json)) as typeof f;
  } catch {
    throw new BackupFileError(INCOMPLETE);
  }
  if (f?.kind !== 'rows' || !Array.isArray(f.rows) || typeof f.table !== 'string' || !tableNames.includes(f.table)) throw new BackupFileError(INCOMPLETE);
  if (expect !== undefined && f.table !== expect) throw new BackupFileError(INCOMPLETE);
  return { table: f.table, rows: f.rows as unknown[] };
}

/** The tables whose rows the audit chain's check reads (the log, its sealed segments, the stored head). */
export const CHAIN_TABLES: readonly string[] = ['auditLog', 'auditSegments', 'settings'];

/** The audit chain checked as the rows of CHAIN_TABLES go by, in file order. */
export class ChainFrames {
  private readonly chain = new StreamedChainCheck();
  private storedHead: unknown = undefined;

  feed(table: string, rows: readonly unknown[]): void {
    if (table === 'auditLog') for (const e of rows as AuditEntry[]) this.chain.logEntry(e);
    else if (table === 'auditSegments') for (const r of rows as { segment: string; seq: number; entry: AuditEntry }[]) this.chain.segmentRow(r);
    else if (table === 'settings') this.storedHead = (rows as { key: string; value: unknown }[]).find((r) => r.key === AUDIT_HEAD_KEY)?.value ?? this.storedHead;
  }

  verdict(head: AuditHead): Pick<RowsWritten, 'chain' | 'storedHeadMatches'> {
    const h = this.storedHead as Partial<AuditHead> | undefined;
    return { chain: this.chain.finish(head), storedHeadMatches: (h?.seq ?? 0) === head.seq && (h?.hash ?? GENESIS_HASH) === head.hash };
  }
}

/**
 * Parses, checks, seals and writes rows frames in the order given. frame() returns once the
 * frame's rows are batched or handed to IndexedDB (at most WRITES_AHEAD write transactions are
 * queued: the next batch is sealed while IndexedDB writes the last); end() waits for every write.
 */
export class RowsWriter {
  private readonly sealers = new Map<string, (rows: readonly unknown[]) => Promise<unknown[]>>();
  private readonly chain = new ChainFrames();
  private readonly queued: Promise<void>[] = [];
  private batch: unknown[] = [];
  private batchTable = '';
  readonly seen: Record<string, number> = {};

  constructor(private readonly o: RowsWriterOptions) {}

  private sealerOf(table: string): (rows: readonly unknown[]) => Promise<unknown[]> {
    let s = this.sealers.get(table);
    if (!s) {
      const declared = this.o.sealed.find((t) => t.name === table);
      s = declared ? rowSealer(this.o.keyring, codecTable(declared)) : async (rows) => rows.slice();
      this.sealers.set(table, s);
    }
    return s;
  }

  /** One rows frame: its UTF-8 JSON (`{"kind":"rows","table":…,"rows":[…]}`) or its text; of table `expect` when given. */
  async frame(json: Uint8Array | string, expect?: string): Promise<void> {
    const { table, rows } = parseRowsFrame(json, this.o.tableNames, expect);
    if (this.o.checkChain) this.chain.feed(table, rows);
    this.seen[table] = (this.seen[table] ?? 0) + rows.length;
    if (table !== this.batchTable) {
      await this.flush();
      this.batchTable = table;
    }
    for (const row of rows) this.batch.push(row);
    if (this.batch.length >= ROWS_BATCH) await this.flush();
  }

  private async flush(): Promise<void> {
    const rows = this.batch;
    const table = this.batchTable;
    this.batch = [];
    if (!rows.length) return;
    const known = this.o.sealed.some((t) => t.name === table);
    const sealed = known ? await this.sealerOf(table)(rows) : rows;
    while (this.queued.length >= WRITES_AHEAD) await this.queued.shift();
    this.o.check?.();
    if (!known && !this.o.other) throw new BackupFileError(INCOMPLETE);
    const w = known ? this.o.write(table, sealed) : this.o.other!(table, rows);
    w.catch(() => undefined); // reported when awaited
    this.queued.push(w);
    this.o.onRows?.(table, rows.length);
  }

  /** Every row batched so far written (before an attached file's chunks, which read their row). */
  async drain(): Promise<void> {
    await this.flush();
    while (this.queued.length) await this.queued.shift();
  }

  /** Every row written; the audit chain's verdict against the backup's recorded head. */
  async end(head: AuditHead): Promise<RowsWritten> {
    await this.drain();
    if (!this.o.checkChain) return { seen: this.seen, chain: null, storedHeadMatches: true };
    return { seen: this.seen, ...this.chain.verdict(head) };
  }
}
