import type { Table } from 'dexie';
import { appendAudit, assertAuditAppendable, AuditTamperedError, auditScope, recordPendingAudit, type AuditDraft } from './audit';
import type { WenshuDB } from './database';
import type { Actor } from './types';

export type AuditSink = (draft: AuditDraft) => void;

export interface WriteOptions {
  /**
   * Sign-in, sign-out, the idle lock, a verification: allowed while the audit log refuses
   * appends (the 安全审计员 must still get in to acknowledge a break). Their entries then wait in
   * pendingAudit, in the same transaction, and join the chain right after the 确认断档.
   */
  pendingIfRefused?: boolean;
}

/**
 * Runs `work` and appends the audit entries it reports in ONE rw transaction: either the change
 * and its log entries are both committed or neither is. A change that reports no entry is refused,
 * so no write can slip past the log; so is every change while the log's head and its last entry
 * disagree (AuditTamperedError, checked before the work runs).
 */
export async function writeWithAudit<T>(
  db: WenshuDB,
  actor: Pick<Actor, 'id' | 'username'>,
  tables: Table[],
  work: (audit: AuditSink, flush: () => Promise<void>) => Promise<T>,
  now: Date = new Date(),
  opts: WriteOptions = {},
): Promise<T> {
  return db.transaction('rw', [...tables, ...auditScope(db)], async () => {
    // Decided before the work: setup adds the first user, and only a database without one may
    // start a new chain.
    let genesisAllowed = false;
    let refused = false;
    try {
      ({ genesisAllowed } = await assertAuditAppendable(db));
    } catch (e) {
      if (!(opts.pendingIfRefused && e instanceof AuditTamperedError)) throw e;
      refused = true;
    }
    let drafts: AuditDraft[] = [];
    let reported = 0;
    // Appends what was reported so far (a bulk command calls it per batch; the chain is read and
    // checked again each time, so entries appended earlier in this transaction are its head).
    const flush = async () => {
      if (drafts.length === 0) return;
      const batch = drafts;
      drafts = [];
      reported += batch.length;
      if (refused) for (const d of batch) await recordPendingAudit(db, actor, d, now);
      else await appendAudit(db, actor, batch, now, { genesisAllowed });
      genesisAllowed = false;
    };
    const result = await work((d) => drafts.push(d), flush);
    if (drafts.length === 0 && reported === 0) throw new Error('内部错误：修改未写审计日志');
    await flush();
    return result;
  });
}
