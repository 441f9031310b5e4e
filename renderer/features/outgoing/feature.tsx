import { SendOutlined } from '@ant-design/icons';
import { can } from '@shared/domain/permissions';
import type { FeatureDescriptor } from '../../ui/feature';
import { lazyPage } from '../../ui/lazy-page';
import { OutgoingCards } from './OutgoingCards';

// Loaded when first shown (ui/lazy-page.tsx): the shell carries no page it does not show.
const OutgoingPage = lazyPage(() => import('./OutgoingPage').then((m) => m.OutgoingPage));
const OutgoingSettingsPanel = lazyPage(() => import('./OutgoingSettingsPanel').then((m) => m.OutgoingSettingsPanel));

export const outgoingFeature: FeatureDescriptor = {
  id: 'outgoing',
  nav: { path: '/outgoing', label: '发文登记', icon: <SendOutlined />, order: 25, visible: 'records.read', render: () => <OutgoingPage /> },
  // 待核稿 … 待核发 and the late 核发 are the 秘书's (发文办理), who records every step.
  dashboardCards: [{ key: 'outgoing', order: 22, visible: 'outgoing.process', element: <OutgoingCards /> }],
  // 设置 → 发文: 发文字号 and the 核发 time limit, kept by the 系统管理员 or the 秘书.
  settingsTabs: [{ key: 'outgoing', label: '发文字号', order: 75, visible: (actor) => can(actor, 'settings.manage') || can(actor, 'outgoing.process'), element: <OutgoingSettingsPanel /> }],
};
