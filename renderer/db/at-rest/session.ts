import {
  AT_REST_ESCROW_KEY,
  AT_REST_KEY_MAP,
  AT_REST_STATE_KEY,
  atRestEscrowSchema,
  atRestKeyMapSchema,
  atRestStateSchema,
  type AtRestState,
  type KeyMapEntry,
} from '@shared/domain/settings-schemas';
import type { WenshuDB } from '../database';
import { fromBase64, own, toBase64 } from '@shared/backup-format';
import { isSealed } from './encryption-middleware';
import { IntegrityError, keyIdOf, newDataKey } from './keyring';
import { unwrapDataKey, wrapDataKey, type KeySlot } from './key-slots';

// Opening the data key at sign-in, creating it at first run, and the move of an installation from
// before encryption at rest. Sign-in has no key yet, so it reads the few readable fields of the
// account (password hash, key slot) straight from IndexedDB; everything else about the account
// (roles, disabled, …) is read through the middleware after the key is open, which also proves
// the row was not changed in the files.

/**
 * The settings rows of encryption at rest (schemas: shared/domain/settings-schemas):
 * - AT_REST_STATE_KEY, sealed: whether every row is encrypted yet, and how far a migration got;
 * - AT_REST_ESCROW_KEY, readable: present only while an installation from before encryption at
 *   rest still has accounts that have not signed in since: it holds the data key so that they can
 *   get their key slot at their next sign-in. It is removed as soon as every enabled account has one.
 */
export { AT_REST_ESCROW_KEY, AT_REST_KEY_MAP, AT_REST_STATE_KEY, type AtRestState };

