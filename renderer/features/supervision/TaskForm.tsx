import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { addDays, todayIso } from '@shared/domain/dates';
import { useDb } from '../../db/DbContext';
import { createManualTask } from '../../db/repositories/supervision';
import { enterToNext } from '../../ui/useEnterToNext';
import { useActor } from '../../ui/session';
import { errorText } from '../../ui/error-text';
import { UnitInput } from '../../ui/task-labels';
import { useUnitNames } from '../../db/hooks';
import { RuleError } from '@shared/domain/rule-error';

interface Values {
  assignedBy: string;
  content: string;
  unit: string;
  person: string;
  dueDate: string;
}

const FIELDS: readonly (keyof Values)[] = ['assignedBy', 'content', 'unit', 'person', 'dueDate'];

/** 新建督办 by hand: a 口头交办 (议定事项 and 批示 become tasks by themselves). */
export function TaskForm() {
  const db = useDb();
  const actor = useActor();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const units = useUnitNames();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setError(null);
    setBusy(true);
    try {
      const task = await createManualTask(db, actor, {
        assignedBy: v.assignedBy ?? '',
        content: v.content ?? '',
        unit: v.unit ?? '',
        person: v.person ?? '',
        dueDate: (v.dueDate ?? '').trim(),
      });
      void message.success(`已新建督办 ${task.serial}`);
      navigate(`/supervision/${task.id}`);
    } catch (e) {
      if (e instanceof RuleError && e.field && (FIELDS as readonly string[]).includes(e.field)) form.setFields([{ name: e.field as keyof Values, errors: [e.message] }]);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="新建督办（口头交办）">
      <Typography.Paragraph type="secondary">会议纪要签发后，其议定事项自动列入督办；收文经领导批示并交承办单位办理后，也自动列入督办。这里登记领导口头交办的事项。</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        aria-label="新建督办"
        style={{ maxWidth: 720 }}
        onKeyDown={enterToNext}
        onFinish={(v) => void submit(v)}
        initialValues={{ dueDate: addDays(todayIso(), 7) }}
      >
        <Form.Item label="交办人" name="assignedBy" rules={[{ required: true, whitespace: true, message: '请填写交办人' }]} extra="交办事项的领导，如 张主任">
          <Input autoFocus maxLength={20} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item label="督办内容" name="content" rules={[{ required: true, whitespace: true, message: '请填写督办内容' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item label="责任单位" name="unit" rules={[{ required: true, whitespace: true, message: '请填写责任单位' }]} extra="可从本单位部门中选择，也可直接输入">
            <UnitInput units={units} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item label="责任人" name="person">
            <Input maxLength={20} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label="时限" name="dueDate" rules={[{ required: true, whitespace: true, message: '请填写时限' }]} extra="YYYY-MM-DD">
            <Input style={{ width: 140 }} />
          </Form.Item>
        </Space>
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            保存
          </Button>
          <Button onClick={() => navigate('/supervision')}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}
