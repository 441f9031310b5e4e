import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { argon2id } from 'hash-wasm';
import { z } from 'zod';
import { RuleError } from './domain/rule-error';

// The backup file (issue #6), one file a person can copy to a USB disk and restore years later:
//
//   "WSBACKUP" | u32 header length | header JSON (plain: format, key derivation, salt)
//   frames…    | u32 length | 12-byte IV | AES-256-GCM(deflate(JSON)) with its 16-byte tag
//   trailer    | "WSEND\0\0\0" | SHA-256 of every byte before the trailer
//
// Frame 0 says which app and schema wrote it; then the rows, table by table, a page per frame;
// the last frame is the manifest (record counts, audit head). Each frame's additional data is
// its index and whether it is the last, so frames cannot be dropped, reordered or cut short
// without the decryption failing. The trailer's checksum names a damaged file before any
// passphrase is asked for. Everything but the header is encrypted under a key derived from the
// passphrase with argon2id: without it the file says nothing of what it holds.
//
// A 迁移包 (transfer package) is the same container under its own magic and frame tag
// (TRANSFER_FILE below), so neither kind of file can be opened as the other.

export const BACKUP_MAGIC = 'WSBACKUP';
export const TRAILER_MAGIC = 'WSEND\0\0\0';
export const BACKUP_FORMAT = 1;

/**
 * What a file of this container holds: a backup, or a 迁移包 (transfer package, renderer/db/
 * repositories/transfer.ts). Each kind has its own magic (a file of one kind is named as such,
 * before any passphrase, when opened as the other) and its own tag in every frame's additional
 * data (a frame of one kind never decrypts as the other), and says its errors in its own words.
 */
export interface ContainerKind {
  /** 8 ASCII characters at the start of the file. */
  magic: string;
  /** The header's `format` this program writes and reads. */
  format: number;
  /** Bound into every frame's additional data with the format. */
  aadTag: string;
  words: {
    notThisKind: string;
    /** Said when a file of this kind is opened where the other kind was expected. */
    misplaced: string;
    truncated: string;
    damaged: string;
    wrongPassphrase: string;
    newer(format: number): string;
  };
}

export const BACKUP_FILE: ContainerKind = {
  magic: BACKUP_MAGIC,
  format: BACKUP_FORMAT,
  aadTag: 'WSBK',
  words: {
    notThisKind: '这不是文枢备份文件',
    misplaced: '这是文枢备份文件，不是迁移包：备份文件请在“设置 → 备份与恢复”中恢复',
    truncated: '备份文件不完整（文件被截断），不能恢复',
    damaged: '备份文件已损坏或被改动（校验值不符），不能恢复',
    wrongPassphrase: '口令不正确，无法打开此备份',
    newer: (format) => `备份文件格式（第 ${format} 版）比本程序新，请先升级文枢再恢复`,
  },
};

export const TRANSFER_FILE: ContainerKind = {
  magic: 'WSTRANSF',
  format: 1,
  aadTag: 'WSTR',
  words: {
    notThisKind: '这不是文枢迁移包',
    misplaced: '这是文枢迁移包，不是备份文件：迁移包请在“迁移包”页面导入',
    truncated: '迁移包不完整（文件被截断），不能导入',
    damaged: '迁移包已损坏或被改动（校验值不符），不能导入',
    wrongPassphrase: '口令不正确，无法打开此迁移包',
    newer: (format) => `迁移包格式（第 ${format} 版）比本程序新，请先升级文枢再导入`,
  },
};

/** The whole office of a LAN server (issue #19): written on a 系统管理员's seat, restored with `npm run server -- --restore`. */
export const OFFICE_BACKUP_FILE: ContainerKind = {
  magic: 'WSOFFICE',
  format: 1,
  aadTag: 'WSOF',
  words: {
    notThisKind: '这不是文枢局域网服务器的备份文件',
    misplaced: '这是局域网服务器的整体备份，不是本机备份或迁移包：请在服务器上用 npm run server -- --restore 恢复',
    truncated: '服务器备份文件不完整（文件被截断），不能恢复',
    damaged: '服务器备份文件已损坏或被改动（校验值不符），不能恢复',
    wrongPassphrase: '口令不正确，无法打开此服务器备份',
    newer: (format) => `服务器备份文件格式（第 ${format} 版）比本程序新，请先升级文枢再恢复`,
  },
};

