import { ScheduleOutlined } from '@ant-design/icons';
import type { FeatureDescriptor } from '../../ui/feature';
import { lazyPage } from '../../ui/lazy-page';

// Loaded when first shown (ui/lazy-page.tsx): the shell carries no page it does not show.
const SupervisionPage = lazyPage(() => import('./SupervisionPage').then((m) => m.SupervisionPage));

export const supervisionFeature: FeatureDescriptor = {
  id: 'supervision',
  nav: { path: '/supervision', label: '督办事项', icon: <ScheduleOutlined />, order: 50, visible: 'records.read', render: () => <SupervisionPage /> },
  // Overdue tasks are on 工作台 in 逾期事项 (dashboard), one row with the 收文 they follow.
};
