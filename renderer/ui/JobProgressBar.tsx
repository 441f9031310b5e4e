import { Button, Progress, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { progressPercent, progressText, type JobProgress } from '@shared/domain/job-progress';

/**
 * The bar every long job shows (restore, import, backup, migration, export): percent, rows done,
 * rate and time left, and 取消 when the job can be cancelled. `progress` null: starting.
 */
export function JobProgressBar({ progress, label, onCancel, cancelText = '取消' }: { progress: JobProgress | null; label: string; onCancel?: () => void; cancelText?: string }) {
  // The rate and time left move with the clock even between progress reports.
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const t = setInterval(() => setNow(performance.now()), 500);
    return () => clearInterval(t);
  }, []);
  return (
    <div role="group" aria-label={label}>
      <Progress percent={progress ? progressPercent(progress) : 0} aria-label={label} status="active" />
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text type="secondary" aria-live="polite">
          {progress ? progressText(progress, now) : '正在准备…'}
        </Typography.Text>
        {onCancel && <Button onClick={onCancel}>{cancelText}</Button>}
      </Space>
    </div>
  );
}
