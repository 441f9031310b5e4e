import Dexie, { type Table } from 'dexie';
import { presealRows, SEAL_AHEAD_FROM } from './at-rest/encryption-middleware';
import { chainEntries, GENESIS_HASH, hashAuditEntry, type EntryBase } from '@shared/domain/audit-chain';
import type { WenshuDB } from './database';
import type { Actor, AuditEntry, PendingAuditRecord } from './types';
import { RuleError } from '@shared/domain/rule-error';
import { auditHeadSchema } from '@shared/domain/settings-schemas';
import { formatLocalDateTime } from '@shared/domain/dates';

// 全程留痕: an append-only, hash-chained log. Each entry's hash covers the previous hash and the
// entry's own canonical JSON, so changing, removing or reordering any entry breaks the chain from
// there on. The head (last seq + hash) is kept in settings and, again, in the auditAnchor table
// (and on the desktop in a sealed file written by the main process, ./audit-anchor.ts).
//
// Append-only for real (issue #12): before any append the stored head and the last row must
// agree, otherwise nothing is appended (AuditTamperedError) — appending after a cut tail would
// re-anchor the chain on what is left and hide the cut. seq numbers are never reused: the head's
// seq is the high-water mark. A break can only be acknowledged by the 安全审计员 (确认断档), with
// an entry that records exactly what is missing; verification then names it, never a silent pass.
//
// SHA-256 is computed synchronously (@noble/hashes) on purpose: awaiting crypto.subtle inside a
// Dexie transaction would let IndexedDB auto-commit it halfway.

// The chain rule is shared with the LAN server (shared/domain/audit-chain.ts).
export { chainEntries, GENESIS_HASH, hashAuditEntry };
export const AUDIT_HEAD_KEY = 'auditHead';
/** auditAnchor row holding the head (written in the same transaction as every append). */
export const ANCHOR_HEAD_ID = 'head';
/** auditAnchor row saying the external (desktop file) anchor has been written at least once. */
export const ANCHOR_FILE_ID = 'file';
/** The action of an acknowledged break. */
export const GAP_ACTION = '确认断档';
export const RESTORE_ACTION = '恢复备份';

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

/**
 * The head as stored in settings. `anchored`: written by a version that keeps the auditAnchor row
 * in the same transaction, so a missing anchor row is tampering (an older head without it is an
 * installation from before issue #12, anchored at its next append).
 */
interface StoredHead extends AuditHead {
  anchored?: boolean;
  /**
   * Set by a restore on the database it replaced, in the transaction that ends it (issue #18): the
   * data now lives in the database named here, and nothing more may be written to this one (a save
   * queued in another window would be lost with it).
   */
  movedTo?: string;
}

export const MOVED_MESSAGE = '本机数据已由恢复备份替换，请刷新页面后重新登录';

/** Details of a 确认断档 entry (part of its hashed content). */
export interface GapDetails {
  kind: 'auditGap';
  /** First and last seq that are missing; from > to when no count is known (e.g. only the head was lost). */
  missingFrom: number;
  missingTo: number;
  /** What the log should have ended with: the stored head, the anchors (null where missing). */
  expectedHead: AuditHead | null;
  anchorHead: AuditHead | null;
  externalHead: AuditHead | null;
  /** The last surviving row, which the acknowledgment is chained to. */
  found: AuditHead | null;
  problem: string;
  reason: string;
}

/** Details a restore entry carries about the audit log (part of its hashed content). */
export interface SealedSegmentInfo {
  id: string;
  count: number;
  headSeq: number;
  headHash: string;
}

export const TAMPERED_MESSAGE = '审计日志被截断或改动，已停止写入；请安全审计员核查';

/** The head and the log disagree: nothing may be appended until the 安全审计员 acknowledges it. */
export class AuditTamperedError extends RuleError {
  constructor(readonly problem: string) {
    super(TAMPERED_MESSAGE);
    this.name = 'AuditTamperedError';
  }
}

function hasTable(db: WenshuDB, name: string): boolean {
  return db.tables.some((t) => t.name === name);
}

/**
 * Tables every transaction that appends to the audit log must include (pending rows are folded
 * in, the anchor row is updated, users tell a new installation from an emptied log). Tables a
 * database of an older schema version (migration tests) does not have are left out.
 */
export function auditScope(db: WenshuDB): Table[] {
  return ['auditLog', 'settings', 'users', 'pendingAudit', 'auditAnchor'].filter((n) => hasTable(db, n)).map((n) => db.table(n));
}

function sameHead(a: AuditHead | null | undefined, b: AuditHead | null | undefined): boolean {
  return !!a && !!b && a.seq === b.seq && a.hash === b.hash;
}

function plainHead(h: AuditHead | null | undefined): AuditHead | null {
  return h ? { seq: h.seq, hash: h.hash } : null;
}

/**
 * The stored head, parsed (shared/domain/settings-schemas auditHeadSchema). A row that is there but
 * malformed is a head no entry matches, never "no head": an edited head is reported, not skipped.
 */
