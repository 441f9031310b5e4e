import { Alert, Button, Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useNavigate, useParams } from 'react-router';
import { isLoanOverdue, secrecyEndDate } from '@shared/domain/carrier';
import { carrierLabelCode } from '@shared/domain/carrier-label';
import type { CarrierEvent, CarrierLoan } from '@shared/domain/carrier-types';
import type { ForeignStep } from '@shared/domain/incoming-types';
import { todayIso } from '@shared/domain/dates';
import { secrecyTermText } from '@shared/domain/secrecy-term';
import { can } from '@shared/domain/permissions';
import { useDb } from '../../db/DbContext';
import { getCarrier } from '../../db/repositories/carriers';
import { useActor } from '../../ui/session';
import { CarrierActions } from './CarrierActions';
import { CarrierMarking, CarrierStateTag } from './carrier-ui';
import { formatLocalTime } from '../../ui/format-time';
import { useState } from 'react';
import { CarrierCorrectionDialog } from './CarrierCorrectionDialog';

/** Copies and originals by id → 编号 links, read once for the page. */
function useRelated(ids: readonly string[]) {
  const db = useDb();
  const actor = useActor();
  return (
    useLiveQuery(async () => {
      const out: { id: string; serial: string; copyNumber: string }[] = [];
      for (const id of ids) {
        const v = await getCarrier(db, actor, id);
        if (v) out.push({ id, serial: v.record.serial, copyNumber: v.record.copyNumber });
      }
      return out;
    }, [db, actor.id, ids.join(',')]) ?? []
  );
}