const CONTAINER_KINDS: readonly ContainerKind[] = [BACKUP_FILE, TRANSFER_FILE, OFFICE_BACKUP_FILE];

const IV_BYTES = 12;
const CHECKSUM_BYTES = 32;

export interface KdfParams {
  alg: 'argon2id';
  /** KiB */
  memorySize: number;
  iterations: number;
  parallelism: number;
  /** base64 */
  salt: string;
}

/** Stronger than the login hash: a backup file can be attacked offline for as long as it exists. */
export const BACKUP_KDF: Omit<KdfParams, 'salt'> = { alg: 'argon2id', memorySize: 65536, iterations: 3, parallelism: 1 };

export interface BackupHeader {
  format: number;
  /** Random per file: frames of one file cannot be spliced into another under the same key. */
  fileId: string;
  kdf: KdfParams;
}

/** What every frame of a file is bound to: the SHA-256 of its header bytes (fileId and KDF included). */
export function headerTag(headerJson: Uint8Array): string {
  return toHex(sha256(headerJson));
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class BackupFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFileError';
  }
}

export const MIN_PASSPHRASE_LENGTH = 8;

/** A passphrase long enough to seal a file (a backup of this PC or of the whole office). */
export function checkPassphrase(passphrase: string): void {
  if (Array.from(passphrase).length < MIN_PASSPHRASE_LENGTH) throw new RuleError(`备份口令至少 ${MIN_PASSPHRASE_LENGTH} 个字符`);
}

const te = new TextEncoder();
const td = new TextDecoder();

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, false);
  return b;
}

/** Copies into a fresh ArrayBuffer-backed array (what WebCrypto and streams want). */
export function own(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes.byteLength);
  out.set(bytes);
  return out;
}

/**
 * The key of scheduled backups, kept in the settings so they run unattended: the argon2id output
 * for one salt, never the passphrase itself. Whoever holds this PC's database holds the data
 * anyway; a backup file on its own still needs the passphrase.
 */
export interface StoredBackupKey {
  kdf: KdfParams;
  /** base64 of the 32-byte AES key */
  key: string;
}

export async function storedKeyFor(passphrase: string): Promise<StoredBackupKey> {
  const kdf = newKdfParams();
  return { kdf, key: toBase64(await rawKey(passphrase, kdf)) };
}

export function importStoredKey(k: StoredBackupKey): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', own(fromBase64(k.key)), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

export async function deriveKey(passphrase: string, kdf: KdfParams): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', own(await rawKey(passphrase, kdf)), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** The 32 raw key bytes argon2id derives from a passphrase (backups, 迁移包, key slots). */
export async function rawKey(passphrase: string, kdf: Omit<KdfParams, 'alg'>): Promise<Uint8Array> {
  return argon2id({
    password: passphrase.normalize('NFC'),
    salt: fromBase64(kdf.salt),
    memorySize: kdf.memorySize,
    iterations: kdf.iterations,
    parallelism: kdf.parallelism,
    hashLength: 32,
    outputType: 'binary',
  });
}

export function newKdfParams(): KdfParams {
  return { ...BACKUP_KDF, salt: toBase64(crypto.getRandomValues(new Uint8Array(16))) };
}

/** The same bytes as WebCrypto and streams take them: the view itself over an ArrayBuffer (both copy what they are given), a copy otherwise. */
function bufferView(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : own(bytes);
}

// Written straight into the stream (issue #18): a Blob of each frame cost a copy into the browser's
// blob storage and back, on the main thread.
async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  // A failure errors the readable side too: reported by arrayBuffer() below.
  writer.write(bufferView(bytes)).catch(() => undefined);
  writer.close().catch(() => undefined);
  return new Uint8Array(await new Response(stream.readable).arrayBuffer());
}

