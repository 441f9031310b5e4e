import { createHash, randomInt } from 'node:crypto';
import type pg from 'pg';
import { RuleError } from '../../shared/domain/rule-error';
import { addSeat, tokenHash, type SeatCredentials } from './accounts';
import { appendAudit, lockChain } from './audit';

// Pairing a seat (issue #19): the server prints a one-time code; the person at the new PC types
// the server's address, that code and the certificate fingerprint printed beside it. A code is
// good once, for 10 minutes; only its hash is stored. 12 digits (~40 bits) and the 10 minutes
// leave a guesser on the LAN no useful chance (and http.ts locks pairing after 5 wrong codes).
// A seat joining and leaving are in the audit log: a PC that holds the office's records is news.

export const PAIRING_MINUTES = 10;

function codeHash(code: string): string {
  return createHash('sha256').update(code.replace(/\D/g, '')).digest('hex');
}

/** A new one-time pairing code, e.g. '4829-1735-6602'. */
export async function newPairingCode(client: pg.ClientBase, now = new Date()): Promise<string> {
  const digits = Array.from({ length: 12 }, () => randomInt(10)).join('');
  await client.query('INSERT INTO pairing_codes (code_hash, expires_at) VALUES ($1, $2)', [codeHash(digits), new Date(now.getTime() + PAIRING_MINUTES * 60_000)]);
  return digits.replace(/(\d{4})(?=\d)/g, '$1-');
}

async function inTransaction<T>(client: pg.ClientBase, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
  try {
    const result = await fn();
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
}

async function auditSeat(client: pg.ClientBase, seat: { id: string; name: string }, action: string, now: Date): Promise<void> {
  await lockChain(client);
  await appendAudit(client, [{ time: now.toISOString(), actorId: seat.id, actorName: `座席：${seat.name}`, action, entityType: '座席', entityId: seat.id, summary: seat.name }]);
}

/** Uses the code up and registers the seat; one message for a wrong, used or expired code. */
export async function pairSeat(client: pg.ClientBase, code: string, seatName: string, now = new Date()): Promise<SeatCredentials> {
  const name = seatName.trim().slice(0, 60);
  if (!name) throw RuleError.at('name', '请填写本机名称，如“办公室张秘书的电脑”');
  return inTransaction(client, async () => {
    const used = await client.query('UPDATE pairing_codes SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2', [codeHash(code), now]);
    if (used.rowCount !== 1) throw RuleError.at('code', '配对码不正确、已用过或已过期；请在服务器上重新生成');
    const seat = await addSeat(client, name, now);
    await auditSeat(client, { id: seat.id, name }, '座席配对', now);
    return seat;
  });
}

/** The seat leaves the LAN itself (解除配对 on that PC): revoked, its sessions ended. */
export async function leaveSeat(client: pg.ClientBase, seat: SeatCredentials, now = new Date()): Promise<void> {
  await inTransaction(client, async () => {
    const { rows } = await client.query<{ name: string }>('UPDATE seats SET revoked_at = $3 WHERE id = $1 AND secret_hash = $2 AND revoked_at IS NULL RETURNING name', [seat.id, tokenHash(seat.secret), now]);
    if (!rows[0]) throw new RuleError('本机不是该服务器的座席，或已被停用');
    await client.query('DELETE FROM sessions WHERE seat_id = $1', [seat.id]);
    await auditSeat(client, { id: seat.id, name: rows[0].name }, '座席解除配对', now);
  });
}
