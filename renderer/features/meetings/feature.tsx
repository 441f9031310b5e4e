import { BookOutlined } from '@ant-design/icons';
import type { FeatureDescriptor } from '../../ui/feature';
import { MeetingsPage } from './MeetingsPage';
import { OverdueMinutesCard } from './OverdueMinutesCard';

export const meetingsFeature: FeatureDescriptor = {
  id: 'meetings',
  nav: { path: '/meetings', label: '会议纪要', icon: <BookOutlined />, order: 40, visible: 'records.read', render: () => <MeetingsPage /> },
  // The 秘书 who writes and issues the minutes; a leader's 工作台 holds only their own items.
  dashboardCards: [{ key: 'overdue-minutes', order: 30, visible: 'meetings.manage', element: <OverdueMinutesCard /> }],
};
