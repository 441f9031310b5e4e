import { FileSearchOutlined } from '@ant-design/icons';
import type { FeatureDescriptor } from '../../ui/feature';
import { ArchiveLookupPage } from './ArchiveLookupPage';

export const archiveFeature: FeatureDescriptor = {
  id: 'archive',
  // 档案查阅: filed 件, read-only, for everyone who reads the registers (归档 itself needs 归档 rights).
  nav: { path: '/archive', label: '档案查阅', icon: <FileSearchOutlined />, order: 65, visible: 'records.read', render: () => <ArchiveLookupPage /> },
};
