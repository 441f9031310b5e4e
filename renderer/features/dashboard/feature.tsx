import { DashboardOutlined } from '@ant-design/icons';
import type { FeatureDescriptor } from '../../ui/feature';
import { CarrierCards } from './CarrierCards';
import { DashboardPage } from './DashboardPage';
import { DeadlineCards } from './DeadlineCards';

export const dashboardFeature: FeatureDescriptor = {
  id: 'dashboard',
  // Everyone but the 安全审计员 alone, who sees the audit log and nothing else.
  nav: { path: '/dashboard', label: '工作台', icon: <DashboardOutlined />, order: 10, visible: (a) => !(a.roles.length === 1 && a.roles[0] === '安全审计员'), render: (c) => <DashboardPage cards={c.dashboardCards} /> },
  dashboardCards: [
    { key: 'deadlines', order: 10, visible: 'records.read', element: <DeadlineCards /> },
    { key: 'carriers', order: 40, visible: 'classified.manage', element: <CarrierCards /> },
  ],
};