function aad(kind: ContainerKind, tag: string, index: number, last: boolean): Uint8Array<ArrayBuffer> {
  return own(te.encode(`${kind.aadTag}${kind.format}|${tag}|${index}|${last ? 'F' : 'M'}`));
}

/** The file's opening bytes (magic, header length, header JSON) and the tag its frames are bound to. */
export function encodeHeader(header: BackupHeader, kind: ContainerKind = BACKUP_FILE): { bytes: Uint8Array; tag: string } {
  const json = te.encode(JSON.stringify(header));
  return { bytes: concat([te.encode(kind.magic), u32(json.length), json]), tag: headerTag(json) };
}

export function newFileId(): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(16)));
}

/** One frame: length, IV, ciphertext of the deflated JSON of `value`. */
export async function encodeFrame(key: CryptoKey, tag: string, index: number, last: boolean, value: unknown, kind: ContainerKind = BACKUP_FILE): Promise<Uint8Array> {
  return sealDeflated(key, tag, index, last, te.encode(JSON.stringify(value)), kind);
}

/**
 * encodeFrame of a value already written as UTF-8 JSON (a backup assembles a rows frame from each
 * row's JSON bytes as it reads them: neither the row objects nor one large string of the whole
 * frame sit on the JS heap while the frame is deflated and sealed).
 */
export function encodeJsonFrame(key: CryptoKey, tag: string, index: number, last: boolean, json: Uint8Array, kind: ContainerKind = BACKUP_FILE): Promise<Uint8Array> {
  return sealDeflated(key, tag, index, last, json, kind);
}

async function sealDeflated(key: CryptoKey, tag: string, index: number, last: boolean, json: Uint8Array, kind: ContainerKind): Promise<Uint8Array> {
  const plain = await pipe(json, new CompressionStream('deflate-raw'));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(kind, tag, index, last) }, key, bufferView(plain)));
  return concat([u32(IV_BYTES + sealed.length), iv, sealed]);
}

/**
 * One frame of raw bytes (an attachment's chunk): sealed like every frame, neither deflated (scans
 * are compressed already) nor JSON (a chunk is never turned into text). A JSON frame before it says
 * which bytes follow, so the reader always knows which kind of frame it is reading.
 */
export async function encodeRawFrame(key: CryptoKey, tag: string, index: number, last: boolean, bytes: Uint8Array, kind: ContainerKind = BACKUP_FILE): Promise<Uint8Array> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(kind, tag, index, last) }, key, bufferView(bytes)));
  const out = new Uint8Array(4 + IV_BYTES + sealed.length);
  new DataView(out.buffer).setUint32(0, IV_BYTES + sealed.length, false);
  out.set(iv, 4);
  out.set(sealed, 4 + IV_BYTES);
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Incremental SHA-256 over everything written, for the trailer. */
export function checksum() {
  return sha256.create();
}

export function encodeTrailer(digest: Uint8Array): Uint8Array {
  return concat([te.encode(TRAILER_MAGIC), digest]);
}

export interface ParsedBackup {
  header: BackupHeader;
  /** headerTag of the header bytes. */
  tag: string;
  /** Byte ranges of each frame's IV+ciphertext, in order. */
  frames: { start: number; end: number }[];
  /** What the file is (a backup unless parsed as another kind). */
  kind: ContainerKind;
  /** SHA-256 of the whole file (hex): the name both sides' logs give a 迁移包 (issue #20). */
  fileSha256: string;
}

const headerSchema = (kind: ContainerKind) => z.object({
  format: z.literal(kind.format),
  fileId: z.string().min(16).max(64),
  kdf: z.object({
    alg: z.literal('argon2id'),
    memorySize: z.number().int().min(8192).max(1_048_576),
    iterations: z.number().int().min(1).max(10),
    parallelism: z.number().int().min(1).max(4),
    salt: z.string().refine((v) => {
      try {
        return fromBase64(v).length === 16;
      } catch {
        return false;
      }
    }),
  }),
});

function startsWith(bytes: Uint8Array, magic: Uint8Array): boolean {
  return bytes.length >= magic.length + 4 && magic.every((b, i) => bytes[i] === b);
}

