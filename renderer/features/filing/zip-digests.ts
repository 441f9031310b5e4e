import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { Inflate, strFromU8 } from 'fflate';
import { concat } from '@shared/backup-format';
import type { ReadableFile } from '../../platform/types';

// 校验归档包 reads a package of any size (scans make it gigabytes): its central directory first,
// then each file's bytes a slice at a time by range, inflated and hashed as they come. Only the
// files asked for whole (the manifest: a few KB) are kept. The zip-writer.ts counterpart.

/** What a file of the zip holds: its size and SHA-256 (hex), once inflated. */
export interface ZipFileDigest {
  bytes: number;
  sha256: string;
}

export interface ZipDigests {
  /** path → digest, every file of the zip (folders are not files). */
  digests: Map<string, ZipFileDigest>;
  /** Files `keep` asked for that grew past MAX_KEPT_BYTES: hashed, their bytes not kept. */
  oversized: Set<string>;
  /** The bytes of the files `keep` asked for. */
  kept: Map<string, Uint8Array>;
}

/** Compressed bytes read at a time. */
const SLICE = 1 << 20;
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

class NotAZip extends Error {}

function u16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

async function readExactly(file: ReadableFile, offset: number, length: number): Promise<Uint8Array> {
  if (offset < 0 || length < 0 || offset + length > file.size) throw new NotAZip();
  const bytes = await file.read(offset, length);
  if (bytes.byteLength !== length) throw new NotAZip();
  return bytes;
}

interface Entry {
  name: string;
  method: number;
  compressed: number;
  localOffset: number;
}

/** The central directory's entries (the end record is searched for in the file's last 64 KiB). */
async function centralDirectory(file: ReadableFile): Promise<Entry[]> {
  const tailLength = Math.min(file.size, 22 + 0xffff);
  const tail = await readExactly(file, file.size - tailLength, tailLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (u32(tail, i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new NotAZip();
  const count = u16(tail, end + 10);
  const size = u32(tail, end + 12);
  const offset = u32(tail, end + 16);
  // ZIP64 (0xFFFF entries or 0xFFFFFFFF offsets): zip-writer.ts (fflate) never writes it.
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw new NotAZip();
  const dir = await readExactly(file, offset, size);
  const entries: Entry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > dir.length || u32(dir, at) !== CENTRAL) throw new NotAZip();
    const flags = u16(dir, at + 8);
    const nameLength = u16(dir, at + 28);
    const next = at + 46 + nameLength + u16(dir, at + 30) + u16(dir, at + 32);
    if (next > dir.length) throw new NotAZip();
    // As fflate's unzip reads names: UTF-8 when the entry says so (bit 11), else Latin-1.
    const name = strFromU8(dir.subarray(at + 46, at + 46 + nameLength), !(flags & 0x800));
    entries.push({ name, method: u16(dir, at + 10), compressed: u32(dir, at + 20), localOffset: u32(dir, at + 42) });
    at = next;
  }
  return entries;
}

/** How a long check reports and stops: compressed bytes read of all, and the user's 取消. */
export interface ZipReadJob {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** One file's bytes, inflated, handed to `sink` a slice at a time; `read(n)` after each slice of n compressed bytes. */
async function streamEntry(file: ReadableFile, e: Entry, sink: (chunk: Uint8Array) => void, job: ZipReadJob, read: (n: number) => void): Promise<void> {
  const local = await readExactly(file, e.localOffset, 30);
  if (u32(local, 0) !== LOCAL) throw new NotAZip();
  const start = e.localOffset + 30 + u16(local, 26) + u16(local, 28);
  if (e.method !== STORED && e.method !== DEFLATED) throw new NotAZip();
  const inflate =
    e.method === DEFLATED
      ? new Inflate((chunk) => {
          if (chunk.byteLength) sink(chunk);
        })
      : null;
  // Deflate data is never empty (an empty file deflates to two bytes).
  if (inflate && e.compressed === 0) throw new NotAZip();
  for (let at = 0; at < e.compressed; at += SLICE) {
    job.signal?.throwIfAborted();
    const length = Math.min(SLICE, e.compressed - at);
    const slice = await readExactly(file, start + at, length);
    if (!inflate) sink(slice);
    else {
      try {
        inflate.push(slice, at + length >= e.compressed);
      } catch {
        // Damaged deflate data is a damaged package, not an app error.
        throw new NotAZip();
      }
    }
    read(length);
  }
}

/**
 * The most a kept file may hold (a real manifest of a year's 件 is a few MB): a crafted package
 * whose manifest.json inflates to gigabytes must not be gathered into memory.
 */
export const MAX_KEPT_BYTES = 64 * 1024 * 1024;

/**
 * Every file of the zip `file` with its size and SHA-256, and the bytes of those `keep` names
 * (up to MAX_KEPT_BYTES each: a larger one is named in `oversized`);
 * null when it is not a zip this app can read (truncated, damaged, another compression, ZIP64).
 * `job.onProgress` after each slice (compressed bytes read, of all files'); `job.signal` aborted:
 * stops before the next read, rejecting with its reason (an AbortError).
 */
export async function zipDigests(file: ReadableFile, keep: (path: string) => boolean = () => false, job: ZipReadJob = {}): Promise<ZipDigests | null> {
  try {
    const digests = new Map<string, ZipFileDigest>();
    const kept = new Map<string, Uint8Array>();
    const oversized = new Set<string>();
    const entries = await centralDirectory(file);
    const total = entries.reduce((n, e) => n + e.compressed, 0);
    let done = 0;
    const read = (n: number) => {
      done += n;
      job.onProgress?.(done, total);
    };
    for (const e of entries) {
      if (e.name.endsWith('/')) continue;
      const hash = sha256.create();
      let bytes = 0;
      let parts: Uint8Array[] | null = keep(e.name) ? [] : null;
      await streamEntry(
        file,
        e,
        (chunk) => {
          hash.update(chunk);
          bytes += chunk.byteLength;
          if (parts && bytes > MAX_KEPT_BYTES) {
            parts = null;
            oversized.add(e.name);
          }
          // Copied: an inflater may reuse its output buffer.
          parts?.push(chunk.slice());
        },
        job,
        read,
      );
      digests.set(e.name, { bytes, sha256: bytesToHex(hash.digest()) });
      if (parts) kept.set(e.name, concat(parts));
    }
    return { digests, kept, oversized };
  } catch (e) {
    if (e instanceof NotAZip) return null;
    throw e;
  }
}
