import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// The seat's data key left with the LAN server (issue #19). An office account signing in on a PC
// for the first time has no key slot there, so nothing would open that PC's files: the key is
// sealed at pairing under a key derived from the seat's secret (which only this PC holds, sealed
// with safeStorage) and handed back by the server only with a successful sign-in. The server
// never sees the key itself; a copy of the PC's files needs an office password as well.

const INFO = 'wenshu/seat-key/v1';

function sealingKey(seatSecret: string, seatId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(seatSecret, 'utf8'), Buffer.from(seatId, 'utf8'), INFO, 32));
}

/** base64url(iv ‖ AES-256-GCM(dataKey) ‖ tag), bound to the seat's id. */
export function wrapSeatKey(dataKey: Buffer, seatId: string, seatSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(seatSecret, seatId), iv);
  cipher.setAAD(Buffer.from(seatId, 'utf8'));
  const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** The data key, or null when `wrapped` is not this seat's (another seat's, or altered). */
export function unwrapSeatKey(wrapped: string, seatId: string, seatSecret: string): Buffer | null {
  const all = Buffer.from(wrapped, 'base64url');
  if (all.length !== 12 + 32 + 16) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(seatSecret, seatId), all.subarray(0, 12));
    decipher.setAAD(Buffer.from(seatId, 'utf8'));
    decipher.setAuthTag(all.subarray(44));
    return Buffer.concat([decipher.update(all.subarray(12, 44)), decipher.final()]);
  } catch {
    return null;
  }
}
