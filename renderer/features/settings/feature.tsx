import { SettingOutlined } from '@ant-design/icons';
import type { FeatureDescriptor } from '../../ui/feature';
import { lazyPage } from '../../ui/lazy-page';
import { ATTACHMENT_PERMISSION } from '@shared/domain/attachment';
import { can } from '@shared/domain/permissions';

// Loaded when first shown (ui/lazy-page.tsx): the shell carries no page it does not show.
const AccountApprovalsPanel = lazyPage(() => import('./AccountApprovalsPanel').then((m) => m.AccountApprovalsPanel));
const LanPanel = lazyPage(() => import('./LanPanel').then((m) => m.LanPanel));
const HolidaysPanel = lazyPage(() => import('./HolidaysPanel').then((m) => m.HolidaysPanel));
const MeetingSettingsPanel = lazyPage(() => import('./MeetingSettingsPanel').then((m) => m.MeetingSettingsPanel));
const NumberingPanel = lazyPage(() => import('./NumberingPanel').then((m) => m.NumberingPanel));
const PeoplePanel = lazyPage(() => import('./PeoplePanel').then((m) => m.PeoplePanel));
const SecurityPanel = lazyPage(() => import('./SecurityPanel').then((m) => m.SecurityPanel));
const StoragePanel = lazyPage(() => import('./StoragePanel').then((m) => m.StoragePanel));
const SettingsPage = lazyPage(() => import('./SettingsPage').then((m) => m.SettingsPage));
const UnitPanel = lazyPage(() => import('./UnitPanel').then((m) => m.UnitPanel));
const UsersPanel = lazyPage(() => import('./UsersPanel').then((m) => m.UsersPanel));

export const settingsFeature: FeatureDescriptor = {
  id: 'settings',
  // Everyone can at least change their own password.
  nav: { path: '/settings', label: '设置', icon: <SettingOutlined />, order: 90, render: (c) => <SettingsPage tabs={c.settingsTabs} /> },
  settingsTabs: [
    { key: 'users', label: '用户管理', order: 10, visible: 'users.manage', element: <UsersPanel /> },
    // 三员分立: the 保密员 (and the 审计员, for requests about the only 保密员) approves account changes.
    { key: 'approvals', label: '账户审批', order: 20, visible: 'accounts.approve', element: <AccountApprovalsPanel /> },
    { key: 'unit', label: '单位信息', order: 30, visible: 'settings.manage', element: <UnitPanel /> },
    { key: 'holidays', label: '节假日', order: 40, visible: 'settings.manage', element: <HolidaysPanel /> },
    { key: 'numbering', label: '编号规则', order: 50, visible: 'settings.manage', element: <NumberingPanel /> },
    { key: 'security', label: '安全设置', order: 60, visible: 'settings.manage', element: <SecurityPanel /> },
    // The seat's pairing with the office LAN server (issue #19): the 系统管理员's.
    // Its 保密员 approves the server's account changes there too (LanAccounts.tsx).
    { key: 'lan', label: '局域网', order: 62, visible: (actor) => can(actor, 'settings.manage') || can(actor, 'accounts.approve'), element: <LanPanel /> },
    // 附件 limits and storage use (issue #17): changed by the 系统管理员; read by whoever adds files
    // (a refusal over a limit names this tab).
    {
      key: 'storage',
      label: '存储',
      order: 65,
      visible: (actor) => can(actor, 'settings.manage') || Object.values(ATTACHMENT_PERMISSION).some((p) => can(actor, p)),
      element: <StoragePanel />,
    },
    // 秘书 (not a system administrator) keeps the meeting settings and the 人员名录.
    { key: 'meetings', label: '会议设置', order: 80, visible: 'meetings.manage', element: <MeetingSettingsPanel /> },
    { key: 'people', label: '人员名录', order: 90, visible: 'meetings.manage', element: <PeoplePanel /> },
  ],
};