async function storedHead(db: WenshuDB): Promise<StoredHead | null> {
  const row = await db.settings.get(AUDIT_HEAD_KEY);
  if (row?.value == null) return null;
  const parsed = auditHeadSchema.safeParse(row.value);
  return parsed.success ? parsed.data : { seq: -1, hash: '（审计日志头记录格式错误）' };
}

export async function readAuditHead(db: WenshuDB): Promise<AuditHead | null> {
  return plainHead(await storedHead(db));
}

interface AuditState {
  head: StoredHead | null;
  last: AuditEntry | null;
  anchor: AuditHead | null;
  /** No user, no head, no row, no anchor: a database before setup. */
  brandNew: boolean;
  /** The database has the auditAnchor table (not one of an older schema version). */
  anchorTable: boolean;
}

async function readAuditState(db: WenshuDB): Promise<AuditState> {
  const head = await storedHead(db);
  const last = (await db.auditLog.orderBy('seq').last()) ?? null;
  const anchor = hasTable(db, 'auditAnchor') ? plainHead(await db.auditAnchor.get(ANCHOR_HEAD_ID)) : null;
  const brandNew = !head && !last && !anchor && (await db.users.count()) === 0;
  return { head, last, anchor, brandNew, anchorTable: hasTable(db, 'auditAnchor') };
}

/** Why nothing may be appended now, or null. */
function appendProblem(s: AuditState, genesisAllowed: boolean): string | null {
  const { head, last, anchor } = s;
  if (!head && !last) {
    if (genesisAllowed) return null;
    return anchor ? `审计日志与链尾记录均已被删除（锚点记录的链尾为第 ${anchor.seq} 条）` : '系统已初始化，但审计日志与链尾记录均已被删除';
  }
  if (!head) return `链尾记录缺失（被删除），日志最后一条为第 ${last!.seq} 条`;
  if (!last) return `审计日志已被清空：记录的链尾为第 ${head.seq} 条，日志中一条也没有`;
  if (last.seq < head.seq) return `日志末尾缺失：记录的链尾为第 ${head.seq} 条，日志最后一条为第 ${last.seq} 条（第 ${last.seq + 1}–${head.seq} 条不存在）`;
  if (last.seq > head.seq) return `日志最后一条（第 ${last.seq} 条）在记录的链尾（第 ${head.seq} 条）之后，被人写入`;
  if (last.hash !== head.hash) return `第 ${head.seq} 条与记录的链尾哈希不符（被改动）`;
  const { hash, ...rest } = last;
  if (hashAuditEntry(rest) !== hash) return `最后一条（第 ${last.seq} 条）内容与其哈希不符（被改动）`;
  if (head.anchored && !anchor && s.anchorTable) return `审计锚点记录缺失（被删除），链尾为第 ${head.seq} 条`;
  if (anchor && !sameHead(anchor, head)) return `审计锚点（第 ${anchor.seq} 条）与链尾记录（第 ${head.seq} 条）不符`;
  return null;
}

/**
 * Whether the audit log may be appended to now (inside the caller's transaction, auditScope in
 * it). Returns whether this is a brand-new database (setup may start a chain): the caller decides
 * that before its own work adds the first user.
 */
export async function assertAuditAppendable(db: WenshuDB): Promise<{ genesisAllowed: boolean }> {
  const s = await readAuditState(db);
  if (s.head?.movedTo) throw new RuleError(MOVED_MESSAGE);
  const problem = appendProblem(s, s.brandNew) ?? externalBreaks.get(db.name) ?? null;
  if (problem) refuse(db, problem);
  return { genesisAllowed: s.brandNew };
}

function refuse(db: WenshuDB, problem: string): never {
  raiseAuditAlarm(db.name, [problem]);
  throw new AuditTamperedError(problem);
}

/** The rows that record `head`: the settings row and (schema v8 on) the anchor row. */
export function headRecords(db: WenshuDB, head: AuditHead): { setting: { key: string; value: StoredHead }; anchor: { id: string; seq: number; hash: string } | null } {
  const anchored = hasTable(db, 'auditAnchor');
  return {
    setting: { key: AUDIT_HEAD_KEY, value: anchored ? { seq: head.seq, hash: head.hash, anchored: true } : { seq: head.seq, hash: head.hash } },
    anchor: anchored ? { id: ANCHOR_HEAD_ID, seq: head.seq, hash: head.hash } : null,
  };
}

/** After the commit of the transaction in progress, the external anchor follows `head`. */
export function announceAuditHead(db: WenshuDB, head: AuditHead): void {
  afterCommit(() => externalAnchorWrite(db, head));
}

/** Writes the head to settings and the anchor row (inside the caller's rw transaction). */
async function storeHead(db: WenshuDB, head: AuditHead): Promise<void> {
  const { setting, anchor } = headRecords(db, head);
  await db.settings.put(setting);
  if (anchor) await db.auditAnchor.put(anchor);
  announceAuditHead(db, head);
}

