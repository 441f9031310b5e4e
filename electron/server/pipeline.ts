import { createHash } from 'node:crypto';
import type { CommandReply, ServerRow } from '../../shared/domain/lan-protocol';
import type pg from 'pg';
import type { ZodType } from 'zod';
import type { EntryBase } from '../../shared/domain/audit-chain';
import { can, PERMISSION_LABELS, type Permission } from '../../shared/domain/permissions';
import { RuleError } from '../../shared/domain/rule-error';
import { firstZodProblem } from '../../shared/domain/zod-problem';
import { authenticate, AuthError, type ServerActor } from './accounts';
import { appendAudit, lockChain } from './audit';

// The server's command pipeline (issue #19): the seats' commands, as data ({ clientId, name,
// input }), each in ONE PostgreSQL transaction that
//   1. authenticates the session (account, roles and seat re-read in the transaction);
//   2. claims the client id: a command already applied is answered with its first result and
//      never applied again (a concurrent replay waits on the claim's unique key, then reads it);
//   3. authorizes and validates (zod: the first issue is a RuleError beside its field);
//   4. runs the handler, which applies shared/domain's rule and writes through its context
//      (numbers from a counter row locked for the rest of the transaction: gap-free);
//   5. takes the chain lock, appends the reported audit entries to the one global chain and the
//      change-log rows the seats pull, stores the result under the client id, and commits.
// A refusal rolls everything back and is answered with its message (and field), so a seat can
// show it where the PC would.

export interface ServerContext {
  client: pg.ClientBase;
  actor: ServerActor;
  now: Date;
  /** The stored row and its version, locked for this transaction when `lock` is set. */
  get<R>(tbl: string, id: string, lock?: boolean): Promise<{ row: R; version: number } | null>;
  /** Writes a record (version + 1) and its change-log row. */
  put(tbl: string, id: string, row: unknown): Promise<number>;
  /** The next number of `series` in `year`; the counter row stays locked until the command ends. */
  takeNumber(series: string, year: number): Promise<number>;
  /** Raises the counter of `series` in `year` to at least `last` (numbers a PC gave before the server had them); locked likewise. */
  raiseCounter(series: string, year: number, last: number): Promise<void>;
  /**
   * Holds a lock named by `text` until the command ends: two commands checking the same thing
   * (a duplicate 来文单位 + 来文字号) take turns instead of both finding nothing. Taken before any
   * number, so the order counter → chain lock is never reversed.
   */
  lockKey(text: string): Promise<void>;
  audit(entry: Omit<EntryBase, 'time' | 'actorId' | 'actorName'>): void;
}

export interface ServerCommand<I = unknown, R = unknown> {
  name: string;
  input: ZodType<I>;
  /** null: any signed-in account (the domain rule decides). */
  permission: Permission | null;
  run(ctx: ServerContext, input: I): Promise<R>;
  /** What of the result is kept for a replay's answer (default: all); a one-time password is not. */
  keep?(result: R): unknown;
}

/** A refusal because another seat changed the record first: the seat shows 已被他人处理 with the server's version. */
export class ConflictError extends RuleError {
  constructor(
    message: string,
    readonly current: ServerRow | null,
  ) {
    super(`已被他人处理：${message}`);
    this.name = 'ConflictError';
  }
}

export interface CommandCall {
  clientId: string;
  name: string;
  input: unknown;
}

export type { CommandReply };

