import { Link } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import { useDb } from '../../db/DbContext';
import { useLiveQuery } from '../../db/live';
import { overdueMatters } from '../../db/repositories/workbench';
import { useActor } from '../../ui/session';
import { WorkList } from './WorkList';

/**
 * 工作台 of the 秘书: every overdue matter of the office, one row each — a late 收文 and the 督办
 * made from its 批示 are one row marked 收文已超期 and 督办逾期 — oldest 时限 first.
 */
export function OverdueMattersCard() {
  const db = useDb();
  const actor = useActor();
  const today = todayIso();
  const d = useLiveQuery(() => overdueMatters(db, actor, today), [db, actor.id, today]);
  return (
    <div style={{ marginTop: 16 }}>
      <WorkList
        title="逾期事项"
        rows={d?.rows}
        total={d?.total}
        empty="没有逾期的收文或督办事项。"
        shown={20}
        extra={<Link to={`/supervision?status=${encodeURIComponent('已逾期')}`}>全部逾期督办</Link>}
      />
    </div>
  );
}