/** A pending pre-sign-in event as the entry it becomes (its own time and actor). */
export function pendingEntryBase(p: PendingAuditRecord): EntryBase {
  return { time: p.time, actorId: p.actorId, actorName: p.actorName, action: p.action, entityType: p.entityType, entityId: p.entityId, summary: p.summary };
}

/** A draft as the entry it becomes. */
export function draftEntryBase(actor: Pick<Actor, 'id' | 'username'>, d: AuditDraft, now: Date): EntryBase {
  return {
    time: now.toISOString(),
    actorId: actor.id,
    actorName: actor.username,
    action: d.action,
    entityType: d.entityType,
    entityId: d.entityId,
    summary: d.summary,
    ...(d.details ? { details: d.details } : {}),
  };
}

/** Runs `fn` once the outermost transaction in progress has committed (never if it aborts). */
function afterCommit(fn: () => void): void {
  let tx = Dexie.currentTransaction;
  if (!tx) return fn();
  while (tx.parent) tx = tx.parent;
  tx.on('complete', () => fn());
}

/**
 * Appends entries after the current head. Call only inside a rw transaction over auditScope(db).
 * Pending pre-sign-in events are folded in first, in id order, each with its own time and actor.
 * Refuses (AuditTamperedError, nothing written) when the head and the log disagree.
 */
export async function appendAudit(
  db: WenshuDB,
  actor: Pick<Actor, 'id' | 'username'>,
  drafts: readonly AuditDraft[],
  now: Date,
  opts: { genesisAllowed?: boolean; acknowledging?: boolean } = {},
): Promise<AuditEntry[]> {
  const s = await readAuditState(db);
  if (s.head?.movedTo) throw new RuleError(MOVED_MESSAGE);
  const problem = appendProblem(s, opts.genesisAllowed ?? s.brandNew) ?? (opts.acknowledging ? null : (externalBreaks.get(db.name) ?? null));
  if (problem) refuse(db, problem);
  const pending = hasTable(db, 'pendingAudit') ? await db.pendingAudit.orderBy('id').toArray() : [];
  const prev = { seq: s.head?.seq ?? 0, hash: s.head?.hash ?? GENESIS_HASH };
  const written = chainEntries(prev, [...pending.map(pendingEntryBase), ...drafts.map((d) => draftEntryBase(actor, d, now))]);
  if (written.length === 0) return written;
  // A bulk command's batch of entries is sealed with WebCrypto before its write (issue #18).
  const trans = Dexie.currentTransaction;
  if (trans && written.length >= SEAL_AHEAD_FROM) await Dexie.waitFor(presealRows(db.keyring, { name: 'auditLog', schema: db.core.table('auditLog').schema }, written, trans.idbtrans));
  await db.auditLog.bulkAdd(written);
  if (pending.length) await db.pendingAudit.bulkDelete(pending.map((p) => p.id!));
  const { seq, hash: prevHash } = written[written.length - 1]!;
  await storeHead(db, { seq, hash: prevHash });
  return written;
}

/**
 * An event from before anyone signed in (a failed login, an attempt during a lockout). The audit
 * log cannot be written without the data key, so it waits in the plain pendingAudit table and
 * the next append folds it into the chain. Holds no secret: no details.
 */
export async function recordPendingAudit(db: WenshuDB, actor: Pick<Actor, 'id' | 'username'>, draft: AuditDraft, now: Date): Promise<void> {
  await db.pendingAudit.add({
    time: now.toISOString(),
    actorId: actor.id,
    actorName: actor.username,
    action: draft.action,
    entityType: draft.entityType,
    entityId: draft.entityId,
    summary: draft.summary,
  });
}

// ---------------------------------------------------------------------------------------------
// Acknowledging a break (确认断档)

/** auditScope plus the sealed segments (an external anchor may name a head a restore sealed). */
function breakScope(db: WenshuDB): Table[] {
  return [...auditScope(db), ...(hasTable(db, 'auditSegments') ? [db.auditSegments] : [])];
}

/** What a 确认断档 would resolve: appends refused, or the external anchor names a head the log lost. */
async function breakProblem(db: WenshuDB, s: AuditState, externalHead: AuditHead | null): Promise<string | null> {
  const p = appendProblem(s, s.brandNew);
  if (p) return p;
  const head = plainHead(s.head);
  if (externalHead && head && !sameHead(externalHead, head) && !(await anchorExplained(db, externalHead, head))) return externalMismatch(externalHead, head);
  return null;
}

/** The external anchor's head, or null (none registered, none written, unreadable). */
async function readExternalHead(db: WenshuDB): Promise<AuditHead | null> {
  const ext = externals.get(db.name);
  return ext ? ext.store.read().catch(() => null) : null;
}

/** Whether the log is in a state a 确认断档 would resolve, and what is wrong. */
export async function pendingAuditBreak(db: WenshuDB): Promise<string | null> {
  const externalHead = await readExternalHead(db);
  return db.transaction('r', breakScope(db), async () => breakProblem(db, await readAuditState(db), externalHead));
}

/**
 * The 安全审计员 acknowledges that the log was cut or changed at its end: one entry records the
 * expected head (and anchors) and the last surviving row, takes the seq after the highest ever
 * recorded and chains to the last surviving row; appends work again from there. Authorization is
 * the caller's (repositories/audit-log.ts).
 */
