import { Badge, Card, Empty, Spin, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { Link } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import { useDb } from '../../db/DbContext';
import { loadWorkCalendar } from '../../db/repositories/calendar';
import { overdueMinutes } from '../../db/repositories/meetings';
import { useActor } from '../../ui/session';
import { CardLine } from '../../ui/list-columns';

/** Meetings listed on the card; 查看全部 opens the meeting list filtered to the overdue. */
const SHOWN = 10;

/** 工作台: meetings whose minutes are past their 签发时限 unissued, oldest first, each opening the meeting. */
export function OverdueMinutesCard() {
  const db = useDb();
  const actor = useActor();
  const today = todayIso();
  const rows = useLiveQuery(async () => {
    const [overdue, calendar] = await Promise.all([overdueMinutes(db, actor, today), loadWorkCalendar(db)]);
    // Working days late: those after the last day to issue, up to and including today.
    return overdue.map((r) => ({ ...r, late: calendar.countWorkdays(r.minutesDue, today) }));
  }, [db, actor.id, today]);
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={
        <span>
          纪要逾期未签发 <Badge count={rows?.length ?? 0} showZero color={rows?.length ? 'red' : 'green'} />
        </span>
      }
      extra={<Link to="/meetings?overdue=1">查看全部</Link>}
    >
      {!rows ? (
        <Spin />
      ) : rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无" />
      ) : null}
      <ul aria-label="纪要逾期未签发" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {(rows ?? []).slice(0, SHOWN).map(({ view: { record: m }, minutesDue, late }) => (
          <li key={m.id} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
            <CardLine
              head={<Typography.Text type="secondary">{m.meetingDate}</Typography.Text>}
              title={m.name}
              link={<Link to={`/meetings/${m.id}`}>{m.name}</Link>}
              detail={
                <>
                  {m.meetingType} · 应于 {minutesDue} 前签发 <Typography.Text type="danger" style={{ fontSize: 12 }}>逾期{late}个工作日</Typography.Text>
                </>
              }
            />
          </li>
        ))}
      </ul>
      {rows && rows.length > SHOWN && <Typography.Text type="secondary">{`另有 ${rows.length - SHOWN} 个会议`}</Typography.Text>}
    </Card>
  );
}
