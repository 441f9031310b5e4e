import type pg from 'pg';
import { readMeta } from './db';

// The office LAN server's schema (issue #19): plain SQL that PostgreSQL and the engines following it
// (KingbaseES, openGauss, HighGo) all take; no extension. Records are kept as JSON documents per
// register, the shape the seats hold in IndexedDB, so the same domain rules apply to both.

export const SCHEMA_VERSION = 4;

const TABLES = [
  `CREATE TABLE wenshu_meta (key text PRIMARY KEY, value jsonb NOT NULL)`,
  `CREATE TABLE accounts (
     id text PRIMARY KEY,
     login text NOT NULL UNIQUE,
     display_name text NOT NULL,
     roles jsonb NOT NULL,
     password_hash text NOT NULL,
     disabled boolean NOT NULL DEFAULT false,
     -- Set by a password an approval generated: the owner replaces it before anything else.
     must_change_password boolean NOT NULL DEFAULT false,
     -- The last passwords' hashes (newest first), so a change cannot go back to one of them.
     password_history jsonb NOT NULL DEFAULT '[]')`,
  // The 系统管理员's proposals and the 保密员's decisions (account-admin.ts); never a password.
  `CREATE TABLE account_requests (id text PRIMARY KEY, requested_at timestamptz NOT NULL, row jsonb NOT NULL)`,
  `CREATE TABLE seats (
     id text PRIMARY KEY,
     name text NOT NULL,
     secret_hash text NOT NULL,
     paired_at timestamptz NOT NULL,
     last_contact timestamptz,
     outbox_length integer NOT NULL DEFAULT 0,
     app_version text NOT NULL DEFAULT '',
     -- The seat's local data key, sealed under a key only the seat holds (derived from its secret):
     -- handed back at each sign-in so an account new to that PC can open its files; useless here.
     wrapped_key text,
     revoked_at timestamptz)`,
  `CREATE TABLE pairing_codes (code_hash text PRIMARY KEY, expires_at timestamptz NOT NULL, used_at timestamptz)`,
  `CREATE TABLE sessions (
     token_hash text PRIMARY KEY,
     account_id text NOT NULL REFERENCES accounts(id),
     seat_id text NOT NULL REFERENCES seats(id),
     created_at timestamptz NOT NULL)`,
  // Gap-free numbers: a command locks its series' row for the rest of its transaction.
  `CREATE TABLE counters (series text NOT NULL, year integer NOT NULL, last integer NOT NULL, PRIMARY KEY (series, year))`,
  `CREATE TABLE records (
     tbl text NOT NULL,
     id text NOT NULL,
     row jsonb NOT NULL,
     version integer NOT NULL,
     PRIMARY KEY (tbl, id))`,
  `CREATE INDEX records_duplicate_key ON records ((row->>'duplicateKey')) WHERE tbl = 'incoming'`,
  // A number already on the server (收文编号, 督办编号), looked up when a PC hands its records over.
  `CREATE INDEX records_serial ON records (tbl, (row->>'serial'))`,
  // The 督办 事项 of a meeting's minutes (更正 follows them; a pull takes them along with the meeting).
  `CREATE INDEX records_task_meeting ON records ((row->'source'->>'meetingId')) WHERE tbl = 'tasks'`,
  // One global chain (shared/domain/audit-chain.ts); seq is taken under an advisory lock.
  `CREATE TABLE audit_log (
     seq bigint PRIMARY KEY,
     time text NOT NULL,
     actor_id text NOT NULL,
     actor_name text NOT NULL,
     action text NOT NULL,
     entity_type text NOT NULL,
     entity_id text NOT NULL,
     summary text NOT NULL,
     details jsonb,
     prev_hash text NOT NULL,
     hash text NOT NULL)`,
  // The change log seats pull; ids are drawn inside the audit lock, so they grow in commit order.
  `CREATE TABLE change_log (
     id bigint PRIMARY KEY,
     command_id text NOT NULL,
     tbl text NOT NULL,
     record_id text NOT NULL,
     version integer NOT NULL)`,
  // Every applied command by its client id: a replay is answered from here, never applied twice.
  `CREATE TABLE commands (
     client_id text PRIMARY KEY,
     seat_id text NOT NULL,
     account_id text NOT NULL,
     name text NOT NULL,
     result jsonb,
     applied_at timestamptz NOT NULL)`,
];