/** The state row as stored, or undefined (absent, or a value today's schema refuses). */
function parseState(value: unknown): AtRestState | undefined {
  const parsed = atRestStateSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export interface StoredCredentials {
  id: string;
  usernameKey: string;
  passwordHash: string;
  keySlot?: KeySlot;
  /** A LAN seat's mirror of a server account (db/lan/seat-sign-in.ts). */
  lanAccount?: true;
}

async function raw<T>(db: WenshuDB, read: (tx: IDBTransaction) => IDBRequest): Promise<T> {
  if (!db.isOpen()) await db.open();
  return new Promise<T>((resolve, reject) => {
    const tx = db.backendDB().transaction(['users', 'settings'], 'readonly');
    const req = read(tx);
    req.onsuccess = () => resolve(req.result as T);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB read failed'));
  });
}

/** The readable fields of the account `usernameKey` names, straight from the files. */
export async function readCredentials(db: WenshuDB, usernameKey: string): Promise<StoredCredentials | undefined> {
  const row = await raw<Record<string, unknown> | undefined>(db, (tx) => tx.objectStore('users').index('usernameKey').get(usernameKey));
  if (!row || typeof row.id !== 'string' || typeof row.passwordHash !== 'string') return undefined;
  return {
    id: row.id,
    usernameKey,
    passwordHash: row.passwordHash,
    ...(row.keySlot && typeof row.keySlot === 'object' ? { keySlot: row.keySlot as KeySlot } : {}),
    ...(row.lanAccount === true ? { lanAccount: true as const } : {}),
  };
}

async function rawUsers(db: WenshuDB): Promise<Record<string, unknown>[]> {
  return raw(db, (tx) => tx.objectStore('users').getAll());
}

async function rawSetting(db: WenshuDB, key: string): Promise<Record<string, unknown> | undefined> {
  return raw(db, (tx) => tx.objectStore('settings').get(key));
}

/** First run: a new data key for the installation, open from now on; every row is sealed. */
export async function createInstallationKey(db: WenshuDB, now: Date): Promise<AtRestState> {
  const key = newDataKey();
  db.keyring.unlock(key);
  key.fill(0);
  db.keyring.strict = true;
  return { state: 'done', keyId: db.keyring.keyId(), startedAt: now.toISOString(), finishedAt: now.toISOString() };
}

export type UnlockOutcome =
  | {
      ok: true;
      /** A key slot to store on the account (the first sign-in since encryption at rest). */
      newSlot?: KeySlot;
      /** The installation's rows still have to be sealed (AuthGate shows the progress). */
      migrating: boolean;
    }
  | { ok: false; message: string };

export const SLOT_MISSING = '此账户还没有数据密钥（数据加密后尚未登录过，且过渡期已结束），请系统管理员重置密码';
export const FILES_CHANGED = '数据文件被改动或损坏，已拒绝登录；请联系安全保密管理员';

/** After the key is open: the sealed state row proves it is this installation's key. */
async function checkOpenedKey(db: WenshuDB): Promise<{ ok: true; state: AtRestState | undefined } | { ok: false }> {
  try {
    const state = parseState((await db.settings.get(AT_REST_STATE_KEY))?.value);
    return { ok: true, state };
  } catch (e) {
    if (e instanceof IntegrityError) return { ok: false };
    throw e;
  }
}

/**
 * Opens `key`, handed over by a LAN server at a seat's sign-in (db/lan/seat-sign-in.ts), with the
 * same checks as a key slot's: it must be this installation's key, and the files are read strictly
 * from then on. False (and locked) when it is not.
 */
export async function unlockWithDataKey(db: WenshuDB, key: Uint8Array): Promise<boolean> {
  db.keyring.unlock(key);
  const checked = await checkOpenedKey(db);
  if (!checked.ok || !checked.state) {
    db.keyring.lock();
    return false;
  }
  db.keyring.strict = checked.state.state !== 'migrating';
  return true;
}

/**
 * Opens the data key for an account whose password was just verified against its hash. Leaves
 * the keyring locked on any refusal.
 */
export async function unlockDataKey(db: WenshuDB, cred: StoredCredentials, password: string, now: Date): Promise<UnlockOutcome> {
  const keyring = db.keyring;
  if (cred.keySlot) {
    const key = await unwrapDataKey(cred.keySlot, password);
    // The hash accepted the password, the slot did not: one of them was replaced in the files.
    if (!key) return { ok: false, message: FILES_CHANGED };
    keyring.unlock(key);
    let checked = await checkOpenedKey(db);
    let newSlot: KeySlot | undefined;
    if (!checked.ok) {
      // A slot restored from another installation's backup opens that installation's key; the
      // restore left this installation's key wrapped under it (AT_REST_KEY_MAP).
      keyring.lock();
      const mapped = await mappedDataKey(db, key);
      if (mapped) {
        keyring.unlock(mapped);
        mapped.fill(0);
        checked = await checkOpenedKey(db);
        if (checked.ok) newSlot = await wrapDataKey(keyring, password);
      }
      if (!checked.ok) {
        keyring.lock();
        key.fill(0);
        return { ok: false, message: FILES_CHANGED };
      }
    }
    key.fill(0);
    // An encrypted installation always has its state row: one deleted from the files changes
    // nothing but is not taken as "still migrating" either.
    keyring.strict = checked.state?.state !== 'migrating';
    return { ok: true, migrating: checked.state?.state === 'migrating', ...(newSlot ? { newSlot } : {}) };
  }

  const escrow = await rawSetting(db, AT_REST_ESCROW_KEY);
  const escrowed = atRestEscrowSchema.safeParse(escrow?.value);
  const escrowKey = escrowed.success ? escrowed.data.dataKey : undefined;
  if (escrowKey !== undefined) {
    keyring.unlock(fromBase64(escrowKey));
    const checked = await checkOpenedKey(db);
    if (!checked.ok || !checked.state) {
      keyring.lock();
      return { ok: false, message: FILES_CHANGED };
    }
    keyring.strict = checked.state.state !== 'migrating';
    return { ok: true, newSlot: await wrapDataKey(keyring, password), migrating: checked.state.state === 'migrating' };
  }

  // An installation from before encryption at rest: no account has a slot, no state row exists.
  const users = await rawUsers(db);
  const state = await rawSetting(db, AT_REST_STATE_KEY);
  if (state || users.some((u) => u.keySlot || isSealed(u))) return { ok: false, message: SLOT_MISSING };
  const key = newDataKey();
  keyring.unlock(key);
  key.fill(0);
  keyring.strict = false;
  const others = users.filter((u) => u.id !== cred.id && u.disabled !== true).length;
  const begun: AtRestState = { state: 'migrating', keyId: keyring.keyId(), startedAt: now.toISOString() };
  await db.transaction('rw', db.settings, async () => {
    await db.settings.put({ key: AT_REST_STATE_KEY, value: begun });
    if (others > 0) {
      await db.settings.put({ key: AT_REST_ESCROW_KEY, value: { dataKey: toBase64(keyring.exportDataKey()), since: now.toISOString() } });
    }
  });
  return { ok: true, newSlot: await wrapDataKey(keyring, password), migrating: true };
}

/** Ends the transition once every enabled account has its own key slot. */
export async function endSlotTransitionIfDone(db: WenshuDB): Promise<boolean> {
  if (!(await rawSetting(db, AT_REST_ESCROW_KEY))) return false;
  const users = await db.users.toArray();
  if (users.some((u) => !u.disabled && !u.keySlot)) return false;
  await db.settings.delete(AT_REST_ESCROW_KEY);
  return true;
}

export async function atRestState(db: WenshuDB): Promise<AtRestState | undefined> {
  return parseState((await db.settings.get(AT_REST_STATE_KEY))?.value);
}

/**
 * AT_REST_KEY_MAP: readable settings row written by a restore of another installation's backup: this
 * installation's data key wrapped under the backup's, per backup key, so the key slots in the
 * restored users rows (which wrap the backup's key) still sign their owners in; each gets a slot
 * for this installation's key at that sign-in. Whoever holds the backup and its passphrase could
 * read every record in it anyway.
 */
function keyMapEntries(value: unknown): KeyMapEntry[] {
  const parsed = atRestKeyMapSchema.safeParse(value);
  return parsed.success ? parsed.data.entries : [];
}

const MAP_AAD = new TextEncoder().encode('wenshu/key-map/v1');

async function aesKey(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', own(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

async function mappedDataKey(db: WenshuDB, from: Uint8Array): Promise<Uint8Array | null> {
  const row = await rawSetting(db, AT_REST_KEY_MAP);
  const entries = keyMapEntries(row?.value).filter((e) => e.from === keyIdOf(from));
  for (const e of entries) {
    try {
      return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: own(fromBase64(e.iv)), additionalData: MAP_AAD }, await aesKey(from), own(fromBase64(e.wrapped))));
    } catch {
      // not this one
    }
  }
  return null;
}