export async function acknowledgeAuditBreak(db: WenshuDB, actor: Pick<Actor, 'id' | 'username'>, reason: string, now: Date): Promise<AuditEntry> {
  const text = reason.trim();
  if (!text) throw new RuleError('请填写确认断档的原因');
  // Read before the transaction: awaiting IPC inside it would let IndexedDB commit it.
  const externalHead = await readExternalHead(db);
  const entry = await db.transaction('rw', breakScope(db), async () => {
    const s = await readAuditState(db);
    const problem = await breakProblem(db, s, externalHead);
    if (!problem) throw new RuleError('审计日志没有需要确认的断档');
    const found = s.last ? { seq: s.last.seq, hash: s.last.hash } : null;
    const lastSeq = found?.seq ?? 0;
    const highest = Math.max(lastSeq, s.head?.seq ?? 0, s.anchor?.seq ?? 0, externalHead?.seq ?? 0);
    const details: GapDetails = {
      kind: 'auditGap',
      missingFrom: lastSeq + 1,
      missingTo: highest,
      expectedHead: plainHead(s.head),
      anchorHead: s.anchor,
      externalHead: plainHead(externalHead),
      found,
      problem,
      reason: text,
    };
    const missing = details.missingFrom <= details.missingTo ? `第 ${details.missingFrom}–${details.missingTo} 条缺失` : '缺失条数无法确定';
    const base: Omit<AuditEntry, 'hash'> = {
      seq: highest + 1,
      time: now.toISOString(),
      actorId: actor.id,
      actorName: actor.username,
      action: GAP_ACTION,
      entityType: '审计日志',
      entityId: '',
      summary: `确认断档：${missing}（${problem}）；原因：${text}`,
      details: { ...details },
      prevHash: found?.hash ?? GENESIS_HASH,
    };
    const entry: AuditEntry = { ...base, hash: hashAuditEntry(base) };
    await db.auditLog.add(entry);
    await storeHead(db, { seq: entry.seq, hash: entry.hash });
    // Events that waited while appends were refused join the chain right after it.
    await appendAudit(db, actor, [], now, { acknowledging: true });
    return entry;
  });
  externalBreaks.delete(db.name);
  clearAuditAlarm(db.name);
  return entry;
}

function gapDetails(e: AuditEntry): GapDetails | null {
  const d = e.details as Partial<GapDetails> | undefined;
  return e.action === GAP_ACTION && d?.kind === 'auditGap' && typeof d.missingFrom === 'number' && typeof d.missingTo === 'number' ? (d as GapDetails) : null;
}

function sealedSegmentOf(e: AuditEntry): SealedSegmentInfo | null {
  const s = (e.details as { sealedSegment?: SealedSegmentInfo } | undefined)?.sealedSegment;
  return e.action === RESTORE_ACTION && s && typeof s.id === 'string' ? s : null;
}

// ---------------------------------------------------------------------------------------------
// Verification

export interface AcknowledgedGap {
  /** seq of the 确认断档 entry. */
  seq: number;
  missingFrom: number;
  missingTo: number;
  by: string;
  time: string;
  reason: string;
  /** Where the gap is: the current log, or a sealed segment's id. */
  segment?: string;
}

export interface SegmentSummary {
  id: string;
  count: number;
  firstSeq: number;
  headSeq: number;
  headHash: string;
  /** The restore entry that sealed it. */
  sealedBySeq: number;
  sealedAt: string;
  sealedBy: string;
}

export type AuditVerification =
  | { ok: true; count: number; headHash: string; gaps: AcknowledgedGap[]; segments: SegmentSummary[] }
  | { ok: false; count: number; firstBrokenSeq: number; reason: string; segment?: string; canAcknowledge?: boolean };

const VERIFY_CHUNK = 2000;

/** Walks one chain entry by entry: contiguous seq (except acknowledged gaps), links, hashes. */
class ChainWalker {
  expectedSeq = 1;
  prevHash = GENESIS_HASH;
  count = 0;
  readonly gaps: AcknowledgedGap[] = [];
  readonly seals: { entry: AuditEntry; info: SealedSegmentInfo }[] = [];

  constructor(private readonly segment?: string) {}

