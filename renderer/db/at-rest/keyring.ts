import { gcm } from '@noble/ciphers/aes.js';
import { GcmSealer } from './gcm-sealer';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

// The installation's data key while someone is signed in (DESIGN.md "At rest"). It is held here,
// in this window's memory only, from a successful sign-in until sign-out or the idle lock, and
// every record passes through it on its way to and from IndexedDB (./encryption-middleware.ts).
//
// Encryption is synchronous (@noble/ciphers, AES-256-GCM in plain JS) on purpose: a record is
// encrypted inside the Dexie transaction that writes it, and awaiting WebCrypto there would let
// IndexedDB commit the transaction halfway (the same reason audit.ts hashes synchronously).

export const DATA_KEY_BYTES = 32;
const NONCE_BYTES = 12;

/** Reading or writing records while nobody is signed in. */
export class LockedError extends Error {
  constructor() {
    super('系统已锁定，请重新登录');
    this.name = 'LockedError';
  }
}

/** A stored record that does not decrypt under this installation's key: changed in the files. */
export class IntegrityError extends Error {
  constructor(
    readonly table: string,
    readonly key: unknown,
  ) {
    super(`数据文件中的记录被改动或损坏（${table}），已拒绝读取`);
    this.name = 'IntegrityError';
  }
}

interface Keys {
  /** AES-256-GCM key of the records. */
  rows: Uint8Array;
  /** HMAC key of the keyed (blind) index values. */
  blind: Uint8Array;
  /** A short public fingerprint naming which data key this is (never the key itself). */
  id: string;
  /** seal()'s cipher with its GHASH table, built on first use (gcm-sealer.ts). */
  sealer?: GcmSealer;
}

// Separate keys for separate uses, all derived from the one data key: a blind index value can
// never be replayed as a ciphertext key or the other way round.
function deriveKeys(dataKey: Uint8Array): Keys {
  const info = (s: string) => utf8ToBytes(`wenshu/${s}/v1`);
  return {
    rows: hkdf(sha256, dataKey, undefined, info('rows'), 32),
    blind: hkdf(sha256, dataKey, undefined, info('blind-index'), 32),
    id: keyIdOf(dataKey),
  };
}

export class Keyring {
  /**
   * Set at sign-in once the installation is known to be fully encrypted: from then on a readable
   * row where a sealed one belongs is refused (someone wrote it into the files). Off only while
   * an installation from before encryption at rest is being migrated.
   */
  strict = false;
  private keys: Keys | null = null;
  private dataKey: Uint8Array | null = null;
  private waiters: (() => void)[] = [];

  isUnlocked(): boolean {
    return this.keys !== null;
  }

  /** Holds the data key (a copy: the caller may wipe its own). */
  unlock(dataKey: Uint8Array): void {
    if (dataKey.length !== DATA_KEY_BYTES) throw new Error('数据密钥长度不正确');
    this.dataKey = new Uint8Array(dataKey);
    this.keys = deriveKeys(this.dataKey);
    this.webKey = null;
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
  }

  /** Drops the key (sign-out, idle lock): the bytes are overwritten, not just released. */
  lock(): void {
    if (this.keys) {
      this.keys.sealer?.destroy();
      this.keys.rows.fill(0);
      this.keys.blind.fill(0);
    }
    this.dataKey?.fill(0);
    this.keys = null;
    this.dataKey = null;
    this.webKey = null;
  }

  private locking: Promise<void> = Promise.resolve();

  /**
   * Locks once `work` (the 空闲锁定 audit entry, written under the key) has finished. A sign-in
   * awaits `settled()` first, so a quick unlock is never undone by a lock still on its way.
   */
  lockAfter(work: Promise<unknown>): void {
    this.locking = work.then(
      () => this.lock(),
      () => this.lock(),
    );
  }

  settled(): Promise<void> {
    return this.locking;
  }

