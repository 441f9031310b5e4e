import { SwapOutlined } from '@ant-design/icons';
import type { FeatureDescriptor } from '../../ui/feature';
import { lazyPage } from '../../ui/lazy-page';

// Loaded when first shown (ui/lazy-page.tsx): the shell carries no page it does not show.
const TransferPage = lazyPage(() => import('./TransferPage').then((m) => m.TransferPage));

export const transferFeature: FeatureDescriptor = {
  id: 'transfer',
  nav: { path: '/transfer', label: '迁移包', icon: <SwapOutlined />, order: 70, visible: 'records.read', render: () => <TransferPage /> },
};
