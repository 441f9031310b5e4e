import { Card, Tabs } from 'antd';
import type { SettingsTab } from '../../ui/feature';

/** 设置: the tabs every feature contributes, already filtered for the signed-in actor. */
export function SettingsPage({ tabs }: { tabs: readonly SettingsTab[] }) {
  return (
    <Card title="设置">
      <Tabs items={tabs.map((t) => ({ key: t.key, label: t.label, children: t.element }))} destroyOnHidden />
    </Card>
  );
}
