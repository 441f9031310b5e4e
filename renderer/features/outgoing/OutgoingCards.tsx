import { Badge, Card, Col, List, Row, Typography } from 'antd';
import { Link } from 'react-router';
import { todayIso, type IsoDate } from '@shared/domain/dates';
import type { OutgoingState } from '@shared/domain/outgoing-types';
import { useDb } from '../../db/DbContext';
import { useLiveQuery } from '../../db/live';
import type { WenshuDB } from '../../db/database';
import type { Actor } from '../../db/types';
import { loadWorkCalendar } from '../../db/repositories/calendar';
import { allOutgoingRows, listOutgoing, type OutgoingRow } from '../../db/repositories/outgoing';
import { CardLine } from '../../ui/list-columns';
import { useActor } from '../../ui/session';

const SHOWN = 5;
const WAITING: OutgoingState[] = ['待核稿', '待签发', '待登记', '待核发'];

function StepList({ title, color, data }: { title: string; color: string; data?: { total: number; rows: OutgoingRow[] } }) {
  return (
    <Card
      size="small"
      title={
        <span>
          {title} <Badge count={data?.total ?? 0} showZero color={data?.total ? color : 'green'} />
        </span>
      }
    >
      <List<OutgoingRow>
        aria-label={title}
        size="small"
        loading={!data}
        dataSource={(data?.rows ?? []).slice(0, SHOWN)}
        locale={{ emptyText: '无' }}
        renderItem={(r) => (
          <List.Item>
            <CardLine head={<a href={`#/outgoing/${r.id}`}>{r.docNumber ?? '未编号'}</a>} title={r.title} detail={`${r.docType} · ${r.draftingUnitName}`} />
          </List.Item>
        )}
      />
      {data && data.total > SHOWN && <Typography.Text type="secondary">{`另有 ${data.total - SHOWN} 件`}</Typography.Text>}
    </Card>
  );
}

/** 工作台 of whoever handles 发文 (秘书): what waits at 核稿, 签发, 登记 and 核发. */
export function OutgoingStepCards() {
  const db = useDb();
  const actor = useActor();
  const today = todayIso();
  const data = useLiveQuery(async () => Promise.all(WAITING.map((state) => listOutgoing(db, actor, { state, offset: 0, limit: SHOWN }, today))), [db, actor.id, today]);
  return (
    <Row gutter={12} style={{ marginTop: 16 }}>
      {WAITING.map((state, i) => (
        <Col span={6} key={state}>
          <StepList title={state} color="blue" {...(data ? { data: data[i]! } : {})} />
        </Col>
      ))}
    </Row>
  );
}

/** 发文 not 核发 N working days after 签发 (the repository's rule, setting `outgoing`), longest waiting first. */
async function overdueOutgoing(db: WenshuDB, actor: Actor, today: IsoDate): Promise<{ row: OutgoingRow; workdays: number }[]> {
  const [calendar, rows] = await Promise.all([loadWorkCalendar(db), allOutgoingRows(db, actor, {}, today)]);
  return rows
    .flatMap((row) => (row.overdue && row.signedDate ? [{ row, workdays: calendar.countWorkdays(row.signedDate, today) }] : []))
    .sort((a, b) => b.workdays - a.workdays);
}

/** 工作台: 发文 signed more than N working days ago (设置 → 发文) and not yet 核发, oldest first. */
export function OverdueOutgoingCard() {
  const db = useDb();
  const actor = useActor();
  const today = todayIso();
  const rows = useLiveQuery(() => overdueOutgoing(db, actor, today), [db, actor.id, today]);
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={
        <span>
          发文签发后未按时核发 <Badge count={rows?.length ?? 0} showZero color={rows?.length ? 'red' : 'green'} />
        </span>
      }
      extra={<Link to="/outgoing">发文登记簿</Link>}
    >
      <List
        aria-label="发文签发后未按时核发"
        size="small"
        loading={!rows}
        dataSource={(rows ?? []).slice(0, 10)}
        locale={{ emptyText: '无' }}
        renderItem={(r) => (
          <List.Item>
            <CardLine
              head={<a href={`#/outgoing/${r.row.id}`}>{r.row.docNumber ?? '未编号'}</a>}
              title={r.row.title}
              detail={
                <>
                  {`${r.row.state} · ${r.row.signedDate ?? ''} 签发 `}
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>{`已过 ${r.workdays} 个工作日`}</Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
