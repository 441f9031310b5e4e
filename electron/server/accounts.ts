import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';
import type pg from 'pg';
import { z } from 'zod';
import { ROLES, type Role } from '../../shared/domain/permissions';
import { RuleError } from '../../shared/domain/rule-error';

// Accounts, seats and sessions of the office LAN (issue #19). In LAN mode the accounts, their
// roles and need to know live on the server: a seat signs its user in here and every command
// carries the session's token, which the server re-reads in the command's own transaction.

// The PC's parameters (renderer/db/password-hash.ts): OWASP's minimum for interactive logins.
const PARAMS = { parallelism: 1, iterations: 2, memorySize: 19456, hashLength: 32 } as const;

export interface ServerActor {
  id: string;
  displayName: string;
  roles: Role[];
  seatId: string;
}

/** A request without a valid session (unknown or revoked seat, disabled account): answered 401. */
export class AuthError extends Error {
  override readonly name = 'AuthError';
}

const rolesSchema = z.array(z.enum(ROLES)).min(1);

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function hashPassword(password: string): Promise<string> {
  return argon2id({ ...PARAMS, password, salt: randomBytes(16), outputType: 'encoded' });
}

/** Adds an account (`--add-account` at setup, and tests); from a seat, accounts go through approval (account-admin.ts). */
export async function addAccount(client: pg.ClientBase, a: { login: string; displayName: string; roles: Role[]; password: string }): Promise<string> {
  const roles = rolesSchema.parse(a.roles);
  const id = randomUUID();
  await client.query('INSERT INTO accounts (id, login, display_name, roles, password_hash) VALUES ($1, $2, $3, $4, $5)', [id, a.login, a.displayName, JSON.stringify(roles), await hashPassword(a.password)]);
  return id;
}

/**
 * What a paired seat proves itself with at every sign-in: its id (not secret: lists and logs name
 * it) and a secret handed out once at pairing, kept sealed on that PC, stored here only as a hash.
 * Without it an unpaired PC that learnt a seat id could sign in, and 停用座席 would mean nothing.
 */
export interface SeatCredentials {
  id: string;
  secret: string;
}

/** Registers a seat (the server side of pairing); returns its credentials, the secret this once. */
export async function addSeat(client: pg.ClientBase, name: string, now = new Date()): Promise<SeatCredentials> {
  const seat = { id: randomUUID(), secret: randomBytes(32).toString('base64url') };
  await client.query('INSERT INTO seats (id, name, secret_hash, paired_at) VALUES ($1, $2, $3, $4)', [seat.id, name, tokenHash(seat.secret), now]);
  return seat;
}

/** A session lasts one working day at most: a token left behind on a shared seat or captured once ends. */
export const SESSION_HOURS = 12;

// A fixed hash to verify against when the login is unknown, so a wrong login costs as much time
// as a wrong password (no account enumeration by timing).
let dummy: Promise<string> | null = null;

/** Verifies `password` against `hash`, or against a fixed hash when there is none (an unknown login costs the same time). */
export async function verifyOrDummy(password: string, hash: string | undefined): Promise<boolean> {
  dummy ??= hashPassword(randomUUID());
  const ok = await argon2Verify({ password, hash: hash ?? (await dummy) });
  return ok && hash !== undefined;
}

/** Who signed in, for the seat's mirror of the account (its id is the one records name). */
export interface SignedInAccount {
  id: string;
  login: string;
  displayName: string;
  roles: Role[];
}

export interface SignInResult {
  token: string;
  account: SignedInAccount;
  /** The seat's data key as the seat sealed it at pairing (null: none kept). */
  seatKey: string | null;
  /**
   * The password is one an approval generated (account-admin.ts): the token opens nothing until
   * the owner replaces it (/api/change-password); the seat opens its files and asks for the new one.
   */
  mustChangePassword: boolean;
}

/**
 * Keeps the seat's sealed data key (the seat's side of pairing): only the seat that holds the secret
 * can open it, and it is handed back only with a successful sign-in, so a copy of that PC's files
 * opens neither without a password of the office's accounts.
 */
export async function setSeatKey(client: pg.ClientBase, seat: SeatCredentials, wrapped: string): Promise<void> {
  const { rowCount } = await client.query('UPDATE seats SET wrapped_key = $3 WHERE id = $1 AND secret_hash = $2 AND revoked_at IS NULL', [seat.id, tokenHash(seat.secret), wrapped]);
  if (rowCount === 0) throw new AuthError('本机未配对或已被停用');
}

/** Signs `login` in on the seat: a new session token, or one message for every refusal. */
export async function signIn(client: pg.ClientBase, seat: SeatCredentials, login: string, password: string, now = new Date()): Promise<SignInResult> {
  const refused = new RuleError('用户名或密码错误，或本机已被停用');
  const { rows } = await client.query<{ id: string; login: string; display_name: string; roles: Role[]; password_hash: string; disabled: boolean; must_change_password: boolean }>(
    'SELECT id, login, display_name, roles, password_hash, disabled, must_change_password FROM accounts WHERE login = $1',
    [login],
  );
  const account = rows[0];
  const ok = await verifyOrDummy(password, account?.password_hash);
  const paired = await client.query<{ wrapped_key: string | null }>('SELECT wrapped_key FROM seats WHERE id = $1 AND secret_hash = $2 AND revoked_at IS NULL', [seat.id, tokenHash(seat.secret)]);
  const seatRow = paired.rows[0];
  if (!account || !ok || account.disabled || !seatRow) throw refused;
  const token = randomBytes(32).toString('base64url');
  await client.query('INSERT INTO sessions (token_hash, account_id, seat_id, created_at) VALUES ($1, $2, $3, $4)', [tokenHash(token), account.id, seat.id, now]);
  return { token, account: { id: account.id, login: account.login, displayName: account.display_name, roles: account.roles }, seatKey: seatRow.wrapped_key, mustChangePassword: account.must_change_password };
}

/** Ends the session of `token` (sign-out, the idle lock on the seat). */
export async function signOut(client: pg.ClientBase, token: string): Promise<void> {
  await client.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash(token)]);
}

/** The actor behind `token`, re-read now (a revoked seat, a disabled account or 12 hours end every session). */
export async function authenticate(client: pg.ClientBase, token: string, now = new Date()): Promise<ServerActor> {
  const { rows } = await client.query<{ id: string; display_name: string; roles: Role[]; seat_id: string }>(
    `SELECT a.id, a.display_name, a.roles, s.seat_id
       FROM sessions s JOIN accounts a ON a.id = s.account_id JOIN seats t ON t.id = s.seat_id
      WHERE s.token_hash = $1 AND NOT a.disabled AND NOT a.must_change_password AND t.revoked_at IS NULL AND s.created_at > $2`,
    [tokenHash(token), new Date(now.getTime() - SESSION_HOURS * 3_600_000)],
  );
  const r = rows[0];
  if (!r) throw new AuthError('登录已失效、本机已被停用或须先修改初始密码，请重新登录');
  return { id: r.id, displayName: r.display_name, roles: r.roles, seatId: r.seat_id };
}
