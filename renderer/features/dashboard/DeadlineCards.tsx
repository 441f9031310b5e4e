import { Badge, Card, Col, List, Row } from 'antd';
import { useLiveQuery } from '../../db/live';
import { todayIso } from '@shared/domain/dates';
import { useDb } from '../../db/DbContext';
import { incomingDeadlines, type IncomingRow } from '../../db/repositories/incoming';
import { useActor } from '../../ui/session';
import { CardLine } from '../../ui/list-columns';

function DeadlineList({ title, color, data }: { title: string; color: string; data?: { total: number; rows: IncomingRow[] } }) {
  return (
    <Card
      size="small"
      title={
        <span>
          {title} <Badge count={data?.total ?? 0} showZero color={color} />
        </span>
      }
    >
      <List<IncomingRow>
        aria-label={title}
        size="small"
        loading={!data}
        dataSource={data?.rows ?? []}
        locale={{ emptyText: '无' }}
        renderItem={(r) => (
          <List.Item>
            <CardLine head={<a href={`#/incoming/${r.id}`}>{r.serial}</a>} title={r.title} detail={`办理时限 ${r.dueDate ?? ''}${r.hostDeptName ? ` · ${r.hostDeptName}` : ''}`} />
          </List.Item>
        )}
      />
    </Card>
  );
}

/**
 * 工作台 of the 秘书: 收文 due today or within 2 working days, each opening the record. The overdue
 * ones are in 逾期事项 (OverdueMattersCard), one row with their 督办.
 */
export function DeadlineCards() {
  const db = useDb();
  const actor = useActor();
  const today = todayIso();
  const d = useLiveQuery(() => incomingDeadlines(db, actor, today), [db, actor.id, today]);
  return (
    <Row gutter={16} style={{ marginTop: 16 }}>
      <Col span={12}>
        <DeadlineList title="今日到期" color="orange" data={d?.dueToday} />
      </Col>
      <Col span={12}>
        <DeadlineList title="即将到期" color="gold" data={d?.dueSoon} />
      </Col>
    </Row>
  );
}
