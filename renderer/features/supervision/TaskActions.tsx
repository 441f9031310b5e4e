import { Alert, App, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import { taskStatus } from '@shared/domain/supervision';
import type { TaskRecord } from '@shared/domain/supervision-types';
import { useDb } from '../../db/DbContext';
import { addTaskProgress, finishTask, remindTaskRec } from '../../db/repositories/supervision';
import { useActor } from '../../ui/session';
import { errorText } from '../../ui/error-text';
import { RuleError } from '@shared/domain/rule-error';

// The 督办人's buttons on a task: 进展反馈, 办结, 催办 (when overdue) and 打印催办单. The
// repository checks every rule again; what it refuses is shown inside the dialog.

export type TaskDialog = '进展反馈' | '办结' | '催办';

export const DEFAULT_REMINDER_NOTE = '请抓紧办理，并书面反馈办理情况';

export function TaskActions({ task }: { task: TaskRecord }) {
  const navigate = useNavigate();
  const [open, setOpen] = useState<TaskDialog | null>(null);
  if (task.state === '已办结' || task.state === '已撤销') return null;
  const overdue = taskStatus(task, todayIso()) === '已逾期';
  return (
    <>
      <Space wrap>
        <Button type="primary" onClick={() => setOpen('进展反馈')}>
          进展反馈
        </Button>
        <Button onClick={() => setOpen('办结')}>办结</Button>
        {overdue && (
          <Button danger onClick={() => setOpen('催办')}>
            催办
          </Button>
        )}
        <Button onClick={() => navigate(`/supervision/${task.id}/print`)}>打印催办单</Button>
      </Space>
      {open && <ActionDialog type={open} task={task} onClose={() => setOpen(null)} />}
    </>
  );
}

interface Values {
  date?: string;
  text?: string;
  result?: string;
  note?: string;
}

const FIELDS: readonly (keyof Values)[] = ['date', 'text', 'result', 'note'];

function ActionDialog({ type, task, onClose }: { type: TaskDialog; task: TaskRecord; onClose(): void }) {
  const db = useDb();
  const actor = useActor();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setError(null);
    setBusy(true);
    try {
      switch (type) {
        case '进展反馈':
          await addTaskProgress(db, actor, task.id, { date: (v.date ?? '').trim(), text: v.text ?? '' });
          void message.success(`${task.serial} 已记录进展`);
          onClose();
          return;
        case '办结':
          await finishTask(db, actor, task.id, { date: (v.date ?? '').trim(), result: v.result ?? '' });
          void message.success(`${task.serial} 已办结`);
          onClose();
          return;
        case '催办':
          await remindTaskRec(db, actor, task.id, v.note ?? '');
          onClose();
          // The 催办单 goes out with the 催办.
          navigate(`/supervision/${task.id}/print`);
          return;
      }
    } catch (e) {
      if (e instanceof RuleError && e.field && (FIELDS as readonly string[]).includes(e.field)) form.setFields([{ name: e.field as keyof Values, errors: [e.message] }]);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={`${type}：${task.serial}`} onCancel={onClose} footer={null} destroyOnHidden width={560}>
      <Form<Values> form={form} layout="vertical" aria-label={type} initialValues={{ date: todayIso(), note: DEFAULT_REMINDER_NOTE }} onFinish={(v) => void submit(v)}>
        {type === '进展反馈' && (
          <>
            <Form.Item label="反馈日期" name="date" extra="YYYY-MM-DD">
              <Input style={{ width: 160 }} />
            </Form.Item>
            <Form.Item label="进展情况" name="text" rules={[{ required: true, whitespace: true, message: '请填写进展情况' }]}>
              <Input.TextArea rows={4} maxLength={1000} autoFocus />
            </Form.Item>
          </>
        )}
        {type === '办结' && (
          <>
            <Form.Item label="办结日期" name="date" extra="YYYY-MM-DD">
              <Input style={{ width: 160 }} />
            </Form.Item>
            <Form.Item label="办理结果" name="result" rules={[{ required: true, whitespace: true, message: '请填写办理结果' }]}>
              <Input.TextArea rows={4} maxLength={1000} autoFocus />
            </Form.Item>
          </>
        )}
        {type === '催办' && (
          <Form.Item label="催办说明" name="note" extra={`${task.unit}${task.person ? `（${task.person}）` : ''}，时限 ${task.dueDate}；记录催办后打开催办单`}>
            <Input.TextArea rows={3} maxLength={200} autoFocus />
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} danger={type === '催办'}>
            {type === '进展反馈' ? '保存' : type}
          </Button>
          <Button onClick={onClose}>取消</Button>
        </Space>
      </Form>
    </Modal>
  );
}
