import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import { REGISTERS } from '@shared/domain/registers';
import { AUDIT_HEAD_KEY } from '../audit';

// The change log (issue #13): one row per row a command wrote, in commit order (seq), with its
// after-image. It is the seam for sync: replaying it into an empty database gives the same tables.
//
// Rows are recorded here, in a DBCore middleware, rather than by each handler: a command's writes
// pass through helpers several calls deep (the counter of a number series, the carriers a 收文
// brings in, the 督办 task a 批示 creates), and at this level none of them can write a row the log
// misses. Handlers still write through the typed writer of their context (commands/define.ts),
// which makes an undeclared table a compile error; this layer only watches what reaches the files.

export type ChangeOperation = 'put' | 'delete';

export interface ChangeLogRow {
  /** Auto-incremented: the order in which changes were committed. */
  seq?: number;
  /** One per execute(): every row one command wrote shares it. */
  commandId: string;
  /** The command's name, e.g. 'incoming.register'. */
  command: string;
  /** The table written. */
  entity: string;
  /** The row's primary key. */
  entityId: unknown;
  operation: ChangeOperation;
  /** The row as written (absent for a delete). */
  after?: unknown;
  /** ISO time of the command. */
  time: string;
  actorId: string;
}

/**
 * Tables no change-log row is written for:
 * - the audit machinery (auditLog, its anchor, waiting login events, kept segments): a chain of its
 *   own, appended by every command; it is verified, not replayed;
 * - projections and projectionDeltas: search projections and derived caches, rebuilt from the
 *   records (they are still written inside the command's transaction);
 * - loginThrottle: this PC's count of failed sign-ins, not office data;
 * - attachmentChunks: the bytes of attached files. An after-image would copy megabytes of each
 *   file into the log (and the log is sealed row by row through the JSON cipher). The file's
 *   `attachments` row IS logged, and names everything a replica needs to fetch and check the
 *   bytes (id, chunkCount, size, SHA-256): files travel separately (the LAN sync moves them by
 *   attachmentChunksOf / putAttachmentFromChunks), not through the log;
 * - the change log itself.
 */
export const UNLOGGED_TABLES: ReadonlySet<string> = new Set([
  'auditLog',
  'auditAnchor',
  'pendingAudit',
  'auditSegments',
  'projections',
  'projectionDeltas',
  'loginThrottle',
  'attachmentChunks',
  'changeLog',
  // A LAN seat's own sync machinery (db/lan): the outbox, the refusals, the pull cursor.
  'lanOutbox',
  'lanConflicts',
  'lanSync',
  'lanVersions',
]);

/**
 * Tables whose rows a command may change, never remove (a 更正 withdraws): every register of the
 * registry, the 归档文件目录, the 清查 sessions, the issued 督办通报 and the 文号台账 (records too, though not
 * registers), and the record of imported files (forgetting one would let the same file in twice).
 */
export const NO_DELETE_TABLES: ReadonlySet<string> = new Set([...REGISTERS.map((d) => d.table), 'archive', 'inventorySessions', 'bulletins', 'docNumbers', 'importedFiles']);

/** Rows of logged tables that belong to the audit machinery too (the audit head lives in settings). */
function unloggedRow(table: string, value: unknown): boolean {
  return table === 'settings' && (value as { key?: unknown } | null)?.key === AUDIT_HEAD_KEY;
}

export interface CommandMeta {
  commandId: string;
  command: string;
  time: string;
  actorId: string;
}

// The IndexedDB transaction of each running command (Dexie hands the same object down as
// req.trans). A WeakMap: a finished transaction is forgotten with it.
const running = new WeakMap<object, CommandMeta>();

/** Marks the current IndexedDB transaction as the command `meta` (called by execute()). */
export function markCommandTransaction(idbtrans: object, meta: CommandMeta): void {
  running.set(idbtrans, meta);
}

/** The change-log row of a put of `value` (key `entityId`) into `entity` by the command `meta`. */
function putRow(meta: CommandMeta, entity: string, entityId: unknown, value: unknown): ChangeLogRow {
  return { ...meta, entity, entityId, operation: 'put', after: value };
}

