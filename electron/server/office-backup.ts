import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import { decodeFrame, deriveKey, OFFICE_BACKUP_FILE, parseBackup, BackupFileError } from '../../shared/backup-format';
import { GENESIS_HASH } from '../../shared/domain/audit-chain';
import { OFFICE_TABLES, type OfficeBackupFrame, type OfficeBackupManifest, type OfficeBackupStart, type OfficeTable } from '../../shared/domain/lan-protocol';
import { can, PermissionError } from '../../shared/domain/permissions';
import { RuleError } from '../../shared/domain/rule-error';
import { firstZodProblem } from '../../shared/domain/zod-problem';
import { authenticate, type ServerActor } from './accounts';
import { appendAudit, lockChain, verifyServerAudit } from './audit';
import { withClient, writeMeta } from './db';
import { RESTORE_KEY } from './pull';
import { initSchema, SCHEMA_VERSION, SchemaError } from './schema';

// Wenshu's encrypted backup of the whole office (issue #19: "plus Wenshu's encrypted backup of the
// whole office from any 系统管理员 seat"), beside pg_dump. A 系统管理员's seat opens a backup
// session: the server holds ONE read-only repeatable-read transaction for it, so every page the
// seat asks for comes from the same snapshot (a consistent office while the others keep working);
// the seat encrypts the pages into a file under a passphrase only it knows (the server never sees
// the passphrase, the seat never needs PostgreSQL). `npm run server -- --restore <file>` writes
// such a file into an empty database in one transaction and keeps it only if the audit chain and
// the counts verify. Sessions and pairing codes are not carried (they end anyway); seats keep
// their pairing (their secrets' hashes are carried), accounts their passwords.

const TABLE_NAMES = OFFICE_TABLES.map((t) => t.name) as [OfficeTable, ...OfficeTable[]];

export const OFFICE_PAGE_ROWS = 2000;
/** Backups under way at once, across all 系统管理员 seats. */
export const MAX_OFFICE_BACKUPS = 2;
/** A session nobody asked anything of for this long ends (a seat that vanished mid-backup). */
export const OFFICE_BACKUP_IDLE_MS = 5 * 60_000;

interface Session {
  client: pg.PoolClient;
  accountId: string;
  /** What the snapshot holds (the audit entry says this, not what a seat claims). */
  records: number;
  timer: ReturnType<typeof setTimeout>;
  busy: Promise<unknown>;
}

const sessionsOf = new WeakMap<pg.Pool, Map<string, Session>>();
function sessions(pool: pg.Pool): Map<string, Session> {
  let s = sessionsOf.get(pool);
  if (!s) sessionsOf.set(pool, (s = new Map()));
  return s;
}

function end(pool: pg.Pool, id: string, commit: boolean): Promise<void> {
  const s = sessions(pool).get(id);
  if (!s) return Promise.resolve();
  sessions(pool).delete(id);
  clearTimeout(s.timer);
  return s.busy
    .catch(() => undefined)
    .then(() => s.client.query(commit ? 'COMMIT' : 'ROLLBACK'))
    .then(() => undefined, () => undefined)
    .finally(() => s.client.release());
}

/** Ends every open session (the server stopping). */
export async function closeOfficeBackups(pool: pg.Pool): Promise<void> {
  await Promise.all([...sessions(pool).keys()].map((id) => end(pool, id, false)));
}

async function administrator(pool: pg.Pool, token: string, now: Date): Promise<ServerActor> {
  return withClient(pool, async (client) => {
    const actor = await authenticate(client, token, now);
    if (!can(actor, 'settings.manage')) throw new PermissionError('settings.manage');
    return actor;
  });
}

