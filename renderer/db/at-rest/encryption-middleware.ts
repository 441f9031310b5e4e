import type { DBCore, DBCoreCursor, DBCoreIndex, DBCoreKeyRange, DBCoreMutateRequest, Middleware } from 'dexie';
import { deflateSync, inflateSync } from 'fflate';
import { parseBracketNumber } from '@shared/domain/numbering';
import { canonicalJson } from '@shared/domain/canonical-json';
import { IntegrityError, LockedError, type Keyring } from './keyring';

// Encryption at rest (issue #12): one DBCore middleware, the lowest in Dexie's stack, through
// which every row passes. A row is stored as its index keys (IndexedDB needs them readable to
// index), the few fields sign-in needs before any key exists, and `$e`: AES-256-GCM of the
// whole row as JSON. The additional data binds the ciphertext to its table, its primary key and
// every readable field beside it, so changing any byte of a row in the files — an index key, a
// password hash, a role inside the ciphertext — makes it refuse to decrypt (IntegrityError).
//
// Why our own middleware rather than dexie-encrypted: that package encrypts only the fields
// listed per table (everything else stays readable), does not authenticate the readable ones, and
// awaits asynchronous crypto inside transactions; its last release predates Dexie 4. What we need
// is ~200 lines on Dexie's documented DBCore interface.

/** The field holding the sealed row. */
export const SEALED = '$e';

export interface AtRestPolicy {
  /** Tables stored as they are: they hold nothing secret and are written before anyone signs in. */
  plainTables: ReadonlySet<string>;
  /** Settings rows read before sign-in (the 单位名称 on the login page, the encryption state). */
  publicSettings: ReadonlySet<string>;
  /** Fields kept readable beside the ciphertext (still authenticated by it), per table. */
  readableFields: Readonly<Record<string, readonly string[]>>;
  /** Index fields holding text: stored as keyed hashes, queried by equality only. */
  blindIndexes: Readonly<Record<string, readonly string[]>>;
  /**
   * Tables whose rows hold bytes the app sealed itself (attachment chunks): megabytes of binary
   * that must not go through JSON packing nor the synchronous cipher. Their rows pass as they are,
   * but only in their one shape (string/number keys and `data`, a Blob or bytes): anything else
   * there — a readable field slipped into the files — is refused like a readable row. The bytes are
   * opened and verified by their reader (AES-256-GCM bound to the row's key; a changed byte fails).
   */
  selfSealedTables: Readonly<Record<string, readonly string[]>>;
  /**
   * Index fields a table's rows do not hold but the stored row does, computed from the row (a
   * carrier's year and sequence from its 编号, for the 台账's first page from an index). They sit
   * beside the ciphertext outside its binding, so an upgrade can add them to rows already sealed
   * (no key before sign-in); every read computes them again from the opened row and refuses a row
   * whose stored ones differ (IntegrityError), and drops them: the row read is the row written.
   */
  derivedIndexes: Readonly<Record<string, Derivation>>;
}

/** A table's derived index fields (`fields`: every name `derive` may give) and how they are computed from a row. */
export interface Derivation {
  fields: readonly string[];
  derive: (row: Record<string, unknown>) => Record<string, number>;
}

/** A carrier's [year+seq] from its 编号 (载〔2026〕0007, 载〔2026〕B-0007); none when it has another form. */
export function carrierOrderKeys(row: Record<string, unknown>): Record<string, number> {
  const m = typeof row.serial === 'string' ? parseBracketNumber(row.serial) : null;
  return m ? { year: m.year, seq: m.seq } : {};
}

export const AT_REST_POLICY: AtRestPolicy = {
  // lanVersions: a LAN seat's version number per record id (ids are readable keys anyway).
  plainTables: new Set(['loginThrottle', 'pendingAudit', 'lanVersions']),
  publicSettings: new Set(['unitInfo', 'atRestEscrow', 'atRestKeyMap']),
  // Sign-in checks the password and unwraps the data key before it can read anything else.
  // A LAN seat's mirror accounts are marked readable too: whether the server's refusal stands for it.
  readableFields: { users: ['passwordHash', 'keySlot', 'lanAccount'] },
  blindIndexes: { incoming: ['duplicateKey'] },
  // repositories/attachments.ts seals each chunk with WebCrypto before the write transaction.
  selfSealedTables: { attachmentChunks: ['attachmentId', 'n', 'data'] },
  // The 台账 opens on its newest page from the [year+seq] index (schema v14).
  derivedIndexes: { carriers: { fields: ['year', 'seq'], derive: carrierOrderKeys } },
};

