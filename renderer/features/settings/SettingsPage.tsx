import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import type { SettingsTab } from '../../ui/feature';

/**
 * 设置: the tabs every feature contributes, already filtered for the signed-in actor. `?tab=<key>`
 * opens one directly (工作台's warning links to 节假日).
 */
export function SettingsPage({ tabs }: { tabs: readonly SettingsTab[] }) {
  const [params] = useSearchParams();
  const asked = params.get('tab');
  const first = tabs.some((t) => t.key === asked) ? asked! : undefined;
  return (
    <Card title="设置">
      <Tabs key={first ?? ''} {...(first ? { defaultActiveKey: first } : {})} items={tabs.map((t) => ({ key: t.key, label: t.label, children: t.element }))} destroyOnHidden />
    </Card>
  );
}
