import { FileTextOutlined } from '@ant-design/icons';
import { can } from '@shared/domain/permissions';
import type { FeatureDescriptor } from '../../ui/feature';
import { lazyPage } from '../../ui/lazy-page';

// Loaded when first shown (ui/lazy-page.tsx): the shell carries no page it does not show.
const IncomingPage = lazyPage(() => import('./IncomingPage').then((m) => m.IncomingPage));
const SlipLayoutPanel = lazyPage(() => import('./SlipLayoutPanel').then((m) => m.SlipLayoutPanel));

export const incomingFeature: FeatureDescriptor = {
  id: 'incoming',
  nav: { path: '/incoming', label: '收文登记', icon: <FileTextOutlined />, order: 20, visible: 'records.read', render: () => <IncomingPage /> },
  // 设置 → 打印: the 收文处理笺 layout, kept by the 系统管理员 or the 秘书 who prints the slips
  // (the command settings.slipLayout.save checks the same).
  settingsTabs: [{ key: 'print', label: '打印', order: 70, visible: (actor) => can(actor, 'settings.manage') || can(actor, 'incoming.process'), element: <SlipLayoutPanel /> }],
};