/**
 * The settings rows a restore writes in its own transaction, for the key of the restored rows:
 * the state row; the key map when the backup came with another installation's key; the escrow
 * when the backup is from before encryption at rest (its accounts have no key slot yet).
 */
export async function restoredKeyRows(db: WenshuDB, backupDataKey: Uint8Array | null, now: Date): Promise<{ key: string; value: unknown }[]> {
  const keyring = db.keyring;
  const at = now.toISOString();
  const rows: { key: string; value: unknown }[] = [{ key: AT_REST_STATE_KEY, value: { state: 'done', keyId: keyring.keyId(), startedAt: at, finishedAt: at } satisfies AtRestState }];
  let entries = keyMapEntries((await db.settings.get(AT_REST_KEY_MAP))?.value);
  if (backupDataKey && keyIdOf(backupDataKey) !== keyring.keyId()) {
    const current = keyring.exportDataKey();
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const wrapped = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: MAP_AAD }, await aesKey(backupDataKey), own(current)));
    current.fill(0);
    const from = keyIdOf(backupDataKey);
    entries = [...entries.filter((e) => e.from !== from), { from, iv: toBase64(iv), wrapped: toBase64(wrapped) }];
  }
  if (entries.length) rows.push({ key: AT_REST_KEY_MAP, value: { entries } });
  if (!backupDataKey) rows.push({ key: AT_REST_ESCROW_KEY, value: { dataKey: toBase64(keyring.exportDataKey()), since: at } });
  return rows;
}