/** The header's JSON, checked (after the checksum agreed). */
function checkHeader(headerBytes: Uint8Array, kind: ContainerKind): BackupHeader {
  let raw: unknown;
  try {
    raw = JSON.parse(td.decode(headerBytes));
  } catch {
    throw new BackupFileError(kind.words.damaged);
  }
  const format = (raw as { format?: unknown })?.format;
  if (typeof format === 'number' && format > kind.format) throw new BackupFileError(kind.words.newer(format));
  // The key derivation's cost comes from the file: bounded, so a crafted header cannot make
  // this PC spend gigabytes or hours before the passphrase is even tried.
  const checked = headerSchema(kind).safeParse(raw);
  if (!checked.success) throw new BackupFileError(kind.words.notThisKind);
  return checked.data;
}

/**
 * Checks the structure and the checksum without any passphrase: a truncated file, a flipped byte
 * or another kind of file is named here, before anything is decrypted.
 */
export function parseBackup(bytes: Uint8Array, kind: ContainerKind = BACKUP_FILE): ParsedBackup {
  const { words } = kind;
  const DAMAGED = words.damaged;
  const magic = te.encode(kind.magic);
  if (!startsWith(bytes, magic)) {
    const other = CONTAINER_KINDS.find((k) => k !== kind && startsWith(bytes, te.encode(k.magic)));
    throw new BackupFileError(other ? other.words.misplaced : words.notThisKind);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = view.getUint32(magic.length, false);
  const headerEnd = magic.length + 4 + headerLen;
  const trailerStart = bytes.length - TRAILER_MAGIC.length - CHECKSUM_BYTES;
  if (headerEnd > trailerStart) throw new BackupFileError(words.truncated);
  const trailerMagic = te.encode(TRAILER_MAGIC);
  if (!trailerMagic.every((b, i) => bytes[trailerStart + i] === b)) throw new BackupFileError(words.truncated);
  const digest = sha256(bytes.subarray(0, trailerStart));
  const fileSha256 = bytesToHex(sha256(bytes));
  const recorded = bytes.subarray(trailerStart + TRAILER_MAGIC.length);
  if (!digest.every((b, i) => recorded[i] === b)) throw new BackupFileError(DAMAGED);
  const headerBytes = bytes.subarray(magic.length + 4, headerEnd);
  const header = checkHeader(headerBytes, kind);
  const frames: ParsedBackup['frames'] = [];
  let at = headerEnd;
  while (at < trailerStart) {
    if (at + 4 > trailerStart) throw new BackupFileError(DAMAGED);
    const len = view.getUint32(at, false);
    const start = at + 4;
    const end = start + len;
    if (len <= IV_BYTES || end > trailerStart) throw new BackupFileError(DAMAGED);
    frames.push({ start, end });
    at = end;
  }
  if (frames.length < 2) throw new BackupFileError(DAMAGED);
  return { header, tag: headerTag(headerBytes), frames, kind, fileSha256 };
}

/**
 * A file read by range (issue #17: a restore or a 迁移包 of gigabytes of scans never sits in memory
 * whole): the platform's openFileForReading gives one, `bytesSource` wraps bytes already in memory.
 */
export interface ByteSource {
  readonly size: number;
  /** Exactly `length` bytes from `offset` (fewer only past the end). */
  read(offset: number, length: number): Promise<Uint8Array>;
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.byteLength, read: async (offset, length) => bytes.subarray(offset, offset + length) };
}

function asSource(file: Uint8Array | ByteSource): ByteSource {
  return file instanceof Uint8Array ? bytesSource(file) : file;
}

/**
 * How much of a file the checksum pass reads at a time: one attachment chunk (1 MiB), so neither
 * pass ever holds more than about one chunk frame of the file.
 */
export const READ_SLICE_BYTES = 1024 * 1024;

async function readExactly(source: ByteSource, offset: number, length: number, kind: ContainerKind): Promise<Uint8Array> {
  const got = await source.read(offset, length);
  // A file that shrank after it was chosen reads short: cut short, as the words say.
  if (got.byteLength !== length) throw new BackupFileError(kind.words.truncated);
  return got;
}

