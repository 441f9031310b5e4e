import { Card, Tabs } from 'antd';
import { can } from '@shared/domain/permissions';
import { useActor } from '../auth/AuthContext';
import { AccountApprovalsPanel } from './AccountApprovalsPanel';
import { ChangePasswordForm } from '../auth/ChangePasswordForm';
import { HolidaysPanel } from './HolidaysPanel';
import { MeetingSettingsPanel } from './MeetingSettingsPanel';
import { NumberingPanel } from './NumberingPanel';
import { PeoplePanel } from './PeoplePanel';
import { SecurityPanel } from './SecurityPanel';
import { BackupPanel } from '../backup/BackupPanel';
import { UnitPanel } from './UnitPanel';
import { UsersPanel } from './UsersPanel';

export function SettingsPage() {
  const actor = useActor();
  const admin = can(actor, 'settings.manage');
  const items = [
    ...(can(actor, 'users.manage') ? [{ key: 'users', label: '用户管理', children: <UsersPanel /> }] : []),
    // 三员分立: the 保密员 (and the 审计员, for requests about the only 保密员) approves account changes.
    ...(can(actor, 'accounts.approve') ? [{ key: 'approvals', label: '账户审批', children: <AccountApprovalsPanel /> }] : []),
    ...(admin
      ? [
          { key: 'unit', label: '单位信息', children: <UnitPanel /> },
          { key: 'holidays', label: '节假日', children: <HolidaysPanel /> },
          { key: 'numbering', label: '编号规则', children: <NumberingPanel /> },
          { key: 'security', label: '安全设置', children: <SecurityPanel /> },
          { key: 'backup', label: '备份与恢复', children: <BackupPanel /> },
        ]
      : []),
    // 秘书 (not a system administrator) keeps the meeting settings and the 人员名录.
    ...(can(actor, 'meetings.manage')
      ? [
          { key: 'meetings', label: '会议设置', children: <MeetingSettingsPanel /> },
          { key: 'people', label: '人员名录', children: <PeoplePanel /> },
        ]
      : []),
    { key: 'password', label: '修改密码', children: <ChangePasswordForm /> },
  ];
  return (
    <Card title="设置">
      <Tabs items={items} destroyOnHidden />
    </Card>
  );
}
