import type pg from 'pg';
import { chainEntries, firstChainBreak, GENESIS_HASH, type ChainedEntry, type ChainHead, type EntryBase } from '../../shared/domain/audit-chain';

// The LAN's one global audit chain (issue #19). Its position is taken inside a transaction-scoped
// advisory lock, held until the command commits: two commands can never read the same head, and
// entries land in commit order. A sequence drawn before the lock would let a later seq commit
// first, or two commands chain from the same head, and the chain would break under concurrency.

/** The advisory lock of the audit chain and the change log (any fixed 64-bit key of our own). */
export const CHAIN_LOCK = 0x57656e73_6875; // 'Wenshu'

type Row = {
  seq: string;
  time: string;
  actor_id: string;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string;
  summary: string;
  details: Record<string, unknown> | null;
  prev_hash: string;
  hash: string;
};

function entryOf(r: Row): ChainedEntry {
  return {
    seq: Number(r.seq),
    time: r.time,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    summary: r.summary,
    ...(r.details ? { details: r.details } : {}),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** Takes the chain lock for the rest of the transaction (also orders the change log). */
export async function lockChain(client: pg.ClientBase): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
}

async function head(client: pg.ClientBase): Promise<ChainHead & { time: string }> {
  const { rows } = await client.query<{ seq: string; hash: string; time: string }>('SELECT seq, hash, time FROM audit_log ORDER BY seq DESC LIMIT 1');
  return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash, time: rows[0].time } : { seq: 0, hash: GENESIS_HASH, time: '' };
}

/**
 * Appends `bases` to the chain; the caller holds the chain lock (lockChain). A command stamped
 * before it waited for the lock never goes down the chain earlier than the entry before it: its
 * time is raised to that entry's (ISO instants in UTC compare as text).
 */
export async function appendAudit(client: pg.ClientBase, bases: readonly EntryBase[]): Promise<ChainedEntry[]> {
  const last = await head(client);
  const entries = chainEntries(last, bases.map((b) => (b.time < last.time ? { ...b, time: last.time } : b)));
  for (const e of entries) {
    await client.query(
      `INSERT INTO audit_log (seq, time, actor_id, actor_name, action, entity_type, entity_id, summary, details, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [e.seq, e.time, e.actorId, e.actorName, e.action, e.entityType, e.entityId, e.summary, e.details ?? null, e.prevHash, e.hash],
    );
  }
  return entries;
}

export type ChainVerdict = { ok: true; count: number; headHash: string } | { ok: false; count: number; firstBrokenSeq: number; reason: string };

/** Walks the whole chain in pages and names the first broken entry. */
export async function verifyServerAudit(client: Pick<pg.ClientBase, "query">, pageSize = 5000): Promise<ChainVerdict> {
  let prev: ChainHead = { seq: 0, hash: GENESIS_HASH };
  let count = 0;
  for (;;) {
    const { rows } = await client.query<Row>('SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2', [prev.seq, pageSize]);
    const entries = rows.map(entryOf);
    const broken = firstChainBreak(prev, entries);
    if (broken) return { ok: false, count: count + (broken.seq - prev.seq - 1), firstBrokenSeq: broken.seq, reason: broken.reason };
    count += entries.length;
    const last = entries[entries.length - 1];
    if (last) prev = { seq: last.seq, hash: last.hash };
    if (rows.length < pageSize) return { ok: true, count, headHash: prev.hash };
  }
}
