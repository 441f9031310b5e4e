import {
  AuditOutlined,
  BookOutlined,
  DashboardOutlined,
  FileTextOutlined,
  FolderOpenOutlined,
  LockOutlined,
  ScheduleOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { can, type Permission } from '@shared/domain/permissions';
import { useDb } from '../app/DbContext';
import { getUnitInfo } from '../db/repositories/settings';
import { AuditIntegrityBanner } from '../features/audit/AuditIntegrityBanner';
import { AuditLogPage } from '../features/audit/AuditLogPage';
import { useAuth, useActor } from '../features/auth/AuthContext';
import { ClassifiedPage } from '../features/classified/ClassifiedPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { FilingPage } from '../features/filing/FilingPage';
import { FilingPrintPage } from '../features/filing/FilingPrintPage';
import { IncomingPage } from '../features/incoming/IncomingPage';
import { MeetingsPage } from '../features/meetings/MeetingsPage';
import { useScheduledBackup } from '../features/backup/useScheduledBackup';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SupervisionPage } from '../features/supervision/SupervisionPage';
import { TransferPage } from '../features/transfer/TransferPage';
import { Forbidden } from './Forbidden';

interface NavEntry {
  path: string;
  label: string;
  icon: ReactNode;
  element: ReactNode;
  /** Absent: every signed-in user except the 安全审计员, who sees the audit log and nothing else. */
  permission?: Permission;
}

// The seven entries of the UI contract (DESIGN.md), plus 审计日志 for the 安全审计员 only.
const NAV: NavEntry[] = [
  { path: '/dashboard', label: '工作台', icon: <DashboardOutlined />, element: <DashboardPage /> },
  { path: '/incoming', label: '收文登记', icon: <FileTextOutlined />, element: <IncomingPage />, permission: 'records.read' },
  { path: '/classified', label: '涉密载体', icon: <SafetyCertificateOutlined />, element: <ClassifiedPage />, permission: 'records.read' },
  { path: '/meetings', label: '会议纪要', icon: <BookOutlined />, element: <MeetingsPage />, permission: 'records.read' },
  { path: '/supervision', label: '督办事项', icon: <ScheduleOutlined />, element: <SupervisionPage />, permission: 'records.read' },
  { path: '/filing', label: '归档', icon: <FolderOpenOutlined />, element: <FilingPage />, permission: 'records.read' },
  { path: '/transfer', label: '迁移包', icon: <SwapOutlined />, element: <TransferPage />, permission: 'records.read' },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined />, element: <AuditLogPage />, permission: 'audit.read' },
  { path: '/settings', label: '设置', icon: <SettingOutlined />, element: <SettingsPage /> },
];

function visible(entry: NavEntry, actor: ReturnType<typeof useActor>): boolean {
  if (entry.path === '/settings') return true; // everyone can at least change their own password
  if (entry.permission) return can(actor, entry.permission);
  return !(actor.roles.length === 1 && actor.roles[0] === '安全审计员');
}

export function AppLayout() {
  const db = useDb();
  const actor = useActor();
  const { signOut, lockNow } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const unit = useLiveQuery(() => getUnitInfo(db), [db]);
  useScheduledBackup(actor);
  const entries = NAV.filter((e) => visible(e, actor));
  const home = entries[0]!.path;
  const selected = entries.find((e) => location.pathname.startsWith(e.path))?.path ?? home;

  return (
    <Layout style={{ minHeight: '100%' }}>
      <Layout.Sider width={200} theme="dark">
        <div style={{ color: '#fff', padding: '16px 20px', fontSize: 20, fontWeight: 600, letterSpacing: 4 }}>文枢</div>
        <nav aria-label="主导航">
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[selected]}
            items={entries.map((e) => ({ key: e.path, icon: e.icon, label: e.label }))}
            onClick={({ key }) => navigate(key)}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Text strong>{unit?.name}</Typography.Text>
          <Space>
            <Typography.Text>
              {actor.displayName}（{actor.roles.join('、')}）
            </Typography.Text>
            <Button icon={<LockOutlined />} onClick={lockNow}>
              锁定
            </Button>
            <Button onClick={() => void signOut()}>退出</Button>
          </Space>
        </Layout.Header>
        <AuditIntegrityBanner />
        <Layout.Content style={{ margin: 24 }}>
          <Routes>
            {/* 归档 prints: outside FilingPage's tabs; FilingPrintPage checks 归档 rights itself. */}
            <Route path="/filing/print/:what" element={<FilingPrintPage />} />
            {NAV.map((e) => (
              <Route key={e.path} path={`${e.path}/*`} element={visible(e, actor) ? e.element : <Forbidden />} />
            ))}
            <Route path="*" element={<Navigate to={home} replace />} />
          </Routes>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
