import { Badge, Card, Col, List, Row, Typography } from 'antd';
import { Link } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import { useDb } from '../../db/DbContext';
import { useLiveQuery } from '../../db/live';
import { loadWorkCalendar } from '../../db/repositories/calendar';
import { OUTGOING_QUEUES, outgoingDashboard, type OutgoingRow } from '../../db/repositories/outgoing';
import { CardLine } from '../../ui/list-columns';
import { useActor } from '../../ui/session';

/** Rows shown per card; the badge counts them all. */
const SHOWN = 5;

/** The 发文 queues and the late list, read once for both cards (the repository's outgoingDashboard). */
function useOutgoingDashboard() {
  const db = useDb();
  const actor = useActor();
  const today = todayIso();
  return useLiveQuery(async () => {
    const [d, calendar] = await Promise.all([outgoingDashboard(db, actor, today, SHOWN), loadWorkCalendar(db)]);
    // Working days since 签发, as the late card says it.
    return { ...d, lateDays: new Map(d.overdue.rows.map((r) => [r.id, r.signedDate ? calendar.countWorkdays(r.signedDate, today) : 0])) };
  }, [db, actor.id, today]);
}

function StepList({ title, data }: { title: string; data?: { total: number; rows: OutgoingRow[] } }) {
  return (
    <Card
      size="small"
      title={
        <span>
          {title} <Badge count={data?.total ?? 0} showZero color={data?.total ? 'blue' : 'green'} />
        </span>
      }
    >
      <List<OutgoingRow>
        aria-label={title}
        size="small"
        loading={!data}
        dataSource={data?.rows ?? []}
        locale={{ emptyText: '无' }}
        renderItem={(r) => (
          <List.Item>
            <CardLine head={<a href={`#/outgoing/${r.id}`}>{r.docNumber ?? '未编号'}</a>} title={r.title} detail={`${r.docType} · ${r.draftingUnitName}`} />
          </List.Item>
        )}
      />
      {data && data.total > data.rows.length && <Typography.Text type="secondary">{`另有 ${data.total - data.rows.length} 件`}</Typography.Text>}
    </Card>
  );
}

/**
 * 工作台 of whoever handles 发文 (秘书): what waits at 核稿, 签发 (with 会签), 登记 (with 复核)
 * and 核发 (with 印制, 用印), the one waiting longest on top; then the 发文 signed more than N
 * working days ago (设置 → 发文字号) and not yet 核发.
 */
export function OutgoingCards() {
  const d = useOutgoingDashboard();
  return (
    <>
      <Row gutter={12} style={{ marginTop: 16 }}>
        {OUTGOING_QUEUES.map((q) => (
          <Col span={6} key={q}>
            <StepList title={q} {...(d ? { data: d.queues[q] } : {})} />
          </Col>
        ))}
      </Row>
      <Card
        size="small"
        style={{ marginTop: 16 }}
        title={
          <span>
            发文签发后未按时核发 <Badge count={d?.overdue.total ?? 0} showZero color={d?.overdue.total ? 'red' : 'green'} />
          </span>
        }
        extra={<Link to="/outgoing">发文登记簿</Link>}
      >
        <List<OutgoingRow>
          aria-label="发文签发后未按时核发"
          size="small"
          loading={!d}
          dataSource={d?.overdue.rows ?? []}
          locale={{ emptyText: '无' }}
          renderItem={(r) => (
            <List.Item>
              <CardLine
                head={<a href={`#/outgoing/${r.id}`}>{r.docNumber ?? '未编号'}</a>}
                title={r.title}
                detail={
                  <>
                    {`${r.state} · ${r.signedDate ?? ''} 签发 `}
                    <Typography.Text type="danger" style={{ fontSize: 12 }}>{`已过 ${d?.lateDays.get(r.id) ?? 0} 个工作日`}</Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
        {d && d.overdue.total > d.overdue.rows.length && <Typography.Text type="secondary">{`另有 ${d.overdue.total - d.overdue.rows.length} 件`}</Typography.Text>}
      </Card>
    </>
  );
}
