import { fromBase64, own, rawKey, toBase64 } from '@shared/backup-format';
import type { Keyring } from './keyring';

// Key slots, as in disk encryption: the one data key of the installation, wrapped once per account
// under a key derived from that account's password. Signing in unwraps it; changing or resetting
// a password writes a new slot; nobody's slot can be opened without their password. When every
// password is forgotten, no slot opens and the records are lost unless a backup exists.

/** Same cost as the login hash: the hash beside it in the files is no cheaper to attack. */
const SLOT_KDF = { memorySize: 19456, iterations: 2, parallelism: 1 } as const;

export interface KeySlot {
  v: 1;
  kdf: { alg: 'argon2id'; memorySize: number; iterations: number; parallelism: number; salt: string };
  /** base64 of the AES-GCM nonce */
  iv: string;
  /** base64 of AES-256-GCM(data key) with its tag */
  wrapped: string;
  /** Fingerprint of the wrapped data key (Keyring.keyId), public: says which installation's key it is. */
  keyId: string;
}

const SLOT_AAD = new TextEncoder().encode('wenshu/key-slot/v1');

async function slotKey(password: string, kdf: KeySlot['kdf']): Promise<CryptoKey> {
  const raw = await rawKey(password, kdf);
  const key = await crypto.subtle.importKey('raw', own(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
  raw.fill(0);
  return key;
}

/** Wraps the data key `keyring` holds for `password`. Slow (argon2id): call outside transactions. */
export async function wrapDataKey(keyring: Keyring, password: string): Promise<KeySlot> {
  const kdf: KeySlot['kdf'] = { alg: 'argon2id', ...SLOT_KDF, salt: toBase64(crypto.getRandomValues(new Uint8Array(16))) };
  const dataKey = keyring.exportDataKey();
  const keyId = keyring.keyId();
  try {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const wrapped = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: SLOT_AAD }, await slotKey(password, kdf), own(dataKey)));
    return { v: 1, kdf, iv: toBase64(iv), wrapped: toBase64(wrapped), keyId };
  } finally {
    dataKey.fill(0);
  }
}

/** The data key in `slot`, or null when the password does not open it. */
export async function unwrapDataKey(slot: KeySlot, password: string): Promise<Uint8Array | null> {
  try {
    const key = await slotKey(password, slot.kdf);
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: own(fromBase64(slot.iv)), additionalData: SLOT_AAD }, key, own(fromBase64(slot.wrapped))));
  } catch {
    return null;
  }
}