/** Opens a session: the snapshot, what it holds (the manifest) and the start frame. */
export async function startOfficeBackup(pool: pg.Pool, token: string, now = new Date()): Promise<{ id: string; start: OfficeBackupStart; manifest: OfficeBackupManifest }> {
  const actor = await administrator(pool, token, now);
  // Each holds a connection of the pool while it lasts: one per account (a new one ends the old)
  // and a few in all, so backups can never starve the seats' commands.
  for (const [id, open] of sessions(pool)) if (open.accountId === actor.id) await end(pool, id, false);
  if (sessions(pool).size >= MAX_OFFICE_BACKUPS) throw new RuleError(`已有 ${MAX_OFFICE_BACKUPS} 个服务器备份正在进行，请稍后再试`);
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const counts = {} as Record<OfficeTable, number>;
    for (const t of OFFICE_TABLES) counts[t.name] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${t.name}`)).rows[0]!.n);
    const head = (await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')).rows[0];
    const id = randomUUID();
    const session: Session = { client, accountId: actor.id, records: counts.records, timer: setTimeout(() => void end(pool, id, false), OFFICE_BACKUP_IDLE_MS), busy: Promise.resolve() };
    session.timer.unref?.();
    sessions(pool).set(id, session);
    return {
      id,
      start: { kind: 'start', app: 'wenshu-server', schemaVersion: SCHEMA_VERSION, createdAt: now.toISOString(), tables: [...TABLE_NAMES] },
      manifest: { kind: 'manifest', counts, auditHead: head ? { seq: Number(head.seq), hash: head.hash } : { seq: 0, hash: GENESIS_HASH } },
    };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
    throw e;
  }
}

/** The input, or the first problem as a RuleError (answered 400, beside its field). */
function parsed<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) throw firstZodProblem(r.error);
  return r.data;
}

/** `after`: the key of the last row of the previous page (its key columns' values), absent for the first page. */
const pageSchema = z.object({ id: z.string().max(64), table: z.enum(TABLE_NAMES), after: z.record(z.string(), z.union([z.string().max(200), z.number()])).optional() });

async function ownSession(pool: pg.Pool, token: string, id: string, now: Date): Promise<Session> {
  const actor = await administrator(pool, token, now);
  const s = sessions(pool).get(id);
  if (!s || s.accountId !== actor.id) throw new RuleError('备份已中止（超过 5 分钟无操作，或服务器已重启），请重新开始');
  clearTimeout(s.timer);
  s.timer = setTimeout(() => void end(pool, id, false), OFFICE_BACKUP_IDLE_MS);
  s.timer.unref?.();
  return s;
}

/** One page of a table, from the session's snapshot, as JSON objects by column. */
export async function officeBackupPage(pool: pg.Pool, token: string, input: unknown, now = new Date()): Promise<{ rows: unknown[] }> {
  const { id, table, after } = parsed(pageSchema, input);
  const s = await ownSession(pool, token, id, now);
  const key = OFFICE_TABLES.find((t) => t.name === table)!.key;
  const cols = key.map(([c]) => c).join(', ');
  // (a, b) > ($2::text, $3::integer): a row comparison, walked along the primary key's index.
  const where = after ? `WHERE (${cols}) > (${key.map(([, type], i) => `$${i + 2}::${type}`).join(', ')})` : '';
  const params = [OFFICE_PAGE_ROWS, ...(after ? key.map(([c]) => after[c] ?? null) : [])];
  // One query at a time on the session's connection.
  const run = s.busy.catch(() => undefined).then(() => s.client.query<{ r: unknown }>(`SELECT to_jsonb(t) AS r FROM ${table} t ${where} ORDER BY ${cols} LIMIT $1`, params));
  s.busy = run;
  return { rows: (await run).rows.map((x) => x.r) };
}

/** The seat has the whole file: the session ends, and the backup goes down the audit chain. */
export async function finishOfficeBackup(pool: pg.Pool, token: string, input: unknown, now = new Date()): Promise<void> {
  const { id } = parsed(z.object({ id: z.string().max(64) }), input);
  const actor = await administrator(pool, token, now);
  const s = sessions(pool).get(id);
  if (!s || s.accountId !== actor.id) throw new RuleError('备份已中止，请重新开始');
  const { records } = s;
  await end(pool, id, true);
  await withClient(pool, async (client) => {
    // Named: the audit head must be read after the chain lock, whatever the database's default isolation.
    await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
    try {
      await lockChain(client);
      await appendAudit(client, [{ time: now.toISOString(), actorId: actor.id, actorName: actor.displayName, action: '备份整个办公室', entityType: '服务器', entityId: id, summary: `加密备份，${records} 件记录（座席“${await seatName(client, actor.seatId)}”保存）` }]);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    }
  });
}

/** The seat gave up (取消, or its file could not be written): the session ends, nothing is logged. */
export async function abortOfficeBackup(pool: pg.Pool, token: string, input: unknown, now = new Date()): Promise<void> {
  const { id } = parsed(z.object({ id: z.string().max(64) }), input);
  const actor = await administrator(pool, token, now);
  if (sessions(pool).get(id)?.accountId === actor.id) await end(pool, id, false);
}

async function seatName(client: pg.ClientBase, seatId: string): Promise<string> {
  return (await client.query<{ name: string }>('SELECT name FROM seats WHERE id = $1', [seatId])).rows[0]?.name ?? seatId;
}

/**
 * `npm run server -- --restore <file>`: the file's office into an EMPTY database, in one
 * transaction kept only when every count matches the manifest and the audit chain verifies to the
 * manifest's head. Returns what was restored.
 */
export async function restoreOfficeBackup(client: pg.ClientBase, bytes: Uint8Array, passphrase: string, onProgress: (done: number, total: number) => void = () => undefined): Promise<OfficeBackupManifest> {
  const parsed = parseBackup(bytes, OFFICE_BACKUP_FILE);
  const key = await deriveKey(passphrase, parsed.header.kdf);
  const start = await decodeFrame<OfficeBackupFrame>(bytes, parsed, key, 0);
  if (start.kind !== 'start' || start.app !== 'wenshu-server') throw new BackupFileError(OFFICE_BACKUP_FILE.words.notThisKind);
  if (start.schemaVersion !== SCHEMA_VERSION) throw new SchemaError(`该备份由结构版本 ${start.schemaVersion} 的文枢服务器写成，本服务器为第 ${SCHEMA_VERSION} 版：请用同一版本的服务器恢复`);
  const manifest = await decodeFrame<OfficeBackupFrame>(bytes, parsed, key, parsed.frames.length - 1);
  if (manifest.kind !== 'manifest') throw new BackupFileError(OFFICE_BACKUP_FILE.words.damaged);
  const total = Object.values(manifest.counts).reduce((a, b) => a + b, 0);
  let done = 0;
  await initSchema(client, async (c) => {
    const written = Object.fromEntries(TABLE_NAMES.map((t) => [t, 0])) as Record<OfficeTable, number>;
    for (let i = 1; i < parsed.frames.length - 1; i++) {
      const frame = await decodeFrame<OfficeBackupFrame>(bytes, parsed, key, i);
      if (frame.kind !== 'rows' || !TABLE_NAMES.includes(frame.table)) throw new BackupFileError(OFFICE_BACKUP_FILE.words.damaged);
      // Typed by the table itself: jsonb, timestamps and bigints come back as they were.
      await c.query(`INSERT INTO ${frame.table} SELECT * FROM jsonb_populate_recordset(NULL::${frame.table}, $1)`, [JSON.stringify(frame.rows)]);
      written[frame.table] += frame.rows.length;
      done += frame.rows.length;
      onProgress(done, total);
    }
    const short = TABLE_NAMES.find((t) => written[t] !== manifest.counts[t]);
    if (short) throw new BackupFileError(`备份中 ${short} 的记录数与清单不符（${written[short]} / ${manifest.counts[short]}），未作任何改动`);
    // A new life of the change log: every seat pulls again from 0 (pull.ts scopeOf).
    await writeMeta(c, RESTORE_KEY, { id: randomUUID(), at: new Date().toISOString(), backupCreatedAt: start.createdAt });
    const chain = await verifyServerAudit(c);
    if (!chain.ok || chain.count !== manifest.auditHead.seq || chain.headHash !== manifest.auditHead.hash) throw new BackupFileError('备份中的审计日志校验不通过，未作任何改动');
  });
  return manifest;
}
