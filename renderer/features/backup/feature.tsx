import type { FeatureDescriptor } from '../../ui/feature';
import { lazyPage } from '../../ui/lazy-page';
import { BackupWarning } from './BackupWarning';

// Loaded when first shown (ui/lazy-page.tsx): the shell carries no page it does not show.
const BackupPanel = lazyPage(() => import('./BackupPanel').then((m) => m.BackupPanel));

export const backupFeature: FeatureDescriptor = {
  id: 'backup',
  dashboardCards: [{ key: 'backup-warning', order: 50, element: <BackupWarning /> }],
  settingsTabs: [{ key: 'backup', label: '备份与恢复', order: 70, visible: 'settings.manage', element: <BackupPanel /> }],
};
