import { App, Card, Form, Input, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { addDays, isIsoDate, todayIso } from '@shared/domain/dates';
import { useDb } from '../../db/DbContext';
import { useLiveQuery } from '../../db/live';
import { loadWorkCalendar } from '../../db/repositories/calendar';
import { CalendarGapNote } from '../../ui/CalendarGapNote';
import { useSend } from '../../db/commands/use-send';
import { enterToNext } from '../../ui/useEnterToNext';
import { PersonPicker, UnitPicker } from '../../ui/pickers';
import { CommandForm } from '../../ui/CommandForm';

interface Values {
  assignedBy: string;
  content: string;
  unit: string;
  person: string;
  dueDate: string;
}

/** Under the 时限 as it is typed: warns when it lies in a year without the holiday schedule. */
function DueDateNote() {
  const db = useDb();
  const form = Form.useFormInstance<Values>();
  const due = (Form.useWatch('dueDate', form) ?? '').trim();
  const calendar = useLiveQuery(() => loadWorkCalendar(db), [db]);
  return <CalendarGapNote calendar={calendar} dates={[isIsoDate(due) ? due : undefined]} />;
}

/** 新建督办 by hand: a 口头交办 (议定事项 and 批示 become tasks by themselves). */
export function TaskForm() {
  const send = useSend();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const run = (v: Values) =>
    send('task.create', {
      assignedBy: v.assignedBy ?? '',
      content: v.content ?? '',
      unit: v.unit ?? '',
      person: v.person ?? '',
      dueDate: (v.dueDate ?? '').trim(),
    });

  return (
    <Card title="新建督办（口头交办）">
      <Typography.Paragraph type="secondary">会议纪要签发后，其议定事项自动列入督办；收文经领导批示并交承办单位办理后，也自动列入督办。这里登记领导口头交办的事项。</Typography.Paragraph>
      <CommandForm<Values, { id: string; serial: string }>
        verb="保存"
        formLabel="新建督办"
        formProps={{ style: { maxWidth: 720 }, onKeyDown: enterToNext }}
        initialValues={{ dueDate: addDays(todayIso(), 7) }}
        run={run}
        onDone={(task) => {
          void message.success(`已新建督办 ${task.serial}`);
          navigate(`/supervision/${task.id}`);
        }}
        onCancel={() => navigate('/supervision')}
      >
        <Form.Item label="交办人" name="assignedBy" rules={[{ required: true, whitespace: true, message: '请填写交办人' }]} extra="交办事项的领导，如 张主任">
          <Input autoFocus maxLength={20} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item label="督办内容" name="content" rules={[{ required: true, whitespace: true, message: '请填写督办内容' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item label="责任单位" name="unit" rules={[{ required: true, whitespace: true, message: '请选择责任单位' }]} extra="从机构名录中选择，可输入筛选或添加">
            <UnitPicker style={{ width: 240 }} />
          </Form.Item>
          <Form.Item label="责任人" name="person">
            <PersonPicker style={{ width: 180 }} />
          </Form.Item>
          <Form.Item label="时限" name="dueDate" rules={[{ required: true, whitespace: true, message: '请填写时限' }]} extra="YYYY-MM-DD">
            <Input style={{ width: 140 }} />
          </Form.Item>
        </Space>
        <DueDateNote />
      </CommandForm>
    </Card>
  );
}
