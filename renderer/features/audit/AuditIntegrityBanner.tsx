import { Alert } from 'antd';
import { useEffect, useSyncExternalStore } from 'react';
import type { Role } from '@shared/domain/permissions';
import { useDb } from '../../db/DbContext';
import { auditAlarm, auditIntegrityAtSignIn, subscribeAuditAlarm } from '../../db/repositories/audit-log';
import { useActor } from '../../ui/session';

/** Who is shown the alarm: the 安全审计员 and the two administrators (issue #12). */
const ALARMED: readonly Role[] = ['安全审计员', '系统管理员', '安全保密管理员'];

/**
 * The red banner "审计日志被截断或改动": shown when the check at sign-in finds the head, the last
 * entry and the anchors disagreeing, or when an append was refused since. Checked for everyone
 * (it also brings a lagging desktop anchor up to date); shown only to those who must act.
 */
export function AuditIntegrityBanner() {
  const db = useDb();
  const actor = useActor();
  const problems = useSyncExternalStore(subscribeAuditAlarm, () => auditAlarm(db.name));

  useEffect(() => {
    // Once per sign-in; a failure to check is itself shown (as the alarm's text) rather than lost.
    auditIntegrityAtSignIn(db).catch((e: unknown) => console.warn('文枢: 审计日志完整性检查未能完成', e));
  }, [db, actor.id]);

  if (problems.length === 0 || !actor.roles.some((r) => ALARMED.includes(r))) return null;
  const auditor = actor.roles.includes('安全审计员');
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ margin: '16px 24px 0' }}
      title="审计日志被截断或改动"
      description={
        <>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <div>
            {auditor
              ? '在此之前日志已停止写入。请在“审计日志”中按“验证完整性”核查；查明原因后可“确认断档”，日志将在断档之后继续记录。'
              : '在此之前日志已停止写入，相关操作无法保存。请通知安全审计员核查。'}
          </div>
        </>
      }
    />
  );
}
