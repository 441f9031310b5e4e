import type { FeatureDescriptor } from '../../ui/feature';
import { ChangePasswordForm } from './ChangePasswordForm';

export const authFeature: FeatureDescriptor = {
  id: 'auth',
  settingsTabs: [{ key: 'password', label: '修改密码', order: 100, element: <ChangePasswordForm /> }],
};
