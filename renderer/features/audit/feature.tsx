import { AuditOutlined } from '@ant-design/icons';
import type { FeatureDescriptor } from '../../ui/feature';
import { lazyPage } from '../../ui/lazy-page';

// Loaded when first shown (ui/lazy-page.tsx): the shell carries no page it does not show.
const AuditLogPage = lazyPage(() => import('./AuditLogPage').then((m) => m.AuditLogPage));

export const auditFeature: FeatureDescriptor = {
  id: 'audit',
  nav: { path: '/audit', label: '审计日志', icon: <AuditOutlined />, order: 80, visible: 'audit.read', render: () => <AuditLogPage /> },
};
