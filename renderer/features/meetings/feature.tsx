import { BookOutlined } from '@ant-design/icons';
import type { FeatureDescriptor } from '../../ui/feature';
import { lazyPage } from '../../ui/lazy-page';
import { OverdueMinutesCard } from './OverdueMinutesCard';

// Loaded when first shown (ui/lazy-page.tsx): the shell carries no page it does not show.
const MeetingsPage = lazyPage(() => import('./MeetingsPage').then((m) => m.MeetingsPage));

export const meetingsFeature: FeatureDescriptor = {
  id: 'meetings',
  nav: { path: '/meetings', label: '会议纪要', icon: <BookOutlined />, order: 40, visible: 'records.read', render: () => <MeetingsPage /> },
  // The 秘书 who writes and issues the minutes; a leader's 工作台 holds only their own items.
  dashboardCards: [{ key: 'overdue-minutes', order: 30, visible: 'meetings.manage', element: <OverdueMinutesCard /> }],
};
