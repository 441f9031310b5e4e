import { authorize } from '../authorize';
import { distinctAuditValues, queryAudit, verifyAuditChain, type AuditPage, type AuditQuery, type AuditVerification } from '../audit';
import type { WenshuDB } from '../database';
import type { Actor } from '../types';
import { writeWithAudit } from '../write';

// The 审计日志 as the 安全审计员 sees it. Reading is checked here, not only by hiding the page.

export async function readAuditLog(db: WenshuDB, actor: Actor, q: AuditQuery): Promise<AuditPage> {
  await authorize(db, actor, 'audit.read');
  return queryAudit(db, q);
}

export async function auditFilterOptions(db: WenshuDB, actor: Actor): Promise<{ actors: string[]; actions: string[] }> {
  await authorize(db, actor, 'audit.read');
  return distinctAuditValues(db);
}

/** Verifies the chain and records that it was verified, and with what result. */
export async function verifyAuditLog(db: WenshuDB, actor: Actor, now = new Date()): Promise<AuditVerification> {
  actor = await authorize(db, actor, 'audit.read');
  const result = await verifyAuditChain(db);
  await writeWithAudit(
    db,
    actor,
    [],
    async (audit) => {
      audit({
        action: '校验审计日志',
        entityType: '审计日志',
        entityId: '',
        summary: result.ok ? `通过，共 ${result.count} 条` : `未通过：${result.reason}`,
      });
    },
    now,
  );
  return result;
}
