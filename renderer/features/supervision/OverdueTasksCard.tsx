import { Badge, Card, Empty, Spin, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { Link } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import { overdueDays } from '@shared/domain/supervision';
import { useDb } from '../../db/DbContext';
import { overdueTasks } from '../../db/repositories/supervision';
import { useActor } from '../../ui/session';
import { CardLine } from '../../ui/list-columns';

/** Tasks listed on the card; 查看全部 opens the list filtered to 已逾期. */
const SHOWN = 10;

/** 工作台: 督办 tasks past their 时限, most overdue first, each opening the task. */
export function OverdueTasksCard() {
  const db = useDb();
  const actor = useActor();
  const today = todayIso();
  const tasks = useLiveQuery(() => overdueTasks(db, actor, today), [db, actor.id, today]);
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={
        <span>
          督办逾期 <Badge count={tasks?.length ?? 0} showZero color={tasks?.length ? 'red' : 'green'} />
        </span>
      }
      extra={<Link to={`/supervision?status=${encodeURIComponent('已逾期')}`}>查看全部</Link>}
    >
      {!tasks ? (
        <Spin />
      ) : tasks.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无" />
      ) : null}
      <ul aria-label="督办逾期" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {(tasks ?? []).slice(0, SHOWN).map((t) => (
          <li key={t.id} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
            <CardLine
              head={<Link to={`/supervision/${t.id}`}>{t.serial}</Link>}
              title={t.content}
              detail={
                <>
                  {t.unit} 时限 {t.dueDate} <Typography.Text type="danger" style={{ fontSize: 12 }}>逾期{overdueDays(t, today)}天</Typography.Text>
                </>
              }
            />
          </li>
        ))}
      </ul>
      {tasks && tasks.length > SHOWN && <Typography.Text type="secondary">{`另有 ${tasks.length - SHOWN} 件`}</Typography.Text>}
    </Card>
  );
}
