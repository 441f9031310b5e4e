import { Alert, Card, Tag, Typography } from 'antd';

/**
 * An honest page for a register that a later issue builds: it says so, and offers nothing that
 * looks like it works.
 */
export function NotYetBuilt({ title, issue, plan }: { title: string; issue: number; plan: string[] }) {
  return (
    <Card
      title={
        <span>
          {title} <Tag color="orange">未完成</Tag>
        </span>
      }
    >
      <Alert type="warning" showIcon title="此功能尚未完成，将在后续版本中提供。" description={`开发计划：issue #${issue}`} style={{ marginBottom: 16 }} />
      <Typography.Paragraph>将提供：</Typography.Paragraph>
      <ul>
        {plan.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </Card>
  );
}
