import { App, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import { taskStatus } from '@shared/domain/supervision';
import type { TaskRecord } from '@shared/domain/supervision-types';
import { useSend } from '../../db/commands/use-send';
import { CommandDialog } from '../../ui/CommandDialog';
import { PhrasePicker } from '../../ui/pickers';

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

interface DialogProps {
  task: TaskRecord;
  onClose(): void;
}

function ActionDialog({ type, ...p }: DialogProps & { type: TaskDialog }) {
  switch (type) {
    case '进展反馈': return <ProgressDialog {...p} />;
    case '办结': return <FinishDialog {...p} />;
    case '催办': return <RemindDialog {...p} />;
  }
}

interface ProgressValues { date: string; text?: string }

function ProgressDialog({ task, onClose }: DialogProps) {
  const send = useSend();
  const { message } = App.useApp();
  return (
    <CommandDialog<ProgressValues, unknown>
      title={`进展反馈：${task.serial}`}
      verb="保存"
      formLabel="进展反馈"
      initialValues={{ date: todayIso() }}
      run={(v) => send('task.progress', { id: task.id, date: (v.date ?? '').trim(), text: v.text ?? '' })}
      onDone={() => void message.success(`${task.serial} 已记录进展`)}
      onClose={onClose}
    >
      <Form.Item label="反馈日期" name="date" extra="YYYY-MM-DD">
        <Input style={{ width: 160 }} />
      </Form.Item>
      <Form.Item label="进展情况" name="text" rules={[{ required: true, whitespace: true, message: '请填写进展情况' }]}>
        <Input.TextArea rows={4} maxLength={1000} autoFocus data-autofocus />
      </Form.Item>
    </CommandDialog>
  );
}

interface FinishValues { date: string; result?: string }

function FinishDialog({ task, onClose }: DialogProps) {
  const send = useSend();
  const { message } = App.useApp();
  return (
    <CommandDialog<FinishValues, unknown>
      title={`办结：${task.serial}`}
      verb="办结"
      initialValues={{ date: todayIso() }}
      run={(v) => send('task.complete', { id: task.id, date: (v.date ?? '').trim(), result: v.result ?? '' })}
      onDone={() => void message.success(`${task.serial} 已办结`)}
      onClose={onClose}
    >
      <Form.Item label="办结日期" name="date" extra="YYYY-MM-DD">
        <Input style={{ width: 160 }} />
      </Form.Item>
      <Form.Item label="办理结果" name="result" rules={[{ required: true, whitespace: true, message: '请填写办理结果' }]} style={{ marginBottom: 8 }}>
        <Input.TextArea rows={4} maxLength={1000} autoFocus data-autofocus />
      </Form.Item>
      <PhrasePicker kind="办理结果" field="result" />
    </CommandDialog>
  );
}

interface RemindValues { note: string }

function RemindDialog({ task, onClose }: DialogProps) {
  const send = useSend();
  const navigate = useNavigate();
  return (
    <CommandDialog<RemindValues, unknown>
      title={`催办：${task.serial}`}
      verb="催办"
      danger
      initialValues={{ note: DEFAULT_REMINDER_NOTE }}
      run={(v) => send('task.remind', { id: task.id, note: v.note ?? '' })}
      // The 催办单 goes out with the 催办.
      onDone={() => navigate(`/supervision/${task.id}/print`)}
      onClose={onClose}
    >
      <Form.Item label="催办说明" name="note" extra={`${task.unit}${task.person ? `（${task.person}）` : ''}，时限 ${task.dueDate}；记录催办后打开催办单`}>
        <Input.TextArea rows={3} maxLength={200} autoFocus />
      </Form.Item>
    </CommandDialog>
  );
}
