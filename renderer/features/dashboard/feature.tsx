import { DashboardOutlined } from '@ant-design/icons';
import { can } from '@shared/domain/permissions';
import type { FeatureDescriptor } from '../../ui/feature';
import { CarrierCards } from './CarrierCards';
import { DashboardPage } from './DashboardPage';
import { DeadlineCards } from './DeadlineCards';
import { MyWorkCards } from './MyWorkCards';
import { OverdueMattersCard } from './OverdueMattersCard';
import { SystemCounts } from './SystemCounts';

// 工作台 for each person (issue 14): each role sees its own cards. The system counts are the
// 系统管理员's; a leader or 科室 user sees what waits for them; the 秘书 also sees the office's
// 逾期事项 and deadlines; the 保密员 the carriers.
export const dashboardFeature: FeatureDescriptor = {
  id: 'dashboard',
  // Everyone but the 安全审计员 alone, who sees the audit log and nothing else.
  nav: { path: '/dashboard', label: '工作台', icon: <DashboardOutlined />, order: 10, visible: (a) => !(a.roles.length === 1 && a.roles[0] === '安全审计员'), render: (c) => <DashboardPage cards={c.dashboardCards} /> },
  dashboardCards: [
    { key: 'system', order: 5, visible: 'users.manage', element: <SystemCounts /> },
    { key: 'mine', order: 10, visible: 'records.read', element: <MyWorkCards /> },
    { key: 'overdue', order: 15, visible: (a) => can(a, 'incoming.process') || can(a, 'supervision.manage'), element: <OverdueMattersCard /> },
    { key: 'deadlines', order: 20, visible: 'incoming.process', element: <DeadlineCards /> },
    { key: 'carriers', order: 40, visible: 'classified.manage', element: <CarrierCards /> },
  ],
};
