import { describe, expect, it } from 'vitest';
import { unwrapSeatKey, wrapSeatKey } from '../../../electron/seat-key';

describe('the seat key left with the server', () => {
  const key = Buffer.alloc(32, 9);
  const wrapped = wrapSeatKey(key, 'seat-1', 'secret-of-seat-1');

  it('opens only with the seat’s own id and secret, and not once altered', () => {
    expect(unwrapSeatKey(wrapped, 'seat-1', 'secret-of-seat-1')).toEqual(key);
    expect(unwrapSeatKey(wrapped, 'seat-1', 'another-secret')).toBeNull();
    expect(unwrapSeatKey(wrapped, 'seat-2', 'secret-of-seat-1')).toBeNull();
    const bytes = Buffer.from(wrapped, 'base64url');
    bytes[20]! ^= 1;
    expect(unwrapSeatKey(bytes.toString('base64url'), 'seat-1', 'secret-of-seat-1')).toBeNull();
    expect(unwrapSeatKey('short', 'seat-1', 'secret-of-seat-1')).toBeNull();
  });

  it('never holds the key in the clear, and differs each time', () => {
    expect(Buffer.from(wrapped, 'base64url').includes(key)).toBe(false);
    expect(wrapSeatKey(key, 'seat-1', 'secret-of-seat-1')).not.toBe(wrapped);
  });
});
