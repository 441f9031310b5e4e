import { SwapOutlined } from '@ant-design/icons';
import type { FeatureDescriptor } from '../../ui/feature';
import { TransferPage } from './TransferPage';

export const transferFeature: FeatureDescriptor = {
  id: 'transfer',
  nav: { path: '/transfer', label: '迁移包', icon: <SwapOutlined />, order: 70, visible: 'records.read', render: () => <TransferPage /> },
};
