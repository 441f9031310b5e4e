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

/** Recomputes the whole chain, streaming (never the whole log in memory), and names the first break. */
export async function verifyAuditChain(db: WenshuDB): Promise<AuditVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let broken: { seq: number; reason: string } | null = null;
  let count = 0;
  await db.auditLog.orderBy('seq').until(() => broken !== null).each((entry) => {
    count += 1;
    if (entry.seq !== expectedSeq) {
      broken = { seq: expectedSeq, reason: `第 ${expectedSeq} 条缺失（被删除）` };
      return;
    }
    const { hash, ...rest } = entry;
    if (entry.prevHash !== prevHash) {
      broken = { seq: entry.seq, reason: `第 ${entry.seq} 条与前一条的链接不符（前序被修改或删除）` };
      return;
    }
    if (hashAuditEntry(rest) !== hash) {
      broken = { seq: entry.seq, reason: `第 ${entry.seq} 条内容与其哈希不符（被修改）` };
      return;
    }
    prevHash = hash;
    expectedSeq += 1;
  });
  if (broken) {
    const b = broken as { seq: number; reason: string };
    return { ok: false, count, firstBrokenSeq: b.seq, reason: b.reason };
  }
  const head = (await db.settings.get(AUDIT_HEAD_KEY))?.value as AuditHead | undefined;
  const lastSeq = expectedSeq - 1;
  if (head && (head.seq !== lastSeq || head.hash !== prevHash)) {
    const seq = Math.min(head.seq, lastSeq + 1);
    return { ok: false, count, firstBrokenSeq: seq, reason: `日志末尾缺失：应有 ${head.seq} 条，实有 ${lastSeq} 条` };
  }
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
