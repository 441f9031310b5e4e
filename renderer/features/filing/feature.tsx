import { FolderOpenOutlined } from '@ant-design/icons';
import type { FeatureDescriptor } from '../../ui/feature';
import { FilingPage } from './FilingPage';
import { FilingPrintPage } from './FilingPrintPage';

export const filingFeature: FeatureDescriptor = {
  id: 'filing',
  // 归档 rights only: the menu shows it exactly where the page opens (readers use 档案查阅).
  nav: { path: '/filing', label: '归档', icon: <FolderOpenOutlined />, order: 60, visible: 'filing.manage', render: () => <FilingPage /> },
  // 归档 prints: outside FilingPage's tabs; FilingPrintPage checks 归档 rights itself.
  routes: [{ path: '/filing/print/:what', element: <FilingPrintPage /> }],
};
