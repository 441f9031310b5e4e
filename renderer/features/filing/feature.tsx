import { FolderOpenOutlined } from '@ant-design/icons';
import type { FeatureDescriptor } from '../../ui/feature';
import { FilingPage } from './FilingPage';
import { FilingPrintPage } from './FilingPrintPage';

export const filingFeature: FeatureDescriptor = {
  id: 'filing',
  nav: { path: '/filing', label: '归档', icon: <FolderOpenOutlined />, order: 60, visible: 'records.read', render: () => <FilingPage /> },
  // 归档 prints: outside FilingPage's tabs; FilingPrintPage checks 归档 rights itself.
  routes: [{ path: '/filing/print/:what', element: <FilingPrintPage /> }],
};
