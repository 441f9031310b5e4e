import { Alert, Button, Card, Col, Descriptions, Empty, Row, Space, Tag, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useNavigate, useParams } from 'react-router';
import { formatClassificationMark } from '@shared/domain/enums';
import { allowedActions, currentHolder } from '@shared/domain/incoming';
import type { IncomingRecord } from '@shared/domain/incoming-types';
import { useDb } from '../../db/DbContext';
import { getCarrier } from '../../db/repositories/carriers';
import { getIncoming } from '../../db/repositories/incoming';
import { useActor } from '../../ui/session';
import { ActionPanel } from './ActionPanel';
import { ClassificationTag, StateTag, UrgencyTag } from '../../ui/labels';
import { PrintSlipButton } from './PrintSlipButton';
import { formatLocalTime } from '../../ui/format-time';
import { FiledTag, RefusalAlert } from '../../ui/filed';
import { can } from '@shared/domain/permissions';
import { incomingCorrectionRefusal } from '@shared/domain/incoming-correction';
import { useState } from 'react';
import { IncomingCorrectionDialog } from './CorrectionDialog';
import { CalendarGapNote } from '../../ui/CalendarGapNote';
import { loadWorkCalendar } from '../../db/repositories/calendar';
import { HistoryTimeline } from '../../ui/HistoryTimeline';
import { AttachmentsPanel } from '../../ui/AttachmentsPanel';
import { OriginPanel } from './OriginPanel';

/** The 台账 entries this 收文 brought in (one per 份号), each opening the carrier. */
function LinkedCarriers({ ids }: { ids: string[] }) {
  const db = useDb();
  const actor = useActor();
  const carriers = useLiveQuery(async () => (await Promise.all(ids.map((id) => getCarrier(db, actor, id)))).filter((v) => !!v), [db, actor.id, ids.join(',')]) ?? [];
  return (
    <Space wrap>
      {carriers.map((v) => (
        <a key={v.record.id} href={`#/classified/${v.record.id}`}>{`${v.record.serial}（份号 ${v.record.copyNumber}，${v.record.state}）`}</a>
      ))}
    </Space>
  );
}