  /** A reason if the entry breaks the chain, else null. */
  feed(entry: AuditEntry): { seq: number; reason: string } | null {
    this.count += 1;
    const gap = gapDetails(entry);
    if (entry.seq !== this.expectedSeq) {
      const acknowledged = gap && gap.missingFrom === this.expectedSeq && gap.missingTo === entry.seq - 1;
      if (!acknowledged) {
        const to = entry.seq - 1;
        return { seq: this.expectedSeq, reason: to > this.expectedSeq ? `第 ${this.expectedSeq}–${to} 条缺失（被删除）` : `第 ${this.expectedSeq} 条缺失（被删除）` };
      }
    } else if (gap && gap.missingFrom <= gap.missingTo) {
      return { seq: entry.seq, reason: `第 ${entry.seq} 条（确认断档）所记的缺失范围与日志不符` };
    }
    if (entry.prevHash !== this.prevHash) return { seq: entry.seq, reason: `第 ${entry.seq} 条与前一条的链接不符（前序被修改或删除）` };
    const { hash, ...rest } = entry;
    if (hashAuditEntry(rest) !== hash) return { seq: entry.seq, reason: `第 ${entry.seq} 条内容与其哈希不符（被修改）` };
    if (gap) {
      this.gaps.push({
        seq: entry.seq,
        missingFrom: gap.missingFrom,
        missingTo: gap.missingTo,
        by: entry.actorName,
        time: entry.time,
        reason: gap.reason,
        ...(this.segment ? { segment: this.segment } : {}),
      });
    }
    const sealed = sealedSegmentOf(entry);
    if (sealed) this.seals.push({ entry, info: sealed });
    this.prevHash = hash;
    this.expectedSeq = entry.seq + 1;
    return null;
  }
}

type Broken = Extract<AuditVerification, { ok: false }>;

/**
 * Recomputes the chain and names the first break; then every sealed segment (kept by a restore)
 * as its own chain, each matching the head its restore entry recorded. The head is read first
 * and only entries up to it are checked, so another window appending meanwhile cannot cause a
 * false alarm; entries are read in chunks (short read transactions that never hold up a save for
 * long, and never the whole log in memory).
 */
export async function verifyAuditChain(db: WenshuDB): Promise<AuditVerification> {
  const { head, users, anyRow } = await db.transaction('r', auditScope(db), async () => ({
    head: await readAuditHead(db),
    users: await db.users.count(),
    anyRow: await db.auditLog.orderBy('seq').last(),
  }));
  if (!head) {
    if (anyRow) return { ok: false, count: await db.auditLog.count(), firstBrokenSeq: 1, reason: '日志的链尾记录缺失（被删除或篡改）', canAcknowledge: true };
    return users === 0
      ? { ok: true, count: 0, headHash: GENESIS_HASH, gaps: [], segments: [] }
      : { ok: false, count: 0, firstBrokenSeq: 1, reason: '系统已初始化，但审计日志与链尾记录均已被删除', canAcknowledge: true };
  }
  const walker = new ChainWalker();
  let after = 0;
  for (;;) {
    const chunk = await db.auditLog.where('seq').between(after, head.seq, false, true).limit(VERIFY_CHUNK).toArray();
    for (const entry of chunk) {
      const broken = walker.feed(entry);
      if (broken) return { ok: false, count: walker.count, firstBrokenSeq: broken.seq, reason: broken.reason };
    }
    if (chunk.length < VERIFY_CHUNK) break;
    after = chunk[chunk.length - 1]!.seq;
  }
  if (walker.expectedSeq <= head.seq) {
    return {
      ok: false,
      count: walker.count,
      firstBrokenSeq: walker.expectedSeq,
      reason: `日志末尾缺失：记录的链尾为第 ${head.seq} 条，第 ${walker.expectedSeq} 条起不存在`,
      canAcknowledge: true,
    };
  }
  if (walker.prevHash !== head.hash) return { ok: false, count: walker.count, firstBrokenSeq: head.seq, reason: `第 ${head.seq} 条与记录的链尾哈希不符`, canAcknowledge: true };
  const segments = await verifySegments(db, walker);
  if ('ok' in segments) return { ...segments, count: walker.count };
  return { ok: true, count: walker.count, headHash: walker.prevHash, gaps: [...walker.gaps, ...segments.gaps], segments: segments.summaries };
}

/** Each segment verifies as its own chain and ends where the restore entry that sealed it says. */
async function verifySegments(db: WenshuDB, main: ChainWalker): Promise<Broken | { gaps: AcknowledgedGap[]; summaries: SegmentSummary[] }> {
  if (!hasTable(db, 'auditSegments')) return { gaps: [], summaries: [] };
  const ids = (await db.auditSegments.orderBy('segment').uniqueKeys()) as string[];
  const walked = new Map<string, ChainWalker>();
  for (const id of ids) {
    const walker = new ChainWalker(id);
    let after: number = -Infinity;
    for (;;) {
      const rows = await db.auditSegments.where('[segment+seq]').between([id, after], [id, Dexie.maxKey], false, true).limit(VERIFY_CHUNK).toArray();
      for (const row of rows) {
        const broken = feedSegmentRow(walker, id, row);
        if (broken) return broken;
      }
      if (rows.length < VERIFY_CHUNK) break;
      after = rows[rows.length - 1]!.seq;
    }
    walked.set(id, walker);
  }
  return concludeSegments(main, walked);
}

function feedSegmentRow(walker: ChainWalker, id: string, row: { seq: number; entry: AuditEntry }): Broken | null {
  if (row.entry.seq !== row.seq) return segmentBroken(id, row.seq, `封存段中第 ${row.seq} 条的序号被改动`);
  const broken = walker.feed(row.entry);
  return broken ? segmentBroken(id, broken.seq, broken.reason) : null;
}