export class SchemaError extends Error {
  override readonly name = 'SchemaError';
}

/**
 * Creates the schema in an empty database (`npm run server -- --init`). A database that already
 * holds Wenshu's schema, or any other table, is left untouched and refused with a message.
 * `fill` (a restore) writes the rows, schemaVersion included, before the one commit.
 */
export async function initSchema(client: pg.ClientBase, fill?: (client: pg.ClientBase) => Promise<void>): Promise<void> {
  await client.query('BEGIN');
  try {
    const { rows } = await client.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`);
    if (rows.some((r) => r.name === 'wenshu_meta')) throw new SchemaError('该数据库已初始化为文枢服务器，未作任何改动');
    if (rows.length > 0) throw new SchemaError(`该数据库不是空的（已有 ${rows.length} 张表，如 ${rows[0]!.name}），未作任何改动；请新建一个空数据库`);
    for (const sql of TABLES) await client.query(sql);
    // A restore (office-backup.ts) fills the new tables in the same transaction: all or nothing.
    if (fill) await fill(client);
    else await client.query(`INSERT INTO wenshu_meta (key, value) VALUES ('schemaVersion', $1)`, [JSON.stringify(SCHEMA_VERSION)]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
}

/** The schema version of the database, or a SchemaError when it was never initialised. */
export async function schemaVersion(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ exists: boolean }>(`SELECT to_regclass('wenshu_meta') IS NOT NULL AS exists`);
  if (!rows[0]?.exists) throw new SchemaError('数据库尚未初始化：请先运行 npm run server -- --init');
  return readMeta(client, 'schemaVersion', 0);
}

/**
 * The steps from each schema version to the next, plain SQL, in one transaction each. A database
 * made by --init is at SCHEMA_VERSION already; one made by an older server is brought up here
 * when the server starts (upgradeSchema).
 */
const UPGRADES: Record<number, readonly string[]> = {
  // v2: the seat's sealed data key, handed back at sign-in (electron/seat-key.ts).
  2: ['ALTER TABLE seats ADD COLUMN IF NOT EXISTS wrapped_key text'],
  // v3: numbers looked up when a PC hands its own records to the server (adopt.ts); a meeting's tasks.
  3: [`CREATE INDEX IF NOT EXISTS records_serial ON records (tbl, (row->>'serial'))`, `CREATE INDEX IF NOT EXISTS records_task_meeting ON records ((row->'source'->>'meetingId')) WHERE tbl = 'tasks'`],
  // v4: accounts managed from a seat under dual control (account-admin.ts).
  4: [
    'ALTER TABLE accounts ADD COLUMN IF NOT EXISTS must_change_password boolean NOT NULL DEFAULT false',
    `ALTER TABLE accounts ADD COLUMN IF NOT EXISTS password_history jsonb NOT NULL DEFAULT '[]'`,
    'CREATE TABLE IF NOT EXISTS account_requests (id text PRIMARY KEY, requested_at timestamptz NOT NULL, row jsonb NOT NULL)',
  ],
};

/** Brings an older database up to SCHEMA_VERSION (a newer one is refused); returns the versions applied. */
export async function upgradeSchema(client: pg.ClientBase): Promise<number[]> {
  const from = await schemaVersion(client);
  if (from > SCHEMA_VERSION) throw new SchemaError(`该数据库由更新版本的文枢服务器建立（结构版本 ${from}），请升级本服务器`);
  const applied: number[] = [];
  for (let v = from + 1; v <= SCHEMA_VERSION; v++) {
    await client.query('BEGIN');
    try {
      for (const sql of UPGRADES[v] ?? []) await client.query(sql);
      await client.query(`UPDATE wenshu_meta SET value = $1 WHERE key = 'schemaVersion'`, [JSON.stringify(v)]);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    }
    applied.push(v);
  }
  return applied;
}