/** One 收文: its fields, where the paper is, what may happen next, and the whole history. */
export function IncomingDetail() {
  const { id = '' } = useParams();
  const db = useDb();
  const actor = useActor();
  const navigate = useNavigate();
  const view = useLiveQuery(() => getIncoming(db, actor, id).then((v) => v ?? false), [db, actor.id, id]);
  const [correcting, setCorrecting] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const calendar = useLiveQuery(() => loadWorkCalendar(db), [db]);
  if (view === undefined) return <Card loading />;
  if (view === false) return <Empty description="没有这件收文" />;
  const r: IncomingRecord = view.record;
  const holder = currentHolder(r);
  const actions = allowedActions(r, { id: actor.id, roles: actor.roles });
  // 更正: offered to whoever handles 收文 and sees its content; a refusal (filed, 已办结) is said, not hidden.
  const mayCorrect = view.canSeeContent && can(actor, 'incoming.process');
  const correct = () => {
    const why = incomingCorrectionRefusal(r, actor);
    if (why) setRefusal(why);
    else setCorrecting(true);
  };

  return (
    <Row gutter={16}>
      <Col span={16}>
        <Card
          title={
            <Space>
              <span>{r.serial}</span>
              {r.filed ? <FiledTag filed={r.filed} /> : <StateTag state={r.state} />}
              {r.legacyNumber && <Tag>原编号 {r.legacyNumber}</Tag>}
              {r.origin && view.canSeeContent && <Tag color="blue">外单位来文</Tag>}
            </Space>
          }
          extra={
            <Space>
              {mayCorrect && <Button onClick={correct}>更正</Button>}
              {view.canSeeContent && <PrintSlipButton record={r} />}
              <Button onClick={() => navigate('/incoming')}>返回登记簿</Button>
            </Space>
          }
        >
          {refusal && <RefusalAlert message={refusal} filed={r.filed} onClose={() => setRefusal(null)} />}
          {correcting && <IncomingCorrectionDialog record={r} onClose={() => setCorrecting(false)} />}
          {!view.canSeeContent && (
            <>
              <Alert type="warning" showIcon title="涉密文件：您不在知悉范围内，只能看到编号和状态。" style={{ marginBottom: 16 }} />
              <Descriptions bordered size="small" column={2}>
                <Descriptions.Item label="标题" span={2}>
                  {r.title}
                </Descriptions.Item>
                <Descriptions.Item label="收文日期">{r.receivedDate}</Descriptions.Item>
                <Descriptions.Item label="密级">
                  <ClassificationTag level={r.classification} />
                </Descriptions.Item>
                <Descriptions.Item label="紧急程度">
                  <UrgencyTag urgency={r.urgency} />
                </Descriptions.Item>
                <Descriptions.Item label="办理时限">
                  {r.dueDate ?? ''}
                  {r.state !== '已办结' && r.state !== '已退回' && <CalendarGapNote calendar={calendar} dates={[r.dueDate]} />}
                </Descriptions.Item>
              </Descriptions>
            </>
          )}
          {view.canSeeContent && (
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label="标题" span={2}>
              {r.title}
            </Descriptions.Item>
            <Descriptions.Item label="来文单位">{r.fromUnit}</Descriptions.Item>
            <Descriptions.Item label="来文字号">{r.docNumber}</Descriptions.Item>
            <Descriptions.Item label="收文日期">{r.receivedDate}</Descriptions.Item>
            <Descriptions.Item label="文种">{r.docType}</Descriptions.Item>
            <Descriptions.Item label="密级">
              <ClassificationTag level={r.classification} /> {r.classification !== '非密' && formatClassificationMark({ level: r.classification, term: r.secrecyTerm ?? null })}
            </Descriptions.Item>
            <Descriptions.Item label="份号">{r.copyNumber ?? ''}</Descriptions.Item>
            <Descriptions.Item label="紧急程度">
              <UrgencyTag urgency={r.urgency} />
            </Descriptions.Item>
            <Descriptions.Item label="份数 / 页数">
              {r.copies} 份 / {r.pages} 页
            </Descriptions.Item>
            <Descriptions.Item label="成文日期">{r.writtenDate ?? ''}</Descriptions.Item>
            <Descriptions.Item label="签收人">{r.signedBy}</Descriptions.Item>
            <Descriptions.Item label="办理方式">{r.handling}</Descriptions.Item>
            <Descriptions.Item label="附件">{r.attachments ?? ''}</Descriptions.Item>
            {r.carrierIds && r.carrierIds.length > 0 && (
              <Descriptions.Item label="涉密载体" span={2}>
                <LinkedCarriers ids={r.carrierIds} />
              </Descriptions.Item>
            )}
            {r.summary && (
              <Descriptions.Item label="摘要" span={2}>
                {r.summary}
              </Descriptions.Item>
            )}
            {r.proposal && (
              <Descriptions.Item label="拟办意见" span={2}>
                {r.proposal.text}（{r.proposal.byName}）
              </Descriptions.Item>
            )}
            {r.instruction && (
              <Descriptions.Item label="领导批示" span={2}>
                {r.instruction.text}（{r.instruction.leader}，{formatLocalTime(r.instruction.at)}
                {r.instruction.oral ? '，口头' : ''}）
              </Descriptions.Item>
            )}
            {r.assignment && (
              <Descriptions.Item label="承办" span={2}>
                主办：{r.assignment.host.name}
                {r.assignment.cooperating.length > 0 && `；协办：${r.assignment.cooperating.map((d) => d.name).join('、')}`}
                {r.assignment.person && `；承办人：${r.assignment.person.name}`}
                {r.dueDate && `；办理时限：${r.dueDate}`}
                {r.assignment.deadline?.kind === 'workdays' && `（${r.assignment.deadline.days} 个工作日）`}
                {r.state !== '已办结' && r.state !== '已退回' && <CalendarGapNote calendar={calendar} dates={[r.dueDate]} from={r.assignment.at.slice(0, 10)} />}
              </Descriptions.Item>
            )}
            {r.circulation.length > 0 && (
              <Descriptions.Item label="传阅" span={2}>
                <Space wrap>
                  {r.circulation.map((c) => (
                    <Tag key={c.userId} color={c.readAt ? 'green' : holder?.userId === c.userId ? 'orange' : 'default'}>
                      {c.name} {c.readAt ? `已阅 ${formatLocalTime(c.readAt)}` : holder?.userId === c.userId ? '（文件在此）' : '未阅'}
                    </Tag>
                  ))}
                </Space>
              </Descriptions.Item>
            )}
            {r.reminders.length > 0 && (
              <Descriptions.Item label="催办" span={2}>
                {r.reminders.map((m, i) => (
                  <div key={i}>
                    {formatLocalTime(m.at)} {m.byName}：{m.note}
                    {m.to ? `（催 ${m.to}）` : ''}
                  </div>
                ))}
              </Descriptions.Item>
            )}
            {r.result && (
              <Descriptions.Item label="办理结果" span={2}>
                {r.result.text}（{r.result.byName}，{formatLocalTime(r.result.at)}）
              </Descriptions.Item>
            )}
            {r.returned && (
              <Descriptions.Item label="退回理由" span={2}>
                {r.returned.reason}
              </Descriptions.Item>
            )}
            {r.duplicateOverride && (
              <Descriptions.Item label="重复来文" span={2}>
                同 {r.duplicateOverride.ofSerial}；登记理由：{r.duplicateOverride.reason}
              </Descriptions.Item>
            )}
          </Descriptions>
          )}
          {holder && (
            <Typography.Paragraph style={{ marginTop: 12 }} strong>
              文件现在：{holder.name}处
            </Typography.Paragraph>
          )}
          <ActionPanel record={r} actions={actions} />
        </Card>
        {view.canSeeContent && r.origin && <OriginPanel origin={r.origin} />}
        <AttachmentsPanel ownerKind="incoming" ownerId={r.id} recordNumber={r.serial} classification={r.classification} filed={!!r.filed} title="附件（原件扫描件）" />
      </Col>
      <Col span={8}>
        <Card title="办理过程">
          <HistoryTimeline steps={r.history} />
        </Card>
      </Col>
    </Row>
  );
}
