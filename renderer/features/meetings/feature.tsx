import { BookOutlined } from '@ant-design/icons';
import type { FeatureDescriptor } from '../../ui/feature';
import { MeetingsPage } from './MeetingsPage';
import { OverdueMinutesCard } from './OverdueMinutesCard';

export const meetingsFeature: FeatureDescriptor = {
  id: 'meetings',
  nav: { path: '/meetings', label: '会议纪要', icon: <BookOutlined />, order: 40, visible: 'records.read', render: () => <MeetingsPage /> },
  dashboardCards: [{ key: 'overdue-minutes', order: 30, visible: 'records.read', element: <OverdueMinutesCard /> }],
};