  /** Resolves once someone signs in (reads under the lock screen wait instead of failing). */
  whenUnlocked(): Promise<void> {
    if (this.keys) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The raw data key, for wrapping it into a key slot or a backup. */
  exportDataKey(): Uint8Array {
    if (!this.dataKey) throw new LockedError();
    return new Uint8Array(this.dataKey);
  }

  /** Which data key is held: stored beside key slots so a slot of another installation is named. */
  keyId(): string {
    return this.need().id;
  }

  private need(): Keys {
    if (!this.keys) throw new LockedError();
    return this.keys;
  }

  /** nonce ‖ AES-256-GCM(plain) with its tag; `aad` binds the ciphertext to where it is stored. */
  seal(plain: Uint8Array, aad: Uint8Array): Uint8Array {
    const keys = this.need();
    const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
    const sealed = (keys.sealer ??= new GcmSealer(keys.rows)).encrypt(nonce, plain, aad);
    const out = new Uint8Array(NONCE_BYTES + sealed.length);
    out.set(nonce);
    out.set(sealed, NONCE_BYTES);
    return out;
  }

  private webKey: Promise<CryptoKey> | null = null;

  private webKeyOf(): Promise<CryptoKey> {
    const keys = this.need();
    this.webKey ??= crypto.subtle.importKey('raw', copy(keys.rows), 'AES-GCM', false, ['encrypt', 'decrypt']);
    return this.webKey;
  }

  /**
   * seal() through WebCrypto, for large binary (attachment chunks): the same AES-256-GCM and
   * format (nonce ‖ ciphertext ‖ tag), off the main thread. Never inside a Dexie transaction (a
   * non-Dexie await there lets IndexedDB commit early): callers seal first, then write.
   */
  async sealAsync(plain: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
    const key = await this.webKeyOf();
    const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
    const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: bufferView(aad) }, key, bufferView(plain)));
    const out = new Uint8Array(NONCE_BYTES + sealed.length);
    out.set(nonce);
    out.set(sealed, NONCE_BYTES);
    return out;
  }

  /** open() through WebCrypto: the same AES-256-GCM, off the main thread, for large rows outside transactions. */
  async openAsync(sealed: Uint8Array, aad: Uint8Array): Promise<Uint8Array | null> {
    if (sealed.length < NONCE_BYTES + 16) {
      this.need();
      return null;
    }
    const webKey = this.webKeyOf();
    try {
      const key = await webKey;
      return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bufferView(sealed.subarray(0, NONCE_BYTES)), additionalData: bufferView(aad) }, key, bufferView(sealed.subarray(NONCE_BYTES))));
    } catch {
      return null;
    }
  }

  /** The plaintext, or null when the bytes or the binding were changed. */
  open(sealed: Uint8Array, aad: Uint8Array): Uint8Array | null {
    const keys = this.need();
    if (sealed.length < NONCE_BYTES + 16) return null;
    try {
      return gcm(keys.rows, sealed.subarray(0, NONCE_BYTES), aad).decrypt(sealed.subarray(NONCE_BYTES));
    } catch {
      return null;
    }
  }

  /**
   * A keyed hash standing in for a text index value (e.g. 来文单位|来文字号 for the duplicate
   * check): equal texts meet in the index, yet the files show nothing of them.
   */
  blind(text: string): string {
    return `b:${bytesToHex(hmac(sha256, this.need().blind, utf8ToBytes(text))).slice(0, 40)}`;
  }
}

/** The public fingerprint of a data key (what Keyring.keyId says once it holds that key). */
export function keyIdOf(dataKey: Uint8Array): string {
  return bytesToHex(hkdf(sha256, dataKey, undefined, utf8ToBytes('wenshu/key-id/v1'), 8));
}

function copy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes.byteLength);
  out.set(bytes);
  return out;
}

/**
 * The bytes as WebCrypto takes them: the view itself when it lies over an ArrayBuffer (WebCrypto
 * copies its inputs when called), a copy otherwise (a shared or another realm's buffer): a backup
 * opens every row (issue #18), and three copies a row showed in its profile.
 */
function bufferView(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : copy(bytes);
}

const rings = new Map<string, Keyring>();

/**
 * The keyring of a database, by name: every Dexie instance of one database in this window (the
 * app's, a second one a test opens as "another window") shares it, as they share the files.
 */
export function keyringFor(dbName: string): Keyring {
  let ring = rings.get(dbName);
  if (!ring) {
    ring = new Keyring();
    rings.set(dbName, ring);
  }
  return ring;
}

/** Locks and drops the keyring of a database that is gone (a restore's scratch copy). */
export function forgetKeyring(dbName: string): void {
  rings.get(dbName)?.lock();
  rings.delete(dbName);
}

/** A fresh random data key, made once per installation (first run, or the first sign-in after the update). */
export function newDataKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(DATA_KEY_BYTES));
}
