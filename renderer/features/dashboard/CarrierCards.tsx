import { Badge, Card, Col, List, Row, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { secrecyEndDate } from '@shared/domain/carrier';
import { todayIso } from '@shared/domain/dates';
import { useDb } from '../../db/DbContext';
import { carrierReminders, type CarrierView } from '../../db/repositories/carriers';
import { useActor } from '../../ui/session';
import { CardLine } from '../../ui/list-columns';

function listLink(due: string): string {
  return `#/classified?f=${encodeURIComponent(JSON.stringify({ search: '', due, sort: { field: due === '借阅逾期' ? 'dueDate' : due === '保密期限将满' ? 'secrecyEnd' : 'serial', direction: 'ascend' } }))}`;
}

function Reminder({ title, total, rows, due, detail }: { title: string; total?: number; rows?: CarrierView[]; due: string; detail: (v: CarrierView) => string }) {
  return (
    <Card
      size="small"
      title={
        <span>
          {title} <Badge count={total ?? 0} showZero color={total ? 'red' : 'green'} />
        </span>
      }
      extra={<a href={listLink(due)}>查看全部</a>}
    >
      <List<CarrierView>
        aria-label={title}
        size="small"
        loading={!rows}
        dataSource={rows ?? []}
        locale={{ emptyText: '无' }}
        renderItem={(v) => (
          <List.Item>
            <CardLine head={<a href={`#/classified/${v.record.id}`}>{v.record.serial}</a>} title={v.record.name} detail={detail(v)} />
          </List.Item>
        )}
      />
    </Card>
  );
}

/** 工作台 for the 保密员: loans to chase (催还), markings to review, carriers not inventoried this year. */
export function CarrierCards() {
  const db = useDb();
  const actor = useActor();
  const today = todayIso();
  const r = useLiveQuery(() => carrierReminders(db, actor, today), [db, actor.id, today]);
  return (
    <Row gutter={16} style={{ marginTop: 16 }}>
      <Col span={8}>
        <Reminder title="借阅逾期" due="借阅逾期" total={r?.overdueLoans.total} rows={r?.overdueLoans.rows} detail={(v) => `${v.record.loan?.borrower.name ?? ''} 应还 ${v.record.loan?.dueDate ?? ''}`} />
      </Col>
      <Col span={8}>
        <Reminder title="保密期限将满" due="保密期限将满" total={r?.review.total} rows={r?.review.rows} detail={(v) => `至 ${secrecyEndDate(v.record.secrecyTerm, v.record.secrecyStart) ?? ''}`} />
      </Col>
      <Col span={8}>
        <Card size="small" title="本年未清点" extra={<a href={listLink('本年未清点')}>查看全部</a>}>
          <Typography.Paragraph style={{ margin: 0 }} aria-label="本年未清点">
            {r ? (r.notInventoried === 0 ? '本年度在册载体均已清点。' : `${r.notInventoried} 件在册载体本年度尚未清点。`) : '…'}
          </Typography.Paragraph>
        </Card>
      </Col>
    </Row>
  );
}
