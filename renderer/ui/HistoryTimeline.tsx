import { Timeline, Typography } from 'antd';
import { formatLocalTime } from './format-time';

/** One recorded step of a record's procedure, as every register keeps them. */
export interface HistoryStep {
  action: string;
  at: string;
  byName: string;
  note?: string;
}

/** 办理过程: a record's steps in order, each with who, when and its 意见 or reason. */
export function HistoryTimeline({ steps }: { steps: readonly HistoryStep[] }) {
  return (
    <Timeline
      items={steps.map((h) => ({
        children: (
          <div>
            <Typography.Text strong>{h.action}</Typography.Text> <Typography.Text type="secondary">{formatLocalTime(h.at)}</Typography.Text>
            <div>{h.byName}</div>
            {h.note && <div style={{ whiteSpace: 'pre-wrap' }}>{h.note}</div>}
          </div>
        ),
      }))}
    />
  );
}
