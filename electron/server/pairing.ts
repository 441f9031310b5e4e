import { createHash, randomInt } from 'node:crypto';
import type pg from 'pg';
import { RuleError } from '../../shared/domain/rule-error';
import { addSeat } from './accounts';

// Pairing a seat (issue #19): the server prints a one-time code; the person at the new PC types
// the server's address, that code and the certificate fingerprint printed beside it. A code is
// good once, for 10 minutes; only its hash is stored. 12 digits (~40 bits) and the 10 minutes
// leave a guesser on the LAN no useful chance.

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

/** Uses the code up and registers the seat; one message for a wrong, used or expired code. */
export async function pairSeat(client: pg.ClientBase, code: string, seatName: string, now = new Date()): Promise<string> {
  const name = seatName.trim().slice(0, 60);
  if (!name) throw RuleError.at('name', '请填写本机名称，如“办公室张秘书的电脑”');
  await client.query('BEGIN');
  try {
    const used = await client.query('UPDATE pairing_codes SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2', [codeHash(code), now]);
    if (used.rowCount !== 1) throw RuleError.at('code', '配对码不正确、已用过或已过期；请在服务器上重新生成');
    const seatId = await addSeat(client, name, now);
    await client.query('COMMIT');
    return seatId;
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
}