/** Every segment walked (in id order) against the restore entries that sealed them. */
function concludeSegments(main: ChainWalker, walked: Map<string, ChainWalker>): Broken | { gaps: AcknowledgedGap[]; summaries: SegmentSummary[] } {
  const seals = [...main.seals];
  for (const w of walked.values()) seals.push(...w.seals);
  const summaries: SegmentSummary[] = [];
  const gaps: AcknowledgedGap[] = [];
  for (const { entry, info } of seals) {
    const w = walked.get(info.id);
    if (!w) return segmentBroken(info.id, info.headSeq, `第 ${entry.seq} 条（恢复备份）封存的日志段 ${shortId(info.id)} 已不存在（被删除）`);
    if (w.count !== info.count || w.expectedSeq - 1 !== info.headSeq || w.prevHash !== info.headHash) {
      return segmentBroken(info.id, Math.min(w.expectedSeq, info.headSeq), `封存段 ${shortId(info.id)} 应有 ${info.count} 条、止于第 ${info.headSeq} 条，实有 ${w.count} 条、止于第 ${w.expectedSeq - 1} 条（被截断或改动）`);
    }
    walked.delete(info.id);
    gaps.push(...w.gaps);
    summaries.push({ id: info.id, count: info.count, firstSeq: 1, headSeq: info.headSeq, headHash: info.headHash, sealedBySeq: entry.seq, sealedAt: entry.time, sealedBy: entry.actorName });
  }
  for (const id of walked.keys()) return segmentBroken(id, 1, `日志段 ${shortId(id)} 没有封存它的恢复记录（被人写入）`);
  return { gaps, summaries };
}

/**
 * verifyAuditChain over entries as they stream by instead of read back from a database: a restore
 * checks the backup's log and sealed segments frame by frame, in key order (seq; segment, seq), as
 * it writes them, and never reads the 192,000 entries again. The same walk and the same verdicts,
 * against the head the backup recorded.
 */
export class StreamedChainCheck {
  private readonly main = new ChainWalker();
  private readonly walked = new Map<string, ChainWalker>();
  private broken: Broken | null = null;

  logEntry(entry: AuditEntry): void {
    if (this.broken) return;
    const b = this.main.feed(entry);
    if (b) this.broken = { ok: false, count: this.main.count, firstBrokenSeq: b.seq, reason: b.reason };
  }

  segmentRow(row: { segment: string; seq: number; entry: AuditEntry }): void {
    if (this.broken) return;
    let walker = this.walked.get(row.segment);
    if (!walker) {
      // Rows come in [segment+seq] order: a segment seen again after another one is out of order.
      if ([...this.walked.keys()].some((id) => id > row.segment)) {
        this.broken = segmentBroken(row.segment, row.seq, '封存段的顺序被打乱');
        return;
      }
      walker = new ChainWalker(row.segment);
      this.walked.set(row.segment, walker);
    }
    this.broken = feedSegmentRow(walker, row.segment, row);
  }

  /** The verdict once every entry has gone by; `head`: the head the backup recorded. */
  finish(head: AuditHead): AuditVerification {
    if (this.broken) return this.broken;
    const walker = this.main;
    if (head.seq === 0 && walker.count === 0) return { ok: true, count: 0, headHash: GENESIS_HASH, gaps: [], segments: [] };
    if (walker.expectedSeq <= head.seq) {
      return { ok: false, count: walker.count, firstBrokenSeq: walker.expectedSeq, reason: `日志末尾缺失：记录的链尾为第 ${head.seq} 条，第 ${walker.expectedSeq} 条起不存在`, canAcknowledge: true };
    }
    if (walker.expectedSeq - 1 > head.seq) return { ok: false, count: walker.count, firstBrokenSeq: head.seq + 1, reason: `日志最后一条（第 ${walker.expectedSeq - 1} 条）在记录的链尾（第 ${head.seq} 条）之后，被人写入` };
    if (walker.prevHash !== head.hash) return { ok: false, count: walker.count, firstBrokenSeq: head.seq, reason: `第 ${head.seq} 条与记录的链尾哈希不符`, canAcknowledge: true };
    const segments = concludeSegments(walker, new Map(this.walked));
    if ('ok' in segments) return { ...segments, count: walker.count };
    return { ok: true, count: walker.count, headHash: walker.prevHash, gaps: [...walker.gaps, ...segments.gaps], segments: segments.summaries };
  }
}

