import { Card, Descriptions, Typography } from 'antd';
import type { IncomingOrigin } from '@shared/domain/incoming-types';
import { formatLocalTime } from '../../ui/format-time';
import { HistoryTimeline } from '../../ui/HistoryTimeline';

/** The text of a 纪要 received from another unit: read here, as the sender issued it. */
function MinutesText({ m }: { m: NonNullable<IncomingOrigin['minutes']> }) {
  return (
    <section aria-label="纪要正文" style={{ marginTop: 12 }}>
      <Typography.Title level={5} style={{ textAlign: 'center' }}>
        {m.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {m.meetingName}（{m.meetingDate}，主持人：{m.host}）
      </Typography.Paragraph>
      {m.paragraphs.map((p, i) => (
        <Typography.Paragraph key={i} style={{ textIndent: '2em', whiteSpace: 'pre-wrap' }}>
          {p}
        </Typography.Paragraph>
      ))}
      {m.decisions.length > 0 && (
        <>
          <Typography.Text strong>议定事项</Typography.Text>
          <ol>
            {m.decisions.map((d, i) => (
              <li key={i}>
                {d.content}（责任单位：{d.unit}；责任人：{d.person}；完成时限：{d.dueDate}）
              </li>
            ))}
          </ol>
        </>
      )}
      {(m.copyTo?.length || m.printedBy) && (
        <Typography.Paragraph type="secondary">
          {m.copyTo?.length ? `抄送：${m.copyTo.join('，')}。` : ''}
          {m.printedBy ? `${m.printedBy}${m.printedOn ? ` ${m.printedOn}` : ''}印发` : ''}
        </Typography.Paragraph>
      )}
    </section>
  );
}

/**
 * 来文单位办理记录: what the sending unit recorded of a 收文 received from it in a 迁移包 (its number,
 * state and history, a 纪要's text), read-only. Only shown to readers within the need to know: the
 * masked record carries no origin.
 */
export function OriginPanel({ origin }: { origin: IncomingOrigin }) {
  return (
    <Card title="来文单位办理记录" extra={<Typography.Text type="secondary">只读，由发送单位记录</Typography.Text>} style={{ marginTop: 16 }}>
      <Descriptions bordered size="small" column={2} styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label="发送单位">
          {origin.unit}
          {origin.fondsCode ? `（全宗号 ${origin.fondsCode}）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="原编号">{origin.number}</Descriptions.Item>
        <Descriptions.Item label="发送方记录">{origin.kind}</Descriptions.Item>
        <Descriptions.Item label="发送方状态">{origin.state}</Descriptions.Item>
        {origin.fromUnit && (
          <Descriptions.Item label="原来文单位" span={2}>
            {origin.fromUnit}
          </Descriptions.Item>
        )}
        <Descriptions.Item label="接收时间">{formatLocalTime(origin.receivedAt)}</Descriptions.Item>
        <Descriptions.Item label="迁移包">
          <Typography.Text code>{origin.packageId}</Typography.Text>
          {origin.refreshedAt ? `（${formatLocalTime(origin.refreshedAt)} 更新）` : ''}
        </Descriptions.Item>
      </Descriptions>
      {origin.minutes && <MinutesText m={origin.minutes} />}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        发送单位办理过程
      </Typography.Title>
      {origin.history.length ? <HistoryTimeline steps={origin.history} /> : <Typography.Text type="secondary">无</Typography.Text>}
    </Card>
  );
}
