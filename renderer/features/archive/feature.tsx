import { FileSearchOutlined } from '@ant-design/icons';
import type { FeatureDescriptor } from '../../ui/feature';
import { lazyPage } from '../../ui/lazy-page';

// Loaded when first shown (ui/lazy-page.tsx): the shell carries no page it does not show.
const ArchiveLookupPage = lazyPage(() => import('./ArchiveLookupPage').then((m) => m.ArchiveLookupPage));

export const archiveFeature: FeatureDescriptor = {
  id: 'archive',
  // 档案查阅: filed 件, read-only, for everyone who reads the registers (归档 itself needs 归档 rights).
  nav: { path: '/archive', label: '档案查阅', icon: <FileSearchOutlined />, order: 65, visible: 'records.read', render: () => <ArchiveLookupPage /> },
};