/**
 * A stored row's readable fields without its derived ones, and those apart: the binding covers
 * the former only. `derivation` null: the table has none.
 */
function splitDerived(readable: Record<string, unknown>, derivation: Derivation | null): { bound: Record<string, unknown>; derived: Record<string, unknown> } {
  if (!derivation) return { bound: readable, derived: {} };
  const bound = { ...readable };
  const derived: Record<string, unknown> = {};
  for (const f of derivation.fields) {
    if (f in bound) {
      derived[f] = bound[f];
      delete bound[f];
    }
  }
  return { bound, derived };
}

/** Whether a row's stored derived fields are exactly those computed from the opened row. */
function derivedMatch(row: Record<string, unknown>, stored: Record<string, unknown>, derive: (row: Record<string, unknown>) => Record<string, number>): boolean {
  const expected = derive(row);
  const a = Object.keys(expected);
  return a.length === Object.keys(stored).length && a.every((k) => stored[k] === expected[k]);
}

/** Whether `v` is the shape of a self-sealed row: exactly `fields`, keys plain, `data` binary. */
function selfSealedShape(v: unknown, fields: readonly string[]): boolean {
  if (v === null || typeof v !== 'object') return false;
  const keys = Object.keys(v);
  if (keys.length !== fields.length || !keys.every((k) => fields.includes(k))) return false;
  const row = v as Record<string, unknown>;
  for (const k of keys) {
    const x = row[k];
    if (k === 'data') {
      // A Blob of this realm or another (jsdom), or a typed array.
      const isBlob = typeof Blob !== 'undefined' && x instanceof Blob;
      const blobLike = !!x && typeof x === 'object' && Object.prototype.toString.call(x) === '[object Blob]';
      if (!isBlob && !blobLike && !ArrayBuffer.isView(x)) return false;
    } else if (typeof x !== 'string' && typeof x !== 'number') return false;
  }
  return true;
}

const te = new TextEncoder();
const td = new TextDecoder();