function segmentBroken(id: string, seq: number, reason: string): Broken {
  return { ok: false, count: 0, firstBrokenSeq: seq, reason: `封存段 ${shortId(id)}：${reason}`, segment: id };
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** "第 55–59 条缺失，由 X 于 … 确认" (the audit page and the verification entry). */
export function describeGap(g: AcknowledgedGap): string {
  const what = g.missingFrom <= g.missingTo ? (g.missingFrom === g.missingTo ? `第 ${g.missingFrom} 条缺失` : `第 ${g.missingFrom}–${g.missingTo} 条缺失`) : '链尾记录缺失';
  const where = g.segment ? `封存段 ${shortId(g.segment)} 中` : '';
  return `${where}${what}，由 ${g.by} 于 ${formatLocalDateTime(g.time, { seconds: true })} 确认`;
}

/** The one-line verdict: "通过（含 1 处经确认的断档：…）" — never a silent pass. */
export function describeVerification(v: AuditVerification): string {
  if (!v.ok) return `未通过：${v.reason}`;
  const gaps = v.gaps.length ? `（含 ${v.gaps.length} 处经确认的断档：${v.gaps.map(describeGap).join('；')}）` : '';
  const segs = v.segments.length ? `；另有 ${v.segments.length} 个封存段共 ${v.segments.reduce((a, s) => a + s.count, 0)} 条，均完整` : '';
  return `通过${gaps}，共 ${v.count} 条${segs}`;
}

// ---------------------------------------------------------------------------------------------
// Anchors and the alarm

/** The desktop's sealed anchor file (through the platform layer, registered by the app shell). */
export interface ExternalAuditAnchor {
  read(): Promise<AuditHead | null>;
  write(head: AuditHead): Promise<void>;
}

interface ExternalState {
  store: ExternalAuditAnchor;
  /** Why the last write failed (reported at the next check), or null. */
  lastError: string | null;
  /** Writes run one after another; only the newest head waiting is written. */
  running: Promise<void>;
  next: AuditHead | null;
  markerKnown: boolean;
}

const externals = new Map<string, ExternalState>();

/**
 * The external anchor names a head this log does not explain (found at a check, or just before
 * overwriting the file): appends stay refused in this window until a 确认断档, and the file is
 * not overwritten — it is the evidence.
 */
const externalBreaks = new Map<string, string>();

function externalMismatch(file: AuditHead, head: AuditHead | null): string {
  return `外部审计锚点记录的链尾为第 ${file.seq} 条，与日志${head ? `（链尾第 ${head.seq} 条）` : ''}不符`;
}

/** Registers (or, with null, removes) the external anchor of the database named `dbName`. */
export function registerExternalAuditAnchor(dbName: string, store: ExternalAuditAnchor | null): void {
  if (store) externals.set(dbName, { store, lastError: null, running: Promise.resolve(), next: null, markerKnown: false });
  else externals.delete(dbName);
}

/**
 * A restore switched the app to another database (issue #18): the external anchor now follows that
 * one's head. The file still names the replaced database's head until the restore announces the new
 * one; anchorExplained accepts it there (the replaced log is kept in the new one, or sealed in it).
 */
export function moveExternalAuditAnchor(from: string, to: string): void {
  const ext = externals.get(from);
  if (!ext) return;
  externals.delete(from);
  externals.set(to, { store: ext.store, lastError: null, running: ext.running, next: null, markerKnown: false });
}

/** Best effort, after the commit: a failed write never blocks a save; it is reported at the next check. */
function externalAnchorWrite(db: WenshuDB, head: AuditHead): void {
  const ext = externals.get(db.name);
  if (!ext) return;
  ext.next = head;
  ext.running = ext.running.then(async () => {
    const h = ext.next;
    if (!h) return;
    ext.next = null;
    try {
      // Never overwrite a file that remembers an end this chain lost (a cut with a forged head).
      const current = await ext.store.read().catch(() => null);
      if (current && !sameHead(current, h) && !(await Dexie.ignoreTransaction(() => anchorExplained(db, current, h)))) {
        const problem = externalMismatch(current, h);
        externalBreaks.set(db.name, problem);
        raiseAuditAlarm(db.name, [problem]);
        return;
      }
      await ext.store.write(h);
      ext.lastError = null;
      if (!ext.markerKnown) {
        await Dexie.ignoreTransaction(async () => {
          if (!(await db.auditAnchor.get(ANCHOR_FILE_ID))) await db.auditAnchor.put({ id: ANCHOR_FILE_ID, seq: h.seq, hash: h.hash });
        });
        ext.markerKnown = true;
      }
    } catch (e) {
      ext.lastError = e instanceof Error ? e.message : String(e);
    }
  });
}

/** Waits for external anchor writes in flight (tests; the app never needs to). */
export async function externalAnchorSettled(dbName: string): Promise<void> {
  const ext = externals.get(dbName);
  if (ext) await ext.running;
}

export type AuditIntegrity = { ok: true } | { ok: false; problems: string[] };

/**
 * The check at sign-in (and on the audit page): the stored head, the last row, the anchor row
 * and the external anchor must all agree. Cheap (no walk of the chain). An external anchor that
 * merely lags (the chain extends it: a write lost to a crash) is brought up to date. Raises or
 * clears the alarm the banner shows.
 */
export async function checkAuditIntegrity(db: WenshuDB, anchor: ExternalAuditAnchor | null = externals.get(db.name)?.store ?? null): Promise<AuditIntegrity> {
  const s = await db.transaction('r', auditScope(db), () => readAuditState(db));
  const problems: string[] = [];
  const p = appendProblem(s, s.brandNew);
  if (p) problems.push(p);
  const ext = externals.get(db.name);
  if (anchor && !s.brandNew) {
    const head = plainHead(s.head);
    let file: AuditHead | null = null;
    let readFailed = false;
    try {
      file = await anchor.read();
    } catch (e) {
      readFailed = true;
      problems.push(`外部审计锚点文件无法读取（可能被改动）：${e instanceof Error ? e.message : String(e)}`);
    }
    if (!readFailed) {
      const marker = hasTable(db, 'auditAnchor') ? await db.auditAnchor.get(ANCHOR_FILE_ID) : undefined;
      if (!file) {
        if (marker) problems.push(`外部审计锚点文件缺失（被删除），此前已记录至第 ${marker.seq} 条以后`);
        else if (head) externalAnchorWrite(db, head); // first run with a desktop anchor: establish it
      } else if (!sameHead(file, head)) {
        if (head && (await anchorExplained(db, file, head))) {
          externalBreaks.delete(db.name);
          externalAnchorWrite(db, head);
        }
        else {
          const problem = externalMismatch(file, head);
          externalBreaks.set(db.name, problem);
          problems.push(problem);
        }
      } else {
        externalBreaks.delete(db.name);
        if (ext) ext.markerKnown ||= !!marker;
      }
    }
  }
  if (ext?.lastError) problems.push(`上次未能更新外部审计锚点：${ext.lastError}`);
  if (problems.length) raiseAuditAlarm(db.name, problems);
  else clearAuditAlarm(db.name);
  return problems.length ? { ok: false, problems } : { ok: true };
}

/**
 * The external anchor differs from the head for an innocent reason: it lags (the chain holds it),
 * it names a head a restore sealed into a segment, or one a 确认断档 recorded as expected.
 */
async function anchorExplained(db: WenshuDB, file: AuditHead, head: AuditHead): Promise<boolean> {
  if (file.seq < head.seq && (await db.auditLog.get(file.seq))?.hash === file.hash) return true;
  if (hasTable(db, 'auditSegments') && (await db.auditSegments.filter((r) => r.seq === file.seq && r.entry.hash === file.hash).count()) > 0) return true;
  const acks = await db.auditLog.where('action').equals(GAP_ACTION).toArray();
  return acks.some((a) => {
    const g = gapDetails(a);
    return !!g && [g.expectedHead, g.anchorHead, g.externalHead].some((h) => sameHead(h, file));
  });
}

type AlarmListener = () => void;
const alarms = new Map<string, readonly string[]>();
const listeners = new Set<AlarmListener>();
const NO_ALARM: readonly string[] = [];

function raiseAuditAlarm(dbName: string, problems: readonly string[]): void {
  alarms.set(dbName, problems);
  for (const l of listeners) l();
}

function clearAuditAlarm(dbName: string): void {
  if (!alarms.has(dbName)) return;
  alarms.delete(dbName);
  for (const l of listeners) l();
}

/** What is wrong with the audit log of `dbName`, as last found (an empty list: nothing). */
export function auditAlarm(dbName: string): readonly string[] {
  return alarms.get(dbName) ?? NO_ALARM;
}

export function subscribeAuditAlarm(listener: AlarmListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// ---------------------------------------------------------------------------------------------
// Reading

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

/** A sealed segment's entries, newest first. */
export async function querySegment(db: WenshuDB, segment: string, offset: number, limit: number): Promise<AuditPage> {
  const coll = db.auditSegments.where('segment').equals(segment);
  const total = await coll.clone().count();
  const rows = await db.auditSegments
    .where('[segment+seq]')
    .between([segment, Dexie.minKey], [segment, Dexie.maxKey])
    .reverse()
    .offset(offset)
    .limit(limit)
    .toArray();
  return { rows: rows.map((r) => r.entry), total };
}

/** The sealed segments with their entry counts (from the restore entries that sealed them). */
export async function listSegments(db: WenshuDB): Promise<SegmentSummary[]> {
  if (!hasTable(db, 'auditSegments')) return [];
  const ids = new Set((await db.auditSegments.orderBy('segment').uniqueKeys()) as string[]);
  if (ids.size === 0) return [];
  const sealers = [
    ...(await db.auditLog.where('action').equals(RESTORE_ACTION).toArray()),
    ...(await db.auditSegments.filter((r) => r.entry.action === RESTORE_ACTION).toArray()).map((r) => r.entry),
  ];
  const out: SegmentSummary[] = [];
  for (const e of sealers) {
    const info = sealedSegmentOf(e);
    if (!info || !ids.has(info.id)) continue;
    ids.delete(info.id);
    out.push({ id: info.id, count: info.count, firstSeq: 1, headSeq: info.headSeq, headHash: info.headHash, sealedBySeq: e.seq, sealedAt: e.time, sealedBy: e.actorName });
  }
  for (const id of ids) {
    const count = await db.auditSegments.where('segment').equals(id).count();
    out.push({ id, count, firstSeq: 1, headSeq: 0, headHash: '', sealedBySeq: 0, sealedAt: '', sealedBy: '' });
  }
  return out;
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
