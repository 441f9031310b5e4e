import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { FeatureDescriptor } from '../../ui/feature';
import { ClassifiedPage } from './ClassifiedPage';

export const classifiedFeature: FeatureDescriptor = {
  id: 'classified',
  nav: { path: '/classified', label: '涉密载体', icon: <SafetyCertificateOutlined />, order: 30, visible: 'records.read', render: () => <ClassifiedPage /> },
};
