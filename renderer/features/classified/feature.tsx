import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { FeatureDescriptor } from '../../ui/feature';
import { lazyPage } from '../../ui/lazy-page';

// Loaded when first shown (ui/lazy-page.tsx): the shell carries no page it does not show.
const ClassifiedPage = lazyPage(() => import('./ClassifiedPage').then((m) => m.ClassifiedPage));

export const classifiedFeature: FeatureDescriptor = {
  id: 'classified',
  nav: { path: '/classified', label: '涉密载体', icon: <SafetyCertificateOutlined />, order: 30, visible: 'records.read', render: () => <ClassifiedPage /> },
};
