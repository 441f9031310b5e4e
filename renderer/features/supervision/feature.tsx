import { ScheduleOutlined } from '@ant-design/icons';
import type { FeatureDescriptor } from '../../ui/feature';
import { OverdueTasksCard } from './OverdueTasksCard';
import { SupervisionPage } from './SupervisionPage';

export const supervisionFeature: FeatureDescriptor = {
  id: 'supervision',
  nav: { path: '/supervision', label: '督办事项', icon: <ScheduleOutlined />, order: 50, visible: 'records.read', render: () => <SupervisionPage /> },
  dashboardCards: [{ key: 'overdue-tasks', order: 20, visible: 'records.read', element: <OverdueTasksCard /> }],
};
