import { gcm } from '@noble/ciphers/aes.js';
import { describe, expect, test } from 'vitest';
import { GcmSealer } from '../../../renderer/db/at-rest/gcm-sealer';
import { Keyring } from '../../../renderer/db/at-rest/keyring';

// The sealer that keeps its GHASH table (issue #18: sealing is most of a bulk write's cost) must
// give exactly the bytes of noble's gcm(), for every length of text and additional data, message
// after message with the same table; and what the keyring seals must open (with noble's gcm()).

const sizes = [0, 1, 15, 16, 17, 31, 32, 33, 1000, 4096, 65_000];

describe('GcmSealer', () => {
  test('equals noble gcm() byte for byte, message after message', () => {
    const key = crypto.getRandomValues(new Uint8Array(32));
    const sealer = new GcmSealer(key);
    for (const size of sizes) {
      for (const aadSize of [0, 5, 16, 60, 300]) {
        const nonce = crypto.getRandomValues(new Uint8Array(12));
        const plain = crypto.getRandomValues(new Uint8Array(size));
        const aad = crypto.getRandomValues(new Uint8Array(aadSize));
        expect(sealer.encrypt(nonce, plain, aad)).toEqual(gcm(key, nonce, aad).encrypt(plain));
      }
    }
  });

  test('what the keyring seals opens, and a changed byte or binding does not', () => {
    const ring = new Keyring();
    ring.unlock(crypto.getRandomValues(new Uint8Array(32)));
    for (const size of sizes) {
      const plain = crypto.getRandomValues(new Uint8Array(size));
      const aad = new TextEncoder().encode(`wenshu/row/v1\u0000incoming\u0000"r${size}"`);
      const sealed = ring.seal(plain, aad);
      expect(ring.open(sealed, aad)).toEqual(plain);
      const changed = sealed.slice();
      changed[changed.length - 1]! ^= 1;
      expect(ring.open(changed, aad)).toBeNull();
      expect(ring.open(sealed, new TextEncoder().encode('elsewhere'))).toBeNull();
    }
    // Locked and unlocked with another key: the old table is gone with the old key.
    ring.lock();
    expect(() => ring.seal(new Uint8Array(3), new Uint8Array(0))).toThrow();
    ring.unlock(crypto.getRandomValues(new Uint8Array(32)));
    const again = ring.seal(new Uint8Array([1, 2, 3]), new Uint8Array(0));
    expect(ring.open(again, new Uint8Array(0))).toEqual(new Uint8Array([1, 2, 3]));
  });
});
