import type { Table } from 'dexie';
import { appendAudit, type AuditDraft } from './audit';
import type { WenshuDB } from './database';
import type { Actor } from './types';

export type AuditSink = (draft: AuditDraft) => void;

/**
 * Runs `work` and appends the audit entries it reports in ONE rw transaction: either the change
 * and its log entries are both committed or neither is. A change that reports no entry is refused,
 * so no write can slip past the log.
 */
export async function writeWithAudit<T>(
  db: WenshuDB,
  actor: Pick<Actor, 'id' | 'username'>,
  tables: Table[],
  work: (audit: AuditSink) => Promise<T>,
  now: Date = new Date(),
): Promise<T> {
  return db.transaction('rw', [...tables, db.auditLog, db.settings], async () => {
    const drafts: AuditDraft[] = [];
    const result = await work((d) => drafts.push(d));
    if (drafts.length === 0) throw new Error('内部错误：修改未写审计日志');
    await appendAudit(db, actor, drafts, now);
    return result;
  });
}