/** One carrier: what it is, where it is, who has it, everything that ever happened to it. */
export function CarrierDetail() {
  const { id = '' } = useParams();
  const db = useDb();
  const actor = useActor();
  const navigate = useNavigate();
  const view = useLiveQuery(() => getCarrier(db, actor, id).then((v) => v ?? false), [db, actor.id, id]);
  const r = view ? view.record : null;
  const related = useRelated(r ? [...(r.copyOf ? [r.copyOf] : []), ...r.copies] : []);
  const [correcting, setCorrecting] = useState(false);
  if (view === undefined) return <Card loading />;
  if (view === false || !r) return <Empty description="台账中没有这个载体" />;
  const today = todayIso();
  const manager = can(actor, 'classified.manage');
  const end = secrecyEndDate(r.secrecyTerm, r.secrecyStart);
  const original = related.find((x) => x.id === r.copyOf);
  const copies = related.filter((x) => r.copies.includes(x.id));
  const loans: CarrierLoan[] = [...r.loans, ...(r.loan ? [r.loan] : [])];
  const print = (path: string) => navigate(`/classified/${r.id}/print/${path}`);

  return (
    <Card
      title={
        <Space>
          <span>{r.serial}</span>
          <CarrierStateTag state={r.state} />
          {r.copyOf && <Tag>复制件</Tag>}
        </Space>
      }
      extra={
        <Space wrap>
          {manager && view.canSeeContent && <Button onClick={() => setCorrecting(true)}>更正</Button>}
          {manager && <Button onClick={() => print('label')}>打印标签</Button>}
          {manager && loans.length > 0 && <Button onClick={() => print('loans')}>打印借阅登记表</Button>}
          {manager && r.handover && <Button onClick={() => print('handover')}>打印{r.handover.kind}单</Button>}
          {manager && r.destruction && <Button onClick={() => print('destruction')}>打印销毁清单</Button>}
          <Button onClick={() => navigate('/classified')}>返回台账</Button>
        </Space>
      }
    >
      {correcting && <CarrierCorrectionDialog record={r} onClose={() => setCorrecting(false)} />}
      {!view.canSeeContent && <Alert type="warning" showIcon title="涉密载体：您不在知悉范围内，只能看到编号、密级和状态。" style={{ marginBottom: 16 }} />}
      {r.loan && isLoanOverdue(r, today) && <Alert type="error" showIcon title={`借阅已逾期：${r.loan.borrower.name}，应还日期 ${r.loan.dueDate}，请催还`} style={{ marginBottom: 16 }} />}
      {view.canSeeContent ? (
        <Descriptions bordered size="small" column={2}>
          <Descriptions.Item label="名称" span={2}>
            {r.name}
          </Descriptions.Item>
          <Descriptions.Item label="编号">{r.serial}</Descriptions.Item>
          <Descriptions.Item label="标签码">
            <Typography.Text code>{carrierLabelCode(r.serial) ?? ''}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="载体类型">{r.carrierType}</Descriptions.Item>
          <Descriptions.Item label="密级">
            <CarrierMarking record={r} />
          </Descriptions.Item>
          <Descriptions.Item label="保密期限">
            {r.secrecyTerm ? `${secrecyTermText(r.secrecyTerm)}（自 ${r.secrecyStart} 起${end ? `，至 ${end}` : ''}）` : '已解密'}
          </Descriptions.Item>
          <Descriptions.Item label="份号">{r.copyNumber}</Descriptions.Item>
          <Descriptions.Item label="数量/页数">{`${r.quantity} 件${r.pages !== undefined ? ` / ${r.pages} 页` : ''}`}</Descriptions.Item>
          <Descriptions.Item label="来源">
            {r.source.kind === '收文' ? (
              <span>
                收文 <a href={`#/incoming/${r.source.incomingId}`}>{r.source.incomingSerial}</a>
              </span>
          ) : r.source.kind === '外单位' ? (
            `外单位移交（${r.source.unit}）`
          ) : (
            `自制（${r.source.unit}）`
          )}
        </Descriptions.Item>
        {r.origin && (
          <Descriptions.Item label="原编号" span={2}>
            {`${r.origin.serial}（${r.origin.unit}${r.origin.mode === '复制' ? '，电子副本' : ''}）`}
          </Descriptions.Item>
        )}
        {(original || copies.length > 0) && (
          <Descriptions.Item label={original ? '复制自' : '复制件'} span={2}>
            <Space wrap>
              {(original ? [original] : copies).map((x) => (
                <a key={x.id} href={`#/classified/${x.id}`}>{`${x.serial}（份号 ${x.copyNumber}）`}</a>
              ))}
            </Space>
          </Descriptions.Item>
        )}
        <Descriptions.Item label="知悉范围" span={2}>
          {r.knowers.map((k) => k.name).join('、')}
        </Descriptions.Item>
        <Descriptions.Item label="保管人">{r.custodian.name}</Descriptions.Item>
        <Descriptions.Item label="存放位置">{r.location}</Descriptions.Item>
        {r.loan && (
          <Descriptions.Item label="借阅" span={2}>
            {`${r.loan.borrower.name} 借出于 ${formatLocalTime(r.loan.lentAt)}，应还日期 ${r.loan.dueDate}`} {isLoanOverdue(r, today) && <Tag color="red">已逾期</Tag>}
          </Descriptions.Item>
        )}
        {r.handover && (
          <Descriptions.Item label={r.handover.kind} span={2}>{`${formatLocalTime(r.handover.at)} ${r.handover.kind}至${r.handover.receiver}（${r.handover.receiverKind}），经办人 ${r.handover.byName}`}</Descriptions.Item>
        )}
        {r.destruction && (
          <Descriptions.Item label="销毁" span={2}>
            {`${formatLocalTime(r.destruction.at)}，${r.destruction.method}，地点：${r.destruction.place}；审批人：${r.destruction.approver.name}；销毁人：${r.destruction.destroyer.name}；监销人：${r.destruction.supervisor.name}`}
          </Descriptions.Item>
        )}
        <Descriptions.Item label="最近清点" span={2}>
          {r.lastInventoriedAt ? `${formatLocalTime(r.lastInventoriedAt)}：${r.lastInventoryResult ?? ''}` : '从未清点'}
        </Descriptions.Item>
      </Descriptions>
      ) : (
        // Outside the need to know: the allow-list of maskCarrier, nothing that would read as a blank fact.
        <Descriptions bordered size="small" column={2}>
          <Descriptions.Item label="名称" span={2}>
            {r.name}
          </Descriptions.Item>
          <Descriptions.Item label="编号">{r.serial}</Descriptions.Item>
          <Descriptions.Item label="份号">{r.copyNumber}</Descriptions.Item>
          <Descriptions.Item label="密级">{r.classification}</Descriptions.Item>
          <Descriptions.Item label="状态">{r.state}</Descriptions.Item>
        </Descriptions>
      )}

      {manager && <CarrierActions record={r} />}

      {view.canSeeContent && loans.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            借阅记录
          </Typography.Title>
          <Table<CarrierLoan>
            size="small"
            pagination={false}
            rowKey={(l) => l.lentAt}
            dataSource={loans}
            columns={[
              { title: '借阅人', render: (_, l) => l.borrower.name },
              { title: '借阅事由', dataIndex: 'purpose' },
              { title: '批准人', render: (_, l) => `${l.approver.name}${l.outsideScopeApprovalBy ? `（范围外，${l.outsideScopeApprovalBy.name}批准）` : ''}` },
              { title: '借出时间', render: (_, l) => formatLocalTime(l.lentAt) },
              { title: '应还日期', dataIndex: 'dueDate' },
              { title: '归还时间', render: (_, l) => (l.returnedAt ? formatLocalTime(l.returnedAt) : '未还') },
            ]}
          />
        </>
      )}

      {view.canSeeContent && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            全部记录
          </Typography.Title>
          <HistoryTable history={r.history} />
        </>
      )}

      {view.canSeeContent && r.origin && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {`移交单位记录（${r.origin.unit}，只读）`}
          </Typography.Title>
          <Table<ForeignStep & { i: number }>
            size="small"
            aria-label="移交单位记录"
            pagination={false}
            rowKey="i"
            dataSource={r.origin.history.map((h, i) => ({ ...h, i }))}
            columns={[
              { title: '时间', width: 170, render: (_, h) => formatLocalTime(h.at) },
              { title: '操作', width: 70, dataIndex: 'action' },
              { title: '办理人', width: 90, dataIndex: 'byName' },
              { title: '说明', render: (_, h) => h.note ?? '' },
            ]}
          />
        </>
      )}
    </Card>
  );
}

function HistoryTable({ history }: { history: CarrierEvent[] }) {
  return (
    <Table<CarrierEvent & { i: number }>
      size="small"
      aria-label="全部记录"
      pagination={false}
      rowKey="i"
      dataSource={history.map((h, i) => ({ ...h, i }))}
      columns={[
        { title: '时间', width: 170, render: (_, h) => formatLocalTime(h.at) },
        { title: '操作', width: 70, dataIndex: 'action' },
        { title: '办理人', width: 90, dataIndex: 'byName' },
        { title: '审批人', width: 90, render: (_, h) => h.approver?.name ?? '' },
        { title: '说明', render: (_, h) => h.note ?? '' },
      ]}
    />
  );
}
