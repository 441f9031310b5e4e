import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonical-json';
import type { WenshuDB } from './database';
import type { Actor, AuditEntry } from './types';

// 全程留痕: an append-only, hash-chained log. Each entry's hash covers the previous hash and the
// entry's own canonical JSON, so changing, removing or reordering any entry breaks the chain from
// there on. The head (last seq + hash) is also kept in settings, which catches a cut-off tail.
//
// SHA-256 is computed synchronously (@noble/hashes) on purpose: awaiting crypto.subtle inside a
// Dexie transaction would let IndexedDB auto-commit it halfway.

export const GENESIS_HASH = '0'.repeat(64);
export const AUDIT_HEAD_KEY = 'auditHead';

export interface AuditDraft {
  action: string;
  entityType: string;
  entityId: string;
  summary: string;
  details?: Record<string, unknown>;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

export function hashAuditEntry(entry: Omit<AuditEntry, 'hash'>): string {
  return bytesToHex(sha256(utf8ToBytes(entry.prevHash + canonicalJson(entry))));
}

/** Appends entries after the current head. Call only inside a rw transaction on auditLog + settings. */
export async function appendAudit(
  db: WenshuDB,
  actor: Pick<Actor, 'id' | 'username'>,
  drafts: readonly AuditDraft[],
  now: Date,
): Promise<AuditEntry[]> {
  const last = await db.auditLog.orderBy('seq').last();
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const written: AuditEntry[] = [];
  for (const d of drafts) {
    seq += 1;
    const base: Omit<AuditEntry, 'hash'> = {
      seq,
      time: now.toISOString(),
      actorId: actor.id,
      actorName: actor.username,
      action: d.action,
      entityType: d.entityType,
      entityId: d.entityId,
      summary: d.summary,
      ...(d.details ? { details: d.details } : {}),
      prevHash,
    };
    const entry: AuditEntry = { ...base, hash: hashAuditEntry(base) };
    await db.auditLog.add(entry);
    written.push(entry);
    prevHash = entry.hash;
  }
  const head: AuditHead = { seq, hash: prevHash };
  await db.settings.put({ key: AUDIT_HEAD_KEY, value: head });
  return written;
}

export type AuditVerification =
  | { ok: true; count: number; headHash: string }
  | { ok: false; count: number; firstBrokenSeq: number; reason: string };

const VERIFY_CHUNK = 2000;

/**
 * Recomputes the chain and names the first break. The head is read first and only entries up to
 * it are checked, so another window appending meanwhile cannot cause a false alarm; entries are
 * read in chunks (short read transactions that never hold up a save for long, and never the whole
 * log in memory).
 */
export async function verifyAuditChain(db: WenshuDB): Promise<AuditVerification> {
  const head = (await db.settings.get(AUDIT_HEAD_KEY))?.value as AuditHead | undefined;
  if (!head) {
    const any = await db.auditLog.count();
    return any === 0
      ? { ok: true, count: 0, headHash: GENESIS_HASH }
      : { ok: false, count: any, firstBrokenSeq: 1, reason: '日志的链尾记录缺失（被删除或篡改）' };
  }
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  while (expectedSeq <= head.seq) {
    const upper = Math.min(head.seq, expectedSeq + VERIFY_CHUNK - 1);
    const chunk = await db.auditLog.where('seq').between(expectedSeq, upper, true, true).toArray();
    for (const entry of chunk) {
      count += 1;
      if (entry.seq !== expectedSeq) return { ok: false, count, firstBrokenSeq: expectedSeq, reason: `第 ${expectedSeq} 条缺失（被删除）` };
      const { hash, ...rest } = entry;
      if (entry.prevHash !== prevHash) {
        return { ok: false, count, firstBrokenSeq: entry.seq, reason: `第 ${entry.seq} 条与前一条的链接不符（前序被修改或删除）` };
      }
      if (hashAuditEntry(rest) !== hash) return { ok: false, count, firstBrokenSeq: entry.seq, reason: `第 ${entry.seq} 条内容与其哈希不符（被修改）` };
      prevHash = hash;
      expectedSeq += 1;
    }
    if (chunk.length === 0 || expectedSeq <= upper) {
      return expectedSeq > head.seq
        ? { ok: true, count, headHash: prevHash }
        : { ok: false, count, firstBrokenSeq: expectedSeq, reason: `日志末尾缺失：应有 ${head.seq} 条，第 ${expectedSeq} 条起不存在` };
    }
  }
  if (prevHash !== head.hash) return { ok: false, count, firstBrokenSeq: head.seq, reason: `第 ${head.seq} 条与记录的链尾哈希不符` };
  return { ok: true, count, headHash: prevHash };
}

export interface AuditQuery {
  actorName?: string;
  action?: string;
  /** ISO date 'YYYY-MM-DD', inclusive, local days. */
  from?: string;
  to?: string;
  offset: number;
  limit: number;
}

export interface AuditPage {
  rows: AuditEntry[];
  total: number;
}

/** Newest first. Uses the time index for the date range and filters the rest while streaming. */
export async function queryAudit(db: WenshuDB, q: AuditQuery): Promise<AuditPage> {
  const lower = q.from ? localDayStart(q.from).toISOString() : '';
  const upper = q.to ? localDayStart(q.to, 1).toISOString() : '\uffff';
  const coll = db.auditLog
    .where('time')
    .between(lower, upper, true, false)
    .reverse()
    .filter((e) => (!q.actorName || e.actorName === q.actorName) && (!q.action || e.action === q.action));
  const total = await coll.clone().count();
  const rows = await coll.offset(q.offset).limit(q.limit).toArray();
  return { rows, total };
}

function localDayStart(iso: string, plusDays = 0): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y!, m! - 1, d! + plusDays);
}

export async function distinctAuditValues(db: WenshuDB): Promise<{ actors: string[]; actions: string[] }> {
  const actors = (await db.auditLog.orderBy('actorName').uniqueKeys()) as string[];
  const actions = (await db.auditLog.orderBy('action').uniqueKeys()) as string[];
  return { actors, actions };
}
