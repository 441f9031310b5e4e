import { authorize } from '../authorize';
import {
  acknowledgeAuditBreak,
  checkAuditIntegrity,
  describeVerification,
  distinctAuditValues,
  listSegments,
  queryAudit,
  querySegment,
  verifyAuditChain,
  pendingAuditBreak,
  type AuditPage,
  type AuditQuery,
  type AuditVerification,
  type SegmentSummary,
} from '../audit';
import type { WenshuDB } from '../database';

export { auditAlarm, describeGap, describeVerification, shortId, subscribeAuditAlarm, type AcknowledgedGap, type AuditVerification, type SegmentSummary } from '../audit';
import type { Actor } from '../types';
import { z } from 'zod';
import { defineCommand } from '../commands/define';
import { runCommand } from '../commands/execute';

// The 审计日志 as the 安全审计员 sees it. Reading is checked here, not only by hiding the page.

export async function readAuditLog(db: WenshuDB, actor: Actor, q: AuditQuery): Promise<AuditPage> {
  await authorize(db, actor, 'audit.read');
  return queryAudit(db, q);
}

export async function auditFilterOptions(db: WenshuDB, actor: Actor): Promise<{ actors: string[]; actions: string[] }> {
  await authorize(db, actor, 'audit.read');
  return distinctAuditValues(db);
}

/** The segments a restore sealed (kept, never removed), to read them on the audit page. */
export async function auditSegments(db: WenshuDB, actor: Actor): Promise<SegmentSummary[]> {
  await authorize(db, actor, 'audit.read');
  return listSegments(db);
}

export async function readAuditSegment(db: WenshuDB, actor: Actor, segment: string, offset: number, limit: number): Promise<AuditPage> {
  await authorize(db, actor, 'audit.read');
  return querySegment(db, segment, offset, limit);
}

/**
 * Verifies the chain (and sealed segments), then the head against the anchors, and records that
 * it was verified and with what result. When the log is cut, appends are refused: the check is
 * then recorded in pendingAudit (like a pre-sign-in event), so it joins the chain right after
 * the 确认断档 — the record that the auditor saw the break is not lost, and the result is
 * returned either way.
 */
export const verifyAuditCommand = defineCommand({
  name: 'audit.verify',
  input: z.object({}),
  permission: 'audit.read',
  tables: [],
  pendingIfRefused: true,
  // The walk reads the whole log in chunks of its own: before the command's transaction.
  prepare: async (db): Promise<AuditVerification> => {
    let result = await verifyAuditChain(db);
    const integrity = await checkAuditIntegrity(db);
    if (!integrity.ok) {
      // The anchors' findings too: a chain that verifies may still have lost its end.
      const extra = integrity.problems.filter((p) => result.ok || !p.includes(result.reason));
      if (result.ok) result = { ok: false, count: result.count, firstBrokenSeq: 0, reason: extra.join('；') };
      else if (extra.length) result = { ...result, reason: [result.reason, ...extra].join('；') };
    }
    if (!result.ok) result = { ...result, canAcknowledge: (await pendingAuditBreak(db)) !== null };
    return result;
  },
  run: async ({ audit }, _input, result) => {
    audit({ action: '校验审计日志', entityType: '审计日志', entityId: '', summary: describeVerification(result) });
    return result;
  },
});

export async function verifyAuditLog(db: WenshuDB, actor: Actor, now = new Date()): Promise<AuditVerification> {
  return runCommand(db, actor, verifyAuditCommand, {}, now);
}

/** 确认断档: only the 安全审计员, with a reason; appends resume after it. */
export async function acknowledgeAuditGap(db: WenshuDB, actor: Actor, reason: string, now = new Date()): Promise<void> {
  actor = await authorize(db, actor, 'audit.read');
  await acknowledgeAuditBreak(db, actor, reason, now);
}

/** The check at sign-in; any signed-in user may run it (only some are shown the result). */
export async function auditIntegrityAtSignIn(db: WenshuDB): Promise<string[]> {
  const r = await checkAuditIntegrity(db);
  return r.ok ? [] : r.problems;
}
