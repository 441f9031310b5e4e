import { FieldTimeOutlined } from '@ant-design/icons';
import type { FeatureDescriptor } from '../../ui/feature';
import { lazyPage } from '../../ui/lazy-page';

// Loaded when first shown (ui/lazy-page.tsx): the shell carries no page it does not show.
const FlowPage = lazyPage(() => import('./FlowPage').then((m) => m.FlowPage));

// 运转时效 (issue #17): for the 秘书, the 办公室主任 and the leaders (permission flow.view).
export const flowFeature: FeatureDescriptor = {
  id: 'flow',
  nav: { path: '/flow', label: '运转时效', icon: <FieldTimeOutlined />, order: 55, visible: 'flow.view', render: () => <FlowPage /> },
};