function getPath(obj: unknown, path: string): unknown {
  let at: unknown = obj;
  for (const part of path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let at = obj;
  for (const part of parts.slice(0, -1)) {
    const next = at[part];
    if (next === null || typeof next !== 'object') at[part] = {};
    at = at[part] as Record<string, unknown>;
  }
  at[parts[parts.length - 1]!] = value;
}

// What is sealed: one byte saying how, then the row's JSON, deflated when large. Encryption here is
// plain JavaScript (see keyring.ts), so its cost grows with the bytes: a register's search
// projection (megabytes of repetitive JSON) shrinks several times and opens that much faster.
// (Compression makes a row's stored size depend on its content; reading anything from that would
// take someone who can both write the records and watch the files: such a person reads them anyway.)
const RAW = 0;
const DEFLATED = 1;
const DEFLATE_FROM = 2048;

function pack(value: unknown): Uint8Array {
  const json = te.encode(JSON.stringify(value));
  const body = json.length >= DEFLATE_FROM ? deflateSync(json, { level: 1 }) : json;
  const out = new Uint8Array(body.length + 1);
  out[0] = body === json ? RAW : DEFLATED;
  out.set(body, 1);
  return out;
}

function unpack(plain: Uint8Array): Record<string, unknown> {
  const body = plain.subarray(1);
  return JSON.parse(td.decode(plain[0] === DEFLATED ? inflateSync(body) : body)) as Record<string, unknown>;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The index of the quote closing the JSON string whose opening quote is at `at`. */
function stringEnd(json: Uint8Array, at: number): number {
  let i = at + 1;
  while (i < json.length && json[i] !== QUOTE) i += json[i] === BACKSLASH ? 2 : 1;
  return i;
}

/**
 * Where the value of the top-level member named `name` (its JSON, quotes included) of the JSON object `json` (JSON.stringify's
 * output: no whitespace) lies, or null when it has none. Strings are skipped whole (a `"name":`
 * inside a string or a nested object is not a member of the top level).
 */
function topLevelMember(json: Uint8Array, name: Uint8Array): { start: number; end: number } | null {
  let depth = 0;
  for (let i = 0; i < json.length; i++) {
    const b = json[i]!;
    if (b === QUOTE) {
      // A key of the top level follows `{` or `,` at depth 1 (a string value follows `:`).
      const isKey = depth === 1 && (json[i - 1] === 0x7b || json[i - 1] === 0x2c);
      const start = i;
      i = stringEnd(json, i);
      if (!isKey || i - start + 1 !== name.length || json[i + 1] !== 0x3a || !name.every((c, k) => json[start + k] === c)) continue;
      // Its value runs to the next `,` or `}` outside any string, object or array inside it.
      let end = i + 2;
      for (let d = 0; end < json.length; end++) {
        const c = json[end]!;
        if (c === QUOTE) end = stringEnd(json, end);
        else if (c === 0x7b || c === 0x5b) d++;
        else if ((c === 0x7d || c === 0x5d) && d-- === 0) break;
        else if (c === 0x2c && d === 0) break;
      }
      return { start: i + 2, end };
    } else if (b === 0x7b || b === 0x5b) depth++;
    else if (b === 0x7d || b === 0x5d) depth--;
  }
  return null;
}

/**
 * The JSON of `row[name] = value` for the object whose JSON is `json`, as JSON.stringify of it
 * would say it: the member added at the end when the row has none (where a new property goes), kept
 * when it already says `value`, else (a row that is not an object, or says another value) by
 * JSON.parse and JSON.stringify.
 */
export function withMember(json: Uint8Array, name: string, value: unknown): Uint8Array {
  const valueJson = te.encode(JSON.stringify(value));
  if (json[0] === 0x7b && json[json.length - 1] === 0x7d && valueJson.length > 0) {
    const at = topLevelMember(json, te.encode(JSON.stringify(name)));
    if (!at) {
      const member = te.encode(`${json.length > 2 ? ',' : ''}${JSON.stringify(name)}:`);
      const out = new Uint8Array(json.length + member.length + valueJson.length);
      out.set(json.subarray(0, json.length - 1));
      out.set(member, json.length - 1);
      out.set(valueJson, json.length - 1 + member.length);
      out[out.length - 1] = 0x7d;
      return out;
    }
    if (at.end - at.start === valueJson.length && valueJson.every((c, k) => json[at.start + k] === c)) return json;
  }
  const row: unknown = JSON.parse(td.decode(json));
  if (row !== null && typeof row === 'object') (row as Record<string, unknown>)[name] = value;
  return te.encode(JSON.stringify(row));
}

/** The additional data of a sealed row: its table, its primary key ('auto' when IndexedDB assigns it) and its readable fields. */
function rowBinding(table: string, primaryKey: unknown, readable: Record<string, unknown>): Uint8Array {
  const pk = primaryKey === undefined ? 'auto' : canonicalJson(primaryKey);
  return te.encode(`wenshu/row/v1\u0000${table}\u0000${pk}\u0000${canonicalJson(readable)}`);
}

/**
 * Reads one large row outside any transaction and opens it with WebCrypto, which runs off the main
 * thread and far faster than the synchronous cipher the middleware must use inside transactions.
 * For a register's search projection (megabytes), read once when a list first opens. Only for
 * tables with a key of their own (not auto-incremented).
 */
export async function readLargeRow(db: { name: string; backendDB(): IDBDatabase; isOpen(): boolean; open(): Promise<unknown> }, keyring: Keyring, table: string, key: IDBValidKey): Promise<unknown> {
  return (await readRowsOpenedAsync(db, keyring, table, [key]))[0];
}

/**
 * Rows by primary key, read in one transaction outside Dexie and opened with WebCrypto in
 * parallel, with the same checks as the middleware (a readable row where only sealed ones may be,
 * or a sealed one that fails its binding, is an IntegrityError). For a report that lists a few
 * hundred records of a large register (运转时效): the synchronous cipher takes ~0.4 ms a row,
 * WebCrypto a fraction of that. Only for tables with a key of their own (not auto-incremented).
 * Missing rows come back undefined, in the order of `keys`.
 */
export async function readRowsOpenedAsync(
  db: { name: string; backendDB(): IDBDatabase; isOpen(): boolean; open(): Promise<unknown> },
  keyring: Keyring,
  table: string,
  keys: readonly IDBValidKey[],
): Promise<unknown[]> {
  if (keys.length === 0) return [];
  if (!db.isOpen()) await db.open();
  const { stored, shape } = await new Promise<{ stored: unknown[]; shape: CodecTable }>((resolve, reject) => {
    const tx = db.backendDB().transaction(table, 'readonly');
    const store = tx.objectStore(table);
    // Read while the transaction is active (an index of a finished one cannot be asked).
    const shape = codecTableOf(store);
    const out: unknown[] = new Array<unknown>(keys.length);
    keys.forEach((key, i) => {
      const req = store.get(key);
      req.onsuccess = () => {
        out[i] = req.result;
        // Requests succeed in order: the last one's result means every row is read. Not waiting
        // for the read transaction to complete saves a round of IndexedDB (a search's page, issue #18).
        if (i === keys.length - 1) resolve({ stored: out, shape });
      };
    });
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB read failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB read aborted'));
  });
  return openStoredAsync(keyring, shape, stored, (_row, i) => keys[i]!);
}

/**
 * The rows of `table` whose index `index` lies in any of `ranges` (each row once), read with one
 * getAll a range and opened as readRowsOpenedAsync does. For a table whose primary key is a
 * property of its rows (not auto-incremented): the key is read from the stored row.
 */
export async function readIndexOpenedAsync(
  db: { name: string; backendDB(): IDBDatabase; isOpen(): boolean; open(): Promise<unknown> },
  keyring: Keyring,
  table: string,
  index: string,
  ranges: readonly IDBKeyRange[],
): Promise<unknown[]> {
  if (!db.isOpen()) await db.open();
  const { rows, keyPath, shape } = await new Promise<{ rows: unknown[]; keyPath: string; shape: CodecTable }>((resolve, reject) => {
    const tx = db.backendDB().transaction(table, 'readonly');
    const store = tx.objectStore(table);
    const shape = codecTableOf(store);
    if (typeof store.keyPath !== 'string' || store.autoIncrement) {
      reject(new Error(`readIndexOpenedAsync: ${table} has no key of its own`));
      return;
    }
    const keyPath = store.keyPath;
    const parts: unknown[][] = [];
    for (const range of ranges) {
      const req = store.index(index).getAll(range);
      req.onsuccess = () => parts.push(req.result as unknown[]);
    }
    tx.oncomplete = () => {
      const seen = new Set<unknown>();
      const out: unknown[] = [];
      for (const row of parts.flat()) {
        const key = (row as Record<string, unknown>)[keyPath];
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(row);
      }
      resolve({ rows: out, keyPath, shape });
    };
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB read failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB read aborted'));
  });
  return openStoredAsync(keyring, shape, rows, (row) => (row as Record<string, unknown>)[keyPath] as IDBValidKey);
}

/**
 * Opens stored rows of `table` with WebCrypto, in parallel: TableCodec.decodeAsync, the
 * middleware's own checks, under the policy of `keyring`'s middleware. The table's shape comes from
 * its object store (codecTableOf), as the middleware has it from Dexie's schema.
 */
async function openStoredAsync(keyring: Keyring, table: CodecTable, stored: readonly unknown[], keyOf: (row: unknown, i: number) => IDBValidKey): Promise<unknown[]> {
  if (stored.some((row) => isSealed(row)) && !keyring.isUnlocked()) await keyring.whenUnlocked();
  const codec = new TableCodec(table, keyring, policies.get(keyring) ?? AT_REST_POLICY);
  return Promise.all(stored.map((row, i) => (row === undefined || row === null || typeof row !== 'object' ? row : codec.decodeAsync(row, keyOf(row, i)))));
}

/** An object store's shape as the at-rest layer needs it (Dexie's schema gives the same). */
function codecTableOf(store: IDBObjectStore): CodecTable {
  return {
    name: store.name,
    schema: {
      primaryKey: { keyPath: store.keyPath, autoIncrement: store.autoIncrement },
      indexes: [...store.indexNames].map((n) => ({ keyPath: store.index(n).keyPath })),
    },
  };
}

function keyPathsOf(index: { keyPath: string | string[] | null }): string[] {
  if (index.keyPath === null) return [];
  return Array.isArray(index.keyPath) ? index.keyPath : [index.keyPath];
}

/** Whether a stored row is sealed (every row is, once the installation has migrated). */
export function isSealed(stored: unknown): boolean {
  return !!stored && typeof stored === 'object' && SEALED in stored;
}

/** The part of a table's schema the codec reads (a DBCoreTable's, or one built from a declared schema). */
export interface CodecTable {
  name: string;
  schema: {
    primaryKey: { keyPath: string | string[] | null; autoIncrement?: boolean; extractKey?: ((value: unknown) => unknown) | null };
    indexes: readonly { keyPath: string | string[] | null }[];
  };
}

class TableCodec {
  private readonly paths: string[];
  private readonly blind: ReadonlySet<string>;
  private readonly readable: readonly string[];
  readonly plain: boolean;

  constructor(
    private readonly table: CodecTable,
    private readonly keyring: Keyring,
    policy: AtRestPolicy,
  ) {
    const s = table.schema;
    const paths = new Set<string>();
    for (const index of [s.primaryKey, ...s.indexes]) for (const p of keyPathsOf(index)) paths.add(p);
    this.paths = [...paths];
    this.blind = new Set(policy.blindIndexes[table.name] ?? []);
    this.readable = policy.readableFields[table.name] ?? [];
    this.plain = policy.plainTables.has(table.name);
    this.selfSealed = policy.selfSealedTables[table.name] ?? null;
    this.publicSettings = table.name === 'settings' ? policy.publicSettings : null;
    // Only where the schema indexes them (older schemas, in migration tests, store rows as they were).
    const derivation = policy.derivedIndexes[table.name] ?? null;
    this.derivation = derivation && derivation.fields.every((f) => paths.has(f)) ? derivation : null;
  }

  private readonly derivation: Derivation | null;

  private readonly publicSettings: ReadonlySet<string> | null;
  private readonly selfSealed: readonly string[] | null;

  /** Rows stored as they are (a plain table, a public setting). */
  private storedPlain(value: unknown): boolean {
    if (this.plain) return true;
    if (this.publicSettings) return this.publicSettings.has(String((value as { key?: unknown }).key));
    return false;
  }

  private aad(primaryKey: unknown, readable: Record<string, unknown>): Uint8Array {
    return rowBinding(this.table.name, this.table.schema.primaryKey.autoIncrement ? undefined : primaryKey, readable);
  }

  blindValue(value: unknown): unknown {
    return typeof value === 'string' ? this.keyring.blind(value) : value;
  }

  isBlind(index: DBCoreIndex): boolean {
    return typeof index.keyPath === 'string' && this.blind.has(index.keyPath);
  }

  encode(value: unknown): unknown {
    const parts = this.encodeParts(value);
    if (!parts) return value;
    return parts.stored(this.keyring.seal(parts.packed, parts.aad));
  }

  /** encode() with the cipher run by WebCrypto (off the main thread): for rows sealed before their write transaction. */
  async encodeAsync(value: unknown): Promise<unknown> {
    const parts = this.encodeParts(value);
    if (!parts) return value;
    return parts.stored(await this.keyring.sealAsync(parts.packed, parts.aad));
  }

  /** What encode seals (null: the row is stored as it is), and how the sealed bytes are stored. */
  private encodeParts(value: unknown): { packed: Uint8Array; aad: Uint8Array; stored: (sealed: Uint8Array) => unknown } | null {
    if (this.selfSealed) {
      if (!selfSealedShape(value, this.selfSealed)) throw new Error(`内部错误：${this.table.name} 只能写入已加密的数据块`);
      return null;
    }
    if (value === null || typeof value !== 'object' || this.storedPlain(value)) return null;
    if (!this.keyring.isUnlocked()) throw new LockedError();
    const readable: Record<string, unknown> = {};
    const primary = this.table.schema.primaryKey;
    const autoKeyPath = primary.autoIncrement && typeof primary.keyPath === 'string' ? primary.keyPath : null;
    for (const p of this.paths) {
      if (p === autoKeyPath) continue;
      if (this.derivation?.fields.includes(p)) continue;
      const v = getPath(value, p);
      if (v !== undefined) setPath(readable, p, this.blind.has(p) ? this.blindValue(v) : v);
    }
    for (const f of this.readable) {
      const v = (value as Record<string, unknown>)[f];
      if (v !== undefined) readable[f] = v;
    }
    const pk = this.table.schema.primaryKey.extractKey?.(value);
    // A put of an existing auto-keyed row must carry its key, or IndexedDB would make a new one.
    const autoKey = autoKeyPath ? (value as Record<string, unknown>)[autoKeyPath] : undefined;
    return {
      packed: pack(value),
      aad: this.aad(pk, readable),
      stored: (sealed) => ({ ...readable, ...(this.derivation ? this.derivation.derive(value as Record<string, unknown>) : {}), ...(autoKeyPath && autoKey !== undefined ? { [autoKeyPath]: autoKey } : {}), [SEALED]: sealed }),
    };
  }

  /**
   * What decode does before the cipher: a row that is returned as it is (after the checks: a
   * readable row where only sealed ones may be is an IntegrityError once strict), or the sealed
   * bytes with their binding and the auto-incremented key that goes back onto the opened row.
   */
  private opening(stored: unknown, primaryKey: unknown): { asIs: unknown } | { bytes: Uint8Array | null; aad: Uint8Array; pk: unknown; autoKeyPath: string | null; autoKey: unknown; derived: Record<string, unknown> } {
    if (this.selfSealed) {
      // Its bytes are opened by their reader; here only its shape: nothing readable beside them.
      if (stored !== undefined && !selfSealedShape(stored, this.selfSealed)) throw new IntegrityError(this.table.name, primaryKey);
      return { asIs: stored };
    }
    if (stored === null || typeof stored !== 'object') return { asIs: stored };
    if (!(SEALED in stored)) {
      if (this.storedPlain(stored)) return { asIs: stored };
      // A readable row where only sealed ones may be: written into the files by hand, unless this
      // installation is still being migrated from before encryption at rest.
      if (this.keyring.strict) throw new IntegrityError(this.table.name, primaryKey);
      return { asIs: splitDerived(stored as Record<string, unknown>, this.derivation).bound };
    }
    const { [SEALED]: sealed, ...kept } = stored as Record<string, unknown>;
    const { bound: readable, derived } = splitDerived(kept, this.derivation);
    const primary = this.table.schema.primaryKey;
    // An auto-incremented key is given by IndexedDB after sealing (and put into the stored row):
    // it is outside the sealed part and its binding, and goes back onto the decoded row.
    const autoKeyPath = primary.autoIncrement && typeof primary.keyPath === 'string' ? primary.keyPath : null;
    const autoKey = autoKeyPath ? readable[autoKeyPath] : undefined;
    if (autoKeyPath) delete readable[autoKeyPath];
    const pk = primary.autoIncrement ? undefined : (primaryKey ?? primary.extractKey?.(stored));
    // A typed array from another realm (structured clone in jsdom, a worker) is still bytes.
    const bytes = ArrayBuffer.isView(sealed) ? new Uint8Array(sealed.buffer, sealed.byteOffset, sealed.byteLength) : null;
    return { bytes, aad: this.aad(pk, readable), pk, autoKeyPath, autoKey, derived };
  }

  decode(stored: unknown, primaryKey: unknown): unknown {
    const o = this.opening(stored, primaryKey);
    if ('asIs' in o) return o.asIs;
    return this.opened(o.bytes ? this.keyring.open(o.bytes, o.aad) : null, o);
  }

  /** decode() with the cipher run by WebCrypto (off the main thread): the same checks, the same row. */
  async decodeAsync(stored: unknown, primaryKey: unknown): Promise<unknown> {
    const o = this.opening(stored, primaryKey);
    if ('asIs' in o) return o.asIs;
    return this.opened(o.bytes ? await this.keyring.openAsync(o.bytes, o.aad) : null, o);
  }

  /** The row from its opened bytes (null: they failed their binding), after the checks that need it. */
  private opened(plain: Uint8Array | null, o: { pk: unknown; autoKeyPath: string | null; autoKey: unknown; derived: Record<string, unknown> }): Record<string, unknown> {
    if (!plain) throw new IntegrityError(this.table.name, o.pk);
    const row = unpack(plain);
    // Index keys computed from the row: moved (an edited year or sequence reorders the 台账's first page) is refused.
    if (this.derivation && !derivedMatch(row, o.derived, this.derivation.derive)) throw new IntegrityError(this.table.name, o.pk);
    if (o.autoKeyPath && o.autoKey !== undefined) row[o.autoKeyPath] = o.autoKey;
    return row;
  }

  /**
   * decode() to the row's UTF-8 JSON, the cipher run by WebCrypto: the same checks and the same
   * row (JSON.parse of the result deep-equals decode's), without parsing a sealed row. A sealed
   * row's plaintext is already its JSON; only an auto-incremented key is put back into it.
   */
  async decodeJsonAsync(stored: unknown): Promise<Uint8Array> {
    const o = this.opening(stored, undefined);
    if ('asIs' in o) return te.encode(JSON.stringify(o.asIs));
    const plain = o.bytes ? await this.keyring.openAsync(o.bytes, o.aad) : null;
    if (!plain) throw new IntegrityError(this.table.name, o.pk);
    const json = plain[0] === DEFLATED ? inflateSync(plain.subarray(1)) : plain.subarray(1);
    // A table with derived index keys (carriers) is parsed to check them, as decode does.
    if (this.derivation && !derivedMatch(JSON.parse(td.decode(json)) as Record<string, unknown>, o.derived, this.derivation.derive)) throw new IntegrityError(this.table.name, o.pk);
    return o.autoKeyPath && o.autoKey !== undefined ? withMember(json, o.autoKeyPath, o.autoKey) : json;
  }

  /** Whether reading `stored` needs the key (a sealed row). */
  needsKey(stored: unknown): boolean {
    return isSealed(stored);
  }
}

/**
 * Rows sealed as the middleware would store them in `table` (the same fields, binding and format),
 * the cipher run by WebCrypto in parallel, off the main thread: a restore seals a batch this way
 * and writes it straight to IndexedDB, outside any Dexie transaction.
 */
export function rowSealer(keyring: Keyring, table: CodecTable, policy: AtRestPolicy = AT_REST_POLICY): (values: readonly unknown[]) => Promise<unknown[]> {
  const codec = new TableCodec(table, keyring, policy);
  if (codec.plain) return async (values) => [...values];
  return (values) => Promise.all(values.map((v) => codec.encodeAsync(v)));
}

/**
 * Below this many rows a bulk write is sealed in the write, as any other (the synchronous cipher
 * costs ~0.2 ms a row; handing a few rows to WebCrypto and back is not worth a wait).
 */
export const SEAL_AHEAD_FROM = 32;

// Rows sealed ahead of their write (presealRows), each waiting for its one write: the plain row
// object → what the middleware stores for it. Module-private and keyed by the very object the
// sealer was given, so nothing outside can make the middleware pass a row of its choosing: a row
// the sealer never saw (or a copy of one) is sealed in the write as always. Taken once, and only
// by a write in the transaction it was sealed for: a later write of the same object (changed
// since, perhaps), or one after that transaction ended (a cancelled import), is sealed again.
interface PreSealed {
  keyring: Keyring;
  trans: object;
  policy: AtRestPolicy;
  table: string;
  stored: unknown;
}
const preSealed = new WeakMap<object, PreSealed>();

// The policy each keyring's middleware seals by (presealRows seals as that middleware would).
const policies = new WeakMap<Keyring, AtRestPolicy>();

/** The stored row sealed ahead for `value` in `table` by `keyring` under `policy` for the transaction `trans`, taken (once), or undefined. */
function takePreSealed(keyring: Keyring, policy: AtRestPolicy, trans: object, table: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  const entry = preSealed.get(value);
  if (!entry) return undefined;
  preSealed.delete(value);
  return entry.keyring === keyring && entry.policy === policy && entry.trans === trans && entry.table === table ? entry.stored : undefined;
}

/**
 * Seals `values` for their write into `table` in the IndexedDB transaction `trans` (Dexie's
 * `currentTransaction.idbtrans`) now, with WebCrypto in parallel (off the main thread), so that
 * the write stores them without running the synchronous cipher. The middleware stores exactly
 * what it would have sealed itself (same fields, binding and format). The rows must not change
 * between this call and their write. Rows of a plain table, or a database without the at-rest
 * middleware, are left to the write. Inside the transaction, await it through Dexie.waitFor.
 */
export async function presealRows(keyring: Keyring, table: CodecTable, values: readonly unknown[], trans: object): Promise<void> {
  const policy = policies.get(keyring);
  if (!policy || values.length === 0) return;
  const codec = new TableCodec(table, keyring, policy);
  if (codec.plain) return;
  await Promise.all(
    values.map(async (v) => {
      if (v === null || typeof v !== 'object') return;
      const before = preSealed.get(v);
      if (before && before.keyring === keyring && before.policy === policy && before.trans === trans && before.table === table.name) return;
      const stored = await codec.encodeAsync(v);
      if (stored !== v) preSealed.set(v, { keyring, policy, trans, table: table.name, stored });
    }),
  );
}

/**
 * The stored rows of `table` (as IndexedDB holds them, read below the middleware) to the UTF-8 JSON
 * of the rows a read through the middleware gives, in order: the same checks (a readable row where
 * only sealed ones may be, a sealed one that fails its binding: IntegrityError), sealed rows opened
 * by WebCrypto in parallel and never parsed. For a backup's full read (issue #18).
 */
export function storedRowsJson(keyring: Keyring, table: CodecTable, policy: AtRestPolicy = AT_REST_POLICY): (stored: readonly unknown[]) => Promise<Uint8Array[]> {
  const codec = new TableCodec(table, keyring, policy);
  // The middleware leaves a plain table's rows as they are stored.
  if (codec.plain) return async (stored) => stored.map((v) => te.encode(JSON.stringify(v)));
  return async (stored) => {
    if (!keyring.isUnlocked() && stored.some((v) => codec.needsKey(v))) await keyring.whenUnlocked();
    return Promise.all(stored.map((v) => codec.decodeJsonAsync(v)));
  };
}

function mapRange(codec: TableCodec, index: DBCoreIndex, range: DBCoreKeyRange): DBCoreKeyRange {
  if (!codec.isBlind(index) || range.type === 3 || range.type === 4) return range; // Any, Never
  if (range.type !== 1 && range.lower !== range.upper) throw new Error(`“${String(index.keyPath)}”只能按等值查询（该索引以密钥散列存储）`);
  const key = codec.blindValue(range.lower);
  return { ...range, lower: key, upper: key };
}

export function encryptionMiddleware(keyring: Keyring, policy: AtRestPolicy = AT_REST_POLICY): Middleware<DBCore> {
  policies.set(keyring, policy);
  return {
    stack: 'dbcore',
    name: 'WenshuEncryptionAtRest',
    // Below every Dexie middleware (hooks, cache, observability): they all see plain rows.
    level: -10,
    create(down) {
      return {
        ...down,
        table(name) {
          const table = down.table(name);
          const codec = new TableCodec(table, keyring, policy);
          if (codec.plain) return table;
          // Reads of sealed rows while nobody is signed in wait for the next sign-in: under the
          // lock screen a live query simply waits instead of failing the page. No async/await
          // here: chaining on the promises Dexie hands down keeps its transaction zone, which a
          // native async function would lose (Dexie's own middlewares above us need it).
          const decodeAll = (values: unknown[], keys?: unknown[]): unknown[] | Promise<unknown[]> => {
            const decode = () => values.map((v, i) => codec.decode(v, keys?.[i]));
            if (!keyring.isUnlocked() && values.some((v) => codec.needsKey(v))) return keyring.whenUnlocked().then(decode);
            return decode();
          };
          const ranged = <R extends { query: { index: DBCoreIndex; range: DBCoreKeyRange } }>(req: R): R => ({
            ...req,
            query: { ...req.query, range: mapRange(codec, req.query.index, req.query.range) },
          });
          return {
            ...table,
            mutate(req: DBCoreMutateRequest) {
              if (req.type === 'add' || req.type === 'put') {
                return table.mutate({ ...req, values: req.values.map((v) => takePreSealed(keyring, policy, req.trans, name, v) ?? codec.encode(v)) } as DBCoreMutateRequest);
              }
              return table.mutate(req);
            },
            get(req) {
              return table.get(req).then((v: unknown) => {
                const out = decodeAll([v], [req.key]);
                return Array.isArray(out) ? out[0] : out.then((o) => o[0]);
              });
            },
            getMany(req) {
              return table.getMany(req).then((values: unknown[]) => decodeAll(values, req.keys));
            },
            query(req) {
              return table.query(ranged(req)).then((res) => {
                if (!req.values) return res;
                const out = decodeAll(res.result);
                return Array.isArray(out) ? { ...res, result: out } : out.then((result) => ({ ...res, result }));
              });
            },
            count(req) {
              return table.count(ranged(req));
            },
            openCursor(req) {
              return table.openCursor(ranged(req)).then((cursor) => {
                if (!cursor || !req.values) return cursor;
                let lastStored: unknown;
                let lastPlain: unknown;
                // The native cursor's own getters must be called on the cursor itself (a getter
                // reached through the prototype chain throws "Illegal invocation" in Chromium).
                return Object.create(cursor, {
                  key: { get: () => cursor.key as unknown },
                  primaryKey: { get: () => cursor.primaryKey as unknown },
                  value: {
                    get() {
                      const stored: unknown = cursor.value;
                      if (stored !== lastStored) {
                        // Cursors are synchronous: no waiting here (a cursor runs inside a transaction).
                        if (!keyring.isUnlocked() && codec.needsKey(stored)) throw new LockedError();
                        lastPlain = codec.decode(stored, cursor.primaryKey);
                        lastStored = stored;
                      }
                      return lastPlain;
                    },
                  },
                }) as DBCoreCursor;
              });
            },
          };
        },
      };
    },
  };
}