const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** A 64-bit advisory-lock key for `text` (SHA-256, not the engine's hashtext: plain SQL for every engine). */
function keyLockOf(text: string): string {
  return createHash('sha256').update(`wenshu:${text}`).digest().readBigInt64BE(0).toString();
}

export function defineServerCommand<I, R>(c: ServerCommand<I, R>): ServerCommand<I, R> {
  return c;
}

export async function runServerCommand(pool: pg.Pool, token: string, call: CommandCall, commands: ReadonlyMap<string, ServerCommand>, now: Date = new Date()): Promise<CommandReply> {
  const command = commands.get(call.name);
  if (!command) return { ok: false, code: 'refused', message: `未知的操作：${call.name}` };
  if (typeof call.clientId !== 'string' || !CLIENT_ID.test(call.clientId)) return { ok: false, code: 'refused', message: '操作编号无效' };
  const client = await pool.connect();
  try {
    // Named, not the database's default: the locks below are what order commands, and a stricter
    // default (a DBA's repeatable read) would turn every concurrent command into a 40001 failure.
    await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
    try {
      const reply = await applyOnce(client, token, call, command, now);
      await client.query(reply.ok && !reply.replayed ? 'COMMIT' : 'ROLLBACK');
      return reply;
    } catch (e) {
      await client.query('ROLLBACK');
      return refusal(e);
    }
  } finally {
    client.release();
  }
}

export const BAD_INPUT_MESSAGE = '请求内容含有无法保存的字符或数值';

/** PostgreSQL's data exceptions (class 22: a NUL byte in a text, a number out of range) are bad input, not a fault. */
export function isBadInput(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('22');
}

function refusal(e: unknown): CommandReply {
  if (isBadInput(e)) return { ok: false, code: 'refused', message: BAD_INPUT_MESSAGE };
  if (e instanceof AuthError) return { ok: false, code: 'unauthenticated', message: e.message };
  if (e instanceof ConflictError) return { ok: false, code: 'conflict', message: e.message, current: e.current };
  if (e instanceof RuleError) return { ok: false, code: 'refused', message: e.message, ...(e.field ? { field: e.field } : {}) };
  throw e;
}

async function applyOnce(client: pg.ClientBase, token: string, call: CommandCall, command: ServerCommand, now: Date): Promise<CommandReply> {
  const actor = await authenticate(client, token, now);
  const claimed = await client.query('INSERT INTO commands (client_id, seat_id, account_id, name, applied_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (client_id) DO NOTHING', [call.clientId, actor.seatId, actor.id, call.name, now]);
  if (claimed.rowCount === 0) {
    const { rows } = await client.query<{ account_id: string; name: string; result: unknown }>('SELECT account_id, name, result FROM commands WHERE client_id = $1', [call.clientId]);
    const first = rows[0];
    if (!first || first.account_id !== actor.id || first.name !== call.name) throw new RuleError('操作编号已被另一操作使用');
    return { ok: true, result: first.result, replayed: true };
  }
  if (command.permission && !can(actor, command.permission)) {
    return { ok: false, code: 'forbidden', message: `没有权限执行此操作（需要：${PERMISSION_LABELS[command.permission]}）` };
  }
  const parsed = command.input.safeParse(call.input);
  if (!parsed.success) throw firstZodProblem(parsed.error);
  const audits: EntryBase[] = [];
  const changes: { tbl: string; id: string; version: number }[] = [];
  const ctx: ServerContext = {
    client,
    actor,
    now,
    async get<R>(tbl: string, id: string, lock = false) {
      const { rows } = await client.query<{ row: R; version: number }>(`SELECT row, version FROM records WHERE tbl = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [tbl, id]);
      return rows[0] ?? null;
    },
    async put(tbl, id, row) {
      const { rows } = await client.query<{ version: number }>(
        `INSERT INTO records (tbl, id, row, version) VALUES ($1, $2, $3, 1)
         ON CONFLICT (tbl, id) DO UPDATE SET row = EXCLUDED.row, version = records.version + 1 RETURNING version`,
        [tbl, id, JSON.stringify(row)],
      );
      const version = rows[0]!.version;
      changes.push({ tbl, id, version });
      return version;
    },
    async takeNumber(series, year) {
      const { rows } = await client.query<{ last: number }>(
        `INSERT INTO counters (series, year, last) VALUES ($1, $2, 1)
         ON CONFLICT (series, year) DO UPDATE SET last = counters.last + 1 RETURNING last`,
        [series, year],
      );
      return rows[0]!.last;
    },
    async raiseCounter(series, year, last) {
      await client.query(
        `INSERT INTO counters (series, year, last) VALUES ($1, $2, $3)
         ON CONFLICT (series, year) DO UPDATE SET last = GREATEST(counters.last, EXCLUDED.last)`,
        [series, year, last],
      );
    },
    audit(entry) {
      audits.push({ ...entry, time: now.toISOString(), actorId: actor.id, actorName: actor.displayName });
    },
    async lockKey(text) {
      await client.query('SELECT pg_advisory_xact_lock($1)', [keyLockOf(text)]);
    },
  };
  const result = await command.run(ctx, parsed.data);
  // Every write is audited; a command that found nothing to do (records already handed over) writes nothing.
  if (audits.length === 0 && changes.length > 0) throw new Error(`command ${command.name} wrote without an audit entry`);
  await lockChain(client);
  await appendAudit(client, audits);
  for (const c of changes) {
    await client.query('INSERT INTO change_log (id, command_id, tbl, record_id, version) SELECT COALESCE(MAX(id), 0) + 1, $1, $2, $3, $4 FROM change_log', [call.clientId, c.tbl, c.id, c.version]);
  }
  const kept = command.keep && result !== undefined ? command.keep(result) : result;
  await client.query('UPDATE commands SET result = $2 WHERE client_id = $1', [call.clientId, JSON.stringify(kept ?? null)]);
  return { ok: true, result: result ?? null, replayed: false };
}
