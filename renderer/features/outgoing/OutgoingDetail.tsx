import { Alert, Button, Card, Col, Descriptions, Empty, Row, Space, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { formatLocalDateTime } from '@shared/domain/dates';
import { formatClassificationMark } from '@shared/domain/enums';
import type { OutgoingRecord } from '@shared/domain/outgoing-types';
import { can } from '@shared/domain/permissions';
import { useDb } from '../../db/DbContext';
import { useLiveQuery } from '../../db/live';
import { getCarrier } from '../../db/repositories/carriers';
import { getOutgoing } from '../../db/repositories/outgoing';
import { FiledTag } from '../../ui/filed';
import { ClassificationTag, UrgencyTag } from '../../ui/labels';
import { useActor } from '../../ui/session';
import { OutgoingActions } from './OutgoingActions';
import { RedheadButton } from './RedheadButton';
import { numberText, OutgoingStateTag } from './outgoing-ui';
import { HistoryTimeline } from '../../ui/HistoryTimeline';
import { AttachmentsPanel } from '../../ui/AttachmentsPanel';
import { OUTGOING_REGISTER } from '@shared/domain/registers';

/** The 涉密载体 made at 印制 (one per 份号), each opening its 台账 entry. */
function LinkedCarriers({ ids }: { ids: string[] }) {
  const db = useDb();
  const actor = useActor();
  const carriers = useLiveQuery(async () => (await Promise.all(ids.map((id) => getCarrier(db, actor, id)))).filter((v) => !!v), [db, actor.id, ids.join(',')]) ?? [];
  return (
    <Space wrap>
      {carriers.map((v) => (
        <a key={v.record.id} href={`#/classified/${v.record.id}`}>{`${v.record.copyNumber}（${v.record.serial}，${v.record.state}）`}</a>
      ))}
    </Space>
  );
}

const at = (iso: string | undefined) => formatLocalDateTime(iso);

/** One 发文: the 文号 big, every field, the steps' 意见, what may happen next, and the whole history. */
export function OutgoingDetail() {
  const { id = '' } = useParams();
  const db = useDb();
  const actor = useActor();
  const navigate = useNavigate();
  const view = useLiveQuery(() => getOutgoing(db, actor, id).then((v) => v ?? false), [db, actor.id, id]);
  if (view === undefined) return <Card loading />;
  if (view === false) return <Empty description="没有这件发文" />;
  const r: OutgoingRecord = view.record;
  const seen = view.canSeeContent;
  const mayPrint = seen && r.state !== '已作废';
  return (
    <Row gutter={16}>
      <Col span={17}>
        <Card
          title={
            <Space align="center">
              <Typography.Text strong style={{ fontSize: 20 }} aria-label="文号">
                {numberText(r)}
              </Typography.Text>
              {r.filed ? <FiledTag filed={r.filed} /> : <OutgoingStateTag state={r.state} />}
            </Space>
          }
          extra={
            <Space>
              {mayPrint && <Button onClick={() => navigate(`/outgoing/${r.id}/print-slip`)}>发文稿纸</Button>}
              {mayPrint && r.printing && <Button onClick={() => navigate(`/outgoing/${r.id}/print-receipt`)}>分发签收单</Button>}
              {mayPrint && r.docNumber && <RedheadButton record={r} />}
              <Button onClick={() => navigate('/outgoing')}>返回登记簿</Button>
            </Space>
          }
        >
          {!seen && <Alert type="warning" showIcon title="涉密发文：您不在知悉范围内，只能看到文号和状态。" style={{ marginBottom: 12 }} />}
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label="标题" span={2}>
              {r.title}
            </Descriptions.Item>
            <Descriptions.Item label="密级">
              <ClassificationTag level={r.classification} /> {r.classification !== '非密' && formatClassificationMark({ level: r.classification, term: r.secrecyTerm ?? null })}
            </Descriptions.Item>
            <Descriptions.Item label="紧急程度">
              <UrgencyTag urgency={r.urgency} />
            </Descriptions.Item>
            {seen && (
              <>
                <Descriptions.Item label="文种">{`${r.docType}（${r.direction}）`}</Descriptions.Item>
                <Descriptions.Item label="公开属性">{r.disclosure}</Descriptions.Item>
                <Descriptions.Item label="主送" span={2}>
                  {r.mainTo.join('、')}
                </Descriptions.Item>
                {r.copyTo.length > 0 && (
                  <Descriptions.Item label="抄送" span={2}>
                    {r.copyTo.join('、')}
                  </Descriptions.Item>
                )}
                <Descriptions.Item label="拟稿单位">{r.draftingUnit.name}</Descriptions.Item>
                <Descriptions.Item label="拟稿人">{r.drafter.name}</Descriptions.Item>
                <Descriptions.Item label="印制份数">{`${r.printCopies} 份`}</Descriptions.Item>
                <Descriptions.Item label="成文日期">{r.writtenDate ?? ''}</Descriptions.Item>
                {r.attachments && (
                  <Descriptions.Item label="附件" span={2}>
                    <span style={{ whiteSpace: 'pre-wrap' }}>{r.attachments}</span>
                  </Descriptions.Item>
                )}
                {r.remark && (
                  <Descriptions.Item label="附注" span={2}>
                    {r.remark}
                  </Descriptions.Item>
                )}
                {r.countersignUnits.length > 0 && (
                  <Descriptions.Item label="会签" span={2}>
                    {r.countersignUnits.map((u) => {
                      const c = r.countersigns.find((x) => x.unit.id === u.id);
                      return <div key={u.id}>{c ? `${u.name}：${c.text}（${c.signer}，${c.date}）` : `${u.name}：未会签`}</div>;
                    })}
                  </Descriptions.Item>
                )}
                {r.review && (
                  <Descriptions.Item label="核稿" span={2}>
                    {`${r.review.text || '（无意见）'}（${r.review.reviewer.name}，${at(r.review.at)}）`}
                  </Descriptions.Item>
                )}
                {r.signoff && (
                  <Descriptions.Item label="签发" span={2}>
                    {`${r.signoff.text}（签发人 ${r.signoff.signer}，${r.signoff.date}）`}
                  </Descriptions.Item>
                )}
                {r.recheck && (
                  <Descriptions.Item label="复核" span={2}>
                    {`${r.recheck.text || '（无意见）'}（${r.recheck.byName}，${at(r.recheck.at)}）`}
                  </Descriptions.Item>
                )}
                {r.printing && (
                  <Descriptions.Item label="印制" span={2}>
                    {`${r.printing.copies} 份${r.printing.copyNumbers.length ? `，份号 ${r.printing.copyNumbers[0]}–${r.printing.copyNumbers[r.printing.copyNumbers.length - 1]}` : ''}（${r.printing.byName}，${at(r.printing.at)}）`}
                  </Descriptions.Item>
                )}
                {r.printing && r.printing.carrierIds.length > 0 && (
                  <Descriptions.Item label="涉密载体" span={2}>
                    <LinkedCarriers ids={r.printing.carrierIds} />
                  </Descriptions.Item>
                )}
                {r.sealing && (
                  <Descriptions.Item label="用印" span={2}>
                    {`${r.sealing.note ?? '已用印'}（${r.sealing.byName}，${at(r.sealing.at)}）`}
                  </Descriptions.Item>
                )}
                {r.distributions.length > 0 && (
                  <Descriptions.Item label="核发" span={2}>
                    {r.distributions.map((d, i) => (
                      <div key={i}>{`${d.role} ${d.unit}：${d.copies} 份${d.copyNumbers.length ? `（份号 ${d.copyNumbers.join('、')}）` : ''}，${d.date} ${d.receivedBy} 签收`}</div>
                    ))}
                  </Descriptions.Item>
                )}
                {r.body && (
                  <Descriptions.Item label="正文" span={2}>
                    <div style={{ whiteSpace: 'pre-wrap', maxHeight: 160, overflow: 'auto' }}>{r.body}</div>
                  </Descriptions.Item>
                )}
              </>
            )}
            {r.returns.length > 0 && (
              <Descriptions.Item label="退回修改" span={2}>
                {r.returns.map((x, i) => (
                  <div key={i}>{`${x.reason}（${x.byName}，${at(x.at)}）`}</div>
                ))}
              </Descriptions.Item>
            )}
            {r.voided && (
              <Descriptions.Item label="作废理由" span={2}>
                <Typography.Text type="danger">{`${r.voided.reason}（${r.voided.byName}，${at(r.voided.at)}）`}</Typography.Text>
              </Descriptions.Item>
            )}
          </Descriptions>
          {seen && can(actor, 'outgoing.process') && !r.filed && <OutgoingActions record={r} />}
        </Card>
        <AttachmentsPanel ownerKind="outgoing" ownerId={r.id} recordNumber={OUTGOING_REGISTER.number(r)} classification={r.classification} filed={!!r.filed} title="附件（定稿、正本）" />
      </Col>
      <Col span={7}>
        <Card title="办理过程" size="small">
          <HistoryTimeline steps={r.history} />
        </Card>
      </Col>
    </Row>
  );
}
