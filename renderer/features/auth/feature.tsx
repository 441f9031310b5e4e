import type { FeatureDescriptor } from '../../ui/feature';
import { lazyPage } from '../../ui/lazy-page';

// Loaded when first shown (ui/lazy-page.tsx): the shell carries no page it does not show.
const ChangePasswordForm = lazyPage(() => import('./ChangePasswordForm').then((m) => m.ChangePasswordForm));

export const authFeature: FeatureDescriptor = {
  id: 'auth',
  settingsTabs: [{ key: 'password', label: '修改密码', order: 100, element: <ChangePasswordForm /> }],
};
