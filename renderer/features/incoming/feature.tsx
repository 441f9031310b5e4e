import { FileTextOutlined } from '@ant-design/icons';
import type { FeatureDescriptor } from '../../ui/feature';
import { IncomingPage } from './IncomingPage';

export const incomingFeature: FeatureDescriptor = {
  id: 'incoming',
  nav: { path: '/incoming', label: '收文登记', icon: <FileTextOutlined />, order: 20, visible: 'records.read', render: () => <IncomingPage /> },
};