/**
 * parseBackup for a file read by range: the same checks in the same order (kind, length, trailer,
 * checksum of every byte, header, frame boundaries), reading the file in slices of
 * READ_SLICE_BYTES, so memory holds one slice whatever the file's size.
 */
export async function parseBackupSource(file: Uint8Array | ByteSource, kind: ContainerKind = BACKUP_FILE): Promise<ParsedBackup> {
  if (file instanceof Uint8Array) return parseBackup(file, kind);
  const { words } = kind;
  const magic = te.encode(kind.magic);
  const opening = await file.read(0, Math.min(file.size, magic.length + 4));
  if (!startsWith(opening, magic)) {
    const other = CONTAINER_KINDS.find((k) => k !== kind && startsWith(opening, te.encode(k.magic)));
    throw new BackupFileError(other ? other.words.misplaced : words.notThisKind);
  }
  const headerLen = new DataView(opening.buffer, opening.byteOffset, opening.byteLength).getUint32(magic.length, false);
  const headerEnd = magic.length + 4 + headerLen;
  const trailerStart = file.size - TRAILER_MAGIC.length - CHECKSUM_BYTES;
  if (headerEnd > trailerStart) throw new BackupFileError(words.truncated);
  const trailer = await readExactly(file, trailerStart, TRAILER_MAGIC.length + CHECKSUM_BYTES, kind);
  const trailerMagic = te.encode(TRAILER_MAGIC);
  if (!trailerMagic.every((b, i) => trailer[i] === b)) throw new BackupFileError(words.truncated);
  const hash = sha256.create();
  for (let at = 0; at < trailerStart; at += READ_SLICE_BYTES) hash.update(await readExactly(file, at, Math.min(READ_SLICE_BYTES, trailerStart - at), kind));
  const whole = hash.clone();
  const digest = hash.digest();
  const fileSha256 = bytesToHex(whole.update(trailer).digest());
  const recorded = trailer.subarray(TRAILER_MAGIC.length);
  if (!digest.every((b, i) => recorded[i] === b)) throw new BackupFileError(words.damaged);
  const headerBytes = await readExactly(file, magic.length + 4, headerLen, kind);
  const header = checkHeader(headerBytes, kind);
  const frames: ParsedBackup['frames'] = [];
  let at = headerEnd;
  while (at < trailerStart) {
    if (at + 4 > trailerStart) throw new BackupFileError(words.damaged);
    const lenBytes = await readExactly(file, at, 4, kind);
    const len = new DataView(lenBytes.buffer, lenBytes.byteOffset, 4).getUint32(0, false);
    const start = at + 4;
    const end = start + len;
    if (len <= IV_BYTES || end > trailerStart) throw new BackupFileError(words.damaged);
    frames.push({ start, end });
    at = end;
  }
  if (frames.length < 2) throw new BackupFileError(words.damaged);
  return { header, tag: headerTag(headerBytes), frames, kind, fileSha256 };
}

/** Decrypts frame `index`; a wrong passphrase fails on the first frame. */
export async function decodeFrame<T>(file: Uint8Array | ByteSource, parsed: ParsedBackup, key: CryptoKey, index: number): Promise<T> {
  const plain = await decodeRawFrame(file, parsed, key, index);
  return JSON.parse(td.decode(await pipe(plain, new DecompressionStream('deflate-raw')))) as T;
}

/** Decrypts frame `index` to its plain bytes (a raw frame: an attachment's chunk), reading only that frame. */
export async function decodeRawFrame(file: Uint8Array | ByteSource, parsed: ParsedBackup, key: CryptoKey, index: number): Promise<Uint8Array> {
  const f = parsed.frames[index]!;
  const bytes = await readExactly(asSource(file), f.start, f.end - f.start, parsed.kind);
  const iv = own(bytes.subarray(0, IV_BYTES));
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad(parsed.kind, parsed.tag, index, index === parsed.frames.length - 1) }, key, own(bytes.subarray(IV_BYTES))),
    );
  } catch {
    throw new BackupFileError(index === 0 ? parsed.kind.words.wrongPassphrase : parsed.kind.words.damaged);
  }
}
