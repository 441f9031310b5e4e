import { FolderOpenOutlined } from '@ant-design/icons';
import type { FeatureDescriptor } from '../../ui/feature';
import { lazyPage } from '../../ui/lazy-page';

// Loaded when first shown (ui/lazy-page.tsx): the shell carries no page it does not show.
const FilingPage = lazyPage(() => import('./FilingPage').then((m) => m.FilingPage));
const FilingPrintPage = lazyPage(() => import('./FilingPrintPage').then((m) => m.FilingPrintPage));

export const filingFeature: FeatureDescriptor = {
  id: 'filing',
  // 归档 rights only: the menu shows it exactly where the page opens (readers use 档案查阅).
  nav: { path: '/filing', label: '归档', icon: <FolderOpenOutlined />, order: 60, visible: 'filing.manage', render: () => <FilingPage /> },
  // 归档 prints: outside FilingPage's tabs; FilingPrintPage checks 归档 rights itself.
  routes: [{ path: '/filing/print/:what', element: <FilingPrintPage /> }],
};
