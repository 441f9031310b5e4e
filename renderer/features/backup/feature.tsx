import type { FeatureDescriptor } from '../../ui/feature';
import { BackupPanel } from './BackupPanel';
import { BackupWarning } from './BackupWarning';

export const backupFeature: FeatureDescriptor = {
  id: 'backup',
  dashboardCards: [{ key: 'backup-warning', order: 50, element: <BackupWarning /> }],
  settingsTabs: [{ key: 'backup', label: '备份与恢复', order: 70, visible: 'settings.manage', element: <BackupPanel /> }],
};
