import { Alert, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { Link } from 'react-router';
import { can } from '@shared/domain/permissions';
import { useDb } from '../../db/DbContext';
import { backupOverdue, getBackupSettings } from '../../db/backup/backup-settings';
import { formatLocalTime } from '../../ui/format-time';
import { useActor } from '../../ui/session';

/** 工作台: a warning when the last successful backup is older than the schedule allows. */
export function BackupWarning() {
  const db = useDb();
  const actor = useActor();
  const s = useLiveQuery(() => getBackupSettings(db), [db]);
  if (!s) return null;
  const last = s.lastSuccess ? `最近一次成功备份：${formatLocalTime(s.lastSuccess.at)}` : '本机数据从未备份';
  const warning = s.lastSuccess ? `备份已过期（${last}）。` : '本机数据从未备份。';
  if (!backupOverdue(s, new Date())) {
    return (
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {last}
      </Typography.Paragraph>
    );
  }
  const admin = can(actor, 'settings.manage');
  return (
    <Alert
      style={{ marginTop: 16 }}
      type="warning"
      showIcon
      title={
        <span>
          {warning}
          {admin ? <Link to="/settings">前往“设置 → 备份与恢复”备份</Link> : '请系统管理员及时备份。'}
        </span>
      }
    />
  );
}
