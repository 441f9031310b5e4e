import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonical-json';

// 全程留痕's chain rule, in one place for every store that keeps the log: the PC's IndexedDB
// (renderer/db/audit.ts) and the office LAN server's PostgreSQL (electron/server/audit.ts). Each
// entry's hash covers the previous entry's hash and the canonical JSON of the entry itself, so an
// entry changed, removed or inserted breaks every hash after it.

export const GENESIS_HASH = '0'.repeat(64);

/** One entry of the chain as it is hashed and stored. */
export interface ChainedEntry {
  seq: number;
  time: string;
  actorId: string;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  summary: string;
  details?: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

export function hashAuditEntry(entry: Omit<ChainedEntry, 'hash'>): string {
  return bytesToHex(sha256(utf8ToBytes(entry.prevHash + canonicalJson(entry))));
}

export type EntryBase = Omit<ChainedEntry, 'seq' | 'prevHash' | 'hash'>;

/** Entries chained after `prev`, in order (pure: no database). */
export function chainEntries(prev: ChainHead, bases: readonly EntryBase[]): ChainedEntry[] {
  let seq = prev.seq;
  let prevHash = prev.hash;
  return bases.map((base) => {
    seq += 1;
    const full: Omit<ChainedEntry, 'hash'> = { ...base, seq, prevHash };
    const entry: ChainedEntry = { ...full, hash: hashAuditEntry(full) };
    prevHash = entry.hash;
    return entry;
  });
}

/**
 * The first entry of `entries` (in seq order, following `prev`) that breaks the chain, and why;
 * null when every one follows. The plain walk: numbering, link and own hash.
 */
export function firstChainBreak(prev: ChainHead, entries: Iterable<ChainedEntry>): { seq: number; reason: string } | null {
  let expected = prev.seq + 1;
  let prevHash = prev.hash;
  for (const e of entries) {
    if (e.seq !== expected) return { seq: expected, reason: `第 ${expected} 条缺失或序号被改动（见到第 ${e.seq} 条）` };
    if (e.prevHash !== prevHash) return { seq: e.seq, reason: `第 ${e.seq} 条与前一条的哈希不相连（被改动、删除或插入）` };
    const { hash, ...rest } = e;
    if (hashAuditEntry(rest) !== hash) return { seq: e.seq, reason: `第 ${e.seq} 条内容与其哈希不符（被改动）` };
    expected += 1;
    prevHash = hash;
  }
  return null;
}
