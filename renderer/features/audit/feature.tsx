import { AuditOutlined } from '@ant-design/icons';
import type { FeatureDescriptor } from '../../ui/feature';
import { AuditLogPage } from './AuditLogPage';

export const auditFeature: FeatureDescriptor = {
  id: 'audit',
  nav: { path: '/audit', label: '审计日志', icon: <AuditOutlined />, order: 80, visible: 'audit.read', render: () => <AuditLogPage /> },
};
