import { Button, Empty, Space, Typography } from 'antd';

// An empty register says what to do next, with the way to do it, instead of only 暂无数据. The
// ways are links (they open another page) drawn as buttons, so they never share a name with the
// page's own buttons (登记, 导入, 新建会议 …) for a screen reader or a test.

export interface EmptyAction {
  label: string;
  /** A route of the app, '/incoming/new'. */
  to: string;
  primary?: boolean;
}

export function EmptyState({ title, hint, actions = [] }: { title: string; hint?: string; actions?: EmptyAction[] }) {
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <Space orientation="vertical" size={4} role="status" aria-label={title}>
          <Typography.Text strong>{title}</Typography.Text>
          {hint && <Typography.Text type="secondary">{hint}</Typography.Text>}
        </Space>
      }
    >
      {actions.length > 0 && (
        <Space>
          {actions.map((a) => (
            <Button key={a.to} type={a.primary ? 'primary' : 'default'} href={`#${a.to}`}>
              {a.label}
            </Button>
          ))}
        </Space>
      )}
    </Empty>
  );
}
