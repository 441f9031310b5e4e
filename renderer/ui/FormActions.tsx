import { Alert, Button, Space } from 'antd';

/** The foot of a dialog form: the form-level error (if any), then 保存 and 取消. */
export function FormActions({ error, onCancel, submitting }: { error: string | null; onCancel(): void; submitting?: boolean }) {
  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Space>
        <Button type="primary" htmlType="submit" loading={submitting}>
          保存
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </Space>
    </>
  );
}