// Change-log rows made ahead of their write (changeLogRowsAhead), by the written row's object:
// taken once by the middleware when that very object is written by that command, so a bulk write
// can seal them beforehand (at-rest presealRows). Their content is what the middleware would make.
const ahead = new WeakMap<object, ChangeLogRow>();

/**
 * The change-log rows the middleware will write for `values` added to `table` by the command in
 * the current transaction `idbtrans` (one per row, as rowsOf makes them), made now so the caller
 * can seal them before the write; the middleware then writes these very objects. Empty when no
 * row is logged (no command running, an unlogged table).
 */
export function changeLogRowsAhead(idbtrans: object, table: { name: string; schema: { primaryKey: { autoIncrement?: boolean; extractKey?: ((value: unknown) => unknown) | null } } }, values: readonly unknown[]): ChangeLogRow[] {
  const meta = running.get(idbtrans);
  // An auto-incremented key is known only after the write (rowsOf sets it on the log row then).
  if (!meta || UNLOGGED_TABLES.has(table.name) || table.schema.primaryKey.autoIncrement) return [];
  const extract = table.schema.primaryKey.extractKey;
  const out: ChangeLogRow[] = [];
  for (const v of values) {
    if (v === null || typeof v !== 'object' || unloggedRow(table.name, v)) continue;
    // Made already (a batch sealed ahead, then written): the same object again.
    const made = ahead.get(v);
    if (made && made.commandId === meta.commandId && made.entity === table.name) {
      out.push(made);
      continue;
    }
    const row = putRow(meta, table.name, extract?.(v), v);
    ahead.set(v, row);
    out.push(row);
  }
  return out;
}

/** The row made ahead for `value` if it is exactly the one rowsOf would make now (taken once). */
function takeAhead(value: unknown, meta: CommandMeta, entity: string, entityId: unknown): ChangeLogRow | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const row = ahead.get(value);
  if (!row) return undefined;
  ahead.delete(value);
  const same = row.commandId === meta.commandId && row.command === meta.command && row.time === meta.time && row.actorId === meta.actorId && row.entity === entity && row.entityId === entityId && row.after === value;
  return same ? row : undefined;
}

function rowsOf(table: DBCoreTable, req: DBCoreMutateRequest, meta: CommandMeta): ChangeLogRow[] | Error {
  const name = table.name;
  if (req.type === 'deleteRange') return new Error(`内部错误：命令 ${meta.command} 不得按范围删除 ${name}`);
  if (req.type === 'delete') {
    if (NO_DELETE_TABLES.has(name)) return new Error(`内部错误：登记簿不得删除记录（${name}），请改为变更状态`);
    return req.keys.map((k) => ({ ...meta, entity: name, entityId: k, operation: 'delete' as const }));
  }
  const extract = table.schema.primaryKey.extractKey;
  const out: ChangeLogRow[] = [];
  req.values.forEach((v, i) => {
    if (unloggedRow(name, v)) return;
    const entityId = req.keys?.[i] ?? extract?.(v);
    out.push(takeAhead(v, meta, name, entityId) ?? putRow(meta, name, entityId, v));
  });
  return out;
}

/**
 * Writes a change-log row, in the same transaction, for every row a command transaction writes
 * (after the write succeeds, so an auto-incremented key is known). Sits just above the at-rest
 * middleware: the log rows it adds are sealed like any other (their after-images are records).
 */
export function changeLogMiddleware(): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'WenshuChangeLog',
    level: -5,
    create(down) {
      return {
        ...down,
        table(name) {
          const table = down.table(name);
          if (UNLOGGED_TABLES.has(name)) return table;
          return {
            ...table,
            mutate(req: DBCoreMutateRequest) {
              const meta = running.get(req.trans);
              if (!meta) return table.mutate(req);
              const rows = rowsOf(table, req, meta);
              if (rows instanceof Error) return Promise.reject(rows);
              // No async/await: chaining on Dexie's promises keeps its transaction zone.
              return table.mutate(req).then((res) => {
                if (req.type === 'add' && table.schema.primaryKey.autoIncrement) rows.forEach((r, i) => (r.entityId = res.results?.[i]));
                if (rows.length === 0) return res;
                return down
                  .table('changeLog')
                  .mutate({ type: 'add', trans: req.trans, values: rows })
                  .then(() => res);
              });
            },
          };
        },
      };
    },
  };
}
